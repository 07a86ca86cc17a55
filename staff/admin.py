"""HR's admin for staff and level history; assessments are only read here."""

import datetime

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from core.admin_inlines import TabularInline
from core.admin_site import ChosenAutocompletes
from core.paginators import EstimatedCountPaginator
from core.spreadsheets import FlatListAdmin
from roles.admin import LevelChoicesMixin
from roles.models import Role
from staff.history import level_change_record, line_manager_set
from staff.models import (
    Assessment,
    AssessmentEvent,
    AssessmentItem,
    Evidence,
    LevelChange,
    LineManagerChange,
    SelfRating,
    StaffProfile,
)
from staff.resources import StaffResource
from staff.standing import level_in_force


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


class StaffProfileForm(forms.ModelForm):
    """A person's details; a change of level also asks why and from when, because it goes
    into their level history like every other change of level."""

    level_effective_date = forms.DateField(
        required=False,
        label="Level effective from",
        help_text="When the level changes (today if left empty); a later date schedules it.",
    )
    level_change_reason = forms.CharField(
        required=False,
        label="Why the level changes",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept in the person's level history.",
    )

    class Meta:
        model = StaffProfile
        fields = ["user", "employee_number", "level", "line_manager"]

    def clean(self):
        cleaned = super().clean()
        if "level" not in self.changed_data:
            return cleaned
        if cleaned.get("level") is None and self.instance.pk:
            self.add_error("level", "A level cannot be removed; record a change to another one.")
        elif self.instance.pk and not (cleaned.get("level_change_reason") or "").strip():
            self.add_error("level_change_reason", "Say why the level changes.")
        return cleaned


@admin.register(StaffProfile)
class StaffProfileAdmin(ChosenAutocompletes, LevelChoicesMixin, SimpleHistoryAdmin, FlatListAdmin):
    form = StaffProfileForm
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
    # Searched, not listed: 1,800 levels and 10,000 people make a dropdown of megabytes.
    autocomplete_fields = ["user", "level", "line_manager"]
    readonly_fields = ["level_reached_on"]

    @admin.display(description="name", ordering="user__last_name")
    def name(self, profile):
        return profile.name

    @admin.display(description="role", ordering="level__role__title")
    def role(self, profile):
        return profile.role.title if profile.role else ""

    def save_model(self, request, obj, form, change):
        """The level and the line manager change only through staff.history, which records
        who changed them, when and (for a level) why and from when."""
        level, manager = obj.level, obj.line_manager
        if change:
            before = StaffProfile.objects.get(pk=obj.pk)
            obj.level, obj.line_manager = before.level, before.line_manager
        else:
            obj.level, obj.line_manager = None, None
        super().save_model(request, obj, form, change)
        line_manager_set(staff=obj, manager=manager, by=request.user)
        if level is not None and level != level_in_force(obj):
            level_change_record(
                staff=obj,
                to_level=level,
                effective_date=form.cleaned_data.get("level_effective_date")
                or timezone.localdate(),
                reason=form.cleaned_data.get("level_change_reason") or "First level recorded",
                by=request.user,
            )
        obj.refresh_from_db()


class LevelChangeForm(forms.ModelForm):
    class Meta:
        model = LevelChange
        fields = ["staff", "to_level", "effective_date", "note"]
        labels = {"note": "Why the level changes"}

    def clean(self):
        cleaned = super().clean()
        staff, to_level, day = (cleaned.get(k) for k in ("staff", "to_level", "effective_date"))
        if not (cleaned.get("note") or "").strip():
            self.add_error("note", "Say why the level changes; it is kept in the history.")
        if staff and to_level and day:
            before = level_in_force(staff, day - datetime.timedelta(days=1))
            if before == to_level:
                self.add_error("to_level", f"{staff} is already at {to_level} then.")
        return cleaned


@admin.register(LevelChange)
class LevelChangeAdmin(ChosenAutocompletes, LevelChoicesMixin, admin.ModelAdmin):
    """Level history is added to, never rewritten; adding a change changes the level (from
    its effective date) through the same function as an approval."""

    form = LevelChangeForm
    list_display = ["staff", "from_level", "to_level", "effective_date", "recorded_by"]
    list_select_related = ["staff__user", "from_level", "to_level", "recorded_by"]
    list_filter = ["effective_date"]
    search_fields = ["staff__user__first_name", "staff__user__last_name", "staff__employee_number"]
    autocomplete_fields = ["staff", "to_level"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        recorded = level_change_record(
            staff=obj.staff,
            to_level=obj.to_level,
            effective_date=obj.effective_date,
            reason=obj.note,
            by=request.user,
        )
        obj.pk = recorded.pk
        obj.from_level = recorded.from_level
        obj.recorded_by = recorded.recorded_by


@admin.register(LineManagerChange)
class LineManagerChangeAdmin(admin.ModelAdmin):
    """Who changed whose line manager, and when; kept, never edited."""

    list_display = ["staff", "from_manager", "to_manager", "changed_by", "changed_at"]
    list_select_related = [
        "staff__user",
        "from_manager__user",
        "to_manager__user",
        "changed_by",
    ]
    search_fields = ["staff__user__first_name", "staff__user__last_name", "staff__employee_number"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """View only: assessments move through their workflow pages, never edited here.

    These tables grow with every assessment (hundreds of thousands of rows): the list neither
    counts the whole table a second time for "N total" nor row by row for its pages, nor sorts
    it: newest first by primary key reads a page off the index, where the models' own orders
    (items and events by assessment, so by its date) join and sort every row."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator
    ordering = ["-pk"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AssessmentItemInline(TabularInline):
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
