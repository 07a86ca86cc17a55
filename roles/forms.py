"""The career-path pages' choices: two levels of a role to compare."""

from django import forms

from roles.models import Level


class LevelPairForm(forms.Form):
    lower = forms.ModelChoiceField(queryset=Level.objects.none(), label="From", empty_label=None)
    higher = forms.ModelChoiceField(queryset=Level.objects.none(), label="To", empty_label=None)

    def __init__(self, *args, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lower"].queryset = self.fields["higher"].queryset = levels
