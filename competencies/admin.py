"""HR's admin for requirement categories and competency frameworks."""

from django.contrib import admin

from competencies.models import (
    Competency,
    CompetencyFramework,
    ProficiencyLevel,
    RequirementCategory,
)
from competencies.resources import CompetencyResource, RequirementCategoryResource
from core.admin_inlines import TabularInline
from core.spreadsheets import FlatListAdmin


@admin.register(RequirementCategory)
class RequirementCategoryAdmin(FlatListAdmin):
    resource_classes = [RequirementCategoryResource]
    list_display = ["name", "order"]
    search_fields = ["name", "description"]


class ProficiencyLevelInline(TabularInline):
    model = ProficiencyLevel
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
class ProficiencyLevelAdmin(admin.ModelAdmin):
    list_display = ["name", "framework", "order"]
    list_select_related = ["framework"]
    list_filter = ["framework"]
    search_fields = ["name", "framework__name"]


@admin.register(Competency)
class CompetencyAdmin(FlatListAdmin):
    resource_classes = [CompetencyResource]
    list_display = ["name", "framework", "order"]
    list_select_related = ["framework"]
    list_filter = ["framework"]
    search_fields = ["name", "description", "framework__name"]
