"""Forms of the employee's own pages: rating themselves and adding evidence."""

from django import forms

from roles.models import RequirementItem
from staff.models import Rating

RATING_FIELD_PREFIX = "rating-"


class SelfAssessmentForm(forms.Form):
    """One optional rating per requirement; a blank one is simply not rated yet."""

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        for entry in entries:
            name = f"{RATING_FIELD_PREFIX}{entry.item.pk}"
            self.fields[name] = forms.ChoiceField(
                label="My rating",
                choices=[("", "Not rated yet"), *Rating.choices],
                required=False,
                initial=entry.self_rating,
            )
            # The template lays the fields out beside their items, category by category.
            entry.rating_field = self[name]

    def ratings(self) -> dict[int, str]:
        """The ratings given, by requirement id; blanks are left out."""
        return {
            int(name.removeprefix(RATING_FIELD_PREFIX)): value
            for name, value in self.cleaned_data.items()
            if value
        }


class EvidenceForm(forms.Form):
    text = forms.CharField(
        label="What you did", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    link = forms.URLField(label="Link (optional)", required=False, assume_scheme="https")
    requirements = forms.ModelMultipleChoiceField(
        queryset=RequirementItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Requirements it supports",
        error_messages={"required": "Choose at least one requirement it supports."},
    )

    def __init__(self, *args, requirements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirements"].queryset = requirements
