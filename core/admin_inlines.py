"""Admin inlines: tabular ones whose fields a screen reader can name (the admin shows names
as headings), and ones HR puts in order by dragging rather than typing numbers."""

from django import forms
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


class OrderedByDraggingInline:
    """A django-nested-admin inline whose rows HR puts in order by dragging them (or with the
    page's Move up / Move down buttons): the order travels in a hidden field that the page
    keeps up to date, and the formset (core.ordering.OrderedByPage) numbers it on save."""

    sortable_field_name = "order"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == self.sortable_field_name:
            # Not required: a row added on a page without scripts goes last.
            return db_field.formfield(widget=forms.HiddenInput, required=False)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
