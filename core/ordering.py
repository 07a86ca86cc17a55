"""Admin inline formsets whose rows hold unique places (an order): HR may swap and reorder them
in one save, and rows put in order by dragging are numbered 1, 2, 3... on save."""

from django.db.models import F, Max


class StepAsideOnSave:
    """Saves rows whose place changed in two steps, so that HR can swap two rows in one save.

    The database allows one row per position; saving the first of two swapped rows would
    collide with the second, still in its old place. So every row of the parent that does not
    keep its place (moved, deleted, or moved to another parent on the same page) first steps
    aside, all in one UPDATE, to places nobody holds; then every row is saved in its new place.

    Mix into an inline formset class: `class F(StepAsideOnSave, BaseInlineFormSet)`.
    """

    # The fields that say where a row sits; unique among the parent's rows.
    place_fields = ("order",)

    def save(self, commit=True):
        if commit:
            self._step_aside()
        return super().save(commit)

    def aside_values(self, end: int) -> dict:
        """The stepping-aside rows' places, as expressions: past `end`, the highest held.
        Distinct places stay distinct when shifted by the same amount."""
        return {"order": F("order") + end}

    def _step_aside(self):
        if self.instance.pk is None:
            return  # a new parent has no rows yet
        staying = [
            form.instance.pk
            for form in self.initial_forms
            if form.instance.pk
            and not self._should_delete_form(form)
            and not set(self.place_fields) & set(form.changed_data)
        ]
        siblings = self.model._default_manager.filter(**{self.fk.name: self.instance})
        moving = siblings.exclude(pk__in=staying)
        end = siblings.aggregate(end=Max("order"))["end"]
        if end is not None:
            moving.update(**self.aside_values(end))


class OrderedByPage(StepAsideOnSave):
    """Rows that HR puts in order on the page (by dragging, or Move up / Move down) and never
    by typing a number: on save they are numbered 1, 2, 3... in the order sent.

    The page sends each row's place in a hidden field. Two rows sent with the same place (a
    page opened before someone else's save, an old form) are put in page order, not refused;
    a new row sent without one goes last. Only rows whose number changes are saved.
    """

    sortable_field_name = "order"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self._untie_places_sent()

    def _untie_places_sent(self):
        """Rows sent in one place take distinct places in page order, before anything reads
        them: django-nested-admin, showing the page again after an error, cannot sort ties."""
        name = self.sortable_field_name
        keys = [f"{self.add_prefix(i)}-{name}" for i in range(self.total_form_count())]
        places = [self.data.get(key) for key in keys]
        sent = [int(place) if str(place).isdigit() else None for place in places]
        given = [place for place in sent if place is not None]
        if len(set(given)) == len(given):
            return
        self.data = self.data.copy()
        by_place = sorted((place, row) for row, place in enumerate(sent) if place is not None)
        for new_place, (_, row) in enumerate(by_place):
            self.data[keys[row]] = str(new_place)

    def validate_unique(self):
        """Places are given on save (see `_number_in_page_order`); the rows' other fields are
        not unique among siblings, so there is nothing else to check here."""

    def save(self, commit=True):
        if commit:
            self._number_in_page_order()
        return super().save(commit)

    def process_forms_pre_save(self, forms):
        # django-nested-admin numbers from 0 here, after the rows stepped aside; they are
        # numbered already (from 1, as everywhere else in the project).
        return forms

    def _number_in_page_order(self):
        name = self.sortable_field_name
        initial = self.initial_form_count()
        kept = [
            form
            for i, form in enumerate(self.forms)
            if hasattr(form, "cleaned_data")
            and not self._should_delete_form(form)
            and (i < initial or form.has_changed())
        ]

        def sent(form):
            place = form.cleaned_data.get(name)
            return (place is None, place or 0)

        # sorted() is stable: rows sent with one place keep their order on the page.
        for number, form in enumerate(sorted(kept, key=sent), start=1):
            setattr(form.instance, name, number)
            form.cleaned_data[name] = number
            # What changed is now judged against the number saved, not the one sent.
            changed = [field for field in form.changed_data if field != name]
            if number != form.initial.get(name):
                changed.append(name)
            form.__dict__["changed_data"] = changed
