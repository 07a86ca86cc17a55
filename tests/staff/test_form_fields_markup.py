"""The assessment and self-assessment forms' fields are built in Python (for speed: an
80-item assessment has 240 fields) and must say exactly what crispy-forms' bootstrap5
templates say: the same ids, names, labels, classes, values and error messages, so that
the page's script, its labels for screen readers and its look are unchanged."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test.html import parse_html

from staff.forms import AssessmentForm, EvidenceForm, SelfAssessmentForm

CRISPY = Template("{% load crispy_forms_tags %}{{ field|as_crispy_field }}")


def same_markup(field, filter_name):
    ours = Template("{% load assessment_fields %}{{ field|" + filter_name + " }}")
    ours = ours.render(Context({"field": field}))
    theirs = CRISPY.render(Context({"field": field}))
    assert parse_html(ours) == parse_html(theirs), f"{ours}\n!=\n{theirs}"


def _item(pk, text, *, rating="", comment="", requirement_id=1):
    return SimpleNamespace(
        pk=pk, text=text, rating=rating, comment=comment, requirement_id=requirement_id
    )


ITEMS = [
    _item(1, "Manages <b>claims</b> & “renewals”", rating="met", comment="Well <done>"),
    _item(2, "Plain item"),
]
ASSESSMENT = SimpleNamespace(version=3, recommendation="", summary="")
POSTED = {
    "version": "3",
    "rating_1": "bogus",
    "comment_1": "x" * 5001,
    "evidence_1": "on",
    "rating_2": "partly_met",
    "comment_2": "Typed <again> & kept",
}


@pytest.mark.parametrize("data", [None, POSTED], ids=["unbound", "bound with errors"])
@pytest.mark.parametrize(
    "prefix, filter_name",
    [("rating", "choice_field"), ("comment", "comment_field"), ("evidence", "checkbox_field")],
)
@pytest.mark.parametrize("pk", [1, 2])
def test_an_assessment_field_says_what_crispy_says(data, prefix, filter_name, pk):
    form = AssessmentForm(data, assessment=ASSESSMENT, items=ITEMS)
    if data is not None:
        form.is_valid()
    same_markup(form[f"{prefix}_{pk}"], filter_name)


def _entry(pk, text, self_rating):
    return SimpleNamespace(item=SimpleNamespace(pk=pk, text=text), self_rating=self_rating)


@pytest.mark.parametrize(
    "data", [None, {"rating-1": "bogus", "rating-2": "met"}], ids=["unbound", "bound"]
)
@pytest.mark.parametrize("position", [0, 1])
def test_a_self_rating_field_says_what_crispy_says(data, position):
    entries = [_entry(1, "Knows <b>things</b> & stuff", "met"), _entry(2, "Other", "")]
    form = SelfAssessmentForm(data, entries=entries)
    if data is not None:
        form.is_valid()
    same_markup(entries[position].rating_field, "select_field")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data", [None, {"requirements": ["bogus"]}, "two ticked"], ids=["unbound", "bad", "ticked"]
)
def test_the_requirements_evidence_supports_say_what_crispy_says(data, insurance_officer):
    requirements = insurance_officer.levels.get(code="B").requirements()
    if data == "two ticked":
        data = {"text": "x", "requirements": [str(item.pk) for item in requirements[:2]]}
    form = EvidenceForm(data, requirements=requirements)
    if data is not None:
        form.is_valid()
    same_markup(form["requirements"], "choice_field")
