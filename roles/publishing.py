"""Operations on whole role profiles: duplicating one as a draft, publishing, archiving."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from roles.models import Level, RequirementItem, Responsibility, Role, RoleCompetency


def _free_copy_title(role: Role) -> str:
    """ "Payroll Officer (copy)", or "(copy 2)" and so on when that title is taken at the grade."""
    taken = set(
        Role.objects.filter(grade_id=role.grade_id, title__startswith=role.title).values_list(
            "title", flat=True
        )
    )
    title = f"{role.title} (copy)"
    number = 2
    while title in taken:
        title = f"{role.title} (copy {number})"
        number += 1
    return title


@transaction.atomic
def role_duplicate(*, role: Role) -> Role:
    """Copy a role with its levels, requirement items, responsibilities and competencies.

    The copy is always a draft, so HR can change it before anyone sees it.
    """
    copy = Role.objects.get(pk=role.pk)
    copy.pk = None
    copy.title = _free_copy_title(role)
    copy.status = Role.Status.DRAFT
    copy.full_clean()
    copy.save()

    levels = list(role.levels.order_by("order"))
    new_levels = {}
    for level in levels:
        old_pk = level.pk
        level.pk = None
        level.role = copy
        new_levels[old_pk] = level
    Level.objects.bulk_create(new_levels.values())

    items = list(RequirementItem.objects.filter(level__role=role))
    for item in items:
        item.pk = None
        item.level = new_levels[item.level_id]
    RequirementItem.objects.bulk_create(items)

    responsibilities = list(role.responsibilities.all())
    for responsibility in responsibilities:
        responsibility.pk = None
        responsibility.role = copy
    Responsibility.objects.bulk_create(responsibilities)

    competencies = list(role.role_competencies.all())
    for required in competencies:
        required.pk = None
        required.role = copy
    RoleCompetency.objects.bulk_create(competencies)
    return copy


@transaction.atomic
def roles_publish(*, roles: QuerySet[Role]) -> int:
    """Publish the roles, so that everyone signed in sees them. Returns how many changed."""
    return _roles_set_status(roles=roles, status=Role.Status.PUBLISHED)


@transaction.atomic
def roles_archive(*, roles: QuerySet[Role]) -> int:
    """Archive the roles: they leave the catalogue but stay for the people who hold them."""
    return _roles_set_status(roles=roles, status=Role.Status.ARCHIVED)


def _roles_set_status(*, roles: QuerySet[Role], status: str) -> int:
    # update() skips save(): updated_at is set here, and roles already in the status are left alone.
    return roles.exclude(status=status).update(status=status, updated_at=timezone.now())
