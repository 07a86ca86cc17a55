"""A record of every email the site sends, so none is lost to a mail server being down."""

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

    `key` names the subject and its version ("role:12:v7"; a person's page by a digest of
    what it prints); `content` is empty while the worker is still rendering it. Only the
    latest version of each subject is kept.
    """

    key = models.CharField(max_length=200, unique=True)
    content = models.BinaryField(null=True, editable=False)
    requested_at = models.DateTimeField()
    ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = "PDF document"

    def __str__(self):
        return self.key
