"""One organisation whose every dashboard figure is counted by hand in the tests.

Insurance Officer (levels A, B, C; two essential items per category at each level):
  colleague (B)  assessed against C, every item met, submitted       -> ready now
  outsider  (A)  assessed against B, every item met but one          -> close
  employee  (A)  assessed against B, every item partly met, submitted -> further away
  newbie    (A)  never assessed                                      -> not assessed yet
  senior, manager, other_manager (C)                                 -> at the top level
  hr             no level                                            -> no level recorded
"""

import pytest

from staff import progression
from tests import builders


def assess(person, *, by, ratings: list[str]):
    """A submitted assessment whose items are rated `ratings` in turn, the last repeated."""
    draft = progression.assessment_start(staff=person, by=by)
    ids = list(draft.items.values_list("pk", flat=True))
    chosen = ratings + [ratings[-1]] * (len(ids) - len(ratings))
    progression.assessment_save(
        assessment=draft,
        by=by,
        version=draft.version,
        ratings=dict(zip(ids, chosen, strict=True)),
        recommendation="progress",
    )
    return progression.assessment_submit(assessment=draft, by=by)


@pytest.fixture
def organisation(hr, senior_manager, manager, employee, colleague, other_manager, outsider):
    newbie = builders.staff("newbie", level=employee.level, manager=manager)
    assess(colleague, by=manager.user, ratings=["met"])
    assess(outsider, by=other_manager.user, ratings=["not_met", "met"])
    assess(employee, by=manager.user, ratings=["partly_met"])
    return {"newbie": newbie}
