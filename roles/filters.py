"""The catalogue's search and filters, as a django-filter FilterSet."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from roles.models import Grade, JobFamily, Role


class GradeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, grade):
        return f"{grade.name} ({grade.scheme.name})"


class GradeFilter(django_filters.ModelChoiceFilter):
    field_class = GradeChoiceField


class CatalogueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Title or purpose"}),
    )
    job_family = django_filters.ModelChoiceFilter(
        queryset=JobFamily.objects.all(), empty_label="All job families"
    )
    grade = GradeFilter(
        queryset=Grade.objects.select_related("scheme").order_by("scheme__name", "order"),
        empty_label="All grades",
        method="at_grade",
    )

    class Meta:
        model = Role
        fields = ["q", "job_family", "grade"]

    @property
    def qs(self) -> QuerySet[Role]:
        """The roles that match; none while the form has errors (they are shown instead)."""
        return super().qs if self.is_valid() else self.queryset.none()

    def search(self, roles, name, value):
        query = value.strip()
        return roles.filter(Q(title__icontains=query) | Q(purpose__icontains=query))

    def at_grade(self, roles, name, grade):
        # A role spanning Band 2 to Band 4 is found under Band 3 too.
        return roles.filter(
            Q(grade=grade)
            | Q(
                grade__scheme_id=grade.scheme_id,
                grade__order__lte=grade.order,
                top_grade__order__gte=grade.order,
            )
        )
