"""Operations on whole role profiles: duplicating one as a draft, publishing, archiving."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from core import history
from roles.models import (
    JobFamily,
    Level,
    RequirementItem,
    Responsibility,
    Role,
    RoleCompetency,
    RoleFact,
    RoleSection,
    RoleSignOff,
)

# A role's own parts that point at nothing else: copied as they are with the role.
ROLE_PARTS = (Responsibility, RoleSection, RoleFact, RoleSignOff)


def _free_copy_title(role: Role) -> str:
    """ "Payroll Officer (copy)", or "(copy 2)" and so on when that title is taken at the grade."""
    return _free_title(f"{role.title} (copy)", role.grade_id)


def _free_title(title: str, grade_id: int | None) -> str:
    """`title`, or `title` with " 2", " 3" and so on in its brackets when taken at the grade."""
    taken = set(
        Role.objects.filter(grade_id=grade_id, title__startswith=title[:-1]).values_list(
            "title", flat=True
        )
    )
    free, number = title, 2
    while free in taken:
        free = f"{title[:-1]} {number})" if title.endswith(")") else f"{title} {number}"
        number += 1
    return free


@transaction.atomic
def role_duplicate(*, role: Role) -> Role:
    """Copy a role with its levels, items, responsibilities, sections, facts, sign-off block and
    competencies.

    The copy is always a draft, so HR can change it before anyone sees it.
    """
    with history.history_source(f"duplicate of {role}"[: history.REASON_MAX_LENGTH]):
        return _duplicate(role)


def _duplicate(role: Role) -> Role:
    copy = Role.objects.get(pk=role.pk)
    copy.pk = None
    copy.title = _free_copy_title(role)
    copy.status = Role.Status.DRAFT
    copy.version = 1
    copy.full_clean()
    copy.save()

    levels = list(role.levels.order_by("order"))
    new_levels = {}
    for level in levels:
        old_pk = level.pk
        level.pk = None
        level.role = copy
        new_levels[old_pk] = level
    history.bulk_create(Level, new_levels.values())

    items = list(RequirementItem.objects.filter(level__role=role))
    for item in items:
        item.pk = None
        item.level = new_levels[item.level_id]
    history.bulk_create(RequirementItem, items)

    for model in ROLE_PARTS:
        rows = list(model.objects.filter(role=role))
        for row in rows:
            row.pk, row.role = None, copy
        history.bulk_create(model, rows)

    competencies = list(role.role_competencies.all())
    for required in competencies:
        required.pk = None
        required.role = copy
    history.bulk_create(RoleCompetency, _at_copied_levels(competencies, new_levels))
    return copy


def role_publishing_gaps(role: Role, *, fields: dict | None = None) -> list[str]:
    """What `role` lacks to be published: a job family, a grade, a level with requirement
    items, a review date. `fields` are values about to be saved over the role's own (a form's).
    Everyone signed in reads a published role; one without these reads as broken."""
    values = {
        name: (fields or {}).get(name, getattr(role, name))
        for name in ("job_family", "grade", "next_review")
    }
    gaps = []
    if values["job_family"] is None:
        gaps.append("a job family")
    if values["grade"] is None:
        gaps.append("a grade")
    if role.pk is None or not RequirementItem.objects.filter(level__role=role).exists():
        gaps.append("a level with requirement items")
    if values["next_review"] is None:
        gaps.append("a next review date")
    return gaps


@transaction.atomic
def roles_publish(*, roles: QuerySet[Role]) -> int:
    """Publish the roles, so that everyone signed in sees them. Returns how many changed.

    All or nothing: a role that is not complete (`role_publishing_gaps`) stops them all, with
    a ValidationError naming each such role and what it lacks.
    """
    incomplete = [
        f"“{role}” needs {', '.join(gaps)}"
        for role in roles.exclude(status=Role.Status.PUBLISHED).select_related("job_family")
        if (gaps := role_publishing_gaps(role))
    ]
    if incomplete:
        raise ValidationError(
            "Nothing was published. " + "; ".join(incomplete) + ".", code="incomplete"
        )
    with history.history_source("publish"):
        return _roles_set_status(roles=roles, status=Role.Status.PUBLISHED)


@transaction.atomic
def roles_archive(*, roles: QuerySet[Role]) -> int:
    """Archive the roles: they leave the catalogue but stay for the people who hold them."""
    with history.history_source("archive"):
        return _roles_set_status(roles=roles, status=Role.Status.ARCHIVED)


def _roles_set_status(*, roles: QuerySet[Role], status: str) -> int:
    # update() skips save(): updated_at is set here, the change recorded in the history, and
    # roles already in the status are left alone.
    pks = list(roles.exclude(status=status).values_list("pk", flat=True))
    count = Role.objects.filter(pk__in=pks).update(
        status=status, updated_at=timezone.now(), version=F("version") + 1
    )
    history.record(Role, Role.objects.filter(pk__in=pks))
    return count


def restore_title(record) -> str:
    return f"{record.title[:160]} (version {record.version}, restored)"


@transaction.atomic
def role_restore_as_draft(*, record) -> Role:
    """A new draft role built from a historical record of a role, with its levels, items,
    responsibilities and competencies as they stood at that version.

    A version lasts until the role's next record: the admin saves a role before its levels
    and items, and an import records them all at one time, so the levels and items of a
    version are the latest records before the next version of the role.
    """
    later = (
        Role.history.filter(id=record.id, history_date__gt=record.history_date)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    as_of = later - timedelta(microseconds=1) if later else timezone.now()
    with history.history_source(
        f"restored from version {record.version} of role {record.id}"[: history.REASON_MAX_LENGTH]
    ):
        return _restore(record, as_of)


def _restore(record, as_of) -> Role:
    copy = record.instance
    copy.pk = None
    copy._state.adding = True
    copy.title = _free_title(restore_title(record), record.grade_id)
    copy.status = Role.Status.DRAFT
    copy.version = 1
    if copy.job_family_id and not JobFamily.objects.filter(pk=copy.job_family_id).exists():
        copy.job_family = None
    copy.full_clean()
    copy.save()

    new_levels = {}
    for level in Level.history.as_of(as_of).filter(role_id=record.id).order_by("order"):
        old_pk = level.pk
        level.pk, level.role = None, copy
        new_levels[old_pk] = level
    history.bulk_create(Level, new_levels.values())

    items = list(
        RequirementItem.history.as_of(as_of).filter(
            level_id__in=list(new_levels), retired_at__isnull=True
        )
    )
    for item in items:
        item.pk, item.level = None, new_levels[item.level_id]
    history.bulk_create(RequirementItem, items)

    for model in (*ROLE_PARTS, RoleCompetency):
        rows = list(model.history.as_of(as_of).filter(role_id=record.id))
        for row in rows:
            row.pk, row.role = None, copy
        if model is RoleCompetency:
            rows = _at_copied_levels(rows, new_levels)
        history.bulk_create(model, rows)
    return copy


def _at_copied_levels(required: list[RoleCompetency], new_levels: dict) -> list[RoleCompetency]:
    """Point requirements of one level at the copy of that level (`new_levels`: old pk to
    copy); one whose level was not copied goes with it, as it would have on deletion."""
    kept = []
    for row in required:
        if row.level_id is None:
            kept.append(row)
        elif row.level_id in new_levels:
            row.level = new_levels[row.level_id]
            kept.append(row)
    return kept
