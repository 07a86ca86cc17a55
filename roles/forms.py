"""The career-path pages' choices: two levels of a role, or two roles, to compare."""

from django import forms

from roles.models import Level, Role


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
