"""Spreadsheets every app exports and imports: cells that never run as formulas and read back
exactly, and the base of the flat lists HR loads in the admin."""

from import_export import resources, widgets

# A cell starting with one of these is a formula, or becomes one, in Excel, LibreOffice or Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def escape_formula(value: str) -> str:
    """Prefix a leading apostrophe to text a spreadsheet would run.

    Text that already starts with an apostrophe is prefixed too, so that `unescape_formula`
    can always undo exactly what was done.
    """
    if value and value.startswith((*FORMULA_TRIGGERS, QUOTE)):
        return QUOTE + value
    return value


def unescape_formula(value: str) -> str:
    """Undo `escape_formula`; an apostrophe somebody typed before ordinary text is kept."""
    if value.startswith(QUOTE) and value[1:].startswith((*FORMULA_TRIGGERS, QUOTE)):
        return value[1:]
    return value


class SpreadsheetSafeResource(resources.ModelResource):
    """Exports cells a spreadsheet cannot run as formulas; imports undo exactly that.

    All or nothing: rows are checked with the model's own validation, and the admin offers to
    save only when no row has a problem (the whole import runs in one transaction).
    """

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return escape_formula(value) if isinstance(value, str) else value

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        try:
            super().import_field(field, instance, row, is_m2m, **kwargs)
        except ArithmeticError:
            # Number widgets fail with decimal errors; give the row a message a person can act on.
            raise ValueError(
                f'"{row.get(field.column_name)}" is not a number ({field.column_name}).'
            ) from None

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            if isinstance(value, str):
                row[column] = unescape_formula(value.strip())
        super().before_import_row(row, **kwargs)


class GetOrCreateWidget(widgets.ForeignKeyWidget):
    """A foreign key given by name; a name not known yet is created (a new framework, scheme)."""

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        instance, _ = self.model.objects.get_or_create(**{self.field: value})
        return instance
