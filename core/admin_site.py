"""HR's admin site: Django's own, with autocomplete results labelled as the admin wants, and
change pages of hundreds of rows kept light."""

import re

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


BETWEEN_TAGS = re.compile(rb">\s+<")


class LightChangePage:
    """A model admin whose change page has its whitespace between tags cut to one line break.

    The admin's inline templates are indented for reading: on a role of 320 items that is 40%
    of the page. A run of whitespace between two tags shows as one space, and so does a line
    break; text inside an element is left alone, so text areas keep what they hold."""

    def render_change_form(self, request, context, *args, **kwargs):
        response = super().render_change_form(request, context, *args, **kwargs)
        response.add_post_render_callback(_squeeze_between_tags)
        return response


def _squeeze_between_tags(response) -> None:
    response.content = BETWEEN_TAGS.sub(b">\n<", response.content)
