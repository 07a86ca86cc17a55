"""The assessment form's per-item fields as Bootstrap markup, built in Python.

An 80-item assessment has 240 of these fields; through crispy-forms' and Django's widget
templates they took about 90% of the page's time. The markup is crispy's bootstrap5 markup
(the same classes, ids, labels and error messages), so the page and its script are unchanged.
"""

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


def _errors(field) -> str:
    return format_html_join(
        "",
        '<span id="error_{}_{}" class="invalid-feedback d-block"><strong>{}</strong></span>',
        ((n, field.auto_id, error) for n, error in enumerate(field.errors, start=1)),
    )


@register.filter
def rating_field(field):
    """A radio group in a fieldset whose legend is the field's label."""
    value = field.value()
    value = "" if value is None else str(value)
    invalid = " is-invalid" if field.errors else ""
    options = format_html_join(
        "",
        '<div class="form-check"><input type="radio" class="form-check-input{}" name="{}" '
        'value="{}" id="{}_{}"{}><label for="{}_{}" class="form-check-label">{}</label></div>',
        (
            (
                invalid,
                field.html_name,
                choice,
                field.auto_id,
                n,
                mark_safe(" checked") if str(choice) == value else "",
                field.auto_id,
                n,
                label,
            )
            for n, (choice, label) in enumerate(field.field.choices)
        ),
    )
    return format_html(
        '<div id="div_{}" class="mb-3"><fieldset><legend class="form-label fs-6">{}</legend>'
        "<div>{}</div>{}</fieldset></div>",
        field.auto_id,
        field.label,
        options,
        _errors(field),
    )


@register.filter
def comment_field(field):
    """A labelled textarea, keeping what was typed."""
    widget = field.field.widget
    value = field.value()
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>'
        '<textarea name="{}" cols="40" rows="{}" maxlength="{}" class="textarea form-control{}" '
        'id="{}">\n{}</textarea>{}</div>',
        field.auto_id,
        field.auto_id,
        field.label,
        field.html_name,
        widget.attrs.get("rows", 1),
        field.field.max_length,
        " is-invalid" if field.errors else "",
        field.auto_id,
        conditional_escape("" if value is None else value),
        _errors(field),
    )


@register.filter
def checkbox_field(field):
    """A checkbox with its label beside it."""
    return format_html(
        '<div class="mb-3"><div id="div_{}" class="form-check"><input type="checkbox" name="{}" '
        'class="checkboxinput form-check-input{}" id="{}"{}><label for="{}" '
        'class="form-check-label">{}</label>{}</div></div>',
        field.auto_id,
        field.html_name,
        " is-invalid" if field.errors else "",
        field.auto_id,
        mark_safe(" checked") if field.value() else "",
        field.auto_id,
        field.label,
        _errors(field),
    )
