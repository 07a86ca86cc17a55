"""Progression: how ready a person is for a level, against that level's rule."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from staff.models import Rating


class RatedItem(Protocol):
    """Anything with a requirement's text, whether it is essential, and a rating ("" = unrated).

    AssessmentItem is one; so is a requirement paired with a person's latest rating.
    """

    text: str
    is_essential: bool
    rating: str


@dataclass(frozen=True)
class Readiness:
    """Where a person stands against a level's progression rule.

    The rule: every essential item met, and at least `desirable_required` desirable items met.
    Items rated not applicable count neither for nor against.
    """

    counted: int
    met: int
    essential_outstanding: list[str] = field(default_factory=list)
    desirable_total: int = 0
    desirable_met: int = 0
    desirable_required: int = 0

    @property
    def percent_met(self) -> int:
        return round(100 * self.met / self.counted) if self.counted else 0

    @property
    def desirable_short_by(self) -> int:
        return max(0, self.desirable_required - self.desirable_met)

    @property
    def rule_met(self) -> bool:
        return not self.essential_outstanding and self.desirable_short_by == 0

    def explanation(self) -> str:
        """The rule in words: "2 essential items outstanding; 3 of 5 desirable met, the rule
        asks for 4"."""
        outstanding = len(self.essential_outstanding)
        parts = [
            "all essential items met"
            if outstanding == 0
            else f"{outstanding} essential item{'s' if outstanding != 1 else ''} outstanding"
        ]
        if self.desirable_total:
            desirable = f"{self.desirable_met} of {self.desirable_total} desirable met"
            if self.desirable_short_by:
                desirable += f", the rule asks for {self.desirable_required}"
            parts.append(desirable)
        return "; ".join(parts)


def readiness(items: Iterable[RatedItem], *, desirable_required: int | None) -> Readiness:
    """Measure rated items against a level's rule (`desirable_required` None means all)."""
    counted = met = desirable_total = desirable_met = 0
    essential_outstanding = []
    for item in items:
        if item.rating == Rating.NOT_APPLICABLE:
            continue
        counted += 1
        is_met = item.rating == Rating.MET
        met += is_met
        if item.is_essential:
            if not is_met:
                essential_outstanding.append(item.text)
        else:
            desirable_total += 1
            desirable_met += is_met
    required = desirable_total if desirable_required is None else desirable_required
    return Readiness(
        counted=counted,
        met=met,
        essential_outstanding=essential_outstanding,
        desirable_total=desirable_total,
        desirable_met=desirable_met,
        desirable_required=min(required, desirable_total),
    )
