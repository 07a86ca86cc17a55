"""Flat lists HR imports and exports in the admin: requirement categories, competencies, their
frameworks' proficiency levels and descriptors."""

from import_export import fields, widgets

from competencies.models import (
    Competency,
    CompetencyDescriptor,
    CompetencyFramework,
    ProficiencyLevel,
    RequirementCategory,
)
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


class ProficiencyLevelResource(SpreadsheetSafeResource):
    """A framework's scale; `order` places each level, lowest first, whatever its label."""

    framework = fields.Field(
        attribute="framework",
        column_name="framework",
        widget=GetOrCreateWidget(CompetencyFramework, field="name"),
    )

    class Meta(SpreadsheetSafeResource.Meta):
        model = ProficiencyLevel
        fields = ("framework", "name", "order", "description")
        import_id_fields = ("framework", "name")


class _InRowFramework(widgets.ForeignKeyWidget):
    """A competency or proficiency level named within the row's framework."""

    def get_queryset(self, value, row, *args, **kwargs):
        return self.model.objects.filter(framework__name=row.get("framework"))

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                f'the framework "{row.get("framework")}" has no '
                f'{self.model._meta.verbose_name} "{value}".'
            ) from None


class CompetencyDescriptorResource(SpreadsheetSafeResource):
    """One row per competency and proficiency level; indicators one per line in their cell."""

    framework = fields.Field(
        attribute="competency__framework__name", column_name="framework", readonly=True
    )
    competency = fields.Field(
        attribute="competency", column_name="competency", widget=_InRowFramework(Competency, "name")
    )
    proficiency = fields.Field(
        attribute="proficiency",
        column_name="proficiency",
        widget=_InRowFramework(ProficiencyLevel, "name"),
    )
    text = fields.Field(attribute="text", column_name="descriptor")

    class Meta(SpreadsheetSafeResource.Meta):
        model = CompetencyDescriptor
        fields = (
            "framework",
            "competency",
            "proficiency",
            "text",
            "positive_indicators",
            "negative_indicators",
        )
        import_id_fields = ("competency", "proficiency")

    def get_queryset(self):
        return super().get_queryset().select_related("competency__framework", "proficiency")

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None  # a name the framework lacks: reading the row's fields names it
