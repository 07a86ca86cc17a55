"""HR's admin site: Django's own, with autocomplete results labelled as the admin wants."""

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """A model admin may name its objects in search results with `autocomplete_label(obj)`:
    a level alone ("Level A") is ambiguous among 1,800, so the levels' admin adds the role."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = label(obj)
        return result


class HRAdminSite(admin.AdminSite):
    def autocomplete_view(self, request):
        return LabelledAutocompleteJsonView.as_view(admin_site=self)(request)


def is_autocomplete_for(request, model, field_name: str) -> bool:
    """Whether a request is the autocomplete of `model.field_name`, so that a model admin's
    search can narrow what that one field offers."""
    match = request.resolver_match
    return (
        match is not None
        and match.url_name == "autocomplete"
        and request.GET.get("app_label") == model._meta.app_label
        and request.GET.get("model_name") == model._meta.model_name
        and request.GET.get("field_name") == field_name
    )
