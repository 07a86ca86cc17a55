"""The reminders job, run by the task worker on each cycle's reminder dates."""

from django_tasks import task

from reviews.cycles import reminders_send


@task()
def send_reminders() -> int:
    return reminders_send()
