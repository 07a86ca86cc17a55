"""Flat lists HR imports and exports in the admin: grades and job families."""

from import_export import fields

from core.spreadsheets import GetOrCreateWidget, SpreadsheetSafeResource
from roles.models import Grade, GradingScheme, JobFamily


class GradeResource(SpreadsheetSafeResource):
    scheme = fields.Field(
        attribute="scheme",
        column_name="scheme",
        widget=GetOrCreateWidget(GradingScheme, field="name"),
    )

    class Meta(SpreadsheetSafeResource.Meta):
        model = Grade
        fields = ("scheme", "name", "order")
        import_id_fields = ("scheme", "name")


class JobFamilyResource(SpreadsheetSafeResource):
    class Meta(SpreadsheetSafeResource.Meta):
        model = JobFamily
        fields = ("name", "description")
        import_id_fields = ("name",)
