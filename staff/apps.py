from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = "Staff and assessments"

    def ready(self) -> None:
        # The person's PDF builder registers itself, for the task worker too (core.pdf); the
        # summaries hear an assessment or a level change deleted (staff.summaries).
        from staff import printing, summaries  # noqa: F401
