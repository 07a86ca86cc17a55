"""A framework's competencies by proficiency level, with each cell's descriptor, for its page."""

from dataclasses import dataclass

from competencies.models import (
    Competency,
    CompetencyDescriptor,
    CompetencyFramework,
    ProficiencyLevel,
)


@dataclass(frozen=True)
class FrameworkRow:
    """One competency: `cells` pairs each level of the scale, lowest first, with the
    competency's descriptor there (None where the framework gives none)."""

    competency: Competency
    cells: list[tuple[ProficiencyLevel, CompetencyDescriptor | None]]


@dataclass(frozen=True)
class FrameworkGrid:
    levels: list[ProficiencyLevel]  # the framework's scale, lowest first
    rows: list[FrameworkRow]  # competencies in the framework's order


def framework_grid(framework: CompetencyFramework) -> FrameworkGrid:
    """The grid of `framework`, in three queries whatever its size."""
    levels = list(framework.proficiency_levels.order_by("order"))
    competencies = list(framework.competencies.order_by("order", "name"))
    descriptors = {
        (d.competency_id, d.proficiency_id): d
        for d in CompetencyDescriptor.objects.filter(competency__framework=framework)
    }
    return FrameworkGrid(
        levels=levels,
        rows=[
            FrameworkRow(c, [(level, descriptors.get((c.pk, level.pk))) for level in levels])
            for c in competencies
        ],
    )
