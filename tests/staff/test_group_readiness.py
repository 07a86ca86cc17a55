"""Readiness counts an "at least N of" group as one: met when N of its items are met (of
those not rated not applicable), listed once when it is not. Histories of assessments are
generated at random, played through the workflow functions, and readiness compared with a
plain oracle written from the rule's words."""

import datetime
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from roles.models import RequirementGroup
from staff import progression
from staff.models import Assessment, Rating
from staff.standing import readiness, standing_of
from tests import builders
from tests.staff.test_standing_property import whole_histories

DAY = datetime.date(2026, 11, 1)
RATINGS = st.lists(st.sampled_from(Rating.values), min_size=9, max_size=9)
OUTCOMES = st.sampled_from(["draft", "submitted", "returned", "approved"])
HISTORIES = st.lists(st.tuples(OUTCOMES, RATINGS), min_size=1, max_size=4)


def any_of_role():
    """Level A: Skills, any 1 of 2 desirable items. Level B: Systems, any 2 of 3 essential
    items; Knowledge, every item (one essential, one desirable); an empty Languages group."""
    role = builders.role("Clerk", levels=("A", "B"), items_per_category=0)
    level_a, level_b = role.levels.order_by("order")
    skills = builders.group(level_a, "Skills", at_least=1)
    builders.item(skills, "Types fast", is_essential=False)
    builders.item(skills, "Files neatly", is_essential=False)
    systems = builders.group(level_b, "Systems", at_least=2, lead_in="With supervision:")
    for text in ("Word", "Excel", "Access"):
        builders.item(systems, text)
    knowledge = builders.group(level_b, "Knowledge")
    builders.item(knowledge, "Knows the law")
    builders.item(knowledge, "Knows the history", is_essential=False)
    builders.group(level_b, "Languages")
    return role


def oracle(items, ratings: dict[int, str]) -> tuple[bool, list[str], int, int]:
    """(rule met, essential outstanding, met, counted), from the rule as written: each item
    counts once, apart from an "at least N of" group, which counts once, met when N of its
    items are met, N never more than its items not rated not applicable."""
    units = []  # (essential, met, words)
    seen_groups = []
    for item in items:
        group = item.group
        if group.at_least is None:
            rating = ratings.get(item.pk, "")
            if rating != Rating.NOT_APPLICABLE:
                units.append((item.is_essential, rating == Rating.MET, item.text))
        elif group not in seen_groups:
            seen_groups.append(group)
            members = [i for i in items if i.group == group]
            rated = [i for i in members if ratings.get(i.pk, "") != Rating.NOT_APPLICABLE]
            if rated:
                need = min(group.at_least, len(rated))
                met = len([i for i in rated if ratings.get(i.pk, "") == Rating.MET])
                essential = any(i.is_essential for i in rated)
                units.append((essential, met >= need, f"at least {need} of: {group.heading}"))
    outstanding = [words for essential, met, words in units if essential and not met]
    desirable = [met for essential, met, _ in units if not essential]
    rule_met = not outstanding and all(desirable)
    return rule_met, outstanding, sum(met for _, met, _ in units), len(units)


def test_a_group_rated_not_applicable_asks_for_no_more_than_its_other_items():
    group = any_of(2, "Systems")
    items = [
        rated("Word", group, Rating.MET),
        rated("Excel", group, Rating.NOT_APPLICABLE),
        rated("Access", group, Rating.NOT_APPLICABLE),
    ]
    result = readiness(items, desirable_required=None)
    assert result.rule_met
    assert (result.met, result.counted) == (1, 1)


def test_an_unmet_group_is_named_once_as_outstanding():
    group = any_of(2, "Systems")
    items = [rated("Word", group, Rating.MET), rated("Excel", group, Rating.NOT_MET)]
    items.append(rated("Access", group, Rating.PARTLY_MET))
    result = readiness(items, desirable_required=None)
    assert result.essential_outstanding == ["at least 2 of: Systems"]
    assert result.verdict == "Not ready: 1 essential item outstanding"


def any_of(n: int, heading: str) -> RequirementGroup:
    return RequirementGroup(pk=n, heading=heading, at_least=n)


def rated(text, group, rating, essential=True):
    return SimpleNamespace(text=text, is_essential=essential, rating=rating, group=group)


class ReadinessFollowsTheOracle(TestCase):
    def setUp(self):
        role = any_of_role()
        self.level_a, self.level_b = role.levels.order_by("order")
        self.hr = builders.user("hrgroups", hr=True)
        self.manager = builders.staff("boss", level=self.level_b)
        self.person = builders.staff("person", level=self.level_a, manager=self.manager)
        self.items = list(self.level_b.requirements())

    def play(self, outcome: str, ratings: list[str], shown: dict[int, dict[int, str]]):
        """One step of a history; `shown` keeps, by assessment, the ratings the person has
        been shown (as the oracle's input)."""
        person, manager = self.person, self.manager.user
        waiting = person.assessments.filter(status__in=Assessment.OPEN).first()
        if waiting is not None and waiting.status == Assessment.Status.SUBMITTED:
            progression.assessment_acknowledge(assessment=waiting, by=person.user)
            progression.assessment_approve(
                assessment=waiting, by=self.hr, effective_date=DAY, override_reason="generated"
            )
            waiting = None
        made = waiting or progression.assessment_start(staff=person, by=manager)
        chosen = {
            item.pk: ratings[n % len(ratings)]
            for n, item in enumerate(made.items.order_by("order"))
        }
        made = progression.assessment_save(
            assessment=made,
            by=manager,
            version=made.version,
            ratings={pk: rating for pk, rating in chosen.items() if rating},
            recommendation=Assessment.Recommendation.PROGRESS,
        )
        if outcome == "draft":
            return
        progression.assessment_submit(assessment=made, by=manager)
        shown[made.pk] = {i.requirement_id: i.rating for i in made.items.all() if i.rating}
        if outcome == "returned":
            progression.assessment_return(assessment=made, by=self.hr, reason="generated")
            del shown[made.pk]
        if outcome == "approved":
            progression.assessment_acknowledge(assessment=made, by=person.user)
            progression.assessment_approve(
                assessment=made, by=self.hr, effective_date=DAY, override_reason="generated"
            )

    @whole_histories(15)
    @given(HISTORIES)
    def test_readiness_agrees_with_the_oracle(self, history):
        shown: dict[int, dict[int, str]] = {}
        for outcome, ratings in history:
            self.play(outcome, ratings, shown)
            current: dict[int, str] = {}
            for _pk, ratings_of in sorted(shown.items()):  # oldest first: later ones win
                current |= ratings_of
            result = standing_of(self.person).readiness_for(self.level_b)
            rule_met, outstanding, met, counted = oracle(self.items, current)
            assert (result.rule_met, result.essential_outstanding) == (rule_met, outstanding)
            assert (result.met, result.counted) == (met, counted)
