from collections import Counter

import pytest
from django.core.management import call_command

from competencies.models import RequirementCategory
from roles.models import Grade, Level, RequirementItem, Role
from roles.transfer.importing import IMPORTED_GRADES_SCHEME, parse_file, role_profiles_import
from staff.models import AssessmentItem
from tests import builders, samples
from tests.career_tables import HEADER, cell, role_block, simple_rows, simple_table, tsv, xlsx

# ../shared/samples beside the project; without it the tests reading it skip (needs_samples).
SAMPLE = samples.sample("medway-career-grade-table.tsv")

# The table in ../shared/samples/README.md: (role, level) -> items per category.
EXPECTED = {
    ("Insurance Officer", "A"): {"Qualifications": 1, "Knowledge": 2, "Experience": 3, "Skills": 4},
    ("Insurance Officer", "B"): {"Knowledge": 4, "Experience": 4, "Skills": 8},
    ("Insurance Officer", "C"): {"Knowledge": 3, "Experience": 5, "Skills": 5},
    ("Insurance Team Leader", "A"): {
        "Qualifications": 1,
        "Knowledge": 3,
        "Experience": 4,
        "Skills": 8,
    },
    ("Insurance Team Leader", "B"): {"Knowledge": 4, "Experience": 6, "Skills": 6},
    ("Insurance Team Leader", "C"): {"Knowledge": 2, "Experience": 4, "Skills": 5},
}


def import_bytes(data: bytes, name="table.tsv", dry_run=False):
    return role_profiles_import(parsed=parse_file(name=name, data=data), dry_run=dry_run)


def items_of(title, code, category):
    return list(
        RequirementItem.objects.filter(
            level__role__title=title, level__code=code, group__heading=category
        ).order_by("order")
    )


@pytest.fixture
def sample_imported(db):
    if samples.FOLDER is None:
        pytest.skip(samples.REASON)
    call_command("import_role_profiles", str(SAMPLE))


def test_sample_gives_the_expected_items_per_level_and_category(sample_imported):
    counts = Counter(
        RequirementItem.objects.values_list(
            "level__role__title", "level__code", "group__heading"
        ).order_by()
    )
    found = {}
    for (title, code, category), count in counts.items():
        found.setdefault((title, code), {})[category] = count
    assert found == EXPECTED


def test_sample_gives_82_items_and_24_sub_points(sample_imported):
    items = RequirementItem.objects.all()
    assert items.count() == 82
    assert sum(len(item.sub_point_list) for item in items) == 24


def test_sample_sub_points_belong_to_the_items_the_readme_names(sample_imported):
    def sub_points(title, code, category):
        return [len(i.sub_point_list) for i in items_of(title, code, category)]

    assert sub_points("Insurance Officer", "B", "Experience") == [0, 0, 0, 4]
    assert sub_points("Insurance Officer", "C", "Experience") == [0, 0, 0, 0, 4]
    assert sub_points("Insurance Team Leader", "A", "Experience") == [0, 0, 0, 8]
    assert sub_points("Insurance Team Leader", "A", "Skills") == [0, 0, 0, 0, 0, 0, 8, 0]


def test_sample_item_split_by_a_page_break_is_one_qualification(sample_imported):
    (qualification,) = items_of("Insurance Team Leader", "A", "Qualifications")
    assert "five GCSEs including English & Maths grade 4/C and above" in qualification.text


def test_sample_duties_split_by_a_page_break_are_one_text(sample_imported):
    leader = Role.objects.get(title="Insurance Team Leader")
    assert leader.duties_html.startswith("<p>To contribute to the effective operational management")
    assert "a specialist area within the council" in leader.duties_html
    assert "<li>" in leader.duties_html and "•" not in leader.duties_html


def test_sample_levels_have_codes_names_and_order_from_the_headers(sample_imported):
    levels = Level.objects.filter(role__title="Insurance Officer").order_by("order")
    assert [(lv.code, lv.name) for lv in levels] == [
        ("A", "Developing"),
        ("B", "Practising"),
        ("C", "Accomplished"),
    ]


@samples.needs_samples
def test_dry_run_prints_what_would_be_created_and_saves_nothing(db, capsys):
    call_command("import_role_profiles", str(SAMPLE), "--dry-run")
    output = capsys.readouterr().out
    assert "2 would be created" in output
    assert "New requirement categories: Qualifications, Knowledge, Experience, Skills" in output
    assert "nothing was saved" in output
    assert not Role.objects.exists() and not RequirementCategory.objects.exists()


def test_importing_the_same_file_again_changes_nothing(sample_imported):
    before = list(RequirementItem.objects.order_by("pk").values())
    updated = list(Role.objects.order_by("pk").values_list("pk", "updated_at"))
    report = role_profiles_import(
        parsed=parse_file(name=SAMPLE.name, data=SAMPLE.read_bytes()), dry_run=False
    )
    assert not report.has_changes
    assert list(RequirementItem.objects.order_by("pk").values()) == before
    assert list(Role.objects.order_by("pk").values_list("pk", "updated_at")) == updated


def edited_table(knowledge_items, skills_items):
    return tsv(
        *role_block(
            rows=[
                ["", "", "", cell("Knowledge", *knowledge_items), cell("Knowledge")],
                ["", "", "", cell("Skills", *skills_items), cell("Skills")],
            ]
        )
    )


def test_edited_file_keeps_unchanged_items_and_their_assessments(db, employee):
    import_bytes(edited_table(["Knows the claims process", "Knows the law"], ["Writes letters"]))
    kept = RequirementItem.objects.get(text="Knows the law")
    rated = builders_assessment_item(employee, kept)

    report = import_bytes(edited_table(["Knows the law"], ["Writes letters", "Types fast"]))

    assert RequirementItem.objects.get(text="Knows the law").pk == kept.pk
    rated.refresh_from_db()
    assert rated.requirement_id == kept.pk
    (change,) = report.roles
    assert (change.outcome, change.items_created, change.items_removed) == ("changed", 1, 1)


def builders_assessment_item(staff, requirement):
    from staff.models import Assessment

    assessment = Assessment.objects.create(
        staff=staff, assessor=staff.user, target_level=requirement.level
    )
    item = AssessmentItem.snapshot_of(requirement, assessment=assessment, order=1)
    item.save()
    return item


def test_role_is_matched_by_title_and_grade(db):
    import_bytes(simple_table(grade="Band 2"))
    import_bytes(simple_table(grade="Band 3"))
    assert sorted(Role.objects.values_list("grade__name", flat=True)) == ["Band 2", "Band 3"]


def test_unknown_category_heading_becomes_a_new_category_named_in_the_dry_run(db):
    builders.category("Knowledge")
    builders.category("Skills")
    data = tsv(*role_block(rows=[["", "", "", cell("Scope of Work", "Works alone"), ""]]))
    report = import_bytes(data, dry_run=True)
    assert report.new_categories == ["Scope of Work"]
    assert "New requirement categories: Scope of Work." in report.lines()


def test_heading_with_no_items_is_kept_as_a_category(db):
    import_bytes(tsv(*role_block(rows=[["", "", "", cell("Knowledge", "Knows"), cell("Skills")]])))
    assert RequirementCategory.objects.filter(name="Skills").exists()


def test_columns_are_found_by_header_not_position(db):
    header = ["Level B (Practising)", "Range", "Job Title", "Level A (Developing)"]
    data = tsv(
        ["In addition to level A", "Band 2", "Claims Handler", "Required for this level"],
        [cell("Skills", "Coaches"), "", "", cell("Skills", "Writes letters")],
        header=header,
    )
    import_bytes(data)
    assert [i.text for i in items_of("Claims Handler", "A", "Skills")] == ["Writes letters"]
    assert [i.text for i in items_of("Claims Handler", "B", "Skills")] == ["Coaches"]


def test_any_number_of_level_columns(db):
    header = ["Job Title", "Range", "Level 1", "Level 2", "Level 3", "Level Team Leader (Band 6)"]
    data = tsv(
        ["Case Officer", "Band 2", "", "", "", ""],
        ["", "", cell("Skills", "One"), cell("Skills", "Two"), "", cell("Skills", "Leads")],
        header=header,
    )
    import_bytes(data)
    levels = Level.objects.filter(role__title="Case Officer").order_by("order")
    assert [(lv.code, lv.name) for lv in levels] == [
        ("1", ""),
        ("2", ""),
        ("3", ""),
        ("Team Leader", "Band 6"),
    ]


def test_extra_column_is_reported_not_silently_dropped(db):
    data = tsv(["Claims Handler", "Band 2", "", "", "", "ask Sam"], header=[*HEADER, "Notes"])
    report = import_bytes(data)
    assert any('column F ("Notes")' in note and "not imported" in note for note in report.notes)


def test_duties_keep_simple_formatting_and_lose_scripts(db):
    duties = '<p onclick="steal()">Handles <b>claims</b>.</p><script>alert(1)</script>'
    import_bytes(tsv(*role_block(duties=duties)))
    assert Role.objects.get().duties_html == "<p>Handles <b>claims</b>.</p>"


def test_desirable_items_are_marked_in_the_table(db):
    import_bytes(tsv(*role_block(rows=[["", "", "", cell("Skills", "Speaks Welsh (desirable)")]])))
    (item,) = items_of("Claims Handler", "A", "Skills")
    assert (item.text, item.is_essential) == ("Speaks Welsh", False)


def test_unknown_grade_is_created_in_the_imported_grades_scheme(db):
    report = import_bytes(simple_table(grade="Band 7"))
    assert Grade.objects.get(name="Band 7").scheme.name == IMPORTED_GRADES_SCHEME
    assert any(IMPORTED_GRADES_SCHEME in line and "Band 7" in line for line in report.lines())


def test_known_grade_is_reused(db):
    existing = builders.grade("Band 2", scheme="NHS bands")
    import_bytes(simple_table(grade="Band 2"))
    assert Role.objects.get().grade == existing


def test_csv_file_reads_like_tsv(db):
    import_bytes(tsv(*simple_rows(), delimiter=","), name="table.csv")
    assert RequirementItem.objects.count() == 4


def test_xlsx_file_reads_like_tsv(db):
    import_bytes(xlsx(*simple_rows()), name="table.xlsx")
    assert RequirementItem.objects.count() == 4


def test_windows_1252_file_is_read_and_the_report_says_so(db):
    data = tsv(*role_block(title="Café Manager")).decode().encode("cp1252")
    report = import_bytes(data)
    assert Role.objects.get().title == "Café Manager"
    assert any("Windows-1252" in note for note in report.notes)
