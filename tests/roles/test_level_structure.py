"""Levels as role profiles write them: cumulative ("in addition to the level below") or
standalone (each level lists everything it asks), an item that replaces a weaker one of a lower
level, a description per level, and a role written without levels. Roles are brought in as HR
brings them, through the JSON import, and read through the pages and the workflow."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from roles.career_paths import compare_levels
from roles.models import Role
from roles.transfer.importing import parse_file, role_profiles_import
from roles.transfer.parsed import ImportProblem
from staff.standing import standing_of
from tests import builders

pytestmark = pytest.mark.django_db


def level(code, *items, description="", replacing=None):
    """A JSON level; `replacing` maps an item's text to (level code, text) it replaces."""
    replacing = replacing or {}
    return {
        "code": code,
        "description": description,
        "requirements": [
            {
                "category": "Skills",
                "text": text,
                "replaces": (
                    {"level": replacing[text][0], "text": replacing[text][1]}
                    if text in replacing
                    else None
                ),
            }
            for text in items
        ],
    }


def import_role(*levels, title="Records Officer", structure=None, name="roles.json"):
    role = {"title": title, "grade": "Band 4", "levels": list(levels)}
    if structure:
        role["level_structure"] = structure
    data = json.dumps({"format": "role-profiles", "version": 2, "roles": [role]}).encode()
    role_profiles_import(parsed=parse_file(name=name, data=data), dry_run=False)
    return Role.objects.get(title=title)


def texts(items) -> set[str]:
    return {item.text for item in items}


@pytest.fixture
def standalone(db):
    return import_role(
        level("A", "Knows the filing rules", "Keeps records"),
        level("B", "Knows the filing rules well", "Keeps records", "Leads the filing team"),
        structure="standalone",
    )


@pytest.fixture
def replacing(db):
    return import_role(
        level("A", "Drafts letters", "Files correspondence"),
        level(
            "B",
            "Drafts complex letters",
            replacing={"Drafts complex letters": ("A", "Drafts letters")},
        ),
        level("C", "Signs letters off"),
    )


def page(client, hr, role) -> str:
    client.force_login(hr)
    return client.get(reverse("roles:detail", args=[role.pk])).content.decode()


def test_a_standalone_level_asks_only_what_it_lists(standalone):
    b = standalone.levels.get(code="B")
    assert texts(b.requirements()) == {
        "Knows the filing rules well",
        "Keeps records",
        "Leads the filing team",
    }


def test_a_standalone_role_page_never_says_in_addition_to(client, hr, standalone):
    html = page(client, hr, standalone)
    assert "In addition to" not in html
    assert html.count("Everything this level asks") >= 2


def test_a_replaced_item_drops_out_from_the_replacing_level_up(replacing):
    a, b, c = (replacing.levels.get(code=code) for code in "ABC")
    assert texts(a.requirements()) == {"Drafts letters", "Files correspondence"}
    assert texts(b.requirements()) == {"Drafts complex letters", "Files correspondence"}
    assert texts(c.requirements()) == {
        "Drafts complex letters",
        "Files correspondence",
        "Signs letters off",
    }


def test_the_role_page_says_what_a_replacing_item_stands_in_place_of(client, hr, replacing):
    html = page(client, hr, replacing)
    assert "In addition to level A" in html
    assert "In place of “Drafts letters”" in html


def test_readiness_in_a_standalone_role_counts_only_the_next_level_s_own_items(standalone):
    manager = builders.staff("boss", level=standalone.levels.get(code="B"))
    person = builders.staff("clerk", level=standalone.levels.get(code="A"), manager=manager)
    made = builders.assessment(person, by=manager.user, until="submitted")

    assert texts(item.requirement for item in made.items.all()) == {
        "Knows the filing rules well",
        "Keeps records",
        "Leads the filing team",
    }
    standing = standing_of(person)
    assert (standing.towards_next.counted, standing.towards_next.met) == (3, 3)
    assert standing.verdict == "Ready for Level B"
    # Written again in the same words, "Keeps records" is nothing new at B.
    added = {e.item.text for group in standing.next_additions for e in group.items}
    assert added == {"Knows the filing rules well", "Leads the filing team"}


def test_readiness_in_a_cumulative_role_leaves_out_the_replaced_item(replacing):
    manager = builders.staff("boss", level=replacing.levels.get(code="C"))
    person = builders.staff("clerk", level=replacing.levels.get(code="A"), manager=manager)
    builders.assessment(person, by=manager.user, until="submitted")

    towards_b = standing_of(person).towards_next
    assert towards_b.counted == 2
    assert towards_b.rule_met


def test_comparing_standalone_levels_marks_only_what_is_new(standalone):
    a, b = (standalone.levels.get(code=code) for code in "AB")
    comparison = compare_levels(lower=a, higher=b)
    added = {e.item.text for group in comparison.sections for e in group.items if e.is_addition}
    assert added == {"Knows the filing rules well", "Leads the filing team"}
    assert comparison.addition_count == 2


def test_a_level_s_description_shows_with_the_level(client, hr):
    role = import_role(level("A", "Files", description="Works under close supervision."))
    assert "Works under close supervision." in page(client, hr, role)


def test_a_role_written_without_levels_is_shown_without_an_invented_level(client, hr):
    role = import_role(level("", "Holds a driving licence", "Lifts 20 kg safely"))
    html = page(client, hr, role)
    assert "Holds a driving licence" in html
    assert "Level " not in html.split("<main", 1)[1]


def test_only_a_role_of_one_level_may_leave_its_code_empty(db):
    with pytest.raises(ImportProblem, match=r"levels\[1\]\.code: must not be empty"):
        import_role(level("A", "Files"), level("", "Leads"))


def test_a_replacement_naming_no_lower_item_is_refused_with_where(db):
    with pytest.raises(ImportProblem) as refused:
        import_role(
            level("A", "Drafts letters"),
            level("B", "Drafts reports", replacing={"Drafts reports": ("A", "Writes reports")}),
        )
    assert "roles.json" in str(refused.value)
    assert "$.roles[0].levels[1].requirements[0].replaces" in str(refused.value)
    assert not Role.objects.exists()


def test_an_unknown_level_structure_is_refused_with_where(db):
    with pytest.raises(ImportProblem, match=r"\$\.roles\[0\]\.level_structure: must be one of"):
        import_role(level("A", "Files"), structure="by band")


def test_a_level_code_as_long_as_real_ones_is_kept(client, hr):
    code = "Head of (Agile) delivery management, " * 2
    role = import_role(level(code.strip(), "Leads delivery"))
    assert role.levels.get().code == code.strip()
    assert "Head of (Agile) delivery management" in page(client, hr, role)


def test_a_level_code_over_the_limit_is_refused_naming_role_and_field(db):
    with pytest.raises(ImportProblem) as refused:
        import_role(level("X" * 121, "Leads delivery"))
    message = str(refused.value)
    assert "Records Officer" in message and "level code is 121 characters long" in message
    assert not Role.objects.exists()


def test_an_assessment_keeps_a_long_level_code_as_assessed(db):
    code = "Senior practitioner in digital records management and archives"
    role = import_role(level("A", "Files"), level(code, "Leads"))
    manager = builders.staff("boss", level=role.levels.get(code=code))
    person = builders.staff("clerk", level=role.levels.get(code="A"), manager=manager)
    made = builders.assessment(person, by=manager.user, until="submitted")
    assert code in {item.level_code for item in made.items.all()}


def test_structure_descriptions_and_replacements_survive_a_json_round_trip(replacing, tmp_path):
    import_role(
        level("A", "Knows the rules", description="New to the work."),
        level("B", "Knows the rules", "Coaches others"),
        title="Archivist",
        structure="standalone",
    )
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    call_command("export_role_profiles", "--format", "json", "--output", str(first))
    builders.empty_catalogue()
    call_command("import_role_profiles", str(first))
    call_command("export_role_profiles", "--format", "json", "--output", str(second))

    assert second.read_text() == first.read_text()
    exported = {role["title"]: role for role in json.loads(first.read_text())["roles"]}
    assert exported["Archivist"]["level_structure"] == "standalone"
    assert exported["Archivist"]["levels"][0]["description"] == "New to the work."
    assert exported["Records Officer"]["levels"][1]["requirements"][0]["replaces"] == {
        "level": "A",
        "text": "Drafts letters",
    }


def test_a_re_import_that_drops_a_replacement_asks_the_weaker_item_again(replacing):
    import_role(
        level("A", "Drafts letters", "Files correspondence"),
        level("B", "Drafts complex letters"),
        level("C", "Signs letters off"),
    )
    b = replacing.levels.get(code="B")
    assert "Drafts letters" in texts(b.requirements())
