"""Property: a person's standing version (which keys their requirements PDF) moves on exactly
when their printed requirements change, whatever their history of assessments, own ratings
and evidence. Histories are generated at random and played through the workflow functions."""

import datetime

from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from staff import printing, progression, self_assessment
from staff.models import Assessment, Rating, StaffProfile
from staff.standing import standing_version
from tests import builders
from tests.staff.test_standing_property import whole_histories

DAY = datetime.date(2026, 11, 1)
ASSESSMENTS = st.tuples(
    st.just("assessment"),
    st.sampled_from(["draft", "submitted", "returned", "acknowledged", "approved"]),
    st.lists(st.sampled_from(Rating.values), min_size=4, max_size=4),
)
OWN_RATINGS = st.tuples(st.just("own rating"), st.integers(0, 3), st.sampled_from(Rating.values))
EVIDENCE = st.tuples(st.just("evidence"), st.integers(0, 3), st.sampled_from(["Log", "Audit"]))
HISTORIES = st.lists(st.one_of(ASSESSMENTS, OWN_RATINGS, EVIDENCE), min_size=2, max_size=6)


class StandingVersionFollowsThePrintedPage(TestCase):
    def make_people(self):
        role = builders.role("Insurance Officer", items_per_category=1)
        self.hr = builders.user("hrversion", hr=True)
        self.manager = builders.staff("boss", level=role.levels.get(code="C"))
        self.person = builders.staff(
            "person", level=role.levels.get(code="A"), manager=self.manager
        )

    def printed(self) -> tuple[str, str]:
        """The version a download asks for, and the page the worker prints."""
        profile = StaffProfile.objects.with_role().get(pk=self.person.pk)
        return standing_version(profile), printing.person_printed(profile.pk).html

    def requirement(self, index: int):
        items = list(self_assessment.requirements_to_self_assess(self.person).order_by("pk"))
        return items[index % len(items)]

    def assess(self, outcome: str, ratings: list[str]) -> None:
        person, manager = self.person, self.manager.user
        waiting = person.assessments.filter(status__in=Assessment.OPEN).first()
        if waiting is not None and waiting.status != Assessment.Status.DRAFT:
            return  # one in progress at a time; the next step moves it on
        made = waiting or progression.assessment_start(staff=person, by=manager)
        made = progression.assessment_save(
            assessment=made,
            by=manager,
            version=made.version,
            ratings={
                item.pk: ratings[n % len(ratings)]
                for n, item in enumerate(made.items.order_by("order"))
            },
            recommendation=Assessment.Recommendation.PROGRESS,
        )
        if outcome == "draft":
            return
        progression.assessment_submit(assessment=made, by=manager)
        if outcome == "returned":
            progression.assessment_return(assessment=made, by=self.hr, reason="generated")
        if outcome in ("acknowledged", "approved"):
            progression.assessment_acknowledge(assessment=made, by=self.person.user)
        if outcome == "approved":
            progression.assessment_approve(
                assessment=made, by=self.hr, effective_date=DAY, override_reason="generated"
            )

    def play(self, step) -> None:
        kind, *values = step
        if kind == "assessment":
            self.assess(*values)
        elif kind == "own rating":
            index, rating = values
            self_assessment.self_rating_set(
                staff=self.person, ratings={self.requirement(index).pk: rating}
            )
        else:
            index, text = values
            self_assessment.evidence_add(
                staff=self.person,
                added_by=self.person.user,
                text=text,
                requirements=[self.requirement(index)],
            )

    @whole_histories(10)
    @given(HISTORIES)
    def test_the_version_moves_exactly_when_the_printed_page_does(self, history):
        self.make_people()
        version, page = self.printed()
        for step in history:
            self.play(step)
            new_version, new_page = self.printed()
            assert (new_version != version) == (new_page != page), step
            version, page = new_version, new_page
