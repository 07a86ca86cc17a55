"""Every list of a role's requirements shows the role's own groups, in the role's order: one
section per group, named with its level where levels are cumulative, with its lead-in, share
of time and rule, empty and repeated headings kept as written (tests/builders.grouped_role)."""

import pytest
from django.urls import reverse

from dashboards import team_map
from roles.models import Role
from staff import progression
from staff.models import Rating
from staff.standing import standing_of
from tests import builders
from tests.dashboards.conftest import assess

NOTHING = "Nothing listed under this heading."
SKILLS_NOTES = "With supervision: · 30% of time · Any 2 of these"


@pytest.fixture
def caseworker(db):
    return builders.grouped_role()


@pytest.fixture
def newcomer(caseworker, manager):
    """At level A of the cumulative caseworker role, towards B."""
    return builders.staff("newcomer", level=caseworker.levels.get(code="A"), manager=manager)


def titles(sections) -> list[str]:
    return [section.title for section in sections]


def test_a_cumulative_level_lists_every_group_named_with_its_level(caseworker, newcomer):
    standing = standing_of(newcomer)
    assert titles(standing.current) == [
        "Knowledge · Level A",
        "Knowledge · Level A",
        "Skills · Level A",
        "Behaviours · Level A",
    ]
    assert titles(standing.next_additions) == ["Knowledge · Level B", "Experience · Level B"]


def test_the_level_above_in_a_cumulative_role_holds_the_lower_levels_groups_too(caseworker):
    person = builders.staff("senior caseworker", level=caseworker.levels.get(code="B"))
    assert titles(standing_of(person).current) == [
        "Knowledge · Level A",
        "Knowledge · Level A",
        "Skills · Level A",
        "Behaviours · Level A",
        "Knowledge · Level B",
        "Experience · Level B",
    ]


def test_a_standalone_level_lists_its_own_groups_by_their_headings_alone(db):
    role = builders.grouped_role(structure=Role.LevelStructure.STANDALONE)
    person = builders.staff("caseworker", level=role.levels.get(code="A"))
    standing = standing_of(person)
    assert titles(standing.current) == ["Knowledge", "Knowledge", "Skills", "Behaviours"]
    assert titles(standing.next_additions) == ["Knowledge", "Experience"]


def test_repeated_headings_stay_apart_within_a_level_and_across_levels(caseworker):
    person = builders.staff("senior caseworker", level=caseworker.levels.get(code="B"))
    sections = standing_of(person).current
    knowledge = [
        [entry.item.text for entry in section.items]
        for section in sections
        if section.heading == "Knowledge"
    ]
    assert knowledge == [
        ["Knows the case rules", "Knows the filing system"],
        ["Knows the phone scripts"],
        ["Knows the appeal rules"],
    ]


def test_my_profile_shows_each_group_with_its_notes_and_an_empty_one_says_so(login, newcomer):
    page = login(newcomer).get(reverse("staff:my_profile")).content.decode()
    assert page.count("Knowledge · Level A") == 2
    assert SKILLS_NOTES in page
    assert "Behaviours · Level A" in page
    assert NOTHING in page
    assert page.index("Skills · Level A") < page.index("Behaviours · Level A")


def test_the_self_assessment_and_print_keep_the_empty_group(login, newcomer):
    client = login(newcomer)
    for name in ("staff:self_assessment", "staff:my_print"):
        page = client.get(reverse(name)).content.decode()
        assert "Behaviours · Level A" in page, name
        assert NOTHING in page, name


def test_the_person_page_lists_the_groups(login, manager, newcomer):
    page = login(manager).get(reverse("staff:person", args=[newcomer.pk])).content.decode()
    assert page.count("Knowledge · Level A") == 2
    assert "Experience · Level B" in page
    assert SKILLS_NOTES in page
    assert NOTHING in page


def test_the_assessment_form_rates_group_by_group(login, manager, newcomer):
    draft = progression.assessment_start(staff=newcomer, by=manager.user)
    response = login(manager).get(reverse("staff:assessment", args=[draft.pk]))
    groups = response.context["groups"]
    assert [group["title"] for group in groups] == [
        "Knowledge · Level A",
        "Knowledge · Level A",
        "Skills · Level A",
        "Knowledge · Level B",
        "Experience · Level B",
    ]
    assert [row["item"].text for row in groups[1]["items"]] == ["Knows the phone scripts"]
    assert SKILLS_NOTES in response.content.decode()


def test_the_role_page_says_an_empty_group_has_nothing_listed(login, newcomer, caseworker):
    page = login(newcomer).get(reverse("roles:detail", args=[caseworker.pk])).content.decode()
    assert NOTHING in page
    assert SKILLS_NOTES in page


def test_comparing_levels_lists_the_groups_with_the_empty_one(login, newcomer, caseworker):
    a, b = caseworker.levels.order_by("order")
    response = login(newcomer).get(
        reverse("roles:compare_levels", args=[caseworker.pk]), {"lower": a.pk, "higher": b.pk}
    )
    assert titles(response.context["comparison"].sections) == [
        "Knowledge · Level A",
        "Knowledge · Level A",
        "Skills · Level A",
        "Behaviours · Level A",
        "Knowledge · Level B",
        "Experience · Level B",
    ]
    assert NOTHING in response.content.decode()


def test_the_team_map_has_a_column_per_group(login, manager, newcomer):
    response = login(manager).get(reverse("dashboards:team_map"))
    columns = dict(response.context["columns"])
    assert {key: heading for key, heading in columns.items() if key.startswith(("a-", "b-"))} == {
        "a-knowledge-1": "Knowledge · Level A",
        "a-knowledge-2": "Knowledge · Level A",
        "a-skills-3": "Skills · Level A",
        "b-knowledge-1": "Knowledge · Level B",
        "b-experience-2": "Experience · Level B",
    }


def test_an_any_two_group_is_met_on_the_team_map_when_two_of_its_items_are(manager, newcomer):
    # Skills, any 2 of 3: the third item not met.
    texts = [
        item.text
        for item in progression.items_to_assess(
            staff=newcomer, target_level=newcomer.level.next_level()
        )
    ]
    ratings = [Rating.NOT_MET if text == "Books visits" else Rating.MET for text in texts]
    assess(newcomer, by=manager.user, ratings=ratings)
    standing = standing_of(newcomer)
    skills = team_map.cell_of(standing, "a-skills-3")
    assert skills.state == team_map.MET
    assert skills.words() == "2 of 3 met (any 2 asked), 1 not met"
    assert standing.towards_next.rule_met
