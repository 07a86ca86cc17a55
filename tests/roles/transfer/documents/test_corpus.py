"""The import-accuracy corpus reads as expected (the figures `make import-accuracy` prints)."""

import pytest

from roles.transfer.documents import read_document
from tests.roles.transfer.documents import corpus

DOCUMENTS = corpus.documents()


def test_the_corpus_has_at_least_ten_shapes_in_every_format():
    assert len(DOCUMENTS) >= 10
    assert {d.name.rsplit(".", 1)[1] for d in DOCUMENTS} >= {"docx", "pdf", "txt", "md", "csv"}


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_every_item_is_read_exactly_and_the_levels_in_order(document):
    expected = document.expected
    outline = read_document(name=document.name, data=document.data())
    score = corpus.score(document.name, outline, expected)
    assert (score.exact, score.extra, score.levels_right) == (len(expected.items), 0, True)
    assert outline.title == expected.title
    assert outline.cumulative == expected.cumulative
    read = {
        (lv.label if lv else "", g.heading, i.text): tuple(i.sub_points)
        for lv, g, i in outline.all_items()
    }
    for level, group, text, _essential, points in expected.items:
        assert read[(level, group, text)] == points


WITH_EXTRAS = [d for d in DOCUMENTS if d.expected.extras]


@pytest.mark.parametrize("document", WITH_EXTRAS, ids=[d.name for d in WITH_EXTRAS])
def test_the_purpose_sections_facts_and_sign_off_are_saved_as_written(document):
    outline = read_document(name=document.name, data=document.data())
    extras = corpus.score_extras(outline, document.expected)
    assert {kind: right for kind, (_, right) in extras.items()} == {
        kind: total for kind, (total, _) in extras.items()
    }
