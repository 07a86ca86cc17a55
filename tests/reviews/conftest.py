"""A finance department for review cycles: a manager at the top of their role with three
reports, one of them already in an assessment; and a finance clerk with nobody above them."""

import datetime

import pytest

from tests import builders

DUE = datetime.date(2027, 3, 31)


@pytest.fixture
def payroll(db):
    return builders.role("Payroll Officer", family="Finance and Payroll", department="Finance")


@pytest.fixture
def finance(payroll, senior_manager):
    level = {code: payroll.levels.get(code=code) for code in "ABC"}
    boss = builders.staff("finboss", level=level["C"], manager=senior_manager)
    return {
        "boss": boss,
        "ann": builders.staff("ann", level=level["A"], manager=boss),
        "bob": builders.staff("bob", level=level["B"], manager=boss),
        "cat": builders.staff("cat", level=level["C"], manager=boss),
        "loner": builders.staff("loner", level=level["A"]),
    }
