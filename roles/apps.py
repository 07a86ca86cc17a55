from django.apps import AppConfig
from django.db.models.signals import post_save


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Role profiles"

    def ready(self) -> None:
        from competencies.models import (
            Competency,
            CompetencyFramework,
            ProficiencyLevel,
            RequirementCategory,
        )
        from roles import printing  # noqa: F401  (registers the role PDF's builder, core.pdf)
        from roles.models import Grade, JobFamily

        # Renaming what a profile shows moves the version of every role showing it.
        names = (JobFamily, Grade, RequirementCategory, Competency, ProficiencyLevel)
        for model in (*names, CompetencyFramework):
            post_save.connect(
                _names_changed, sender=model, dispatch_uid=f"roles.names_changed.{model.__name__}"
            )


def _names_changed(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    from roles.models import Role

    Role.bump_versions_showing(instance)
