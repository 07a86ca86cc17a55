"""Summaries of standings (the team page, approvals, HR's dashboard) say exactly what the full
standing says, whatever the history, in the same queries however many people."""

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from staff.models import Rating
from staff.standing import standings_of, summaries_of
from tests import builders
from tests.staff import test_standing_property as histories


def what_a_list_shows(standing) -> dict:
    """Everything a list or the dashboard reads of a standing."""
    towards = standing.towards_next
    groups = [
        (group.heading, [(e.item.pk, e.rating, e.is_essential) for e in group.items])
        for group in [*standing.current, *standing.next_additions]
    ]
    return {
        "level": standing.level,
        "since": standing.since,
        "next": standing.next_level,
        "scheduled": standing.scheduled,
        "shown": standing.shown_assessment and standing.shown_assessment.pk,
        "verdict": standing.verdict,
        "towards": towards and (towards.met, towards.counted, towards.blocking_items),
        "groups": groups,
    }


class SummariesAgreeWithTheFullStanding(TestCase):
    make_people = histories.StandingIsTheSameEverywhere.make_people
    play = histories.StandingIsTheSameEverywhere.play

    @histories.whole_histories(15)
    @given(histories.HISTORIES, st.booleans())
    def test_a_summary_says_what_the_standing_says(self, history, with_bystander):
        self.make_people()
        people = [self.person, self.manager]
        if with_bystander:
            # Someone else in the same role, never assessed: nothing of theirs leaks across.
            people.append(builders.staff("bystander", level=self.person.level))
        for outcome, ratings in history:
            self.play(outcome, ratings)
            full = standings_of(people)
            for own in (False, True):
                summaries = summaries_of(people, own_ratings=own)
                for profile in people:
                    assert what_a_list_shows(summaries[profile.pk]) == what_a_list_shows(
                        full[profile.pk]
                    )
            mine = summaries_of(people, own_ratings=True)[self.person.pk]
            assert [e.self_rating for e in mine.all_items] == [
                e.self_rating for e in full[self.person.pk].all_items
            ]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 6])
def test_summaries_take_the_same_queries_however_many_people(
    employee, manager, hr, insurance_officer, django_assert_num_queries, size
):
    """Intended to prevent an n+1 issue: everyone with approved and submitted assessments."""
    people = []
    for n in range(size):
        person = builders.staff(
            f"s{n}", level=insurance_officer.levels.get(code="A"), manager=manager
        )
        builders.assessment(person, by=manager.user, until="approved", hr_user=hr)
        builders.assessment(person, by=manager.user, until="submitted", rating=Rating.NOT_MET)
        people.append(person)
    # As the first reader after the role's last change (its items are then kept:
    # test_kept_role_items.py): levels in force, levels, items, the latest ratings, their
    # assessments.
    cache.clear()
    with django_assert_num_queries(5):
        summaries = summaries_of(people)
    cache.clear()
    with django_assert_num_queries(6):
        summaries_of(people, own_ratings=True)
    assert {s.towards_next.met for s in summaries.values()} == {16}


@pytest.mark.django_db
def test_a_summary_stops_at_the_next_level(employee, manager):
    builders.assessment(employee, by=manager.user, until="submitted")
    summary = summaries_of([employee])[employee.pk]
    assert {e.item.level.code for e in summary.entries} == {"A", "B"}
    top = summary.level.role.levels.get(code="C")
    with pytest.raises(ValueError, match="standing_of"):
        summary.readiness_for(top)
    assert standings_of([employee])[employee.pk].readiness_for(top).counted == 24
