from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = "Staff and assessments"

    def ready(self) -> None:
        # The person's PDF builder registers itself, for the task worker too (core.pdf).
        from staff import printing  # noqa: F401

        # Deleting an assessment or a level change forgets the person's stored summary.
        from staff import summaries  # noqa: F401
