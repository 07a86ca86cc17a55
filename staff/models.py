"""Staff profiles, line management, level history, assessments and evidence."""

from functools import cached_property

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Lookup, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from core.access import is_hr
from core.fields import typed_text
from core.history import AuditedHistory
from roles.models import Level, RequirementItem

# Every profile below a manager, however deep, in one query that both SQLite and
# PostgreSQL run: the tree is walked in the database, not in Python.
_SUBORDINATES_SQL = """
    WITH RECURSIVE below(id) AS (
        SELECT id FROM staff_staffprofile WHERE line_manager_id = %s
        UNION
        SELECT p.id FROM staff_staffprofile p JOIN below b ON p.line_manager_id = b.id
    )
    SELECT id FROM below
"""


class ReportsUpTo(Lookup):
    """`pk__reports_up_to=manager_pk`: the profile is somewhere below that manager.

    PostgreSQL cannot estimate how many rows a recursive query returns, and joined to the
    staff table as `IN (...)` it guessed a whole-table hash join: 45 ms even for a team of
    four. `= ANY(ARRAY(...))` runs the walk once and looks the ids up by primary key.
    """

    lookup_name = "reports_up_to"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        walk = _SUBORDINATES_SQL.replace("%s", rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(ARRAY({walk}))", [*lhs_params, *rhs_params]
        return f"{lhs} IN ({walk})", [*lhs_params, *rhs_params]


# What a person may type into one box: room for a careful account, never a pasted file.
EVIDENCE_MAX_LENGTH = 5000
COMMENT_MAX_LENGTH = 5000
SUMMARY_MAX_LENGTH = 10000
REASON_MAX_LENGTH = 2000


def text_limits(model_name: str, **limits: int) -> list[models.CheckConstraint]:
    """The database's own refusal of text over its limit (what a person types into an
    assessment is also written by code that never runs `full_clean`)."""
    return [
        models.CheckConstraint(
            condition=LessThanOrEqual(Length(field), limit),
            name=f"{model_name}_{field}_length",
            violation_error_message=f"The {field.replace('_', ' ')} is longer than "
            f"{limit} characters.",
        )
        for field, limit in limits.items()
    ]


class StaffProfileQuerySet(models.QuerySet):
    def below(self, manager):
        """Everyone whose management chain leads up to `manager` (a StaffProfile)."""
        return self.filter(pk__reports_up_to=manager.pk)

    def visible_to(self, user):
        """HR sees everyone; a manager sees themselves and everyone below; others themselves."""
        if is_hr(user):
            return self.all()
        profile = profile_of(user)
        if profile is None:
            return self.none()
        return self.filter(Q(pk=profile.pk) | Q(pk__reports_up_to=profile.pk))

    def with_level_in_force(self, day=None):
        """Annotate the level in force on `day` (today by default) and its role, order and
        start, for lists that filter and sort by it: the last change whose date has come,
        else the recorded level (the same rule as staff.standing, in the database)."""
        day = day or timezone.localdate()
        due = LevelChange.objects.filter(staff=OuterRef("pk"), effective_date__lte=day).order_by(
            "-effective_date", "-recorded_at", "-pk"
        )
        now = Level.objects.filter(pk=OuterRef("level_now_id"))
        return self.annotate(
            level_now_id=Coalesce(
                Subquery(due.values("to_level_id")[:1]),
                F("level_id"),
                output_field=models.BigIntegerField(),
            ),
            level_now_since=Coalesce(
                Subquery(due.values("effective_date")[:1]), F("level_reached_on")
            ),
        ).annotate(
            level_now_role_id=Subquery(now.values("role_id")[:1]),
            level_now_role_title=Subquery(now.values("role__title")[:1]),
            level_now_order=Subquery(now.values("order")[:1]),
        )

    def with_role(self):
        return self.select_related(
            "user", "level__role__grade", "level__grade", "line_manager__user"
        )


class StaffProfile(models.Model):
    """A person: their login, role and level (the level belongs to the role), and manager.

    The profile stores the level, and the role is the level's role, so a level that
    belongs to another role cannot be recorded at all.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    employee_number = models.CharField(max_length=30, unique=True)
    level = models.ForeignKey(
        Level,
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
        help_text="The level in force when it was last recorded; a change scheduled for a later "
        "date takes effect on that date without touching this field (see staff.standing). "
        "Changed only through staff.history.level_change_record.",
    )
    level_reached_on = models.DateField("date level reached", null=True, blank=True)
    line_manager = models.ForeignKey(
        "self",
        # A manager's profile with reports is not deleted: they are given a new manager first.
        on_delete=models.PROTECT,
        related_name="direct_reports",
        null=True,
        blank=True,
    )

    objects = StaffProfileQuerySet.as_manager()
    history = AuditedHistory()

    class Meta:
        ordering = ["user__last_name", "user__first_name", "employee_number"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(line_manager_id=F("id")), name="staff_not_own_line_manager"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def role(self):
        return self.level.role if self.level_id else None

    def clean(self):
        if not self.line_manager_id:
            return
        if self.pk and self.line_manager_id == self.pk:
            raise ValidationError({"line_manager": "Nobody can be their own line manager."})
        if self.pk and StaffProfile.objects.below(self).filter(pk=self.line_manager_id).exists():
            raise ValidationError(
                {
                    "line_manager": f"{self.line_manager} reports to {self.name}, directly or "
                    "through others; choosing them would make a loop in the management tree."
                }
            )

    def is_managed_by(self, manager) -> bool:
        return StaffProfile.objects.below(manager).filter(pk=self.pk).exists()


StaffProfile._meta.pk.register_lookup(ReportsUpTo)


def profile_of(user) -> StaffProfile | None:
    """The user's staff profile, or None. Read once per user object (Django keeps it on the
    user): the navigation, the querysets and the permission checks of a request all ask."""
    if not (user and user.is_authenticated):
        return None
    try:
        return user.staff_profile
    except ObjectDoesNotExist:
        return None


class LevelChange(models.Model):
    """One step in a person's level history, with the assessment that justified it."""

    staff = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="level_changes")
    from_level = models.ForeignKey(
        Level, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    to_level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="+")
    effective_date = models.DateField()
    assessment = models.ForeignKey(
        "Assessment",
        on_delete=models.PROTECT,
        related_name="level_changes",
        null=True,
        blank=True,
    )
    note = typed_text(REASON_MAX_LENGTH, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["staff", "-effective_date", "-recorded_at"]
        constraints = text_limits("levelchange", note=REASON_MAX_LENGTH)

    def __str__(self):
        return f"{self.staff}: {self.to_level} from {self.effective_date}"


class LineManagerChange(models.Model):
    """Who changed a person's line manager, when, and from whom to whom."""

    staff = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="line_manager_changes"
    )
    from_manager = models.ForeignKey(
        StaffProfile, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    to_manager = models.ForeignKey(
        StaffProfile, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["staff", "-changed_at", "-pk"]

    def __str__(self):
        return f"{self.staff}: line manager {self.from_manager or '—'} → {self.to_manager or '—'}"


class Rating(models.TextChoices):
    NOT_MET = "not_met", "Not met"
    PARTLY_MET = "partly_met", "Partly met"
    MET = "met", "Met"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class AssessmentQuerySet(models.QuerySet):
    def shown(self):
        """Those the person assessed has been shown: submitted, acknowledged or approved.
        Never a draft, nor one HR returned to the manager (until it is submitted again)."""
        return self.filter(status__in=Assessment.SHOWN)

    def visible_to(self, user):
        """HR sees all but their own unshown ones; a manager those of people below them;
        everyone sees their own once shown to them. HR and superusers never read a draft
        (or a returned assessment) about themselves."""
        if not user.is_authenticated:
            return self.none()
        not_shown_to_me = Q(staff__user=user) & ~Q(status__in=Assessment.SHOWN)
        if is_hr(user):
            return self.exclude(not_shown_to_me)
        profile = profile_of(user)
        if profile is None:
            return self.none()
        own = Q(staff=profile) & Q(status__in=Assessment.SHOWN)
        return self.filter(own | Q(staff_id__reports_up_to=profile.pk))

    def with_people(self):
        return self.select_related(
            "staff__user", "staff__level__role", "assessor", "target_level__role"
        )


class Assessment(models.Model):
    """A manager's record of a staff member against a target level, item by item."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned"
        CLOSED = "closed", "Closed"

    class Recommendation(models.TextChoices):
        PROGRESS = "progress", "Progress"
        NOT_YET = "not_yet", "Not yet"

    staff = models.ForeignKey(StaffProfile, on_delete=models.PROTECT, related_name="assessments")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments_made"
    )
    target_level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    recommendation = models.CharField(max_length=10, choices=Recommendation.choices, blank=True)
    summary = typed_text(SUMMARY_MAX_LENGTH, blank=True)
    employee_comment = typed_text(COMMENT_MAX_LENGTH, blank=True)
    return_reason = typed_text(REASON_MAX_LENGTH, blank=True)
    override_reason = typed_text(
        REASON_MAX_LENGTH,
        blank=True,
        help_text="Why HR approved although the level's progression rule is not met.",
    )
    effective_date = models.DateField(null=True, blank=True)
    # Bumped on every save, so that a save based on a stale copy is refused, not applied.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()
    history = AuditedHistory()

    # The manager edits while drafting, and again once HR has returned it.
    EDITABLE = (Status.DRAFT, Status.RETURNED)
    # Still moving through the workflow: a person has at most one of these at a time.
    OPEN = (Status.DRAFT, Status.SUBMITTED, Status.ACKNOWLEDGED, Status.RETURNED)
    # What the person assessed has been shown: only these ratings count towards standing.
    # A returned one goes back to the manager and is hidden again until resubmitted.
    SHOWN = (Status.SUBMITTED, Status.ACKNOWLEDGED, Status.APPROVED)

    class Meta:
        ordering = ["-created_at"]
        # HR's approvals queue: a few waiting among many thousands decided, oldest first.
        indexes = [models.Index(fields=["status", "updated_at"], name="assessment_status_updated")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(effective_date__isnull=False),
                name="assessment_approved_has_effective_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="assessment_returned_has_reason",
            ),
            *text_limits(
                "assessment",
                summary=SUMMARY_MAX_LENGTH,
                employee_comment=COMMENT_MAX_LENGTH,
                return_reason=REASON_MAX_LENGTH,
                override_reason=REASON_MAX_LENGTH,
            ),
        ]

    def __str__(self):
        return f"{self.staff} against {self.target_level}"

    @property
    def is_read_only(self) -> bool:
        return self.status in (self.Status.APPROVED, self.Status.CLOSED)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


Assessment._meta.get_field("staff").register_lookup(ReportsUpTo)


class AssessmentItem(models.Model):
    """One rating of an assessment, keeping the requirement's text as it was assessed."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    requirement = models.ForeignKey(
        RequirementItem,
        on_delete=models.SET_NULL,
        related_name="assessment_items",
        null=True,
        blank=True,
    )
    order = models.PositiveIntegerField()
    # The heading and level it was assessed under, as they were then.
    category_name = models.CharField(max_length=300)
    level_code = models.CharField(max_length=120)
    text = models.TextField()
    sub_points = models.TextField(blank=True)
    is_essential = models.BooleanField(default=True)
    rating = models.CharField(max_length=16, choices=Rating.choices, blank=True)
    comment = typed_text(COMMENT_MAX_LENGTH, blank=True)

    history = AuditedHistory()

    class Meta:
        ordering = ["assessment", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "order"], name="unique_item_order_per_assessment"
            ),
            models.UniqueConstraint(
                fields=["assessment", "requirement"], name="unique_requirement_per_assessment"
            ),
            *text_limits("assessmentitem", comment=COMMENT_MAX_LENGTH),
        ]

    def __str__(self):
        return self.text[:80]

    @classmethod
    def snapshot_of(cls, requirement: RequirementItem, **fields) -> "AssessmentItem":
        """An unsaved item keeping the requirement's words as they are now, so later edits
        of the role profile never rewrite what was assessed."""
        return cls(
            requirement=requirement,
            category_name=requirement.heading,
            level_code=requirement.level.code,
            text=requirement.text,
            sub_points=requirement.sub_points,
            is_essential=requirement.is_essential,
            **fields,
        )


class AssessmentEvent(models.Model):
    """A change of an assessment's state: who moved it, when, and why."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, choices=Assessment.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Assessment.Status.choices)
    # Empty only for a change made without a signed-in person (a staff list loaded by a command).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    at = models.DateTimeField(auto_now_add=True)
    note = typed_text(COMMENT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["assessment", "at", "pk"]
        constraints = text_limits("assessmentevent", note=COMMENT_MAX_LENGTH)

    def __str__(self):
        who = self.actor or "the system"
        return f"{self.get_to_status_display()} by {who} at {self.at:%Y-%m-%d %H:%M}"


class Evidence(models.Model):
    """Evidence that a person meets one or more requirements. Added, never edited:
    a correction is a new entry that points at the one it corrects."""

    staff = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="evidence")
    requirements = models.ManyToManyField(RequirementItem, related_name="evidence")
    assessment = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, related_name="evidence", null=True, blank=True
    )
    text = typed_text(EVIDENCE_MAX_LENGTH)
    link = models.URLField(blank=True)
    corrects = models.ForeignKey(
        "self", on_delete=models.SET_NULL, related_name="corrections", null=True, blank=True
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-added_at", "-pk"]
        verbose_name_plural = "evidence"
        constraints = text_limits("evidence", text=EVIDENCE_MAX_LENGTH)

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Evidence is never edited; add a correction instead.")
        super().save(*args, **kwargs)


class SelfRating(models.Model):
    """An employee's own rating of a requirement. It never changes the manager's."""

    staff = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="self_ratings")
    requirement = models.ForeignKey(
        RequirementItem, on_delete=models.CASCADE, related_name="self_ratings"
    )
    rating = models.CharField(max_length=16, choices=Rating.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "requirement"], name="unique_self_rating_per_requirement"
            ),
        ]

    def __str__(self):
        return f"{self.staff}: {self.get_rating_display()}"


class Pipeline(models.TextChoices):
    """Where a person is in the readiness pipeline (staff.summaries.pipeline_bucket), in the
    pipeline's order."""

    READY = "ready", "Ready now"
    CLOSE = "close", "Close (1 or 2 essential items outstanding)"
    FURTHER = "further", "Further away"
    NOT_ASSESSED = "not_assessed", "Not assessed yet"
    AT_TOP = "at_top", "At the top level"
    NO_LEVEL = "no_level", "No level recorded"


class StandingSummaryQuerySet(models.QuerySet):
    def stale(self, day=None):
        """Summaries that no longer say what the person's standing says on `day` (today by
        default): their role has changed since (its version moved on), or a level change
        scheduled when they were written has come."""
        day = day or timezone.localdate()
        return self.filter(
            Q(level__isnull=False) & ~Q(role_version=F("level__role__version"))
            | Q(stale_from__lte=day)
        )


class StandingSummary(models.Model):
    """What HR's dashboard counts, and the lists of people (the team page, approvals) show, of
    a person's standing, stored so that it is counted in the database and a page of people is
    one query: written only by staff.summaries from the standing itself, never worked out
    another way. A person without one, or with one `stale()`, is brought up to date by
    `summaries_refresh`.

    It reads as a standing does in those lists' templates (staff/includes/standing.html):
    `level`, `since`, `next_level`, `scheduled_words`, `towards_next`, `shown_assessment`."""

    staff = models.OneToOneField(
        StaffProfile, on_delete=models.CASCADE, primary_key=True, related_name="standing_summary"
    )
    # Deleting a level (with its role) deletes the summary: the person is then out of date.
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="+", null=True)
    next_level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="+", null=True)
    since = models.DateField(null=True)
    pipeline = models.CharField(max_length=12, choices=Pipeline.choices)
    # The essential items (or "at least N of" groups) still to meet for the next level.
    essential_outstanding = models.JSONField(default=list)
    last_assessed = models.DateField(null=True)
    # The version of the level's role the summary was written from.
    role_version = models.PositiveIntegerField(null=True)
    # The date of a level change scheduled when the summary was written: it is out of date then.
    stale_from = models.DateField(null=True)
    # That change in words ("Level B from 1 December 2026"), else "".
    scheduled_words = models.CharField(max_length=300, blank=True, default="")
    # Readiness for the next level (staff.standing.Readiness) as the rule worked it out; the
    # essential items outstanding are above. All 0 and empty without a next level.
    counted = models.PositiveIntegerField(default=0)
    met = models.PositiveIntegerField(default=0)
    desirable_not_met = models.JSONField(default=list)
    desirable_total = models.PositiveIntegerField(default=0)
    desirable_met = models.PositiveIntegerField(default=0)
    desirable_required = models.PositiveIntegerField(default=0)
    written_at = models.DateTimeField(auto_now=True)

    objects = StandingSummaryQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["pipeline"], name="standing_summary_pipeline"),
            models.Index(fields=["stale_from"], name="standing_summary_stale_from"),
        ]

    def __str__(self):
        return f"{self.staff_id}: {self.get_pipeline_display()}"

    @cached_property
    def towards_next(self):
        """Readiness for the next level, as written from the standing: the rule's result, not
        the rule (staff.standing), so every figure and word of it is the live one's."""
        from staff.standing import Readiness  # staff.standing reads these models

        if self.next_level_id is None:
            return None
        return Readiness(
            counted=self.counted,
            met=self.met,
            essential_outstanding=self.essential_outstanding,
            desirable_not_met=self.desirable_not_met,
            desirable_total=self.desirable_total,
            desirable_met=self.desirable_met,
            desirable_required=self.desirable_required,
            level=self.next_level,
        )

    @property
    def shown_assessment(self) -> bool:
        """Whether the person had been shown an assessment (of which a summary keeps the date
        only), tested as a standing's is."""
        return self.last_assessed is not None
