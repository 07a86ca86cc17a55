"""Form widgets.

`SearchSelect` chooses one of thousands (a manager among 1,300, a role among 500) without
sending them all: the page holds a search box and a list of at most `max_options` choices,
those matching what was searched (or the first ones), and the one chosen. It works without
scripts: type part of a name, press the form's button, then choose from what matched.
"""

from functools import reduce
from operator import and_, or_

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

# Longest search text read: a name or a title, never a pasted page.
SEARCH_MAX_LENGTH = 100


class SearchSelect(forms.Widget):
    """A choice of a ModelChoiceField's object, listing at most `max_options` of them: those
    whose `search_fields` contain every word typed into the search box beside it (submitted as
    `<name>_search`), and the one chosen. With `max_options` or fewer choices in all, a plain
    list of them all and no search box.

    Not a `forms.Select`: form layouts that draw every choice of a select themselves would
    draw them all."""

    template_name = "core/widgets/search_select.html"

    def __init__(self, *, search_fields: tuple[str, ...], max_options: int = 50, attrs=None):
        super().__init__(attrs={"class": "form-select", **(attrs or {})})
        self.search_fields = search_fields
        self.max_options = max_options
        self.search = ""
        self.choices = []

    def value_from_datadict(self, data, files, name):
        # Kept for drawing the list: the form reads its data before it is drawn.
        self.search = " ".join(data.get(f"{name}_search", "").split())[:SEARCH_MAX_LENGTH]
        return super().value_from_datadict(data, files, name)

    def _matching(self, queryset):
        """Those whose search fields hold every word searched, each in any of them."""
        words = self.search.split()
        return queryset.filter(
            reduce(
                and_,
                (
                    reduce(or_, (Q(**{f"{f}__icontains": word}) for f in self.search_fields))
                    for word in words
                ),
            )
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        iterator = self.choices
        queryset = iterator.queryset
        # A list of them all, unless there are more than max_options (then also a count).
        shown = list(queryset[: self.max_options + 1])
        searchable = len(shown) > self.max_options
        total = found = len(shown)
        if searchable:
            total = found = queryset.count()
            shown = shown[: self.max_options]
            if self.search:
                matching = self._matching(queryset)
                shown, found = list(matching[: self.max_options]), matching.count()
        chosen = str(value or "")
        options = [iterator.choice(obj) for obj in shown]
        if chosen and chosen not in {str(v) for v, _ in options}:
            options[:0] = [iterator.choice(obj) for obj in self._chosen(queryset, chosen)]
        if iterator.field.empty_label is not None:
            options.insert(0, ("", iterator.field.empty_label))
        context["widget"].update(
            options=[(str(v), label, str(v) == chosen) for v, label in options],
            searchable=searchable,
            search=self.search,
            total=total,
            more=found - len(shown),
        )
        return context

    @staticmethod
    def _chosen(queryset, value) -> list:
        """The object chosen, listed although the search did not find it; none for a value
        that is not one (the form then ignores it or says so)."""
        try:
            return list(queryset.filter(pk=value)[:1])
        except (ValueError, ValidationError):
            return []

    def format_value(self, value):
        return "" if value is None else str(value)
