"""How many requirement items each real sample in ../shared/samples holds, per level, as a person
counts them: numbers only, so that none of the samples' text is copied into the project.

The accuracy script compares the reader with these counts (an item counts when its level is right
and its text is found, word for word, in the file), since the samples' full expected readings
cannot be written down here.
"""

# level label ("" for items of no particular level) -> items; levels in the document's order.
SAMPLE_COUNTS = {
    # Accountabilities for all levels, then each level's accountabilities, qualifications and
    # knowledge, skills and experience (the key objectives and behaviours are not counted).
    "case-management-officer-job-family.txt": {
        "": 13,
        "Level 1": 9,
        "Level 2": 10,
        "Level 3": 13,
        "Team Leader": 19,
    },
    # Five accountabilities blocks (KPIs as sub-points), one responsibility, six leadership
    # competencies, nine essential and desirable criteria.
    "mps-case-manager-assistant.txt": {"": 34},
    # Two paragraphs and seventeen tasks of key responsibilities, eleven criteria.
    "mps-team-administrator.txt": {"": 30},
    # Four weighted essential functions' 27 items, 13 experience and skills, 2 education,
    # 2 physical and schedule requirements.
    "assurity-worksite-group-administrator.txt": {"": 44},
}
SAMPLE_LEVELS = {
    "case-management-officer-job-family.txt": ["Level 1", "Level 2", "Level 3", "Team Leader"],
    "mps-case-manager-assistant.txt": [],
    "mps-team-administrator.txt": [],
    "assurity-worksite-group-administrator.txt": [],
}
