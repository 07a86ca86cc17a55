"""The rows of a person's requirements (my profile, my print and its PDF, self-assessment,
a person's page) as markup built in Python.

A big role lists 320 items on these pages, each with its rating, own rating and evidence;
through one template include per item (and one per rating badge) rendering took most of the
pages' time. The markup is the templates' own, down to the white space between a row's cells
(on a phone the cells stack inline, and a space sets them apart): an item is what
`includes/requirement_item.html` writes, which the role pages still include
(`tests/staff/test_requirement_rows_markup.py` compares the two).
"""

from django import template
from django.template.defaultfilters import pluralize
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from staff.models import Rating
from staff.templatetags.assessment_fields import select_field

register = template.Library()

_HIGHLIGHTED = ' class="table-info"'

_BADGE_COLOUR = {
    Rating.MET: "text-bg-success",
    Rating.PARTLY_MET: "text-bg-warning",
    Rating.NOT_MET: "text-bg-danger",
}


def requirement_item(item) -> str:
    """An item's text, "desirable" badge and sub-points, as `includes/requirement_item.html`
    writes them without the item it replaces."""
    desirable = (
        "" if item.is_essential else ' <span class="badge text-bg-light border">desirable</span>'
    )
    points = item.sub_point_list
    listed = "".join(f"<li>{escape(point)}</li>" for point in points)
    return f"{escape(item.text)}{desirable}\n" + (f"<ul>{listed}</ul>" if points else "")


def _sources(entries) -> dict:
    """Each entry's source in words, worked out once per assessment: a whole assessment's
    ratings share one."""
    said: dict = {}
    for entry in entries:
        if entry.rated_in is not None and entry.rated_in.pk not in said:
            said[entry.rated_in.pk] = escape(entry.source)
    return said


def _source(entry, sources, css: str) -> str:
    if entry.rated_in is None:
        return ""
    return (
        f'<div class="small text-secondary rating-source{css}">{sources[entry.rated_in.pk]}</div>'
    )


def _rating_badge(rating: str, label: str) -> str:
    colour = _BADGE_COLOUR.get(rating, "text-bg-light border")
    kind = rating or "unassessed"
    return f'<span class="badge rating rating-{kind} {colour}">{escape(label)}</span>'


def _evidence_item(evidence) -> str:
    text = escape(Truncator(evidence.text).chars(160))
    link = (
        f' (<a href="{escape(evidence.link)}" rel="noopener noreferrer">link</a>)'
        if evidence.link
        else ""
    )
    return f"<li>Evidence: {text}{link}</li>"


@register.filter
def standing_rows(section):
    """A section's rows on my profile and my print: the item and its evidence, the latest
    rating and where it came from, the person's own rating."""
    sources = _sources(section.items)
    rows = []
    for entry in section.items:
        evidence = (
            '<ul class="small text-secondary evidence-list mb-0">'
            f"{''.join(_evidence_item(e) for e in entry.evidence)}</ul>"
            if entry.evidence
            else ""
        )
        own = f"Own rating: {escape(entry.self_rating_label)}" if entry.self_rating else ""
        rows.append(
            f'<tr class="requirement" data-requirement="{entry.item.pk}"><td>'
            f"{requirement_item(entry.item)}{evidence}</td>\n"
            f'<td class="text-nowrap rating-cell">'
            f"{_rating_badge(entry.rating, entry.rating_label)}"
            f"{_source(entry, sources, ' text-wrap')}</td>\n"
            f'<td class="text-nowrap small rating-cell">{own}</td></tr>'
        )
    return SafeString("\n".join(rows))


@register.filter
def person_rows(section, adds):
    """A section's rows on a person's page: the item and how much evidence there is, the
    current rating and where it came from, the person's own rating; `adds` highlights what
    the next level adds."""
    sources = _sources(section.items)
    rows = []
    for entry in section.items:
        count = len(entry.evidence)
        evidence = (
            f'<div class="small text-secondary">{count} piece{pluralize(count)} of evidence</div>'
            if count
            else ""
        )
        rows.append(
            f"<tr{_HIGHLIGHTED if adds else ''}>"
            f'<td data-label="Requirement">{requirement_item(entry.item)}{evidence}</td>\n'
            f'<td data-label="Current rating">{escape(entry.rating_label)}'
            f"{_source(entry, sources, '')}</td>\n"
            f'<td class="small" data-label="Own rating">{escape(entry.self_rating_label)}</td>'
            "</tr>"
        )
    return SafeString("\n".join(rows))


@register.filter
def self_rating_rows(section, evidence_add):
    """A section's items on the self-assessment page: the item, its latest rating and
    evidence, a link to add evidence for it (`evidence_add` is that page's address), and
    the person's own rating to choose."""
    rows = []
    for entry in section.items:
        evidence = (
            '<ul class="small evidence-list mb-0">'
            + "".join(f"<li>{escape(Truncator(e.text).chars(160))}</li>" for e in entry.evidence)
            + "</ul>"
            if entry.evidence
            else ""
        )
        pk = entry.item.pk
        rows.append(
            f'<li class="list-group-item self-rating-item" data-requirement="{pk}">'
            '<div class="row g-2 align-items-start"><div class="col-md-7">'
            f"{requirement_item(entry.item)}"
            f'<div class="small text-secondary">Latest assessment: '
            f"{escape(entry.rating_label)}</div>{evidence}"
            f'<a class="small d-print-none" href="{escape(evidence_add)}?requirement={pk}">'
            "Add evidence for this item</a></div>"
            f'<div class="col-md-5">{select_field(entry.rating_field)}'
            '<span class="small text-success save-status" aria-live="polite"></span></div>'
            "</div></li>"
        )
    return SafeString("".join(rows))
