"""A choice among thousands lists a few and a search box, never all of them."""

import re

import pytest
from django import forms

from core.widgets import SearchSelect
from roles.models import JobFamily


class FamilyForm(forms.Form):
    family = forms.ModelChoiceField(
        queryset=JobFamily.objects.order_by("name"),
        required=False,
        empty_label="Any family",
        widget=SearchSelect(search_fields=("name",), max_options=5),
    )


def options(form) -> list[tuple[str, bool]]:
    html = str(form["family"])
    return [
        (label, bool(selected))
        for selected, label in re.findall(r"<option value=\"\d+\"( selected)?>([^<]*)<", html)
    ]


@pytest.fixture
def families(db):
    names = [f"Nursing {n}" for n in range(4)] + [f"Finance {n}" for n in range(8)]
    return {f.name: f for f in JobFamily.objects.bulk_create(JobFamily(name=n) for n in names)}


def test_a_few_choices_are_all_listed_without_a_search_box(db):
    JobFamily.objects.bulk_create(JobFamily(name=n) for n in ["Finance", "Nursing"])
    form = FamilyForm({})
    assert options(form) == [("Finance", False), ("Nursing", False)]
    assert 'type="search"' not in str(form["family"])


def test_many_choices_list_the_first_few_and_say_how_many_more(families):
    html = str(FamilyForm({})["family"])
    assert 'type="search" name="family_search"' in html
    assert len(options(FamilyForm({}))) == 5
    assert "7 more: search to find them" in html
    assert "Any family" in html


def test_a_search_lists_those_that_match_every_word(families):
    form = FamilyForm({"family_search": "  nursing   2 "})
    assert options(form) == [("Nursing 2", False)]
    assert 'value="nursing 2"' in str(form["family"])


def test_the_choice_stays_listed_and_chosen_whatever_the_search(families):
    chosen = families["Nursing 3"]
    form = FamilyForm({"family": str(chosen.pk), "family_search": "finance"})
    assert ("Nursing 3", True) in options(form)
    assert form.is_valid() and form.cleaned_data["family"] == chosen


def test_a_value_that_is_not_a_choice_is_refused_not_a_crash(families):
    for value in ("x", "999999"):
        form = FamilyForm({"family": value})
        assert not form.is_valid()
        assert "Select a valid choice" in str(form.errors["family"])
        assert not any(selected for _, selected in options(form))
