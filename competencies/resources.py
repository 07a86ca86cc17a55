"""Flat lists HR imports and exports in the admin: requirement categories and competencies."""

from import_export import fields

from competencies.models import Competency, CompetencyFramework, RequirementCategory
from core.spreadsheets import GetOrCreateWidget, SpreadsheetSafeResource


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
