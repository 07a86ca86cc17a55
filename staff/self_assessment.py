"""An employee's own view of their progress: rating themselves and adding evidence."""

from collections.abc import Iterable, Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from roles.models import RequirementItem
from staff.models import Evidence, Rating, SelfRating, StaffProfile
from staff.standing import level_in_force


def requirements_to_self_assess(profile: StaffProfile) -> QuerySet[RequirementItem]:
    """What the person measures themselves against: everything the next level asks
    (cumulative), or their own level's items once they are at the top of their role."""
    level = level_in_force(profile)
    if level is None:
        return RequirementItem.objects.none()
    return (level.next_level() or level).requirements()


@transaction.atomic
def self_rating_set(*, staff: StaffProfile, ratings: Mapping[int, str]) -> list[SelfRating]:
    """Record the person's own ratings, keyed by requirement id: all of them or, if any is
    wrong, none. The manager's ratings are separate records and never change here."""
    items = requirements_to_self_assess(staff).in_bulk(list(ratings))
    errors = []
    for pk, rating in ratings.items():
        if pk not in items:
            errors.append(f"Requirement {pk} is not one you are measured against.")
        elif rating not in Rating.values:
            errors.append(
                f'"{rating}" is not a rating (choose {", ".join(Rating.labels)}) for "{items[pk]}".'
            )
    if errors:
        raise ValidationError(errors)
    return [
        SelfRating.objects.update_or_create(
            staff=staff, requirement=items[pk], defaults={"rating": rating}
        )[0]
        for pk, rating in ratings.items()
    ]


@transaction.atomic
def evidence_add(
    *,
    staff: StaffProfile,
    added_by: AbstractBaseUser,
    text: str,
    requirements: Iterable[RequirementItem],
    link: str = "",
) -> Evidence:
    """Add one piece of evidence supporting one or more of the person's requirements."""
    requirements = list(requirements)
    if not requirements:
        raise ValidationError({"requirements": "Choose at least one requirement it supports."})
    allowed = set(
        requirements_to_self_assess(staff)
        .filter(pk__in=[item.pk for item in requirements])
        .values_list("pk", flat=True)
    )
    foreign = [item for item in requirements if item.pk not in allowed]
    if foreign:
        raise ValidationError(
            {
                "requirements": f'"{foreign[0]}" is not one of the requirements you are measured '
                "against."
            }
        )
    evidence = Evidence(staff=staff, added_by=added_by, text=text.strip(), link=link)
    evidence.full_clean()
    evidence.save()
    evidence.requirements.set(requirements)
    return evidence
