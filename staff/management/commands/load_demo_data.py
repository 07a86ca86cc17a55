"""`manage.py load_demo_data`: the demo organisation; a second run changes nothing."""

from django.core.management.base import BaseCommand

from staff.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_data_load


class Command(BaseCommand):
    help = "Create a small invented organisation with roles, levels and staff for the demo."

    def handle(self, *args, **options):
        created = demo_data_load()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {created} objects created."))
        else:
            self.stdout.write("Demo data was already loaded; nothing changed.")
        self.stdout.write(f"Sign in as {', '.join(DEMO_LOGINS)} with the password {DEMO_PASSWORD}")
