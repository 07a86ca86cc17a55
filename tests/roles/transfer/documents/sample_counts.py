"""How the real samples in ../shared/samples divide into groups of requirement items, per level,
as a person reads them: numbers only, so that none of the samples' text is copied into the
project.

The accuracy script compares the reader with these (`make import-accuracy`): an item counts as
read right when its level is right, its group has exactly the expected number of items (in the
expected order of groups within the level), and its text is one whole line of the file.
"""

# level label ("" for items of no particular level) -> sizes of its groups, in document order.
SAMPLE_GROUPS = {
    # Accountabilities for all levels; then per level its accountabilities ("As above and"),
    # qualifications, and knowledge, skills and experience. The key objectives table and the
    # behaviours framework are not requirement items of a level and are not counted.
    "case-management-officer-job-family.txt": {
        "": [13],
        "Level 1": [3, 1, 5],
        "Level 2": [3, 1, 6],
        "Level 3": [5, 1, 7],
        "Team Leader": [15, 2, 2],
    },
    # Five accountabilities blocks (their KPIs are sub-points), other responsibilities, six
    # leadership competencies, then the criteria table's three columns (essential and
    # desirable items in each).
    "mps-case-manager-assistant.txt": {"": [4, 2, 4, 4, 4, 1, 6, 1, 5, 3]},
    # Key responsibilities (two paragraphs, then seventeen tasks under their lead-in), then
    # education, required experience, desired experience, ideal abilities.
    "mps-team-administrator.txt": {"": [2, 17, 1, 6, 1, 3]},
    # Four weighted essential functions, experience and skills, education, physical and
    # schedule requirements.
    "assurity-worksite-group-administrator.txt": {"": [6, 12, 6, 3, 13, 2, 2]},
}
SAMPLE_LEVELS = {
    "case-management-officer-job-family.txt": ["Level 1", "Level 2", "Level 3", "Team Leader"],
    "mps-case-manager-assistant.txt": [],
    "mps-team-administrator.txt": [],
    "assurity-worksite-group-administrator.txt": [],
}

# What each sample says beside its requirements, as counts: free text blocks other than the
# role's own purpose (a team's purpose, a department's description, policies, notes under no
# heading), labelled facts with a value (the title aside), and the signers of its sign-off.
SAMPLE_EXTRAS = {
    # Team purpose, a note on progression between grades, key policies; job family, service
    # area, grades; the job holder and the service lead sign.
    "case-management-officer-job-family.txt": {"sections": 3, "facts": 3, "sign_offs": 2},
    # Responsible to, division, department, direct reports, scope, scale, regulated functions,
    # evaluation level, role family, and three review dates; no sign-off.
    "mps-case-manager-assistant.txt": {"sections": 0, "facts": 12, "sign_offs": 0},
    # The department's description; department, management responsibility, reports to,
    # budgetary framework; job holder, line manager and head of department sign.
    "mps-team-administrator.txt": {"sections": 1, "facts": 4, "sign_offs": 3},
    # An introduction about the employer and a note after the functions; no facts.
    "assurity-worksite-group-administrator.txt": {"sections": 2, "facts": 0, "sign_offs": 0},
}
