"""Competency frameworks in role-profile JSON: the order a framework states is the order kept."""

import json

import pytest

from competencies.models import CompetencyDescriptor, CompetencyFramework, ProficiencyLevel
from roles.models import Role
from roles.transfer.exporting import export_roles, roles_for_export
from roles.transfer.importing import parse_file, role_profiles_import
from roles.transfer.parsed import ImportProblem
from tests import builders

pytestmark = pytest.mark.django_db

AWARENESS_TO_EXPERT = ["Awareness", "Working", "Practitioner", "Expert"]


def role(title: str, competencies: list[tuple[str, str]], framework="Digital Skills") -> dict:
    return {
        "title": title,
        "grade": "Band 4",
        "levels": [{"code": "1", "requirements": []}, {"code": "2", "requirements": []}],
        "competencies": [
            {"framework": framework, "competency": c, "proficiency": p} for c, p in competencies
        ],
    }


def framework(name: str, levels: list[str], competencies: list[str]) -> dict:
    return {
        "name": name,
        "proficiency_levels": [{"name": level} for level in levels],
        "competencies": [{"name": c} for c in competencies],
    }


def load(document: dict, name="roles.json"):
    parsed = parse_file(name=name, data=json.dumps(document).encode())
    return role_profiles_import(parsed=parsed, dry_run=False)


def scale(name: str = "Digital Skills") -> list[str]:
    return [p.name for p in CompetencyFramework.objects.get(name=name).proficiency_levels.all()]


def exported() -> dict:
    return json.loads(export_roles(roles_for_export(Role.objects.all()), file_format="json"))


def test_a_scale_whose_top_is_a_keeps_a_at_the_top():
    load(
        {
            "version": 2,
            "frameworks": [framework("Police Leadership", ["D", "C", "B", "A"], ["Integrity"])],
            "roles": [role("Sergeant", [("Integrity", "B")], framework="Police Leadership")],
        }
    )
    assert scale("Police Leadership") == ["D", "C", "B", "A"]
    levels = exported()["frameworks"][0]["proficiency_levels"]
    assert [level["name"] for level in levels] == ["D", "C", "B", "A"]


def test_awareness_to_expert_is_kept_in_the_order_the_framework_lists_it():
    # The roles name the levels highest first and the competencies out of alphabetical order.
    roles = [
        role("Architect", [("Working Together", "Expert"), ("Coding", "Practitioner")]),
        role("Developer", [("Architecture", "Working"), ("Testing", "Awareness")]),
    ]
    frameworks = [
        framework(
            "Digital Skills",
            AWARENESS_TO_EXPERT,
            ["Working Together", "Coding", "Architecture", "Testing"],
        )
    ]
    load({"version": 2, "frameworks": frameworks, "roles": roles})
    assert scale() == AWARENESS_TO_EXPERT
    listed = CompetencyFramework.objects.get().competencies.all()
    assert [c.name for c in listed] == ["Working Together", "Coding", "Architecture", "Testing"]


def test_a_version_1_file_adds_levels_in_the_order_it_first_names_them_and_says_so():
    roles = [
        role("Apprentice", [("Testing", "Awareness"), ("Coding", "Working")]),
        role("Developer", [("Testing", "Practitioner"), ("Coding", "Expert")]),
    ]
    report = load({"format": "role-profiles", "version": 1, "roles": roles})
    assert scale() == AWARENESS_TO_EXPERT
    assert any(
        'Proficiency levels added to "Digital Skills"' in line
        and "Awareness, Working, Practitioner, Expert" in line
        for line in report.lines()
    )


def test_a_file_can_put_a_scrambled_scale_right():
    digital = CompetencyFramework.objects.create(name="Digital Skills")
    for order, name in enumerate(["Expert", "Practitioner", "Working", "Awareness"], start=1):
        ProficiencyLevel.objects.create(framework=digital, name=name, order=order)
    required = ProficiencyLevel.objects.get(name="Working")
    load(
        {
            "frameworks": [framework("Digital Skills", AWARENESS_TO_EXPERT, ["Testing"])],
            "roles": [role("Developer", [("Testing", "Working")])],
        }
    )
    assert scale() == AWARENESS_TO_EXPERT
    # The same rows, moved: nothing that points at them is lost.
    assert ProficiencyLevel.objects.get(name="Working").pk == required.pk


def test_a_role_may_not_name_a_level_the_framework_does_not_list():
    document = {
        "frameworks": [framework("Digital Skills", AWARENESS_TO_EXPERT, ["Testing"])],
        "roles": [role("Developer", [("Testing", "Master")])],
    }
    with pytest.raises(ImportProblem) as problem:
        load(document)
    assert str(problem.value) == (
        'roles.json: $.roles[0].competencies[0].proficiency: "Master" is not one of the '
        'proficiency levels $.frameworks[0] lists for "Digital Skills".'
    )
    assert not CompetencyFramework.objects.exists()


def test_a_level_other_roles_still_require_is_not_dropped_from_the_scale():
    load(
        {
            "frameworks": [framework("Digital Skills", AWARENESS_TO_EXPERT, ["Testing"])],
            "roles": [role("Developer", [("Testing", "Expert")])],
        }
    )
    document = {
        "frameworks": [framework("Digital Skills", AWARENESS_TO_EXPERT[:3], ["Testing"])],
        "roles": [role("Tester", [("Testing", "Working")])],
    }
    with pytest.raises(ImportProblem, match='proficiency level "Expert" of "Digital Skills" is'):
        load(document)
    assert scale() == AWARENESS_TO_EXPERT


def test_a_level_nobody_requires_leaves_the_scale_with_the_file():
    load(
        {
            "frameworks": [framework("Digital Skills", AWARENESS_TO_EXPERT, ["Testing"])],
            "roles": [role("Tester", [])],
        }
    )
    load(
        {
            "frameworks": [framework("Digital Skills", AWARENESS_TO_EXPERT[1:], ["Testing"])],
            "roles": [role("Tester", [])],
        }
    )
    assert scale() == AWARENESS_TO_EXPERT[1:]


def test_an_over_long_proficiency_name_is_refused_with_where_it_is():
    document = {
        "frameworks": [framework("Digital Skills", ["x" * 121], [])],
        "roles": [role("Tester", [])],
    }
    with pytest.raises(
        ImportProblem, match=r"\$.frameworks\[0\]: the proficiency level's name is 121"
    ):
        load(document)
    assert not CompetencyFramework.objects.exists()


def test_frameworks_round_trip_through_an_empty_database():
    load(
        {
            "frameworks": [police(INTEGRITY, {"name": "Courage", "descriptors": []})],
            "roles": [
                role(
                    "Sergeant",
                    [("Integrity", "B"), ("Courage", "A")],
                    framework="Police Leadership",
                )
            ],
        }
    )
    first = exported()
    assert first["frameworks"][0]["competencies"][0]["descriptors"][0]["positive_indicators"] == [
        "Owns up to mistakes",
        "Keeps promises",
    ]
    builders.empty_catalogue()
    load(first)
    assert exported() == first


INTEGRITY = {
    "name": "Integrity",
    "description": "Acts honestly.",
    "descriptors": [
        {
            "proficiency": "D",
            "descriptor": "Is honest in their own work.",
            "positive_indicators": ["Owns up to mistakes", "Keeps promises"],
            "negative_indicators": ["Blames others"],
        },
        {
            "proficiency": "A",
            "descriptor": "Sets the standard of honesty for the force.",
            "positive_indicators": ["Challenges unethical practice at any level"],
            "negative_indicators": [],
        },
    ],
}


def police(*competencies) -> dict:
    document = framework("Police Leadership", ["D", "C", "B", "A"], [])
    document["competencies"] = list(competencies)
    return document


def test_descriptors_with_indicators_are_imported_per_proficiency_level():
    load({"frameworks": [police(INTEGRITY)], "roles": [role("Sergeant", [])]})
    top = CompetencyDescriptor.objects.get(proficiency__name="A")
    assert top.competency.name == "Integrity"
    assert top.text == "Sets the standard of honesty for the force."
    low = CompetencyDescriptor.objects.get(proficiency__name="D")
    assert low.positive_indicator_list == ["Owns up to mistakes", "Keeps promises"]
    assert low.negative_indicator_list == ["Blames others"]


def test_a_second_import_replaces_the_descriptors_it_lists():
    load({"frameworks": [police(INTEGRITY)], "roles": [role("Sergeant", [])]})
    kept = CompetencyDescriptor.objects.get(proficiency__name="D")
    changed = dict(INTEGRITY, descriptors=[dict(INTEGRITY["descriptors"][0], descriptor="Honest.")])
    load({"frameworks": [police(changed)], "roles": [role("Sergeant", [])]})
    assert list(CompetencyDescriptor.objects.values_list("pk", "text")) == [(kept.pk, "Honest.")]


def test_a_descriptor_for_a_level_the_framework_lacks_is_refused():
    wrong = dict(INTEGRITY, descriptors=[dict(INTEGRITY["descriptors"][0], proficiency="E")])
    with pytest.raises(ImportProblem) as problem:
        load({"frameworks": [police(wrong)], "roles": [role("Sergeant", [])]})
    assert str(problem.value) == (
        "roles.json: $.frameworks[0].competencies[0].descriptors[0].proficiency: "
        '"E" is not a proficiency level of "Police Leadership".'
    )
    assert not CompetencyFramework.objects.exists()


def test_a_proficiency_required_at_one_level_is_imported_for_that_level():
    developer = role("Developer", [("Testing", "Working"), ("Testing", "Expert")])
    developer["competencies"][1]["level"] = "2"
    load(
        {
            "frameworks": [framework("Digital Skills", AWARENESS_TO_EXPERT, ["Testing"])],
            "roles": [developer],
        }
    )
    required = {
        (rc.level.code if rc.level else "", rc.proficiency.name)
        for rc in Role.objects.get().role_competencies.select_related("level", "proficiency")
    }
    assert required == {("", "Working"), ("2", "Expert")}
    (exported_role,) = exported()["roles"]
    assert [(c["level"], c["proficiency"]) for c in exported_role["competencies"]] == [
        ("", "Working"),
        ("2", "Expert"),
    ]


def test_a_required_proficiency_at_a_level_the_role_lacks_is_refused():
    developer = role("Developer", [("Testing", "Expert")])
    developer["competencies"][0]["level"] = "7"
    with pytest.raises(ImportProblem) as problem:
        load({"roles": [developer]})
    assert str(problem.value) == (
        'roles.json: $.roles[0].competencies[0].level: this role has no level "7".'
    )
    assert not Role.objects.exists()


def test_the_same_competency_twice_at_one_level_is_refused():
    developer = role("Developer", [("Testing", "Working"), ("Testing", "Expert")])
    with pytest.raises(
        ImportProblem, match=r'"Testing" is required at every level twice; first at'
    ):
        load({"roles": [developer]})


def test_a_version_1_file_still_imports_into_role_wide_requirements():
    document = {
        "format": "role-profiles",
        "version": 1,
        "roles": [role("Developer", [("Testing", "Working")])],
    }
    load(document)
    (required,) = Role.objects.get().role_competencies.all()
    assert required.level is None
    assert required.proficiency.name == "Working"


def test_proficiency_by_level_round_trips_through_an_empty_database():
    developer = role(
        "Developer", [("Testing", "Working"), ("Testing", "Expert"), ("Coding", "Awareness")]
    )
    developer["competencies"][1]["level"] = "2"
    developer["competencies"][2]["level"] = "1"
    load(
        {
            "frameworks": [framework("Digital Skills", AWARENESS_TO_EXPERT, ["Testing", "Coding"])],
            "roles": [developer],
        }
    )
    first = exported()
    builders.empty_catalogue()
    load(first)
    assert exported() == first
    # Importing the same file again changes nothing.
    report = load(first)
    assert [change.outcome for change in report.roles] == ["unchanged"]


def test_the_report_says_what_a_file_does_to_a_framework_and_a_dry_run_keeps_it():
    digital = builders.framework(levels=("Expert", "Practitioner", "Working", "Awareness"))
    document = {
        "frameworks": [framework("Digital Skills", AWARENESS_TO_EXPERT, ["Testing", "Coding"])],
        "roles": [role("Developer", [])],
    }
    parsed = parse_file(name="roles.json", data=json.dumps(document).encode())
    report = role_profiles_import(parsed=parsed, dry_run=True)
    assert (
        'Competency framework "Digital Skills": proficiency levels: 4 moved or changed.'
        in report.lines()
    )
    assert [p.name for p in digital.proficiency_levels.all()][0] == "Expert"
    load(document)
    assert not any("Competency framework" in line for line in load(document).lines())
