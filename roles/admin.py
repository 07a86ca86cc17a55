"""HR's admin for job families, grades and roles; a role's levels on its page, and each
level's groups and items on the level's own page."""

import nested_admin
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import CharField, Count, F, Q, Value
from django.db.models.functions import Cast, Concat
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.admin_inlines import NamedFieldsInline, OrderedByDraggingInline, TabularInline
from core.admin_site import (
    ChoicesReadOnce,
    ChosenAutocompletes,
    LightChangePage,
    is_autocomplete_for,
)
from core.formatted_text import FormattedTextAdmin
from core.ordering import OrderedByPage, StepAsideOnSave
from core.spreadsheets import FlatListAdmin
from roles.audit import role_part_changes
from roles.models import (
    Grade,
    GradingScheme,
    JobFamily,
    Level,
    RequirementGroup,
    RequirementItem,
    Responsibility,
    Role,
    RoleCompetency,
    RoleFact,
    RoleSection,
    RoleSignOff,
    check_shares_of_time,
    requirement_groups_remove,
    requirement_items_retire,
)
from roles.publishing import (
    role_duplicate,
    role_publishing_gaps,
    role_restore_as_draft,
    roles_archive,
    roles_publish,
)
from roles.resources import GradeResource, JobFamilyResource
from roles.transfer.admin_upload import RoleImportAdminMixin
from roles.transfer.document_pages import DocumentImportAdminMixin

SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 50})}}


def level_label(level) -> str:
    return f"{level.role.title} — {level}"


class LevelChoiceField(forms.ModelChoiceField):
    """Offers levels as "Payroll Officer — Level A (Developing)": a level alone is ambiguous."""

    def __init__(self, **kwargs):
        kwargs["queryset"] = Level.objects.with_role().order_by("role__title", "order")
        super().__init__(**kwargs)

    def label_from_instance(self, level):
        return level_label(level)


class LevelChoicesMixin:
    """For admins with foreign keys to Level: name each level with its role."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Level:
            kwargs["form_class"] = LevelChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OrderedInlineFormSet(StepAsideOnSave, nested_admin.NestedInlineFormSet):
    """A nested inline whose rows HR may swap in one save (see core.ordering)."""


class DraggedInlineFormSet(OrderedByPage, nested_admin.NestedInlineFormSet):
    """A nested inline whose rows HR puts in order by dragging (see core.ordering)."""


def in_use_labels(items) -> list[str]:
    """How the admin names items that cannot be deleted, and why."""
    return [
        f"Requirement item “{item}” ({item.level.role.title}, level {item.level.code}): "
        "rated in an assessment, self-rated or supported by evidence"
        for item in items.in_use().select_related("level__role")
    ]


def refuse_deleting_items_in_use(items) -> None:
    labels = in_use_labels(items)
    if labels:
        raise forms.ValidationError(
            [f"{label}. It cannot be deleted; edit it instead." for label in labels]
        )


class KeepsItemsInUse:
    """A delete (page or action) of something holding items in use is refused, naming them."""

    def items_deleted_with(self, objs):
        raise NotImplementedError

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = in_use_labels(self.items_deleted_with([o.pk for o in objs]))
        if in_use:
            # The admin names missing permissions instead of protected objects when there are
            # both; the items in use are the reason that matters, so they are what it names.
            perms_needed = set()
            protected = [*protected, *in_use]
        return deleted, counts, perms_needed, protected


class RequirementItemFormSet(DraggedInlineFormSet):
    """An item deleted on its level's page that is in someone's record is retired instead.
    Items may be dragged between the groups of their level, not into another level."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.retired = []

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # Where the item was read from; its clean() moves it to its (new) group's level.
        form.level_read = form.instance.level_id
        return form

    def clean(self):
        super().clean()
        moved = {
            form.instance: form.level_read
            for form in self.initial_forms
            if form.instance.pk
            and form.level_read != self.instance.level_id
            and not self._should_delete_form(form)
        }
        if moved:
            levels = Level.all_objects.in_bulk(set(moved.values()))
            raise ValidationError(
                [
                    f"“{item}” is an item of {levels[level]}: an item moves only between the "
                    "groups of its own level (people may have been rated against it there). To "
                    "ask for it at another level, add it there as a new item."
                    for item, level in moved.items()
                ]
            )

    def delete_existing(self, obj, commit=True):
        if commit and RequirementItem.all_objects.filter(pk=obj.pk).in_use().exists():
            self.retired += requirement_items_retire([obj])
            return
        super().delete_existing(obj, commit=commit)


class LevelFormSet(OrderedInlineFormSet):
    place_fields = ("order", "code")

    def clean(self):
        super().clean()
        deleted = [form.instance.pk for form in self.deleted_forms if form.instance.pk]
        if deleted:
            refuse_deleting_items_in_use(RequirementItem.all_objects.filter(level__in=deleted))
        kept = [
            form
            for form in self.forms
            if hasattr(form, "cleaned_data")
            and form.cleaned_data
            and not self._should_delete_form(form)
        ]
        if len(kept) > 1 and any(not form.cleaned_data.get("code") for form in kept):
            raise ValidationError(
                "Give every level a code: only a role written without levels (one level) has a "
                "level with no code."
            )

    def aside_values(self, end: int) -> dict:
        # Codes are unique too: a swap of two levels' codes steps them aside as well.
        moving = Concat(Value("moving "), Cast("pk", output_field=CharField()))
        return {"order": F("order") + end, "code": moving}


class ResponsibilityFormSet(OrderedInlineFormSet):
    def clean(self):
        super().clean()
        check_shares_of_time(
            form.cleaned_data.get("share_of_time")
            for form in self.forms
            if hasattr(form, "cleaned_data") and not self._should_delete_form(form)
        )


class RequirementGroupFormSet(DraggedInlineFormSet):
    """A group deleted on its level's page takes its items with it; those in someone's record
    are retired instead (and leave the group)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.retired = []

    def delete_existing(self, obj, commit=True):
        if commit:
            self.retired += requirement_groups_remove([obj])
            return
        super().delete_existing(obj, commit=commit)


def item_label(item) -> str:
    return f"{level_label(item.level)}: {item}"


class ReplacedItemField(forms.ModelChoiceField):
    """Names the replaced item with its role and level: its words alone are ambiguous."""

    def __init__(self, **kwargs):
        kwargs["queryset"] = kwargs["queryset"].select_related("level__role")
        super().__init__(**kwargs)

    def label_from_instance(self, item):
        return item_label(item)


class WithoutRelatedIcons:
    """Icons to add, edit or delete a related object (a group's category, the item an item
    replaces) on every row are clutter, and weigh down a page of hundreds of rows; those
    objects have their own pages."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            field.widget.can_add_related = field.widget.can_change_related = False
            field.widget.can_delete_related = field.widget.can_view_related = False
        return field


class RequirementItemInline(
    ChoicesReadOnce,
    WithoutRelatedIcons,
    OrderedByDraggingInline,
    NamedFieldsInline,
    nested_admin.NestedTabularInline,
):
    model = RequirementItem
    formset = RequirementItemFormSet
    fields = ["order", "text", "is_essential", "sub_points", "replaces"]
    # Searched as HR types: a list of every item of every role would weigh down each row.
    autocomplete_fields = ["replaces"]
    formfield_overrides = SHORT_TEXT
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "replaces":
            kwargs["form_class"] = ReplacedItemField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RequirementGroupInline(
    ChoicesReadOnce, WithoutRelatedIcons, OrderedByDraggingInline, nested_admin.NestedStackedInline
):
    """A level's groups, each with its items, on the level's page: Level -> Group -> items.
    A group row adds a few small fields; its items no longer carry a category list each."""

    model = RequirementGroup
    formset = RequirementGroupFormSet
    fields = [("order", "heading", "category"), ("lead_in", "weight", "at_least")]
    inlines = [RequirementItemInline]
    extra = 0


class LevelInline(ChoicesReadOnce, nested_admin.NestedStackedInline):
    """The role's levels, each linking to its own page for its groups and items: a role of four
    levels of 80 items on one page was thousands of fields, 1.2 MB and seconds to open."""

    model = Level
    formset = LevelFormSet
    fields = [
        ("code", "name", "order"),
        ("grade", "min_desirable_met"),
        "description",
        "requirements",
    ]
    readonly_fields = ["requirements"]
    autocomplete_fields = ["grade"]
    formfield_overrides = SHORT_TEXT
    extra = 0
    is_sortable = False

    def get_queryset(self, request):
        current = Q(requirement_items__retired_at__isnull=True)
        return (
            super()
            .get_queryset(request)
            .annotate(requirement_count=Count("requirement_items", filter=current))
        )

    @admin.display(description="requirements")
    def requirements(self, level):
        if level.pk is None:
            return "Save the role first; then this level's requirements have a page of their own."
        count = level.requirement_count
        words = (
            ngettext("Edit the %d requirement of", "Edit the %d requirements of", count) % count
            if count
            else "Add the requirements of"
        )
        url = reverse("admin:roles_level_change", args=[level.pk])
        return format_html('<a href="{}" class="changelink">{} {}</a>', url, words, level)


class ResponsibilityInline(nested_admin.NestedStackedInline):
    """Stacked: a group's heading, text, items, weight, mark and measures do not fit a row."""

    model = Responsibility
    formset = ResponsibilityFormSet
    fields = [
        ("heading", "order"),
        ("text", "items"),
        ("share_of_time", "function"),
        "measures_of_success",
    ]
    formfield_overrides = SHORT_TEXT
    extra = 0
    is_sortable = False


class RoleSectionInline(FormattedTextAdmin, nested_admin.NestedStackedInline):
    model = RoleSection
    formset = OrderedInlineFormSet
    fields = [("title", "order"), "body_html"]
    formatted_text_fields = ("body_html",)
    extra = 0
    is_sortable = False


class RoleFactInline(NamedFieldsInline, nested_admin.NestedTabularInline):
    model = RoleFact
    formset = OrderedInlineFormSet
    fields = ["order", "label", "value"]
    extra = 0
    is_sortable = False


class RoleSignOffInline(NamedFieldsInline, nested_admin.NestedTabularInline):
    model = RoleSignOff
    formset = OrderedInlineFormSet
    fields = ["order", "name", "signer_role", "signed_on", "signed_on_precision"]
    # Five columns in a 1280-pixel screen.
    formfield_overrides = {models.CharField: {"widget": forms.TextInput(attrs={"size": 22})}}
    extra = 0
    is_sortable = False


class RoleCompetencyInline(ChoicesReadOnce, NamedFieldsInline, nested_admin.NestedTabularInline):
    model = RoleCompetency
    fields = ["competency", "proficiency", "level"]
    autocomplete_fields = ["competency", "proficiency"]
    extra = 0
    is_sortable = False

    def get_queryset(self, request):
        # Each row is titled with its competency, proficiency and level.
        return super().get_queryset(request).select_related("competency", "proficiency", "level")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Only this role's own levels; blank stands for every level.
        field = formset.form.base_fields["level"]
        field.queryset = field.queryset.filter(role=obj) if obj else field.queryset.none()
        field.empty_label = "Every level"
        return formset


@admin.register(JobFamily)
class JobFamilyAdmin(FlatListAdmin):
    resource_classes = [JobFamilyResource]
    list_display = ["name", "role_count"]
    search_fields = ["name", "description"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(role_count=Count("roles"))

    @admin.display(description="roles", ordering="role_count")
    def role_count(self, family):
        return family.role_count


class GradeInline(TabularInline):
    model = Grade
    extra = 0


@admin.register(GradingScheme)
class GradingSchemeAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    inlines = [GradeInline]


@admin.register(Grade)
class GradeAdmin(FlatListAdmin):
    resource_classes = [GradeResource]
    list_display = ["name", "scheme", "order"]
    list_select_related = ["scheme"]
    list_filter = ["scheme"]
    search_fields = ["name", "scheme__name"]


class RoleAdminForm(forms.ModelForm):
    """The role's page, carrying the version it was read at (see `clean_version`)."""

    class Meta:
        model = Role
        fields = ["version"]  # and the fieldsets' fields, which the admin adds
        widgets = {"version": forms.HiddenInput}

    def clean(self):
        """Refuse a save based on a copy of the page that someone else has saved since.

        Two HR users who opened the same role would otherwise both be told it was saved, the
        later one silently putting back what the earlier one changed. The row is locked until
        the save ends (the admin saves in one transaction), so two saves cannot both pass.
        """
        cleaned = super().clean()
        self._check_publishing(cleaned)
        if self.instance.pk is None:
            cleaned["version"] = 1
            return cleaned
        refuse_stale_save(self.instance, cleaned.get("version"))
        return cleaned

    def _check_publishing(self, cleaned):
        """Publishing here checks what the Publish action checks. Levels and items count as
        saved: a new role, or one whose first levels are on this page, is saved as a draft
        first. A role already published is not checked again on every edit."""
        was_published = self.instance.pk is not None and (
            Role.objects.filter(pk=self.instance.pk, status=Role.Status.PUBLISHED).exists()
        )
        if cleaned.get("status") != Role.Status.PUBLISHED or was_published:
            return
        gaps = role_publishing_gaps(self.instance, fields=cleaned)
        if gaps:
            self.add_error(
                "status",
                f"To publish this role it needs {', '.join(gaps)}. "
                "Save it as a draft until it has them.",
            )


def _nested(formsets):
    for formset in formsets:
        yield formset
        for form in formset.forms:
            yield from _nested(getattr(form, "nested_formsets", []))


def refuse_stale_save(role: Role, version_read) -> None:
    """Refuse a save of a page of the role (its own, or a level's) read at an older version.
    The role's row stays locked until the save ends (the admin saves in one transaction)."""
    current = (
        Role.objects.select_for_update().filter(pk=role.pk).values_list("version", flat=True)
    ).first()
    if current is not None and version_read != current:
        raise forms.ValidationError(stale_save_message(role), code="stale")


def stale_save_message(role: Role) -> str:
    last = (
        Role.history.filter(id=role.pk).select_related("history_user").order_by("-history_date")
    ).first()
    who = ""
    if last is not None:
        name = last.history_user.get_full_name() or last.history_user if last.history_user else ""
        by = f" by {name}" if name else ""
        when = f"{timezone.localtime(last.history_date):%d %B %Y %H:%M}"
        who = f" ({last.history_change_reason or 'saved'}{by}, {when})"
    return (
        f"Someone else saved this role profile after you opened it{who}, so your changes were "
        "not saved: they would have put back what the other person changed. What you typed is "
        "still below. Open the role again in a new tab to see the saved version, make your "
        "changes there and save."
    )


@admin.register(Role)
class RoleAdmin(
    ChosenAutocompletes,
    LightChangePage,
    KeepsItemsInUse,
    DocumentImportAdminMixin,
    RoleImportAdminMixin,
    FormattedTextAdmin,
    SimpleHistoryAdmin,
    nested_admin.NestedModelAdmin,
):
    list_display = ["title", "job_family", "grade_range", "status", "last_reviewed", "next_review"]
    list_select_related = ["job_family", "grade", "top_grade"]
    list_filter = ["status", "job_family", "grade__scheme"]
    search_fields = ["title", "purpose", "job_reference"]
    autocomplete_fields = ["job_family", "grade", "top_grade"]
    actions = ["duplicate", "publish", "archive"]
    inlines = [
        LevelInline,
        ResponsibilityInline,
        RoleSectionInline,
        RoleCompetencyInline,
        RoleFactInline,
        RoleSignOffInline,
    ]
    form = RoleAdminForm
    formatted_text_fields = ("duties_html",)

    # The history page lists the role's own changes, then its levels' and items'; each
    # version of the role can be restored as a new draft.
    object_history_template = "admin/roles/role/object_history.html"
    object_history_list_template = "admin/roles/role/object_history_list.html"
    history_list_display = ["version", "status"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "job_family",
                    ("grade", "top_grade"),
                    "job_reference",
                    "status",
                    "level_structure",
                    "version",
                ]
            },
        ),
        ("Purpose and duties", {"fields": ["purpose", "duties_html"]}),
        (
            "Where the role sits",
            {
                "classes": ["collapse"],
                "fields": [
                    ("department", "division", "service_area"),
                    ("reports_to", "direct_reports"),
                    "scope",
                    ("budget", "regulated_functions"),
                ],
            },
        ),
        (
            "Reviews",
            {
                "fields": [
                    ("date_developed", "date_developed_precision"),
                    ("last_reviewed", "last_reviewed_precision"),
                    ("next_review", "next_review_precision"),
                ]
            },
        ),
    ]

    @admin.display(description="grade", ordering="grade__order")
    def grade_range(self, role):
        return role.grade_label

    def view_on_site(self, role):
        return reverse("roles:detail", args=[role.pk])

    def items_deleted_with(self, pks):
        return RequirementItem.all_objects.filter(level__role__in=pks)

    def get_urls(self):
        restore = path(
            "<path:object_id>/history/<int:history_id>/restore/",
            self.admin_site.admin_view(self.restore_view),
            name="roles_role_restore",
        )
        return [restore, *super().get_urls()]

    def history_view(self, request, object_id, extra_context=None):
        extra = {
            "part_changes": role_part_changes(role_id=int(object_id))
            if str(object_id).isdigit()
            else [],
            "may_restore": self.has_add_permission(request),
        }
        return super().history_view(request, object_id, {**extra, **(extra_context or {})})

    def restore_view(self, request, object_id, history_id):
        """Restore a version of the role, from its history page, as a new draft."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        record = get_object_or_404(Role.history, id=object_id, history_id=history_id)
        try:
            draft = role_restore_as_draft(record=record)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:roles_role_history", args=[object_id]))
        self.message_user(
            request,
            f"Version {record.version} of “{record.title}” "
            f"({record.history_date:%d %B %Y %H:%M}) is now the draft “{draft.title}”, "
            "with its levels and items as they were. Check it, then publish it.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:roles_role_change", args=[draft.pk]))

    @admin.action(description="Duplicate as a draft, with levels and items", permissions=["add"])
    def duplicate(self, request, queryset):
        copies = [role_duplicate(role=role) for role in queryset]
        self.message_user(
            request,
            "Created draft " + ", ".join(f"“{copy.title}”" for copy in copies) + ".",
            messages.SUCCESS,
        )

    @admin.action(description="Publish: show in the catalogue", permissions=["change"])
    def publish(self, request, queryset):
        try:
            count = roles_publish(roles=queryset)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(
            request,
            ngettext("Published %d role.", "Published %d roles.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description="Archive: take out of the catalogue", permissions=["change"])
    def archive(self, request, queryset):
        count = roles_archive(roles=queryset)
        self.message_user(
            request,
            ngettext("Archived %d role.", "Archived %d roles.", count) % count,
            messages.SUCCESS,
        )


class LevelAdminForm(forms.ModelForm):
    """A level's page, carrying the version of its role it was read at: a save of the role's
    page or of another of its levels' pages since is refused, as on the role's page."""

    role_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["role_version"].initial = self.instance.role.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            refuse_stale_save(self.instance.role, cleaned.get("role_version"))
        return cleaned


@admin.register(Level)
class LevelAdmin(
    ChosenAutocompletes,
    LightChangePage,
    KeepsItemsInUse,
    SimpleHistoryAdmin,
    nested_admin.NestedModelAdmin,
):
    """A level's page: its groups and their items, put in order by dragging. Reached from its
    role's page (Edit the requirements of...); saving returns there. The list stays on the
    admin's index: it finds a level among every role's by role, code or name.

    Changing a level's items is changing its role: it takes the role's change permission."""

    list_display = ["__str__", "role", "order", "grade", "min_desirable_met"]
    list_select_related = ["role__grade", "role__top_grade", "grade"]
    list_filter = ["role__job_family"]
    search_fields = ["role__title", "code", "name"]
    autocomplete_fields = ["role", "grade"]
    form = LevelAdminForm
    fields = [
        "role",
        ("code", "name", "order"),
        ("grade", "min_desirable_met"),
        "description",
        "role_version",
    ]
    formfield_overrides = SHORT_TEXT
    inlines = [RequirementGroupInline]

    class Media:
        # Touch and keyboard for the rows put in order by dragging (OrderedByDraggingInline).
        js = ["roles/admin-ordering.js"]
        css = {"all": ["roles/admin-ordering.css"]}

    def get_queryset(self, request):
        # The autocomplete's labels name the role; the list's own joins (which Django adds
        # only to a queryset without any) come along.
        return super().get_queryset(request).select_related(*self.list_select_related)

    def get_readonly_fields(self, request, obj=None):
        # A level moves to another role with none of its people's ratings: it stays put.
        return ["role"] if obj is not None else []

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and request.user.has_perm(
            "roles.change_role"
        )

    def render_change_form(self, request, context, *args, **kwargs):
        # Saving returns to the role's page or stays here; "and add another" has no place.
        context["show_save_and_add_another"] = False
        return super().render_change_form(request, context, *args, **kwargs)

    def response_post_save_change(self, request, obj):
        return HttpResponseRedirect(reverse("admin:roles_role_change", args=[obj.role_id]))

    response_post_save_add = response_post_save_change

    def autocomplete_label(self, level):
        return level_label(level)

    def items_deleted_with(self, pks):
        return RequirementItem.all_objects.filter(level__in=pks)

    def save_model(self, request, obj, form, change):
        # A save of a level's page is a new version of its role, as a save of the role's page
        # is: recorded before the level and its items, which then belong to it (see
        # role_restore_as_draft); any other open page of the role is now stale.
        Role.objects.get(pk=obj.role_id).save()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        retired = [
            item for formset in _nested(formsets) for item in getattr(formset, "retired", [])
        ]
        if retired:
            self.message_user(
                request,
                "Retired, not deleted, because someone was rated against them, rated themselves "
                "against them or linked evidence to them (kept in their records, no longer "
                "required): " + "; ".join(f"“{item}”" for item in retired) + ".",
                messages.WARNING,
            )

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        Role.bump_versions([obj.role_id])


@admin.register(RequirementGroup)
class RequirementGroupAdmin(SimpleHistoryAdmin):
    """Groups are edited with their items on their level's page; this list finds them (and
    offers them to an item's own page). A group with items is deleted on its level's page,
    which retires those in use; here the items refuse it."""

    list_display = ["__str__", "role", "level_code", "order", "category", "at_least"]
    list_select_related = ["level__role", "category"]
    list_filter = ["category", "level__role__job_family"]
    search_fields = ["heading", "level__role__title"]
    fields = ["level", "order", "heading", "category", "lead_in", "weight", "at_least"]
    readonly_fields = ["level"]

    def has_add_permission(self, request):
        return False  # a group belongs to a level: added on the level's page

    def autocomplete_label(self, group):
        return f"{level_label(group.level)}: {group}"

    @admin.display(description="role", ordering="level__role__title")
    def role(self, group):
        return group.level.role.title

    @admin.display(description="level", ordering="level__order")
    def level_code(self, group):
        return group.level.code

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        Role.bump_versions([obj.level.role_id])


@admin.register(RequirementItem)
class RequirementItemAdmin(ChosenAutocompletes, KeepsItemsInUse, SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "role",
        "level_code",
        "group",
        "order",
        "is_essential",
        "retired_at",
    ]
    list_select_related = ["level__role", "group"]
    list_filter = ["group__category", "is_essential", "level__role__job_family", "retired_at"]
    fields = ["group", "order", "text", "is_essential", "sub_points", "replaces", "retired_at"]
    readonly_fields = ["retired_at"]
    autocomplete_fields = ["group", "replaces"]
    search_fields = ["text", "sub_points", "level__role__title"]
    formfield_overrides = SHORT_TEXT

    @admin.display(description="role", ordering="level__role__title")
    def role(self, item):
        return item.level.role.title

    def get_queryset(self, request):
        # Retired items too: HR looks them up, though no level asks for them any more. The
        # autocomplete's labels name the role and level; the list's own joins (which Django
        # adds only to a queryset without any) come along.
        return RequirementItem.all_objects.select_related(*self.list_select_related)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if is_autocomplete_for(request, RequirementItem, "replaces"):
            # An item replaces one still asked for, and HR finds it by role and level.
            queryset = queryset.filter(retired_at__isnull=True).order_by(
                "level__role__title", *RequirementItem.DISPLAY_ORDER
            )
        return queryset, may_have_duplicates

    def autocomplete_label(self, item):
        return item_label(item)

    def items_deleted_with(self, pks):
        return RequirementItem.all_objects.filter(pk__in=pks)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Any open page of the role is now stale (see RoleAdminForm.clean).
        Role.bump_versions(Level.objects.filter(pk=obj.level_id).values("role_id"))

    def delete_model(self, request, obj):
        role = Level.objects.filter(pk=obj.level_id).values("role_id")
        Role.bump_versions(list(role.values_list("role_id", flat=True)))
        super().delete_model(request, obj)

    @admin.display(description="level", ordering="level__order")
    def level_code(self, item):
        return item.level.code


class BumpsRoleVersion:
    """For admins of a role's parts edited on their own page: the role's open pages are
    stale and its cached profile is out of date, as after a save of the role itself."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        Role.bump_versions({obj.role_id, *([form.initial.get("role")] if change else [])} - {None})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        Role.bump_versions([obj.role_id])


@admin.register(Responsibility)
class ResponsibilityAdmin(ChosenAutocompletes, BumpsRoleVersion, SimpleHistoryAdmin):
    list_display = ["__str__", "role", "order", "share_of_time"]
    list_select_related = ["role__grade", "role__top_grade"]
    list_filter = ["role__job_family"]
    search_fields = ["heading", "text", "role__title"]
    autocomplete_fields = ["role"]


@admin.register(RoleCompetency)
class RoleCompetencyAdmin(ChosenAutocompletes, BumpsRoleVersion, SimpleHistoryAdmin):
    list_display = ["role", "competency", "proficiency", "level"]
    list_select_related = [
        "role__grade",
        "role__top_grade",
        "competency",
        "proficiency",
        "level",
    ]
    list_filter = ["competency__framework"]
    search_fields = ["role__title", "competency__name"]
    autocomplete_fields = ["role", "competency", "proficiency", "level"]
