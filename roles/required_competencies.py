"""The proficiency a role requires in each competency, level by level: a level's own
requirement where the role states one, else the role-wide one."""

from dataclasses import dataclass

from competencies.models import Competency, ProficiencyLevel
from roles.models import Level, Role


@dataclass(frozen=True)
class RequiredCompetency:
    """One competency a role requires: `by_level` pairs each of the role's levels, lowest first,
    with the proficiency it requires there (None: not required at that level)."""

    competency: Competency
    role_wide: ProficiencyLevel | None
    by_level: list[tuple[Level, ProficiencyLevel | None]]

    @property
    def same_at_every_level(self) -> bool:
        return all(proficiency == self.role_wide for _, proficiency in self.by_level)


def required_competencies(role: Role) -> list[RequiredCompetency]:
    """What `role` requires, by framework and competency order, in two queries."""
    levels = list(role.levels.order_by("order"))
    rows = role.role_competencies.select_related("competency__framework", "proficiency").order_by(
        "competency__framework__name", "competency__order", "competency__name"
    )
    role_wide: dict[int, ProficiencyLevel] = {}
    own: dict[tuple[int, int], ProficiencyLevel] = {}
    competencies: dict[int, Competency] = {}
    for row in rows:
        competencies.setdefault(row.competency_id, row.competency)
        if row.level_id is None:
            role_wide[row.competency_id] = row.proficiency
        else:
            own[(row.competency_id, row.level_id)] = row.proficiency
    return [
        RequiredCompetency(
            competency=competency,
            role_wide=role_wide.get(pk),
            by_level=[(level, own.get((pk, level.pk), role_wide.get(pk))) for level in levels],
        )
        for pk, competency in competencies.items()
    ]
