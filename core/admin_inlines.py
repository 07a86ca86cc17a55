"""Tabular inlines whose fields a screen reader can name (the admin shows names as headings)."""

from django.contrib import admin


class NamedFieldsFormSet:
    """Names each field of a row by its column heading and row number ("Text, row 3")."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = "new row" if index is None else f"row {index + 1}"
        for field in form.fields.values():
            # A related-object wrapper's own attrs are shared by every row's copy; the widget
            # inside it is the row's own.
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs.setdefault("aria-label", f"{field.label}, {row}")


class NamedFieldsInline:
    """A tabular inline shows a field's name only in its column heading, which assistive
    technology does not tie to the field: without this, every field in a row is unnamed."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (NamedFieldsFormSet, formset), {})


class TabularInline(NamedFieldsInline, admin.TabularInline):
    pass
