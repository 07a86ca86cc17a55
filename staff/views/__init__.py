"""Pages of the staff app, one module per journey: a manager's team, assessments and HR's
approvals, and an employee's own profile.

Every object is fetched through a `visible_to` QuerySet, so someone else's id is simply not
found (404); the workflow functions then say whether this person may take this step (403).
"""
