"""HR's form for opening a review cycle."""

from django import forms
from django.utils import timezone

from roles.models import JobFamily, Role
from staff.filters import RoleTitleField
from staff.models import StaffProfile


def departments() -> list[str]:
    """The departments roles name, each once."""
    return sorted(set(Role.objects.exclude(department="").values_list("department", flat=True)))


class CycleForm(forms.Form):
    name = forms.CharField(max_length=200, help_text="For example “Autumn reviews 2026”.")
    due_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    department = forms.ChoiceField(required=False, help_text="The department of their role.")
    job_family = forms.ModelChoiceField(
        queryset=JobFamily.objects.order_by("name"), required=False, empty_label="Any family"
    )
    role = RoleTitleField(
        queryset=Role.objects.order_by("title"), required=False, empty_label="Any role"
    )
    manager = forms.ModelChoiceField(
        queryset=StaffProfile.objects.filter(direct_reports__isnull=False)
        .distinct()
        .select_related("user"),
        required=False,
        empty_label="Anyone's",
        label="Below the manager",
        help_text="Everyone below them, however deep.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", "Any department")] + [
            (name, name) for name in departments()
        ]

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError("The due date has passed; choose today or a later date.")
        return due
