"""JSON version 2's role keys for what is not a requirement: free sections, labelled facts, a
sign-off block, month-only dates and responsibility groups; version 1 files still import."""

import datetime
import json

import pytest
from django.core.management import call_command

from roles.models import Responsibility, Role, RoleFact, RoleSection, RoleSignOff
from tests import builders
from tests.roles.transfer.refusals import database_state, refused
from tests.roles.transfer.test_export_json import export_json


def exported_role(tmp_path) -> dict:
    (role,) = json.loads(export_json(tmp_path))["roles"]
    return role


def import_document(tmp_path, document: dict, name: str = "roles.json") -> None:
    path = tmp_path / name
    path.write_text(json.dumps(document))
    call_command("import_role_profiles", str(path))


def test_a_written_profile_comes_back_identical_through_an_empty_database(db, tmp_path):
    builders.written_role()
    first = export_json(tmp_path)
    builders.empty_catalogue()
    call_command("import_role_profiles", str(tmp_path / "export-0.json"))
    assert export_json(tmp_path) == first


def test_the_export_carries_each_new_block_as_written(db, tmp_path):
    builders.written_role()
    role = exported_role(tmp_path)
    assert role["sections"] == [
        {
            "title": "Team purpose",
            "html": "<p>The claims team settles <strong>every</strong> claim fairly.</p>",
        },
        {
            "title": "Working conditions",
            "html": "<ul><li>Office based</li><li>Some evening work</li></ul>",
        },
    ]
    assert role["facts"] == [
        {"label": "Version", "value": "3.1"},
        {"label": "Headcount", "value": "4"},
        {"label": "Exempt status", "value": "Non-exempt"},
    ]
    assert role["sign_off"] == [
        {
            "name": "Dana Price",
            "role": "Head of Claims",
            "date": "2025-02-01",
            "date_precision": "month",
        },
        {"name": "", "role": "Post holder", "date": None, "date_precision": "day"},
    ]
    assert (role["date_developed"], role["date_developed_precision"]) == ("2024-11-01", "month")
    assert (role["last_reviewed"], role["last_reviewed_precision"]) == ("2025-04-01", "day")
    assert role["responsibilities"][1] == {
        "heading": "Customer contact",
        "text": "",
        "share_of_time": 60,
        "measures_of_success": ["Calls answered within a minute"],
        "items": ["Answers calls from claimants", "Writes to claimants about their claims"],
        "function": "essential",
    }
    assert role["responsibilities"][2]["function"] == "marginal"


def test_a_version_1_file_still_imports_and_leaves_the_new_blocks_as_they_are(db, tmp_path):
    role = builders.written_role()
    document = json.loads(export_json(tmp_path))
    document["version"] = 1
    (data,) = document["roles"]
    for key in ["sections", "facts", "sign_off", *(k for k in data if k.endswith("_precision"))]:
        del data[key]
    for responsibility in data["responsibilities"]:
        del responsibility["items"], responsibility["function"]
        responsibility["text"] = responsibility["text"] or "Talks to claimants"
    data["purpose"] = "Settles claims quickly."
    del document["frameworks"]
    import_document(tmp_path, document)

    role.refresh_from_db()
    assert role.purpose == "Settles claims quickly."
    assert [s.title for s in role.sections.all()] == ["Team purpose", "Working conditions"]
    assert [f.label for f in role.facts.all()] == ["Version", "Headcount", "Exempt status"]
    assert role.sign_offs.count() == 2
    assert role.next_review_written == "March 2026"


def test_a_version_1_file_imports_into_an_empty_database(db, tmp_path):
    document = {
        "format": "role-profiles",
        "version": 1,
        "roles": [
            {
                "title": "Claims Handler",
                "grade": "Band 2",
                "next_review": "2026-04-01",
                "levels": [{"code": "A", "requirements": []}],
                "responsibilities": [{"heading": "Financial", "text": "Pays claims"}],
            }
        ],
    }
    import_document(tmp_path, document)
    role = Role.objects.get()
    assert role.next_review_written == "1 April 2026"
    assert [(r.heading, r.text, r.function) for r in role.responsibilities.all()] == [
        ("Financial", "Pays claims", "")
    ]
    assert not role.sections.exists() and not role.facts.exists()


def test_a_month_only_date_is_kept_as_its_month(db, tmp_path):
    builders.written_role()
    document = json.loads(export_json(tmp_path))
    (data,) = document["roles"]
    data["last_reviewed"], data["last_reviewed_precision"] = "2025-06-17", "month"
    data["sign_off"][0]["date"] = "2025-02-20"
    import_document(tmp_path, document)
    role = Role.objects.get()
    assert (role.last_reviewed, role.last_reviewed_written) == (
        datetime.date(2025, 6, 1),
        "June 2025",
    )
    assert role.sign_offs.first().signed_on_written == "February 2025"


def test_imported_sections_keep_formatting_and_lose_scripts(db, tmp_path):
    builders.written_role()
    document = json.loads(export_json(tmp_path))
    document["roles"][0]["sections"] = [
        {
            "title": "Job standards",
            "html": "<p onclick='x()'>Be <em>kind</em><script>x()</script></p>",
        }
    ]
    import_document(tmp_path, document)
    assert list(RoleSection.objects.values_list("title", "body_html")) == [
        ("Job standards", "<p>Be <em>kind</em></p>")
    ]


def test_a_responsibility_group_may_have_only_items(db, tmp_path):
    builders.written_role()
    document = json.loads(export_json(tmp_path))
    document["roles"][0]["responsibilities"] = [
        {"heading": "Post", "items": ["Opens the post", "Scans letters"], "function": "marginal"}
    ]
    import_document(tmp_path, document)
    (group,) = Responsibility.objects.all()
    assert (group.text, group.item_list, group.function) == (
        "",
        ["Opens the post", "Scans letters"],
        "marginal",
    )


def test_sections_facts_and_sign_off_given_replace_the_roles_own(db, tmp_path):
    builders.written_role()
    document = json.loads(export_json(tmp_path))
    document["roles"][0]["facts"] = [{"label": "Budget holder", "value": "No"}]
    document["roles"][0]["sign_off"] = []
    import_document(tmp_path, document)
    assert list(RoleFact.objects.values_list("label", "value")) == [("Budget holder", "No")]
    assert not RoleSignOff.objects.exists()


def written_state():
    return (
        database_state(),
        list(RoleSection.objects.values()),
        list(RoleFact.objects.values()),
        list(RoleSignOff.objects.values()),
        list(Responsibility.objects.values()),
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda r: r["sections"][0].update(title="T" * 201), "section title"),
        (lambda r: r["sections"][0].update(html="<p>" + "x" * 50_001 + "</p>"), "text"),
        (lambda r: r["facts"][0].update(label="L" * 121), "fact label"),
        (lambda r: r["facts"][0].update(value="V" * 501), "fact"),
        (lambda r: r["sign_off"][0].update(name="N" * 201), "sign-off name"),
        (lambda r: r["sign_off"][0].update(role="R" * 201), "sign-off role"),
        (lambda r: r["responsibilities"][1].update(items=["i" * 5001]), "responsibility items"),
    ],
    ids=["section title", "section text", "label", "value", "signer", "their role", "items"],
)
def test_an_over_long_value_is_refused_naming_file_role_and_field(db, tmp_path, change, field):
    builders.written_role()
    document = json.loads(export_json(tmp_path))
    change(document["roles"][0])
    before = written_state()
    message = refused(tmp_path, "too-long.json", json.dumps(document).encode())
    assert message.startswith("too-long.json: ")
    assert "Claims Handler (Band 2)" in message
    assert f"the {field} is" in message and "at most" in message
    assert written_state() == before


@pytest.mark.parametrize(
    ("change", "path", "says"),
    [
        (lambda r: r.update(next_review_precision="week"), "next_review_precision", "month"),
        (lambda r: r["sign_off"][0].update(date="Feb 2025"), "sign_off[0].date", "YYYY-MM-DD"),
        (lambda r: r["sign_off"].append({"date": None}), "sign_off[2]", '"name" or a "role"'),
        (lambda r: r["sections"].append({"title": ""}), "sections[2].title", "empty"),
        (lambda r: r["facts"].append({"label": "Grade"}), "facts[3].value", "missing"),
        (lambda r: r["responsibilities"][0].update(function="core"), "function", "essential"),
    ],
    ids=["precision", "sign-off date", "nobody signs", "untitled", "no value", "function"],
)
def test_a_wrong_value_is_refused_naming_its_json_path(db, tmp_path, change, path, says):
    builders.written_role()
    document = json.loads(export_json(tmp_path))
    change(document["roles"][0])
    before = written_state()
    message = refused(tmp_path, "wrong.json", json.dumps(document).encode())
    assert message.startswith("wrong.json: $.roles[0].")
    assert path in message and says in message
    assert written_state() == before
