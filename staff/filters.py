"""The team page's filters and sorts, as a django-filter FilterSet."""

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from roles.models import Role
from staff.models import Assessment

NO_ASSESSMENT = "none"

# Each sort the team page offers, with the fields that break its ties. Role, level and since
# are those in force today (`with_level_in_force`: a scheduled change counts from its date).
TEAM_SORTS = {
    "name": ("user__last_name", "user__first_name"),
    "role": ("level_now_role_title", "user__last_name"),
    "level": ("level_now_role_title", "level_now_order", "user__last_name"),
    "since": ("level_now_since", "user__last_name"),
    "status": ("latest_status", "user__last_name"),
}


class RoleSelect(forms.Select):
    """A select whose options are written in one pass: Django's writes each option through a
    template of its own, which was most of the team page's time in an organisation of
    hundreds of roles."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(key), mark_safe(" selected") if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            options,
        )


class RoleTitleField(forms.ModelChoiceField):
    widget = RoleSelect

    def label_from_instance(self, role):
        return role.title


class RoleFilter(django_filters.ModelChoiceFilter):
    field_class = RoleTitleField


class TeamOrderingFilter(django_filters.OrderingFilter):
    """`?sort=level` or `?sort=-level`: one of TEAM_SORTS, ascending or descending."""

    def __init__(self, **kwargs):
        super().__init__(fields={key: key for key in TEAM_SORTS}, **kwargs)

    def filter(self, qs, value):
        fields = []
        for key in value or ["name"]:
            descending = key.startswith("-")
            fields += [f"-{f}" if descending else f for f in TEAM_SORTS[key.removeprefix("-")]]
        return qs.order_by(*fields, "pk")


class TeamFilter(django_filters.FilterSet):
    """Filters the people of a team queryset annotated `with_level_in_force()` and with
    `latest_status` (their latest assessment's). A value that is not one of the choices is
    ignored, as if not given."""

    role = RoleFilter(
        method="in_role",
        label="Role",
        queryset=Role.objects.none(),
        empty_label="All roles",
    )
    status = django_filters.ChoiceFilter(
        label="Latest assessment",
        choices=[(NO_ASSESSMENT, "No assessment yet"), *Assessment.Status.choices],
        empty_label="Any status",
        method="latest_assessment",
    )
    sort = TeamOrderingFilter()

    def __init__(self, data, queryset, **kwargs):
        super().__init__(data, queryset, **kwargs)
        # Only what the select shows: the DISTINCT of every column (descriptions, duties)
        # of hundreds of roles doubled the query's time.
        self.filters["role"].queryset = (
            Role.objects.filter(levels__staff__in=queryset.values("pk"))
            .distinct()
            .order_by("title")
            .only("pk", "title")
        )

    def filter_queryset(self, people):
        people = super().filter_queryset(people)
        if "sort" not in self.form.cleaned_data:
            # Not one of the sorts: by name, as if none were asked for.
            people = self.filters["sort"].filter(people, None)
        return people

    def in_role(self, people, name, role):
        return people.filter(level_now_role_id=role.pk)

    def latest_assessment(self, people, name, value):
        if value == NO_ASSESSMENT:
            return people.filter(latest_status__isnull=True)
        return people.filter(latest_status=value)

    def sort_links(self) -> dict[str, str]:
        """For each column, the query string that sorts by it: descending when it already
        sorts ascending by it, ascending otherwise; the page number left out."""
        current = self.form.cleaned_data.get("sort") or ["name"]
        query = self.data.copy()
        query.pop("page", None)
        links = {}
        for key in TEAM_SORTS:
            query["sort"] = f"-{key}" if current == [key] else key
            links[key] = query.urlencode()
        return links
