"""HR's admin for staff and level history; assessments are only read here."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from simple_history.admin import SimpleHistoryAdmin

from core.spreadsheets import FlatListAdmin
from roles.admin import LevelChoicesMixin
from roles.models import Role
from staff.models import (
    Assessment,
    AssessmentEvent,
    AssessmentItem,
    Evidence,
    LevelChange,
    SelfRating,
    StaffProfile,
)
from staff.resources import StaffResource


class RoleFilter(admin.SimpleListFilter):
    title = "role"
    parameter_name = "role"

    def lookups(self, request, model_admin):
        # A role is named with its grade: read the grades with the roles, not once per role.
        return [(role.pk, str(role)) for role in Role.objects.select_related("grade", "top_grade")]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            raise IncorrectLookupParameters(f"There is no role {value!r}.")
        return queryset.filter(level__role=value)


@admin.register(StaffProfile)
class StaffProfileAdmin(LevelChoicesMixin, SimpleHistoryAdmin, FlatListAdmin):
    resource_classes = [StaffResource]
    list_display = ["name", "employee_number", "role", "level", "line_manager"]
    list_select_related = ["user", "level__role", "line_manager__user"]
    list_filter = ["level__role__job_family", RoleFilter]
    search_fields = [
        "user__first_name",
        "user__last_name",
        "user__username",
        "employee_number",
    ]
    autocomplete_fields = ["user", "line_manager"]

    @admin.display(description="name", ordering="user__last_name")
    def name(self, profile):
        return profile.name

    @admin.display(description="role", ordering="level__role__title")
    def role(self, profile):
        return profile.role.title if profile.role else ""


@admin.register(LevelChange)
class LevelChangeAdmin(LevelChoicesMixin, admin.ModelAdmin):
    """Level history is added to, never rewritten."""

    list_display = ["staff", "from_level", "to_level", "effective_date", "recorded_by"]
    list_select_related = ["staff__user", "from_level", "to_level", "recorded_by"]
    list_filter = ["effective_date"]
    search_fields = ["staff__user__first_name", "staff__user__last_name", "staff__employee_number"]
    autocomplete_fields = ["staff", "assessment"]
    exclude = ["recorded_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    """View only: assessments move through their workflow pages, never edited here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AssessmentItemInline(admin.TabularInline):
    model = AssessmentItem
    fields = ["level_code", "category_name", "text", "is_essential", "rating", "comment"]
    readonly_fields = fields
    has_add_permission = ReadOnlyAdmin.has_add_permission
    has_change_permission = ReadOnlyAdmin.has_change_permission
    has_delete_permission = ReadOnlyAdmin.has_delete_permission


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    list_display = ["staff", "target_level", "assessor", "status", "recommendation", "updated_at"]
    list_select_related = ["staff__user", "target_level__role", "assessor"]
    list_filter = ["status", "recommendation"]
    search_fields = ["staff__user__first_name", "staff__user__last_name", "staff__employee_number"]
    inlines = [AssessmentItemInline]


@admin.register(AssessmentItem)
class AssessmentItemAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    list_display = ["__str__", "assessment", "level_code", "category_name", "rating"]
    list_select_related = ["assessment__staff__user", "assessment__target_level"]
    list_filter = ["rating", "is_essential"]
    search_fields = ["text"]


@admin.register(AssessmentEvent)
class AssessmentEventAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "from_status", "to_status", "actor", "at"]
    list_select_related = ["assessment__staff__user", "assessment__target_level", "actor"]
    list_filter = ["to_status"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "staff", "added_by", "added_at"]
    list_select_related = ["staff__user", "added_by"]
    search_fields = ["text", "staff__user__first_name", "staff__user__last_name"]


@admin.register(SelfRating)
class SelfRatingAdmin(ReadOnlyAdmin):
    list_display = ["staff", "requirement", "rating", "updated_at"]
    list_select_related = ["staff__user", "requirement"]
    list_filter = ["rating"]
