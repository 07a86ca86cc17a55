"""The two tests each app's unique constraints get: a clash is refused by `full_clean()`, with
Django's message, and by the database itself when validation is skipped."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


def refused_on_both_paths(cases: dict):
    """Tests for `cases` (name -> a function that builds an unsaved clashing object); assign
    both to module names so that pytest collects them there, with that module's marks."""

    @pytest.mark.parametrize("make_clash", cases.values(), ids=cases.keys())
    def test_a_clash_is_refused_by_validation(make_clash):
        with pytest.raises(ValidationError, match="already exists"):
            make_clash().full_clean()

    @pytest.mark.parametrize("make_clash", cases.values(), ids=cases.keys())
    def test_a_clash_is_refused_by_the_database(make_clash):
        clash = make_clash()
        with pytest.raises(IntegrityError), transaction.atomic():
            clash.save()

    return test_a_clash_is_refused_by_validation, test_a_clash_is_refused_by_the_database
