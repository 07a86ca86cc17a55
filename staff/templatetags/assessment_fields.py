"""The per-item fields of the assessment and self-assessment forms as Bootstrap markup, built
in Python.

An 80-item assessment has 240 of these fields and a self-assessment up to 160; through
crispy-forms' and Django's widget templates they took most of the pages' time. The markup is
crispy's bootstrap5 markup (the same classes, ids, labels, ARIA attributes and error
messages; `tests/staff/test_form_fields_markup.py` compares the two), so the pages and their
scripts are unchanged.
"""

from functools import cache

from django import template
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString

register = template.Library()

# Each field's id and name are made from the form's own field names (letters, digits and
# "_" or "-"), so only labels, values and messages need escaping; escaping is most of the
# cost of 240 fields.


def _parts(field) -> tuple[str, str, str, str, str]:
    """The field's id, name, control class suffix, control ARIA attributes and messages."""
    auto_id, name = field.auto_id, field.html_name
    errors = field.errors
    if not errors:
        return auto_id, name, "", "", ""
    messages = "".join(
        f'<p id="error_{n}_{auto_id}"><strong>{escape(error)}</strong></p>'
        for n, error in enumerate(errors, start=1)
    )
    return (
        auto_id,
        name,
        " is-invalid",
        f' aria-invalid="true" aria-describedby="{auto_id}_error"',
        f'<div id="{auto_id}_error" class="invalid-feedback">{messages}</div>',
    )


def _value(field) -> str:
    value = field.value()
    return "" if value is None else str(value)


@cache
def _escaped_static_choices(choices: tuple) -> tuple[tuple[str, str, str], ...]:
    return tuple((str(value), escape(value), escape(label)) for value, label in choices)


def _choices(field) -> tuple[tuple[str, str, str], ...]:
    """(value, escaped value, escaped label) of each choice; a fixed list of choices (the
    ratings) is escaped once per process, a model's rows each time."""
    choices = field.field.choices
    if isinstance(choices, list):
        return _escaped_static_choices(tuple(choices))
    return tuple((str(value), escape(value), escape(label)) for value, label in choices)


@register.filter
def choice_field(field):
    """Radio buttons (one rating) or checkboxes (several requirements) in a fieldset whose
    legend is the field's label."""
    auto_id, name, invalid, _, messages = _parts(field)
    value = field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {_value(field)}
    kind = "checkbox" if field.field.widget.allow_multiple_selected else "radio"
    choices = _choices(field)
    aria = ' aria-invalid="true"' if invalid else ""
    last = len(choices) - 1
    options = "".join(
        f'<div class="form-check"><input type="{kind}" class="form-check-input{invalid}" '
        f'name="{name}" value="{escaped}" id="{auto_id}_{n}"'
        f'{" checked" if choice in chosen else ""}{aria}><label for="{auto_id}_{n}" '
        # crispy puts the messages inside the last option's box
        f'class="form-check-label">{label}</label>{messages if n == last else ""}</div>'
        for n, (choice, escaped, label) in enumerate(choices)
    )
    described = f' aria-describedby="{auto_id}_error"' if invalid else ""
    required = ' requiredField fs-6">{}<span class="asteriskField">*</span>'
    legend = (required if field.field.required else ' fs-6">{}').format(escape(field.label))
    return SafeString(
        f'<div id="div_{auto_id}" class="mb-3"><fieldset{described}><legend '
        f'class="form-label{legend}</legend><div>{options}</div></fieldset></div>'
    )


@register.filter
def comment_field(field):
    """A labelled textarea, keeping what was typed."""
    auto_id, name, invalid, aria, messages = _parts(field)
    rows = field.field.widget.attrs.get("rows", 1)
    return SafeString(
        f'<div id="div_{auto_id}" class="mb-3"><label for="{auto_id}" class="form-label">'
        f'{escape(field.label)}</label><textarea name="{name}" cols="40" rows="{rows}" '
        f'maxlength="{field.field.max_length}" class="textarea form-control{invalid}"{aria} '
        f'id="{auto_id}">\n{escape(_value(field))}</textarea>{messages}</div>'
    )


@register.filter
def checkbox_field(field):
    """A checkbox with its label beside it."""
    auto_id, name, invalid, aria, messages = _parts(field)
    checked = " checked" if field.value() else ""
    return SafeString(
        f'<div class="mb-3"><div id="div_{auto_id}" class="form-check"><input type="checkbox" '
        f'name="{name}" class="checkboxinput form-check-input{invalid}"{aria} id="{auto_id}"'
        f'{checked}><label for="{auto_id}" class="form-check-label">{escape(field.label)}'
        f"</label>{messages}</div></div>"
    )


@register.filter
def select_field(field):
    """A labelled dropdown, its current choice selected."""
    auto_id, name, invalid, aria, messages = _parts(field)
    value = _value(field)
    options = "".join(
        f'<option value="{escaped}"{" selected" if choice == value else ""}>{label}</option>'
        for choice, escaped, label in _choices(field)
    )
    return SafeString(
        f'<div id="div_{auto_id}" class="mb-3"><label for="{auto_id}" class="form-label">'
        f'{escape(field.label)}</label><select name="{name}" class="select form-select{invalid}"'
        f'{aria} id="{auto_id}">{options}</select>{messages}</div>'
    )
