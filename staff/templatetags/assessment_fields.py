"""The per-item fields of the assessment and self-assessment forms as Bootstrap markup, built
in Python.

An 80-item assessment has 240 of these fields and a self-assessment up to 160; through
crispy-forms' and Django's widget templates they took most of the pages' time. The markup is
crispy's bootstrap5 markup (the same classes, ids, labels, ARIA attributes and error
messages; `tests/staff/test_form_fields_markup.py` compares the two), so the pages and their
scripts are unchanged.
"""

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


def _invalid(field) -> tuple[str, str]:
    """The control's extra class and, when it has errors, the ARIA attributes naming them."""
    if not field.errors:
        return "", ""
    return " is-invalid", format_html(
        ' aria-invalid="true" aria-describedby="{}_error"', field.auto_id
    )


def _errors(field) -> str:
    if not field.errors:
        return ""
    return format_html(
        '<div id="{}_error" class="invalid-feedback">{}</div>',
        field.auto_id,
        format_html_join(
            "",
            '<p id="error_{}_{}"><strong>{}</strong></p>',
            ((n, field.auto_id, error) for n, error in enumerate(field.errors, start=1)),
        ),
    )


def _value(field) -> str:
    value = field.value()
    return "" if value is None else str(value)


@register.filter
def rating_field(field):
    """A radio group in a fieldset whose legend is the field's label."""
    value = _value(field)
    invalid = _invalid(field)[0]
    choices = list(field.field.choices)
    options = format_html_join(
        "",
        '<div class="form-check"><input type="radio" class="form-check-input{}" name="{}" '
        'value="{}" id="{}_{}"{}{}><label for="{}_{}" class="form-check-label">{}</label>{}</div>',
        (
            (
                invalid,
                field.html_name,
                choice,
                field.auto_id,
                n,
                mark_safe(" checked") if str(choice) == value else "",
                mark_safe(' aria-invalid="true"') if invalid else "",
                field.auto_id,
                n,
                label,
                # crispy puts the messages inside the last option's box
                _errors(field) if n == len(choices) - 1 else "",
            )
            for n, (choice, label) in enumerate(choices)
        ),
    )
    return format_html(
        '<div id="div_{}" class="mb-3"><fieldset{}><legend class="form-label fs-6">{}</legend>'
        "<div>{}</div></fieldset></div>",
        field.auto_id,
        format_html(' aria-describedby="{}_error"', field.auto_id) if invalid else "",
        field.label,
        options,
    )


@register.filter
def comment_field(field):
    """A labelled textarea, keeping what was typed."""
    invalid, aria = _invalid(field)
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>'
        '<textarea name="{}" cols="40" rows="{}" maxlength="{}" class="textarea form-control{}"'
        '{} id="{}">\n{}</textarea>{}</div>',
        field.auto_id,
        field.auto_id,
        field.label,
        field.html_name,
        field.field.widget.attrs.get("rows", 1),
        field.field.max_length,
        invalid,
        aria,
        field.auto_id,
        conditional_escape(_value(field)),
        _errors(field),
    )


@register.filter
def checkbox_field(field):
    """A checkbox with its label beside it."""
    invalid, aria = _invalid(field)
    return format_html(
        '<div class="mb-3"><div id="div_{}" class="form-check"><input type="checkbox" name="{}" '
        'class="checkboxinput form-check-input{}"{} id="{}"{}><label for="{}" '
        'class="form-check-label">{}</label>{}</div></div>',
        field.auto_id,
        field.html_name,
        invalid,
        aria,
        field.auto_id,
        mark_safe(" checked") if field.value() else "",
        field.auto_id,
        field.label,
        _errors(field),
    )


@register.filter
def select_field(field):
    """A labelled dropdown, its current choice selected."""
    value = _value(field)
    invalid, aria = _invalid(field)
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (choice, mark_safe(" selected") if str(choice) == value else "", label)
            for choice, label in field.field.choices
        ),
    )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>'
        '<select name="{}" class="select form-select{}"{} id="{}">{}</select>{}</div>',
        field.auto_id,
        field.auto_id,
        field.label,
        field.html_name,
        invalid,
        aria,
        field.auto_id,
        options,
        _errors(field),
    )
