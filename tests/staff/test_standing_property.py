"""Property: whatever a person's history of assessments, every page that shows their standing
shows the same figures, and submitting an all-met assessment never lowers the met count.

Histories are generated at random and played through the workflow functions only."""

import datetime

from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from roles.models import Level, RequirementItem
from staff import progression
from staff.models import Assessment, Rating
from staff.standing import standing_of
from tests import builders
from tests.staff.pages import figures, standing_pages, verdicts

DAY = datetime.date(2026, 11, 1)
OUTCOMES = st.sampled_from(
    ["draft", "returned", "submitted", "acknowledged", "approved", "all met submitted"]
)
RATINGS = st.lists(st.sampled_from(Rating.values), min_size=8, max_size=8)
HISTORIES = st.lists(st.tuples(OUTCOMES, RATINGS), min_size=1, max_size=4)


def whole_histories(examples: int):
    """Settings for a test whose every example plays a whole history through the workflow:
    few examples, no time limit, no example database in the work tree, and no shrinking
    (minutes on a shared machine; a failure still prints the history that failed)."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow],
    )


class StandingIsTheSameEverywhere(TestCase):
    def make_people(self):
        role = builders.role("Insurance Officer", items_per_category=2)
        # Some desirable items and a rule that asks for one of them, so verdicts vary.
        RequirementItem.objects.filter(level__role=role, group__heading="Skills").update(
            is_essential=False
        )
        Level.objects.filter(role=role).update(min_desirable_met=1)
        self.hr = builders.user("hrprop", hr=True)
        self.manager = builders.staff("boss", level=role.levels.get(code="C"))
        self.person = builders.staff(
            "person", level=role.levels.get(code="A"), manager=self.manager
        )

    def client_for(self, user):
        client = Client()
        client.force_login(user)
        return client

    def play(self, outcome: str, ratings: list[str]) -> None:
        person, manager = self.person, self.manager.user
        waiting = person.assessments.filter(status__in=Assessment.OPEN).first()
        if waiting is not None and waiting.status == Assessment.Status.SUBMITTED:
            progression.assessment_acknowledge(assessment=waiting, by=person.user)
            waiting.refresh_from_db()
        if waiting is not None and waiting.status == Assessment.Status.ACKNOWLEDGED:
            progression.assessment_approve(
                assessment=waiting, by=self.hr, effective_date=DAY, override_reason="generated"
            )
            waiting = None
        made = waiting or progression.assessment_start(staff=person, by=manager)
        all_met = outcome == "all met submitted"
        chosen = {
            item.pk: Rating.MET if all_met else ratings[n % len(ratings)]
            for n, item in enumerate(made.items.order_by("order"))
        }
        made = progression.assessment_save(
            assessment=made,
            by=manager,
            version=made.version,
            ratings=chosen,
            recommendation=Assessment.Recommendation.PROGRESS,
        )
        if outcome == "draft":
            return
        before = standing_of(person).towards_next
        progression.assessment_submit(assessment=made, by=manager)
        if all_met and before is not None:
            after = standing_of(person).towards_next
            assert after.met >= before.met, (before, after)
        if outcome == "returned":
            progression.assessment_return(assessment=made, by=self.hr, reason="generated")
        if outcome in ("acknowledged", "approved"):
            progression.assessment_acknowledge(assessment=made, by=person.user)
        if outcome == "approved":
            progression.assessment_approve(
                assessment=made, by=self.hr, effective_date=DAY, override_reason="generated"
            )

    def check_pages_agree(self) -> None:
        standing = standing_of(self.person)
        pages = standing_pages(
            self.client_for, person=self.person, manager=self.manager, hr=self.hr
        )
        latest = self.person.assessments.order_by("-created_at", "-pk").first()
        if latest is not None and latest.target_level != standing.next_level:
            del pages["assessment page"]  # it measures against another level
        towards = standing.towards_next
        for name, html in pages.items():
            shown = figures(html)
            if towards is None:
                assert shown == set(), name
                continue
            assert shown <= {(towards.met, towards.counted)}, (name, shown)
            assert verdicts(html) <= {towards.verdict}, (name, verdicts(html))
        if towards is not None:
            assert figures(pages["my profile"]) == {(towards.met, towards.counted)}
        if towards is not None and standing.shown_assessment is not None:
            # Before anything is shown, the manager's pages say "not yet assessed" instead.
            for name in ("person page", "team"):
                assert figures(pages[name]) == {(towards.met, towards.counted)}, name

    @whole_histories(12)
    @given(HISTORIES)
    def test_every_page_shows_the_same_standing(self, history):
        self.make_people()
        for outcome, ratings in history:
            self.play(outcome, ratings)
            self.check_pages_agree()
