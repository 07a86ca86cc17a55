"""HR's admin site: Django's own, with autocomplete results labelled as the admin wants,
autocompletes that refuse a posted value naming nothing, and change pages of hundreds of rows
kept light (their rows' choices read once)."""

import re
from functools import cached_property

from django import forms
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """A model admin may name its objects in search results with `autocomplete_label(obj)`:
    a level alone ("Level A") is ambiguous among 1,800, so the levels' admin adds the role."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = label(obj)
        return result


class HRAdminSite(admin.AdminSite):
    def autocomplete_view(self, request):
        return LabelledAutocompleteJsonView.as_view(admin_site=self)(request)


def is_autocomplete_for(request, model, field_name: str) -> bool:
    """Whether a request is the autocomplete of `model.field_name`, so that a model admin's
    search can narrow what that one field offers."""
    match = request.resolver_match
    return (
        match is not None
        and match.url_name == "autocomplete"
        and request.GET.get("app_label") == model._meta.app_label
        and request.GET.get("model_name") == model._meta.model_name
        and request.GET.get("field_name") == field_name
    )


BETWEEN_TAGS = re.compile(rb">\s+<")


class LightChangePage:
    """A model admin whose change page has its whitespace between tags cut to one line break.

    The admin's inline templates are indented for reading: on a role of 320 items that is 40%
    of the page. A run of whitespace between two tags shows as one space, and so does a line
    break; text inside an element is left alone, so text areas keep what they hold."""

    def render_change_form(self, request, context, *args, **kwargs):
        response = super().render_change_form(request, context, *args, **kwargs)
        response.add_post_render_callback(_squeeze_between_tags)
        return response


def _squeeze_between_tags(response) -> None:
    response.content = BETWEEN_TAGS.sub(b">\n<", response.content)


def labels_of_chosen(field, values) -> dict[str, str]:
    """The labels of the objects chosen (`values` of the ModelChoiceField `field`), by value, in
    one query; a value that names none (mistyped into a post, or deleted since) has none."""
    key = field.to_field_name or "pk"
    meta = field.queryset.model._meta
    key_field = meta.pk if key == "pk" else meta.get_field(key)
    wanted = set()
    for value in values:
        if value in field.empty_values:
            continue
        try:
            # Also refuses a number beyond the column's range, which SQLite cannot even compare.
            wanted.add(key_field.clean(value, None))
        except ValidationError:
            continue
    if not wanted:
        return {}
    objects = field.queryset.filter(**{f"{key}__in": wanted})
    return {str(getattr(obj, key)): field.label_from_instance(obj) for obj in objects}


class ChosenAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete, which in every form looks up the object chosen with a query of
    its own, builds one (to find it needs none) where nothing is chosen, and fails on a posted
    value that is not an id. Here a row with nothing chosen builds none, a row given the
    `labels` of its formset's choices (by `ChoicesReadOnce`) needs none, and a value that names
    nothing shows as nothing chosen (the form says why)."""

    labels: dict[str, str] | None = None

    def optgroups(self, name, value, attr=None):
        field = self.choices.field
        chosen = {str(v) for v in value if str(v) not in field.empty_values}
        labels = self.labels
        if labels is None or not chosen <= labels.keys():
            labels = labels_of_chosen(field, chosen)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for key in sorted(chosen & labels.keys()):
            options.append(self.create_option(name, key, labels[key], True, len(options)))
        return [(None, options, 0)]


def _unwrapped(widget):
    """A widget, out of the admin's wrapper that adds the related object's icons."""
    return getattr(widget, "widget", widget)


class ChoicesReadOnceFormSet:
    """An inline formset whose rows' choices are read once for all its rows, not once a row:
    for each autocomplete, the objects chosen in any row, in one query; for each list of
    objects, its choices, in one query."""

    @cached_property
    def forms(self):
        rows = super().forms
        for name, field in self.form.base_fields.items():
            if isinstance(_unwrapped(field.widget), ChosenAutocompleteSelect):
                labels = labels_of_chosen(field, [row[name].value() for row in rows])
                for row in rows:
                    _unwrapped(row.fields[name].widget).labels = labels
        for name, choices in self._choices.items():
            for row in rows:
                row.fields[name].choices = choices
        return rows

    @property
    def empty_form(self):
        form = super().empty_form
        for name, choices in self._choices.items():
            form.fields[name].choices = choices
        return form

    @cached_property
    def _choices(self) -> dict[str, list]:
        """The choices of each list of objects (not autocompletes): the same for every row."""
        return {
            name: list(field.choices)
            for name, field in self.form.base_fields.items()
            if isinstance(field, forms.ModelChoiceField)
            and not isinstance(_unwrapped(field.widget), ChosenAutocompleteSelect)
        }


class ChosenAutocompletes:
    """A model admin or inline whose autocompletes are `ChosenAutocompleteSelect`s: a posted
    value that is not an id is refused by the form, not a server error."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ChosenAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ChoicesReadOnce(ChosenAutocompletes):
    """An inline whose rows' choices are read once for all its rows (`ChoicesReadOnceFormSet`):
    on a level's page, 80 items otherwise each built a query for what they replace."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (ChoicesReadOnceFormSet, formset), {})
