"""Review cycles: an assessment round HR opens for a group of people, and the reminders sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from roles.models import JobFamily, Role
from staff.models import Assessment, StaffProfile


class ReviewCycleQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)


class ReviewCycle(models.Model):
    """A round of assessments with a due date, for the people who matched HR's choice when it
    was opened (the choice is kept to say who it was for; the entries say who is in it)."""

    name = models.CharField(max_length=200)
    due_date = models.DateField()
    department = models.CharField(max_length=200, blank=True)
    job_family = models.ForeignKey(
        JobFamily, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    manager = models.ForeignKey(
        StaffProfile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Everyone below this manager, however deep.",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewCycleQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_by__isnull=False),
                name="reviewcycle_closed_by_someone",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def who_words(self) -> str:
        """ "Department: Finance; job family: Insurance", or "Everyone"."""
        parts = [
            f"{label}: {value}"
            for label, value in (
                ("department", self.department),
                ("job family", self.job_family),
                ("role", self.role.title if self.role_id else ""),
                ("below", self.manager),
            )
            if value
        ]
        words = "; ".join(parts)
        return words[:1].upper() + words[1:] if parts else "Everyone with a level"


class CycleEntry(models.Model):
    """One person matched by a cycle: the draft made for them, or why none was made."""

    class Outcome(models.TextChoices):
        CREATED = "created", "Draft created"
        ALREADY_OPEN = "already_open", "Already in an open assessment"
        NO_MANAGER = "no_manager", "No line manager"
        NO_LEVEL = "no_level", "No level recorded"

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="entries")
    staff = models.ForeignKey(StaffProfile, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    # The cycle's own draft, or the open assessment the person was already in.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="cycle_entries"
    )

    class Meta:
        ordering = ["cycle", "pk"]
        verbose_name_plural = "cycle entries"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "staff"], name="unique_person_per_cycle"),
            models.CheckConstraint(
                condition=~Q(outcome="created") | Q(assessment__isnull=False),
                name="cycleentry_created_has_assessment",
            ),
        ]

    def __str__(self):
        return f"{self.cycle}: {self.staff} ({self.get_outcome_display()})"


class CycleReminder(models.Model):
    """A reminder sent about one entry; the unique constraint is what makes it sent once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    entry = models.ForeignKey(CycleEntry, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entry", "sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "kind"], name="one_reminder_per_entry_and_kind"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient} about {self.entry.staff}"
