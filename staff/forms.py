"""Forms of the staff pages: the manager's ratings, the employee's reply, HR's decision, and
the employee's own ratings and evidence."""

from django import forms
from django.utils.html import format_html

from roles.models import RequirementItem
from roles.requirement_groups import section_title
from staff.models import (
    COMMENT_MAX_LENGTH,
    EVIDENCE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    Assessment,
    Rating,
)
from staff.progression import NewEvidence

RATING_FIELD_PREFIX = "rating-"


def label_for_item(label: str, item_text: str) -> str:
    """A field's short visible label, with its item's text for screen readers: among 80
    fields called "Rating", a list of a page's controls must say which item each is for."""
    return format_html('{} <span class="visually-hidden">({})</span>', label, item_text)


class AssessmentForm(forms.Form):
    """One rating and comment per item, the recommendation and summary, and a new piece of
    evidence with the items it supports ticked beside them."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    evidence_text = forms.CharField(
        label="Describe the evidence",
        required=False,
        max_length=EVIDENCE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Tick “supported by the new evidence” beside each item it supports. "
        "Evidence is kept as written: to correct it, add a new entry.",
    )
    evidence_link = forms.URLField(label="Link (optional)", required=False, assume_scheme="https")
    recommendation = forms.ChoiceField(
        choices=[("", "Not decided yet"), *Assessment.Recommendation.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(
        required=False, max_length=SUMMARY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, assessment: Assessment, items, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": assessment.version,
                "recommendation": assessment.recommendation,
                "summary": assessment.summary,
            },
        )
        super().__init__(*args, **kwargs)
        self.items = items
        choices = Rating.choices  # an enum's choices are built anew at each reading
        for item in items:
            self.fields[f"rating_{item.pk}"] = forms.ChoiceField(
                label=label_for_item("Rating", item.text),
                choices=choices,
                required=False,
                initial=item.rating,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{item.pk}"] = forms.CharField(
                label=label_for_item("Comment", item.text),
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                initial=item.comment,
                widget=forms.Textarea(attrs={"rows": 1}),
            )
            if item.requirement_id:
                self.fields[f"evidence_{item.pk}"] = forms.BooleanField(
                    label=label_for_item("Supported by the new evidence", item.text),
                    required=False,
                )

    def clean(self):
        data = super().clean()
        if data.get("evidence_text", "").strip() and not self.evidence_requirement_ids():
            self.add_error("evidence_text", "Tick at least one item that this evidence supports.")
        if self.evidence_requirement_ids() and not data.get("evidence_text", "").strip():
            self.add_error("evidence_text", "Describe the evidence for the items you ticked.")
        return data

    def ratings(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"rating_{item.pk}"] for item in self.items}

    def comments(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"comment_{item.pk}"] for item in self.items}

    def evidence_requirement_ids(self) -> list[int]:
        return [
            item.requirement_id
            for item in self.items
            if self.cleaned_data.get(f"evidence_{item.pk}")
        ]

    def new_evidence(self) -> list[NewEvidence]:
        text = self.cleaned_data["evidence_text"].strip()
        if not text:
            return []
        return [
            NewEvidence(
                text=text,
                link=self.cleaned_data["evidence_link"],
                requirement_ids=self.evidence_requirement_ids(),
            )
        ]


def item_groups(
    items, *, self_ratings, evidence, name_level: bool, form: AssessmentForm | None = None
):
    """The items under the groups they were assessed under, one section per group in display
    order, each titled with the heading as it was assessed (and its level where `name_level`:
    see roles.requirement_groups.section_title) and, while the requirement is current, its
    group's lead-in, share of time and rule. Each row holds the item, the employee's own
    rating, the evidence recorded for its requirement and, while editing, its fields."""
    groups = []
    key = None
    for item in items:
        requirement = item.requirement
        item_key = requirement.group_id if requirement else (item.level_code, item.category_name)
        if not groups or item_key != key:
            key = item_key
            groups.append(
                {
                    "title": section_title(
                        item.category_name, item.level_code, name_level=name_level
                    ),
                    "notes": requirement.group.notes if requirement and requirement.group else [],
                    "items": [],
                }
            )
        row = {
            "item": item,
            "self_rating": self_ratings.get(item.requirement_id),
            "evidence": evidence.get(item.requirement_id, []),
        }
        if form is not None:
            row["rating"] = form[f"rating_{item.pk}"]
            row["comment"] = form[f"comment_{item.pk}"]
            row["supports"] = form[f"evidence_{item.pk}"] if item.requirement_id else None
        groups[-1]["items"].append(row)
    return groups


class StartForm(forms.Form):
    target_level = forms.ModelChoiceField(queryset=None, empty_label=None)

    def __init__(self, *args, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_level"].queryset = levels


class ReplyForm(forms.Form):
    comment = forms.CharField(
        label="Your comment",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApproveForm(forms.Form):
    effective_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    override_reason = forms.CharField(
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only when approving a progression although the level's rule is not met.",
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="Why is it returned?",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SelfAssessmentForm(forms.Form):
    """One optional rating per requirement; a blank one is simply not rated yet."""

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not rated yet"), *Rating.choices]
        for entry in entries:
            name = f"{RATING_FIELD_PREFIX}{entry.item.pk}"
            self.fields[name] = forms.ChoiceField(
                label=label_for_item("My rating", entry.item.text),
                choices=choices,
                required=False,
                initial=entry.self_rating,
            )
            # The template lays the fields out beside their items, heading by heading.
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
        label="What you did",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=EVIDENCE_MAX_LENGTH,
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
