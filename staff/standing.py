"""Where a person stands: their level's requirements and the next level's, each with its ratings."""

from dataclasses import dataclass, field

from roles.career_paths import CategoryItems, group_by_category
from roles.models import Level, RequirementItem
from staff.models import Assessment, Evidence, Rating, SelfRating, StaffProfile
from staff.progression import Readiness, readiness, rule_in_words


@dataclass
class RequirementStanding:
    """One requirement with the person's latest shown rating, own rating and evidence.

    Has `text`, `is_essential` and `rating`, so `readiness()` can measure a list of them.
    """

    item: RequirementItem
    rating: str = ""
    self_rating: str = ""
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.item.text

    @property
    def is_essential(self) -> bool:
        return self.item.is_essential

    @property
    def rating_label(self) -> str:
        return Rating(self.rating).label if self.rating else "Not yet assessed"

    @property
    def self_rating_label(self) -> str:
        return Rating(self.self_rating).label if self.self_rating else ""


@dataclass
class Standing:
    profile: StaffProfile
    level: Level | None
    next_level: Level | None
    current: list[CategoryItems]
    next_additions: list[CategoryItems]
    shown_assessment: Assessment | None
    towards_next: Readiness | None

    @property
    def rule(self) -> str:
        return rule_in_words(self.next_level) if self.next_level else ""

    @property
    def all_items(self) -> list[RequirementStanding]:
        return [entry for group in self.current + self.next_additions for entry in group.items]


def shown_assessments(profile: StaffProfile):
    """The person's assessments they have been shown: never a draft, newest first.

    Spelt out rather than read through `visible_to(profile.user)`, which would also return
    drafts when the person happens to work in HR.
    """
    return (
        Assessment.objects.filter(staff=profile)
        .exclude(status=Assessment.Status.DRAFT)
        .select_related("target_level", "assessor")
        .order_by("-created_at", "-pk")
    )


def requirements_with_ratings(profile: StaffProfile) -> Standing:
    """The current level's items (cumulative) and what the next level adds, by category, each
    with its rating in the latest assessment the person has been shown, their own rating and
    their evidence; and their readiness for the next level. A fixed number of queries."""
    level = profile.level
    if level is None:
        return Standing(
            profile=profile,
            level=None,
            next_level=None,
            current=[],
            next_additions=[],
            shown_assessment=None,
            towards_next=None,
        )
    levels = list(Level.objects.filter(role_id=level.role_id).order_by("order"))
    next_level = next((other for other in levels if other.order > level.order), None)
    top = next_level or level
    items = list(top.requirements())

    shown = shown_assessments(profile).first()
    ratings = (
        dict(shown.items.exclude(requirement=None).values_list("requirement_id", "rating"))
        if shown
        else {}
    )
    own_ratings = dict(
        SelfRating.objects.filter(staff=profile).values_list("requirement_id", "rating")
    )
    evidence_for: dict[int, list[Evidence]] = {}
    links = (
        Evidence.requirements.through.objects.filter(evidence__staff=profile)
        .select_related("evidence")
        .order_by("-evidence__added_at", "-evidence__pk")
    )
    for link in links:
        evidence_for.setdefault(link.requirementitem_id, []).append(link.evidence)

    standings = [
        RequirementStanding(
            item=item,
            rating=ratings.get(item.pk, ""),
            self_rating=own_ratings.get(item.pk, ""),
            evidence=evidence_for.get(item.pk, []),
        )
        for item in items
    ]
    towards_next = (
        readiness(standings, desirable_required=next_level.min_desirable_met)
        if next_level
        else None
    )
    return Standing(
        profile=profile,
        level=level,
        next_level=next_level,
        current=group_by_category(s for s in standings if s.item.level.order <= level.order),
        next_additions=group_by_category(s for s in standings if s.item.level.order > level.order),
        shown_assessment=shown,
        towards_next=towards_next,
    )
