"""What the site keeps for its own work: emails to send, PDFs rendered, long jobs in progress."""

from django.conf import settings
from django.db import models


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        # Waiting for the worker, for the first time or for another attempt.
        QUEUED = "queued", "Waiting to be sent"
        # A worker has it now; left here only if the worker stopped mid-send.
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        # Every attempt failed; HR can send it again from the admin.
        FAILED = "failed", "Not delivered"

    subject = models.CharField(max_length=255)
    body = models.TextField()
    recipients = models.JSONField(help_text="The addresses the message goes to.")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "outgoing email"

    def __str__(self) -> str:
        return self.subject


class PdfDocument(models.Model):
    """A PDF download, rendered by the task worker and kept for the version of what it shows.

    `key` names the kind, the record and its version ("role:12:v7"; a person's page by a
    digest of what it prints, staff.standing.standing_version); `content` is empty until the
    worker has made it. Only the latest version of each record is kept.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Being prepared"
        MADE = "made", "Made"
        # The worker could not make it; the download page offers to try again.
        FAILED = "failed", "Failed"

    key = models.CharField(max_length=200, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    content = models.BinaryField(null=True, editable=False)
    requested_at = models.DateTimeField()
    ready_at = models.DateTimeField(null=True, blank=True)
    # The task queued to make it (its latest), to see whether it died without making it.
    task_id = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["key"]
        verbose_name = "PDF document"

    def __str__(self):
        return self.key


class BackgroundJob(models.Model):
    """Long work a person asked for, done by the task worker while their page shows how far it
    has come (core.jobs). Only the person who started it sees it.

    `upload` holds the file the work reads, until the work no longer needs it; `summary` is
    what the finished page shows; `details` a list of parts shown one at a time on request.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the task worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Stopped"

    kind = models.CharField(max_length=100, help_text="The task that does the work.")
    title = models.CharField(max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="background_jobs"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=255, blank=True, help_text="What it is doing now.")
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True, help_text="Why it stopped, for the person.")
    arguments = models.JSONField(default=dict)
    upload = models.BinaryField(null=True, editable=False)
    upload_name = models.CharField(max_length=255, blank=True)
    summary = models.JSONField(null=True, editable=False)
    details = models.JSONField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "background job"

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int | None:
        """How far it has come, or None while that cannot be told (the bar then just moves)."""
        if self.status == self.Status.DONE:
            return 100
        return min(100, 100 * self.done // self.total) if self.total else None
