"""The dashboard's filters: department, job family and role (of the level in force) and manager."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef

from core.widgets import SearchSelect
from roles.models import JobFamily, Role
from staff.filters import RoleFilter
from staff.models import StaffProfile

# "Not assessed in the last N months": the N the dashboard starts with.
DEFAULT_MONTHS = 12


class ManagerFilter(django_filters.ModelChoiceFilter):
    field_class = forms.ModelChoiceField


class DashboardFilter(django_filters.FilterSet):
    """Filters people by the level in their standing's stored summary (staff.summaries); a
    value that is not one of the choices is ignored, as if not given."""

    department = django_filters.ChoiceFilter(
        method="in_department", label="Department", empty_label="All departments"
    )
    job_family = django_filters.ModelChoiceFilter(
        method="in_family",
        label="Job family",
        queryset=JobFamily.objects.order_by("name"),
        empty_label="All families",
    )
    # Hundreds of roles and a thousand managers in a big organisation: searched, not listed.
    role = RoleFilter(
        method="in_role",
        label="Role",
        queryset=Role.objects.order_by("title"),
        empty_label="All roles",
        widget=SearchSelect(search_fields=("title",)),
    )
    manager = ManagerFilter(
        method="below",
        label="Below the manager",
        # Those with a report, without DISTINCT over the whole staff table.
        queryset=StaffProfile.objects.filter(
            Exists(StaffProfile.objects.filter(line_manager=OuterRef("pk")))
        ).select_related("user"),
        empty_label="Anyone's",
        widget=SearchSelect(
            search_fields=("user__first_name", "user__last_name", "employee_number")
        ),
    )
    months = django_filters.NumberFilter(
        method="keep",
        label="Not assessed in the last (months)",
        min_value=1,
        max_value=120,
    )

    def __init__(self, data, queryset, **kwargs):
        super().__init__(data, queryset, **kwargs)
        departments = sorted(
            set(Role.objects.exclude(department="").values_list("department", flat=True))
        )
        self.filters["department"].extra["choices"] = [(d, d) for d in departments]
        self.form.fields["months"].widget.attrs["placeholder"] = str(DEFAULT_MONTHS)

    @property
    def months_value(self) -> int:
        self.form.is_valid()
        return int(self.form.cleaned_data.get("months") or DEFAULT_MONTHS)

    def roles(self):
        """The role profiles the department, family and role chosen cover."""
        self.form.is_valid()
        data = self.form.cleaned_data
        roles = Role.objects.all()
        if data.get("department"):
            roles = roles.filter(department=data["department"])
        if data.get("job_family"):
            roles = roles.filter(job_family=data["job_family"])
        if data.get("role"):
            roles = roles.filter(pk=data["role"].pk)
        return roles

    def in_department(self, people, name, value):
        return people.filter(standing_summary__level__role__department=value)

    def in_family(self, people, name, family):
        return people.filter(standing_summary__level__role__job_family=family)

    def in_role(self, people, name, role):
        return people.filter(standing_summary__level__role=role)

    def below(self, people, name, manager):
        return people.filter(pk__in=StaffProfile.objects.below(manager).values("pk"))

    def keep(self, people, name, value):
        return people  # read by the figures, not a filter of people
