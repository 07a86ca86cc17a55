"""Each rule of reading a role-profile document, on a small document written for it."""

import pytest

from roles.transfer.documents import read_document
from roles.transfer.parsed import ImportProblem


def read(text: str, name: str = "profile.txt"):
    return read_document(name=name, data=text.encode())


def items(outline) -> list[tuple[str, str, str]]:
    return [
        (level.label if level else "", group.heading, item.text)
        for level, group, item in outline.all_items()
    ]


# Title and facts ------------------------------------------------------------------------------


def test_title_and_labelled_facts_at_the_top():
    outline = read(
        "Grounds Maintenance Operative\n\nGrade: Band 3\nDepartment: Parks\n"
        "Reports to: Parks Supervisor\nReference: GM-7\nDate created: 4 March 2025\n\n"
        "Duties\n- Cuts grass.\n"
    )
    assert outline.title == "Grounds Maintenance Operative"
    assert outline.facts == [
        ("Grade", "Band 3"),
        ("Department", "Parks"),
        ("Reports to", "Parks Supervisor"),
        ("Reference", "GM-7"),
        ("Date created", "4 March 2025"),
    ]


def test_job_title_fact_is_the_title_even_under_a_generic_heading():
    outline = read("ROLE PROFILE\n\nJob title: Court Usher\nGrade: 2\n\nDUTIES\n- Calls cases.\n")
    assert outline.title == "Court Usher"


def test_document_kind_before_the_title():
    outline = read("JOB DESCRIPTION: PORTER\n\nDUTIES\n- Moves furniture.\n")
    assert outline.title == "PORTER"


def test_label_on_one_line_and_its_value_on_the_next():
    outline = read("Role title:\nArchivist\nDepartment:\nRecords\n\nDuties\n- Catalogues files.\n")
    assert ("Role title", "Archivist") in outline.facts
    assert ("Department", "Records") in outline.facts
    assert outline.title == "Archivist"


def test_facts_in_a_two_column_table_at_the_top():
    outline = read(
        "# Cook\n\n| Grade | Scale 2 |\n| Department | Catering |\n\n## Duties\n\n- Cooks.\n",
        name="cook.md",
    )
    assert ("Grade", "Scale 2") in outline.facts and ("Department", "Catering") in outline.facts


# Headings, sections and groups ----------------------------------------------------------------


def test_purpose_is_a_section_and_its_text_is_not_an_item():
    outline = read(
        "Cleaner\n\nJob purpose\n\nKeeps the offices clean.\n\nDuties\n\n- Empties bins.\n"
    )
    assert [(s.heading, s.text) for s in outline.sections] == [
        ("Job purpose", "Keeps the offices clean.")
    ]
    assert items(outline) == [("", "Duties", "Empties bins.")]


@pytest.mark.parametrize(
    "heading",
    ["## Skills", "**Skills**", "SKILLS", "Skills:", "Skills"],
    ids=["markdown", "bold", "capitals", "colon", "short line"],
)
def test_headings_written_in_any_style_start_groups(heading):
    outline = read(f"Baker\n\n{heading}\n\n- Bakes bread.\n- Ices cakes.\n", name="baker.md")
    written = heading.strip("#*: ")
    assert items(outline) == [("", written, "Bakes bread."), ("", written, "Ices cakes.")]


def test_html_headings_and_lists():
    outline = read(
        "<h1>Florist</h1><h2>Skills</h2><ul><li>Arranges flowers.</li></ul>"
        "<h2>Knowledge</h2><ul><li>Knows the seasons.</li></ul>",
        name="florist.html",
    )
    assert outline.title == "Florist"
    assert items(outline) == [
        ("", "Skills", "Arranges flowers."),
        ("", "Knowledge", "Knows the seasons."),
    ]


def test_sign_off_block_is_kept_apart_from_the_items():
    outline = read("Clerk\n\nDuties\n- Files letters.\n\nSign-off\nJob holder signature:\nDate:\n")
    assert items(outline) == [("", "Duties", "Files letters.")]
    assert outline.sign_off == ["Sign-off", "Job holder signature:", "Date:"]


# Levels ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headings", "labels"),
    [
        (["Level 1", "Level 2"], ["Level 1", "Level 2"]),
        (["Level I", "Level II"], ["Level I", "Level II"]),
        (["Level A", "Level B"], ["Level A", "Level B"]),
        (["Band 5", "Band 6"], ["Band 5", "Band 6"]),
        (["Grade 3", "Grade 4"], ["Grade 3", "Grade 4"]),
        (["Awareness", "Working", "Practitioner", "Expert"], None),
        (["Level 3", "Level 4"], ["Level 3", "Level 4"]),
    ],
    ids=["numbers", "roman", "letters", "bands", "grades", "words", "from three"],
)
def test_level_headings_in_any_numbering(headings, labels):
    text = "Analyst\n\n" + "".join(f"## {h}\n\n- Item at {h}.\n\n" for h in headings)
    outline = read(text, name="analyst.md")
    assert [level.label for level in outline.levels] == (labels or headings)
    assert outline.direction == "up"
    assert items(outline)[-1] == (outline.levels[-1].label, "", f"Item at {headings[-1]}.")


def test_level_with_a_code_in_brackets_keeps_it_as_the_grade():
    outline = read("Officer\n\n**Level 1 (OPS1)**\n\n- Answers calls.\n", name="officer.md")
    level = outline.levels[0]
    assert (level.label, level.code, level.grade) == ("Level 1", "1", "OPS1")


def test_level_with_a_name_after_it():
    outline = read("Officer\n\n## Level A (Developing)\n\n- Learns.\n", name="officer.md")
    assert (outline.levels[0].code, outline.levels[0].name) == ("A", "Developing")


def test_levels_that_count_down_keep_the_document_order():
    outline = read(
        "Engineer\n\n## Level V\n\n- Leads.\n\n## Level IV\n\n- Designs.\n", name="eng.md"
    )
    assert [level.label for level in outline.levels] == ["Level V", "Level IV"]
    assert outline.direction == "down"


def test_as_above_and_marks_levels_cumulative():
    outline = read(
        "Officer\n\n**Level 1**\n\n- Answers calls.\n\n**Level 2**\n\nAs above and;\n\n"
        "- Handles complaints.\n",
        name="officer.md",
    )
    assert [level.cumulative for level in outline.levels] == [False, True]
    assert outline.cumulative


def test_heading_followed_by_as_above_is_a_level():
    outline = read(
        "Officer\n\n**Level 1**\n\n- Answers calls.\n\n**Team Leader**\n\nAs above and;\n\n"
        "- Manages the team.\n",
        name="officer.md",
    )
    assert [level.label for level in outline.levels] == ["Level 1", "Team Leader"]


def test_groups_inside_levels():
    outline = read(
        "Nurse\n\n## Band 5\n\n### Skills\n\n- Takes bloods.\n\n### Knowledge\n\n"
        "- Knows the ward.\n\n## Band 6\n\n### Skills\n\n- Leads a shift.\n",
        name="nurse.md",
    )
    assert items(outline) == [
        ("Band 5", "Skills", "Takes bloods."),
        ("Band 5", "Knowledge", "Knows the ward."),
        ("Band 6", "Skills", "Leads a shift."),
    ]


def test_levels_inside_a_group_and_items_for_all_levels():
    outline = read(
        "Officer\n\n## Accountabilities\n\n**All levels:**\n\n- Keeps records.\n\n"
        "**Level 1**\n\n- Answers calls.\n\n## Qualifications\n\n"
        "**Level 1:** GCSE English.\n\n**Level 2:** A levels.\n",
        name="officer.md",
    )
    assert items(outline) == [
        ("", "Accountabilities", "Keeps records."),
        ("Level 1", "Accountabilities", "Answers calls."),
        ("Level 1", "Qualifications", "GCSE English."),
        ("Level 2", "Qualifications", "A levels."),
    ]


def test_level_description_before_its_groups():
    outline = read(
        "Officer\n\n## Level 2\n\nWorks without close supervision.\n\n### Skills\n\n- Plans.\n",
        name="officer.md",
    )
    assert outline.levels[0].description == "Works without close supervision."
    assert items(outline) == [("Level 2", "Skills", "Plans.")]


# Items ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("glyph", ["•", "-", "*", "○", "·", "?", "1.", "2)", "a)"])
def test_bullets_of_any_glyph(glyph):
    outline = read(f"Porter\n\nDuties\n{glyph} Moves furniture.\n{glyph} Sorts post.\n")
    assert items(outline) == [("", "Duties", "Moves furniture."), ("", "Duties", "Sorts post.")]


def test_mis_encoded_bullet_is_marked_unsure():
    outline = read("Porter\n\nDuties\n? Moves furniture.\n")
    assert "encoding" in next(outline.all_items())[2].unsure


def test_bullet_typed_as_a_glyph_in_a_word_paragraph():
    outline = read(
        "<h1>Porter</h1><p><strong>Duties</strong></p><p>• Moves furniture.</p>",
        name="porter.html",
    )
    assert items(outline) == [("", "Duties", "Moves furniture.")]


def test_paragraphs_are_items_where_there_are_no_bullets():
    outline = read("Librarian\n\nDuties\n\nHelps readers find books.\n\nRuns the reading group.\n")
    assert items(outline) == [
        ("", "Duties", "Helps readers find books."),
        ("", "Duties", "Runs the reading group."),
    ]


def test_lines_wrapped_without_a_bullet_are_joined_back():
    outline = read(
        "Porter\n\nDuties\n- Moves furniture between the offices of\n  the town hall safely.\n"
        "- Sorts post.\n"
    )
    assert items(outline) == [
        ("", "Duties", "Moves furniture between the offices of the town hall safely."),
        ("", "Duties", "Sorts post."),
    ]


def test_sub_points_under_an_item_ending_in_a_colon():
    outline = read(
        "Clerk\n\nSkills\n• Experience of:\n  ○ Claims handling\n  ○ Renewals\n• Typing.\n"
    )
    first, second = (item for _, _, item in outline.all_items())
    assert (first.text, first.sub_points) == ("Experience of:", ["Claims handling", "Renewals"])
    assert second.text == "Typing."


def test_including_list_written_inline_becomes_sub_points():
    outline = read(
        "Clerk\n\nSkills\n- Experience of insurance including: claims; renewals; audits\n"
    )
    item = next(outline.all_items())[2]
    assert item.text == "Experience of insurance including:"
    assert item.sub_points == ["claims", "renewals", "audits"]


def test_lead_in_qualifies_the_items_below_it():
    outline = read(
        "Analyst\n\n## Analysis\n\nWith supervision:\n\n- Cleans data.\n\nIndependently:\n\n"
        "- Chooses methods.\n",
        name="analyst.md",
    )
    groups = outline.groups
    assert [(g.heading, g.lead_in) for g in groups] == [
        ("Analysis", "With supervision"),
        ("Analysis", "Independently"),
    ]


@pytest.mark.parametrize(
    ("heading", "bare", "weight"),
    [
        ("Customer care (40% of time)", "Customer care", 40),
        ("Billing 30%", "Billing", 30),
        ("25% Reporting, which includes:", "Reporting, which includes", 25),
    ],
)
def test_weights_on_group_headings(heading, bare, weight):
    outline = read(f"Clerk\n\n{heading}\n- Does it.\n")
    group = outline.groups[0]
    assert (group.heading, group.weight) == (bare, weight)


def test_essential_and_desirable_as_headings():
    outline = read(
        "Clerk\n\n## Experience\n\nEssential:\n\n- Typing.\n\nDesirable:\n\n- Shorthand.\n",
        name="clerk.md",
    )
    marks = [(i.text, i.essential) for _, _, i in outline.all_items()]
    assert marks == [("Typing.", True), ("Shorthand.", False)]
    assert {g.heading for g in outline.groups} == {"Experience"}


def test_essential_and_marginal_functions():
    outline = read("Clerk\n\nESSENTIAL FUNCTIONS\n- Typing.\n\nMARGINAL FUNCTIONS\n- Filing.\n")
    assert [i.essential for _, _, i in outline.all_items()] == [True, False]


def test_desirable_as_a_word_after_the_item():
    outline = read("Clerk\n\nSkills\n- Typing\n- Shorthand (desirable)\n")
    marks = [(i.text, i.essential) for _, _, i in outline.all_items()]
    assert marks == [("Typing", None), ("Shorthand", False)]


def test_essential_and_desirable_as_columns():
    outline = read(
        "| | Essential | Desirable |\n|---|---|---|\n| Skills | Typing | Shorthand |\n",
        name="spec.md",
    )
    marks = [(g.heading, i.text, i.essential) for _, g, i in outline.all_items()]
    assert marks == [("Skills", "Typing", True), ("Skills", "Shorthand", False)]


def test_paragraph_after_a_list_is_a_note_not_an_item():
    outline = read(
        "Clerk\n\nDuties\n- Files letters.\n- Answers calls.\n"
        "This list of duties is not exhaustive.\n\nSkills\n- Typing.\n"
    )
    assert items(outline) == [
        ("", "Duties", "Files letters."),
        ("", "Duties", "Answers calls."),
        ("", "Skills", "Typing."),
    ]
    assert [s.text for s in outline.sections] == ["This list of duties is not exhaustive."]
    assert any("kept as a note" in doubt for doubt in outline.unsure)


def test_html_left_in_a_text_export_is_read_as_formatting():
    outline = read("<b>Job Title</b>\t<b>Porter</b>\n\n<b>Duties</b>\n- Moves furniture.\n")
    assert outline.title == "Porter"
    assert items(outline) == [("", "Duties", "Moves furniture.")]


# Tables ---------------------------------------------------------------------------------------


def test_grid_of_behaviours_by_level():
    outline = read(
        "Adviser\n\n| Behaviour | Level 1 | Level 2 |\n|---|---|---|\n"
        "| Listening | Listens | Coaches |\n| Ownership | Follows up | Fixes causes |\n",
        name="grid.md",
    )
    assert items(outline) == [
        ("Level 1", "Listening", "Listens"),
        ("Level 1", "Ownership", "Follows up"),
        ("Level 2", "Listening", "Coaches"),
        ("Level 2", "Ownership", "Fixes causes"),
    ]


def test_table_flattened_into_tab_separated_text():
    outline = read("Adviser\n\nBehaviour\tLevel 1\tLevel 2\nListening\tListens\tCoaches\n")
    assert items(outline) == [
        ("Level 1", "Listening", "Listens"),
        ("Level 2", "Listening", "Coaches"),
    ]


def test_table_flattened_one_cell_per_line():
    outline = read(
        "Adviser\n\n\tCompetency\n\tLevel\n\n\tListening\n\tWorking\n\n"
        "\tOwnership\n\tExpert\n\n\tTeamwork\n\tWorking\n"
    )
    assert items(outline) == [
        ("", "Competency", "Listening"),
        ("", "Competency", "Ownership"),
        ("", "Competency", "Teamwork"),
    ]
    assert next(outline.all_items())[2].sub_points == ["Level: Working"]


def test_accountabilities_with_measures_of_success():
    outline = read(
        "| Accountability | Measures of success |\n|---|---|\n"
        "| Pays suppliers on time. | Invoices paid within 30 days |\n",
        name="acc.md",
    )
    item = next(outline.all_items())[2]
    assert (item.text, item.sub_points) == (
        "Pays suppliers on time.",
        ["Invoices paid within 30 days"],
    )


# The end of the document ----------------------------------------------------------------------


def test_text_cut_off_at_the_end_is_reported_not_dropped():
    outline = read("Porter\n\nDuties\n- Moves furniture.\n- Sorts post and\n")
    last = list(outline.all_items())[-1][2]
    assert last.text == "Sorts post and"
    assert "end in the middle" in last.unsure
    assert any("cut off" in doubt for doubt in outline.unsure)


def test_a_document_with_no_requirements_is_not_a_role_profile():
    with pytest.raises(ImportProblem) as problem:
        read("Dear Sam,\n\nThank you for your letter of Tuesday.\n", name="letter.txt")
    assert str(problem.value).startswith("letter.txt: does not look like a role profile")
