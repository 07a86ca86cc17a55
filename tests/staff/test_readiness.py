from types import SimpleNamespace

from staff.models import Rating
from staff.progression import readiness


def rated(rating, essential=True, text="An item"):
    return SimpleNamespace(text=text, is_essential=essential, rating=rating)


def test_every_essential_met_and_all_desirable_by_default_meets_the_rule():
    result = readiness(
        [rated(Rating.MET), rated(Rating.MET, essential=False)], desirable_required=None
    )
    assert result.rule_met
    assert result.percent_met == 100
    assert result.explanation() == "all essential items met; 1 of 1 desirable met"


def test_outstanding_essential_items_are_named_and_counted_in_words():
    result = readiness(
        [
            rated(Rating.PARTLY_MET, text="Budget monitoring"),
            rated("", text="Claims handling"),
            rated(Rating.MET),
            rated(Rating.MET, essential=False),
            rated(Rating.MET, essential=False),
            rated(Rating.MET, essential=False),
            rated(Rating.NOT_MET, essential=False),
            rated(Rating.NOT_MET, essential=False),
        ],
        desirable_required=4,
    )
    assert not result.rule_met
    assert result.essential_outstanding == ["Budget monitoring", "Claims handling"]
    assert result.explanation() == (
        "2 essential items outstanding; 3 of 5 desirable met, the rule asks for 4"
    )


def test_not_applicable_items_count_neither_for_nor_against():
    result = readiness(
        [rated(Rating.MET), rated(Rating.NOT_APPLICABLE), rated(Rating.NOT_MET)],
        desirable_required=None,
    )
    assert result.counted == 2
    assert result.percent_met == 50


def test_a_rule_asking_for_fewer_desirable_items_is_met_with_fewer():
    result = readiness(
        [rated(Rating.MET), rated(Rating.MET, essential=False), rated("", essential=False)],
        desirable_required=1,
    )
    assert result.rule_met
