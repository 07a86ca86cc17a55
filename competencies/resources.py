"""Flat lists HR imports and exports in the admin: requirement categories and competencies.

`SpreadsheetSafeResource` is the base of every app's resources, so it lives in the lowest app.
"""

from import_export import fields, resources, widgets

from competencies.models import Competency, CompetencyFramework, RequirementCategory
from competencies.spreadsheet_cells import escape_formula, unescape_formula


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


class RequirementCategoryResource(SpreadsheetSafeResource):
    class Meta(SpreadsheetSafeResource.Meta):
        model = RequirementCategory
        fields = ("name", "order", "description")
        import_id_fields = ("name",)


class CompetencyResource(SpreadsheetSafeResource):
    framework = fields.Field(
        attribute="framework",
        column_name="framework",
        widget=GetOrCreateWidget(CompetencyFramework, field="name"),
    )

    class Meta(SpreadsheetSafeResource.Meta):
        model = Competency
        fields = ("framework", "name", "order", "description")
        import_id_fields = ("framework", "name")
