"""The forms of the role pages: the catalogue's filters and the career-path choices."""

from django import forms
from django.db.models import Q, QuerySet

from roles.models import Grade, JobFamily, Level, Role


class GradeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, grade):
        return f"{grade.name} ({grade.scheme.name})"


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Title or purpose"}),
    )
    job_family = forms.ModelChoiceField(
        JobFamily.objects.all(), required=False, empty_label="All job families"
    )
    grade = GradeChoiceField(
        Grade.objects.select_related("scheme").order_by("scheme__name", "order"),
        required=False,
        empty_label="All grades",
    )

    def filter(self, roles: QuerySet[Role]) -> QuerySet[Role]:
        """The roles that match; none while the form has errors (they are shown instead)."""
        if not self.is_valid():
            return roles.none()
        query = self.cleaned_data["q"].strip()
        if query:
            roles = roles.filter(Q(title__icontains=query) | Q(purpose__icontains=query))
        if family := self.cleaned_data["job_family"]:
            roles = roles.filter(job_family=family)
        if grade := self.cleaned_data["grade"]:
            # A role spanning Band 2 to Band 4 is found under Band 3 too.
            roles = roles.filter(
                Q(grade=grade)
                | Q(
                    grade__scheme_id=grade.scheme_id,
                    grade__order__lte=grade.order,
                    top_grade__order__gte=grade.order,
                )
            )
        return roles


class LevelPairForm(forms.Form):
    lower = forms.ModelChoiceField(queryset=Level.objects.none(), label="From", empty_label=None)
    higher = forms.ModelChoiceField(queryset=Level.objects.none(), label="To", empty_label=None)

    def __init__(self, *args, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lower"].queryset = self.fields["higher"].queryset = levels


class RolePairForm(forms.Form):
    first = forms.ModelChoiceField(queryset=Role.objects.none(), label="From role")
    second = forms.ModelChoiceField(queryset=Role.objects.none(), label="To role")

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first"].queryset = self.fields["second"].queryset = roles
