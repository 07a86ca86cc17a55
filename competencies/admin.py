"""HR's admin for requirement categories and competency frameworks."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from competencies.models import (
    Competency,
    CompetencyDescriptor,
    CompetencyFramework,
    ProficiencyLevel,
    RequirementCategory,
)
from competencies.resources import (
    CompetencyDescriptorResource,
    CompetencyResource,
    ProficiencyLevelResource,
    RequirementCategoryResource,
)
from core.admin_inlines import TabularInline
from core.admin_site import ChosenAutocompletes
from core.ordering import StepAsideOnSave
from core.spreadsheets import FlatListAdmin


@admin.register(RequirementCategory)
class RequirementCategoryAdmin(FlatListAdmin):
    resource_classes = [RequirementCategoryResource]
    list_display = ["name", "order"]
    search_fields = ["name", "description"]


class ProficiencyLevelFormSet(StepAsideOnSave, BaseInlineFormSet):
    """HR puts a scale in order by its numbers, swapping two in one save if need be."""


class ProficiencyLevelInline(TabularInline):
    model = ProficiencyLevel
    formset = ProficiencyLevelFormSet
    extra = 0


class CompetencyInline(TabularInline):
    model = Competency
    extra = 0


@admin.register(CompetencyFramework)
class CompetencyFrameworkAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name", "description"]
    inlines = [ProficiencyLevelInline, CompetencyInline]


@admin.register(ProficiencyLevel)
class ProficiencyLevelAdmin(FlatListAdmin):
    resource_classes = [ProficiencyLevelResource]
    list_display = ["name", "framework", "order"]
    list_select_related = ["framework"]
    list_filter = ["framework"]
    search_fields = ["name", "framework__name"]


class CompetencyDescriptorInline(admin.StackedInline):
    """A descriptor per proficiency level, on the competency's page."""

    model = CompetencyDescriptor
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            # Only the levels of the competency's own framework are offered.
            field = formset.form.base_fields["proficiency"]
            field.queryset = field.queryset.filter(framework_id=obj.framework_id)
        return formset


@admin.register(Competency)
class CompetencyAdmin(FlatListAdmin):
    resource_classes = [CompetencyResource]
    list_display = ["name", "framework", "order"]
    list_select_related = ["framework"]
    list_filter = ["framework"]
    search_fields = ["name", "description", "framework__name"]
    inlines = [CompetencyDescriptorInline]


@admin.register(CompetencyDescriptor)
class CompetencyDescriptorAdmin(ChosenAutocompletes, FlatListAdmin):
    resource_classes = [CompetencyDescriptorResource]
    list_display = ["competency", "framework", "proficiency"]
    list_select_related = ["competency__framework", "proficiency"]
    list_filter = ["competency__framework"]
    search_fields = ["competency__name", "proficiency__name", "text"]
    autocomplete_fields = ["competency", "proficiency"]

    @admin.display(ordering="competency__framework__name")
    def framework(self, descriptor):
        return descriptor.competency.framework
