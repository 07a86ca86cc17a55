"""Job families, grades, role profiles, their levels and requirement items."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from competencies.models import (
    Competency,
    CompetencyFramework,
    ProficiencyLevel,
    RequirementCategory,
)
from core import history as audit
from core.access import is_hr
from core.dates import DatePrecision, as_precise_as, last_day, precision_field, written_date
from core.fields import DESCRIPTION_MAX_LENGTH, DUTIES_MAX_LENGTH, ITEM_MAX_LENGTH, typed_text
from core.history import AuditedHistory
from core.html import sanitise_html


class JobFamily(models.Model):
    """A group of related roles (Case Management, Legal, Insurance)."""

    name = models.CharField(max_length=200, unique=True)
    description = typed_text(DESCRIPTION_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "job families"

    def __str__(self):
        return self.name


class GradingScheme(models.Model):
    """A pay scale whose grades are ordered (Medway's ranges, NHS-style bands)."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Grade(models.Model):
    """A pay grade within a grading scheme: "Range 3", "Band 6", "Core, Level 1"."""

    scheme = models.ForeignKey(GradingScheme, on_delete=models.PROTECT, related_name="grades")
    name = models.CharField(max_length=120)
    order = models.PositiveIntegerField(help_text="Position in the scheme, lowest grade first.")

    class Meta:
        ordering = ["scheme__name", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "order"], name="unique_grade_order_per_scheme"
            ),
            models.UniqueConstraint(fields=["scheme", "name"], name="unique_grade_name_per_scheme"),
        ]

    def __str__(self):
        return self.name


class RoleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Role.Status.PUBLISHED)

    def visible_to(self, user):
        """Everyone signed in reads published roles; HR also sees drafts and archived ones."""
        if is_hr(user):
            return self.all()
        if user.is_authenticated:
            return self.published()
        return self.none()

    def for_catalogue(self):
        return self.select_related("job_family", "grade", "top_grade")

    def review_overdue(self, today):
        """Roles whose next review is past: a day once it has gone, a month ("March 2025")
        once the whole month has (Role.next_review_due in the database's terms)."""
        return self.filter(
            Q(next_review__lt=today, next_review_precision=DatePrecision.DAY)
            | Q(next_review__lt=today.replace(day=1), next_review_precision=DatePrecision.MONTH)
        )


class Role(models.Model):
    """A role profile: what a job is, its grade, and what each of its levels asks."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    class LevelStructure(models.TextChoices):
        CUMULATIVE = "cumulative", "Cumulative: each level adds to the levels below it"
        STANDALONE = "standalone", "Standalone: each level lists everything it asks"

    title = models.CharField(max_length=200)
    job_family = models.ForeignKey(
        JobFamily, on_delete=models.PROTECT, related_name="roles", null=True, blank=True
    )
    grade = models.ForeignKey(
        Grade,
        on_delete=models.PROTECT,
        related_name="roles",
        null=True,
        blank=True,
        help_text="The role's grade, or the bottom of its grade range.",
    )
    top_grade = models.ForeignKey(
        Grade,
        on_delete=models.PROTECT,
        related_name="roles_topping_out",
        null=True,
        blank=True,
        help_text="The top of the grade range, for roles that span several grades.",
    )
    job_reference = models.CharField(max_length=60, blank=True)
    purpose = typed_text(
        DESCRIPTION_MAX_LENGTH, blank=True, help_text="The role's overall purpose."
    )
    duties_html = typed_text(
        DUTIES_MAX_LENGTH,
        "duties",
        blank=True,
        help_text="Paragraphs, lists, bold and italic are kept; any other markup is removed.",
    )
    department = models.CharField(max_length=200, blank=True)
    division = models.CharField(max_length=200, blank=True)
    service_area = models.CharField(max_length=200, blank=True)
    reports_to = models.CharField("responsible to", max_length=200, blank=True)
    direct_reports = models.CharField(
        max_length=300, blank=True, help_text='For example "None" or "2 to 3 Insurance Officers".'
    )
    scope = typed_text(DESCRIPTION_MAX_LENGTH, blank=True)
    budget = models.CharField(max_length=200, blank=True)
    regulated_functions = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    level_structure = models.CharField(
        max_length=10,
        choices=LevelStructure.choices,
        default=LevelStructure.CUMULATIVE,
        help_text="How the role profile writes its levels: each one in addition to the levels "
        "below it, or each one whole.",
    )
    date_developed = models.DateField(null=True, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    next_review = models.DateField(null=True, blank=True)
    # Profiles often give only a month ("Last reviewed: March 2025"); kept as written.
    date_developed_precision = precision_field("date developed")
    last_reviewed_precision = precision_field("last reviewed")
    next_review_precision = precision_field("next review")
    # Bumped on every save of the role or of its levels and items (the admin page, an import,
    # publishing), so that a save based on a stale copy of the page is refused, not applied.
    version = models.PositiveIntegerField(default=1)
    # What is worked out from a role and kept under its version (its rendered profile on the
    # role page, the family path and the print page; its items for standings) stays until the
    # version moves on (`bump_versions` too); the expiry only frees room.
    KEPT_PER_VERSION_SECONDS = 24 * 3600
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoleQuerySet.as_manager()
    history = AuditedHistory()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "grade"],
                name="unique_role_title_per_grade",
            ),
            models.CheckConstraint(
                condition=Q(next_review__isnull=True)
                | Q(last_reviewed__isnull=True)
                | Q(next_review__gte=models.F("last_reviewed")),
                name="role_next_review_after_last_review",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.grade_label})" if self.grade_id else self.title

    def save(self, *args, **kwargs):
        # Duties arrive from the admin and from imported files: never store unsafe markup.
        self.duties_html = sanitise_html(self.duties_html)
        self.keep_dates_as_written()
        if self.pk is not None and not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    @classmethod
    def bump_versions(cls, pks) -> None:
        """Mark roles as changed when only their levels or items were written."""
        cls.objects.filter(pk__in=pks).update(
            version=models.F("version") + 1, updated_at=timezone.now()
        )

    @classmethod
    def bump_versions_showing(cls, instance) -> None:
        """A role's profile shows the names of its family, grades, categories and
        competencies: renaming one changes every profile that shows it, so those roles'
        versions move on (their cached profiles are keyed on it)."""
        showing = {
            JobFamily: Q(job_family=instance),
            Grade: Q(grade=instance) | Q(top_grade=instance) | Q(levels__grade=instance),
            RequirementCategory: Q(levels__requirement_groups__category=instance),
            Competency: Q(role_competencies__competency=instance),
            ProficiencyLevel: Q(role_competencies__proficiency=instance),
            CompetencyFramework: Q(role_competencies__competency__framework=instance),
        }[type(instance)]
        cls.bump_versions(cls.objects.filter(showing).values("pk"))

    def keep_dates_as_written(self) -> None:
        """A month-only date is stored as the first of its month (core.dates)."""
        for name in REVIEW_DATE_FIELDS:
            precision = getattr(self, f"{name}_precision")
            setattr(self, name, as_precise_as(getattr(self, name), precision))

    @property
    def date_developed_written(self) -> str:
        return written_date(self.date_developed, self.date_developed_precision)

    @property
    def last_reviewed_written(self) -> str:
        return written_date(self.last_reviewed, self.last_reviewed_precision)

    @property
    def next_review_written(self) -> str:
        return written_date(self.next_review, self.next_review_precision)

    @property
    def next_review_due(self):
        """The last day of the next review: a month-only review is due by the month's end."""
        return last_day(self.next_review, self.next_review_precision)

    @property
    def grade_label(self) -> str:
        if self.grade_id and self.top_grade_id and self.top_grade_id != self.grade_id:
            return f"{self.grade} to {self.top_grade}"
        return str(self.grade) if self.grade_id else ""

    def clean(self):
        errors = {}
        if self.grade_id and self.top_grade_id:
            if self.grade.scheme_id != self.top_grade.scheme_id:
                errors["top_grade"] = "The top grade must be in the same grading scheme."
            elif self.top_grade.order < self.grade.order:
                errors["top_grade"] = "The top grade must not be below the role's grade."
        if self.last_reviewed and self.next_review and self.next_review < self.last_reviewed:
            errors["next_review"] = "The next review cannot come before the last review."
        if errors:
            raise ValidationError(errors)


REVIEW_DATE_FIELDS = ("date_developed", "last_reviewed", "next_review")


class LevelQuerySet(models.QuerySet):
    def with_role(self):
        return self.select_related("role", "grade")


class CurrentLevelManager(models.Manager.from_queryset(LevelQuerySet)):
    """Roles see their current levels only: a level an import removed while items of it were
    in people's records is kept, retired, for those records (levels_retire)."""

    def get_queryset(self):
        return super().get_queryset().filter(retired_at__isnull=True)


class Level(models.Model):
    """An ordered step within a role. In a cumulative role, B asks what A asks and more; in a
    standalone one, each level lists everything it asks (`Level.asks`).

    The order is stored, never read from the code: some frameworks count down. A role written
    without levels has one level with no code, shown as the role's profile, not as "Level 1".
    """

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="levels")
    code = models.CharField(
        max_length=120,
        blank=True,
        help_text='As people say it: "A", "1", "Team Leader". Blank only for the one level of a '
        "role written without levels.",
    )
    name = models.CharField(max_length=200, blank=True, help_text='For example "Developing".')
    description = typed_text(
        DESCRIPTION_MAX_LENGTH, blank=True, help_text="What the level means, as the profile says."
    )
    order = models.PositiveIntegerField(help_text="Position within the role, lowest level first.")
    grade = models.ForeignKey(
        Grade,
        on_delete=models.PROTECT,
        related_name="levels",
        null=True,
        blank=True,
        help_text="Only where this level has a grade of its own.",
    )
    min_desirable_met = models.PositiveIntegerField(
        "desirable items required",
        null=True,
        blank=True,
        help_text="How many desirable items must be met to progress to this level. "
        "Blank means all of them. Every essential item must always be met.",
    )

    # Set instead of deleting a level some of whose items are in people's records: kept with
    # those items, no longer one of the role's levels, and moved out of the order (and its code
    # freed) so that a new level may take its place.
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CurrentLevelManager()
    all_objects = LevelQuerySet.as_manager()
    history = AuditedHistory()

    class Meta:
        ordering = ["role", "order"]
        constraints = [
            models.UniqueConstraint(fields=["role", "order"], name="unique_level_order_per_role"),
            models.UniqueConstraint(
                fields=["role", "code"],
                condition=Q(retired_at__isnull=True),
                name="unique_level_code_per_role",
                # A condition makes Django's message name the constraint, not the fields.
                violation_error_message="A level with this code already exists in this role.",
            ),
        ]

    def __str__(self):
        if not self.code:
            return self.name or "The role's requirements"
        label = f"Level {self.code}"
        return f"{label} ({self.name})" if self.name else label

    @property
    def effective_grade(self):
        return self.grade or self.role.grade

    def asks(self, items):
        """Which of `items` (its role's current items, each with its level at hand) a person
        must meet at this level: the one rule every page, assessment and readiness applies.

        Standalone: this level's own items. Cumulative: the items of this level and every
        level below it, less those a later item up to this level replaces (with a stronger
        version of the same skill).
        """
        if self.role.level_structure == Role.LevelStructure.STANDALONE:
            return [item for item in items if item.level_id == self.pk]
        up_to_here = [item for item in items if item.level.order <= self.order]
        replaced = {item.replaces_id for item in up_to_here if item.replaces_id}
        return [item for item in up_to_here if item.pk not in replaced]

    def adds_to(self, lower: "Level", items):
        """What this level asks beyond what `lower` asks, from `items` as for `asks`. In a
        standalone role each level writes its items again, so an item `lower` asks in the
        same words is no addition."""
        below = lower.asks(items)
        ids = {item.pk for item in below}
        words = {_same_words(item.text) for item in below}
        return [
            item
            for item in self.asks(items)
            if item.pk not in ids and _same_words(item.text) not in words
        ]

    def items_up_to_here(self):
        """The role's current items of this level and the levels below, in display order (by
        level, then the group's place in it, then the item's; roles.requirement_groups.by_group
        gathers them under their groups): what `asks` chooses from."""
        return (
            RequirementItem.objects.filter(
                level__role_id=self.role_id, level__order__lte=self.order
            )
            .select_related("level", "group")
            .order_by(*RequirementItem.DISPLAY_ORDER)
        )

    def requirements(self):
        """Every item a person must meet at this level (`asks`), in display order."""
        asked = self.asks(self.items_up_to_here())
        return self.items_up_to_here().filter(pk__in=[item.pk for item in asked])

    def next_level(self):
        return self.role.levels.filter(order__gt=self.order).order_by("order").first()

    def previous_level(self):
        return self.role.levels.filter(order__lt=self.order).order_by("-order").first()


class RequirementGroup(models.Model):
    """A heading within a level and the items under it, as the role profile writes them: an
    optional lead-in ("With supervision:"), a share of the time, and a rule (every item, or at
    least N of them). Headings are free text, kept even when empty or repeated; the shared
    category is an optional link for filtering and reports."""

    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="requirement_groups")
    order = models.PositiveIntegerField(help_text="Position within its level.")
    heading = models.CharField(max_length=300, blank=True, help_text='For example "Knowledge".')
    category = models.ForeignKey(
        RequirementCategory,
        on_delete=models.PROTECT,
        related_name="requirement_groups",
        null=True,
        blank=True,
        help_text="The shared category this heading counts under in filters and reports.",
    )
    lead_in = models.CharField(
        max_length=300, blank=True, help_text='Words before the items: "With supervision:".'
    )
    weight = models.PositiveSmallIntegerField(
        "share of time (%)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text='For groups weighted by the time they take: "30% of time".',
    )
    at_least = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Blank: every item is asked. A number N: at least N of the items.",
    )

    history = AuditedHistory()

    class Meta:
        ordering = ["level", "order"]
        constraints = [
            models.UniqueConstraint(fields=["level", "order"], name="unique_group_order_per_level"),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__lte=100),
                name="requirement_group_weight_at_most_100",
            ),
            models.CheckConstraint(
                condition=Q(at_least__isnull=True) | Q(at_least__gte=1),
                name="requirement_group_at_least_one",
            ),
        ]

    def __str__(self):
        return self.heading or "(no heading)"

    @property
    def rule(self) -> str:
        """ "Any 2 of these" for an at-least rule, else ""."""
        return f"Any {self.at_least} of these" if self.at_least else ""

    @property
    def notes(self) -> list[str]:
        """What a page shows under the heading: lead-in, share of time, rule."""
        notes = [self.lead_in] if self.lead_in else []
        if self.weight is not None:
            notes.append(f"{self.weight}% of time")
        if self.rule:
            notes.append(self.rule)
        return notes


class RequirementItemQuerySet(models.QuerySet):
    def in_use(self):
        """Items someone has been rated against, rated themselves against or linked evidence to.

        Deleting one would erase part of a person's record (self-ratings and evidence links go
        with it), so HR edits or replaces it but never deletes it.
        """
        return self.filter(
            Q(assessment_items__isnull=False)
            | Q(self_ratings__isnull=False)
            | Q(evidence__isnull=False)
        ).distinct()


class CurrentRequirementItemManager(models.Manager.from_queryset(RequirementItemQuerySet)):
    """Requirement queries see current items only: a retired item is kept for the records of
    the people rated against it, but no longer asked of anyone."""

    def get_queryset(self):
        return super().get_queryset().filter(retired_at__isnull=True)


class RequirementItem(models.Model):
    """One line a person must show at a level, under one of the level's groups."""

    # Kept beside the group (whose level it always is: set on save and by the bulk writers)
    # since most queries ask for a role's or a level's items.
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="requirement_items")
    # RESTRICT, not PROTECT: a group goes with its level (both cascade from it), but on its own
    # only through requirement_groups_remove, which retires or deletes its items first.
    group = models.ForeignKey(
        RequirementGroup,
        on_delete=models.RESTRICT,
        related_name="items",
        null=True,
        blank=True,
        help_text="Empty only for a retired item.",
    )
    order = models.PositiveIntegerField(help_text="Position within its group.")
    text = typed_text(ITEM_MAX_LENGTH)
    is_essential = models.BooleanField(
        "essential", default=True, help_text="Untick for a desirable item."
    )
    sub_points = typed_text(
        DESCRIPTION_MAX_LENGTH,
        blank=True,
        help_text='One per line, for items such as "Experience of ... including:".',
    )
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        help_text="A lower level's item that this one asks for in a stronger version: from this "
        "level up, it is no longer asked (cumulative roles).",
    )
    # Set instead of deleting an item someone was rated against, rated themselves against or
    # linked evidence to (RequirementItemQuerySet.in_use): kept for their records, no longer
    # required, and moved out of the order (requirement_items_retire) so a new item may take
    # its place.
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CurrentRequirementItemManager()
    all_objects = RequirementItemQuerySet.as_manager()
    history = AuditedHistory()

    # Display order: level, then the group's place in it, then the item's place in its group.
    DISPLAY_ORDER = ("level__order", "group__order", "order", "pk")

    class Meta:
        ordering = ["level__order", "group__order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "order"], name="unique_requirement_order_per_group"
            ),
            models.CheckConstraint(
                condition=Q(group__isnull=False) | Q(retired_at__isnull=False),
                name="current_requirement_has_a_group",
                violation_error_message="Choose the group this item belongs to.",
            ),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:77]}..."

    def save(self, *args, **kwargs):
        if self.group_id is not None:
            self.level_id = self.group.level_id
        super().save(*args, **kwargs)

    @property
    def heading(self) -> str:
        return self.group.heading if self.group_id else ""

    @property
    def sub_point_list(self) -> list[str]:
        return [line.strip() for line in self.sub_points.splitlines() if line.strip()]

    def clean(self):
        if self.group_id is not None:
            self.level_id = self.group.level_id
        if self.replaces_id and self.level_id:
            replaced = self.replaces
            if (
                replaced.level.role_id != self.level.role_id
                or replaced.level.order >= self.level.order
            ):
                raise ValidationError(
                    {"replaces": "Choose an item of a lower level of the same role."}
                )


def _same_words(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_shares_of_time(shares) -> None:
    """A role's responsibilities share its time: together they take 100% at most.

    Checked on the whole set as it is about to be saved (the admin's inline formset, an
    imported file), since one row compared with its stored siblings misjudges a rebalance.
    """
    total = sum(share or 0 for share in shares)
    if total > 100:
        raise ValidationError(
            f"The shares of time add up to {total}%; they may add up to 100% at most."
        )


class Responsibility(models.Model):
    """An accountability or a function of the job: a group under a heading, with its items,
    its share of time, its measures of success, and (in US job descriptions) whether it is an
    essential or a marginal function."""

    class Function(models.TextChoices):
        NOT_STATED = "", "Not stated"
        ESSENTIAL = "essential", "Essential function"
        MARGINAL = "marginal", "Marginal function"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="responsibilities")
    order = models.PositiveIntegerField()
    heading = models.CharField(max_length=200, blank=True, help_text='For example "Financial".')
    text = typed_text(
        DESCRIPTION_MAX_LENGTH, blank=True, help_text="What the group is about, in a sentence."
    )
    items = typed_text(
        DESCRIPTION_MAX_LENGTH, blank=True, help_text="The group's tasks, one per line."
    )
    function = models.CharField(
        "essential or marginal",
        max_length=9,
        choices=Function.choices,
        blank=True,
        default=Function.NOT_STATED,
        help_text="US job descriptions mark each function essential or marginal.",
    )
    share_of_time = models.PositiveSmallIntegerField(
        "share of time (%)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text="For essential functions weighted by the time they take.",
    )
    measures_of_success = typed_text(
        DESCRIPTION_MAX_LENGTH, blank=True, help_text="KPIs, one per line."
    )

    history = AuditedHistory()

    class Meta:
        ordering = ["role", "order"]
        verbose_name_plural = "responsibilities"
        constraints = [
            models.UniqueConstraint(
                fields=["role", "order"], name="unique_responsibility_order_per_role"
            ),
            models.CheckConstraint(
                condition=Q(share_of_time__isnull=True) | Q(share_of_time__lte=100),
                name="responsibility_share_of_time_at_most_100",
            ),
        ]

    def __str__(self):
        text = self.text or self.items
        return self.heading or (text[:60] + ("..." if len(text) > 60 else ""))

    def clean(self):
        if not (self.heading or self.text or self.items):
            raise ValidationError("Give the responsibility a heading, a text or items.")

    @property
    def item_list(self) -> list[str]:
        return lines_of(self.items)

    @property
    def measure_list(self) -> list[str]:
        return lines_of(self.measures_of_success)


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class RoleSection(models.Model):
    """A titled section of a role profile that is not a requirement: team purpose, department
    description, job standards, working conditions, physical requirements."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(help_text="Position on the profile, first at the top.")
    title = models.CharField(max_length=200, help_text='For example "Working conditions".')
    body_html = typed_text(
        DUTIES_MAX_LENGTH,
        "text",
        blank=True,
        help_text="Paragraphs, lists, bold and italic are kept; any other markup is removed.",
    )

    history = AuditedHistory()

    class Meta:
        ordering = ["role", "order"]
        verbose_name = "section"
        constraints = [
            models.UniqueConstraint(fields=["role", "order"], name="unique_section_order_per_role")
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = sanitise_html(self.body_html)
        super().save(*args, **kwargs)


class RoleFact(models.Model):
    """A labelled fact of the document as HR writes it: "Version: 3", "Headcount: 4",
    "FLSA status: Exempt". Beside the role's fixed facts (reference, department, budget)."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="facts")
    order = models.PositiveIntegerField()
    label = models.CharField(max_length=120, help_text='For example "Headcount".')
    value = models.CharField(max_length=500)

    history = AuditedHistory()

    class Meta:
        ordering = ["role", "order"]
        verbose_name = "document fact"
        constraints = [
            models.UniqueConstraint(fields=["role", "order"], name="unique_fact_order_per_role")
        ]

    def __str__(self):
        return f"{self.label}: {self.value}"


class RoleSignOff(models.Model):
    """One line of the profile's sign-off block: who signs, in what role, and when."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="sign_offs")
    order = models.PositiveIntegerField()
    name = models.CharField(max_length=200, blank=True, help_text="Blank for a line to sign.")
    signer_role = models.CharField(
        "their role", max_length=200, blank=True, help_text='For example "Head of HR".'
    )
    signed_on = models.DateField("date", null=True, blank=True)
    signed_on_precision = precision_field("date")

    history = AuditedHistory()

    class Meta:
        ordering = ["role", "order"]
        verbose_name = "sign-off"
        constraints = [
            models.UniqueConstraint(fields=["role", "order"], name="unique_sign_off_order_per_role")
        ]

    def __str__(self):
        return ", ".join(part for part in (self.name, self.signer_role) if part) or "Sign-off"

    def save(self, *args, **kwargs):
        self.signed_on = as_precise_as(self.signed_on, self.signed_on_precision)
        super().save(*args, **kwargs)

    def clean(self):
        if not (self.name or self.signer_role):
            raise ValidationError("Give the name or the role of who signs.")

    @property
    def signed_on_written(self) -> str:
        return written_date(self.signed_on, self.signed_on_precision)


class RoleCompetency(models.Model):
    """The proficiency a role requires in one competency: at every level of the role, or (with
    `level`) at that level, where it differs from the role-wide requirement."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="role_competencies")
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, related_name="role_competencies"
    )
    proficiency = models.ForeignKey(
        ProficiencyLevel, on_delete=models.PROTECT, related_name="role_competencies"
    )
    level = models.ForeignKey(
        "Level",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_competencies",
        help_text="Blank: every level of the role. A level's own row wins over the blank one.",
    )

    history = AuditedHistory()

    class Meta:
        ordering = ["role", "competency__framework__name", "competency__order"]
        verbose_name = "required competency"
        verbose_name_plural = "required competencies"
        constraints = [
            # Two constraints, since a unique constraint lets any number of blank levels through.
            models.UniqueConstraint(
                fields=["role", "competency"],
                condition=Q(level__isnull=True),
                name="unique_role_wide_competency_per_role",
                violation_error_message=(
                    "A requirement of this competency at every level of this role already exists."
                ),
            ),
            models.UniqueConstraint(
                fields=["role", "competency", "level"],
                condition=Q(level__isnull=False),
                name="unique_competency_per_role_level",
                violation_error_message=(
                    "A requirement of this competency at this level already exists."
                ),
            ),
        ]

    def __str__(self):
        where = f" (level {self.level.code})" if self.level_id else ""
        return f"{self.competency}: {self.proficiency}{where}"

    def clean(self):
        if (
            self.competency_id
            and self.proficiency_id
            and self.competency.framework_id != self.proficiency.framework_id
        ):
            raise ValidationError(
                {"proficiency": "Choose a proficiency level of the competency's own framework."}
            )
        if self.level_id and self.role_id and self.level.role_id != self.role_id:
            raise ValidationError({"level": "Choose one of this role's own levels."})


# Retired items sit past every real position (and past the importer's temporary ones), one
# place each, so that the order stays unique without a conditional constraint.
RETIRED_ORDER_START = 1_000_000_000


def levels_retire(levels) -> list[Level]:
    """Retire levels instead of deleting them: their items in use are retired with them."""
    levels = list(levels)
    now = timezone.now()
    for level in levels:
        level.retired_at = now
        level.order = RETIRED_ORDER_START + level.pk
    audit.bulk_update(Level, levels, ["retired_at", "order"])
    return levels


def requirement_items_retire(items) -> list[RequirementItem]:
    """Retire the items instead of deleting them: each is in someone's record. A retired item
    leaves its group (its assessments keep the heading it was rated under), so the group may
    go."""
    items = list(items)
    now = timezone.now()
    for item in items:
        item.retired_at = now
        item.order = RETIRED_ORDER_START + item.pk
        item.group = None
    audit.bulk_update(RequirementItem, items, ["retired_at", "order", "group"])
    return items


def requirement_groups_remove(groups) -> list[RequirementItem]:
    """Remove groups: their items in people's records are retired (and leave the group), the
    others deleted with it. Returns the items retired."""
    groups = list(groups)
    items = RequirementItem.objects.filter(group__in=groups)
    retired = requirement_items_retire(items.in_use())
    items.delete()
    RequirementGroup.objects.filter(pk__in=[g.pk for g in groups]).delete()
    return retired


class PendingRoleImportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Each person's readings are their own; a superuser sees everyone's (to clear them)."""
        return self if user.is_superuser else self.filter(created_by=user)

    def stale(self, now=None):
        """Readings nobody has touched for `settings.PENDING_ROLE_IMPORT_DAYS` days."""
        days = timedelta(days=settings.PENDING_ROLE_IMPORT_DAYS)
        return self.filter(updated_at__lt=(now or timezone.now()) - days)


class PendingRoleImport(models.Model):
    """A role-profile document read but not yet imported: HR checks and corrects the reading in
    the admin, then confirms. Kept in the database rather than the session, so that an import
    left half-done can be resumed later, from any browser. A flat spreadsheet waits first as
    its rows, until HR has said which column is which (`columns_to_choose`)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_role_imports"
    )
    file_name = models.CharField(max_length=255)
    outline = models.JSONField(help_text="The reading, as corrected so far.")
    rows = models.JSONField(
        default=list,
        blank=True,
        help_text="A flat spreadsheet's rows, header first, until its columns are chosen.",
    )
    columns = models.JSONField(
        default=dict, blank=True, help_text="A flat spreadsheet's columns: part -> column number."
    )
    role = models.ForeignKey(
        Role,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The role to update; empty for a new draft role.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PendingRoleImportQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self):
        return self.file_name

    @property
    def columns_to_choose(self) -> bool:
        return bool(self.rows)

    @property
    def cleared_on(self):
        """The day the reading is cleared if nobody touches it before."""
        return (self.updated_at + timedelta(days=settings.PENDING_ROLE_IMPORT_DAYS)).date()
