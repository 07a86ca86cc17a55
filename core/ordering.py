"""Admin inline formsets whose rows hold unique places (an order): HR may swap two in one save."""

from django.db.models import Max


class StepAsideOnSave:
    """Saves rows whose place changed in two steps, so that HR can swap two rows in one save.

    The database allows one row per position; saving the first of two swapped rows would
    collide with the second, still in its old place. So moved and deleted rows first step
    aside to places nobody holds, then every row is saved in its new place. Duplicates
    among the rows as typed are refused by the formset's own uniqueness check.

    Mix into an inline formset class: `class F(StepAsideOnSave, BaseInlineFormSet)`.
    """

    # The fields that say where a row sits; unique among the parent's rows.
    place_fields = ("order",)

    def save(self, commit=True):
        if commit:
            self._step_aside()
        return super().save(commit)

    def aside_values(self, pk: int, position: int) -> dict:
        return {"order": position}

    def _step_aside(self):
        moving = [
            form.instance.pk
            for form in self.initial_forms
            if form.instance.pk
            and (self._should_delete_form(form) or set(self.place_fields) & set(form.changed_data))
        ]
        if not moving:
            return
        siblings = self.model._default_manager.filter(**{self.fk.name: self.instance})
        end = siblings.aggregate(end=Max("order"))["end"] or 0
        for offset, pk in enumerate(moving, start=1):
            siblings.filter(pk=pk).update(**self.aside_values(pk, end + offset))
