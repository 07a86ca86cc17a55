"""HR's admin pages as tests reach them: a model's page by name, a change form's data as the
browser would post it back unchanged, and the prefix of an item's row on a role's page."""

from django.db.models import Model
from django.urls import reverse

from roles.models import RequirementItem, Role


def admin_url(model, page: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def change_form_data(response) -> dict:
    """What the browser would post back unchanged: the main form and every (nested) inline."""
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(_formset_data(inline.formset))
    return data


def _formset_data(formset) -> dict:
    data = {
        formset.management_form.add_prefix(name): field.value()
        for name, field in (
            (name, formset.management_form[name]) for name in formset.management_form.fields
        )
    }
    for form in formset.forms:
        data.update(_form_data(form))
        for nested in getattr(form, "nested_formsets", []):
            data.update(_formset_data(nested))
    return data


def _form_data(form) -> dict:
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(value, Model):
            value = value.pk
        data[form.add_prefix(name)] = value
    return data


def item_prefix(role: Role, level_code: str, item: RequirementItem) -> str:
    """The form prefix of an item on the role's page: levels-<n>-requirement_items-<m>."""
    levels = list(role.levels.order_by("order"))
    level = next(lv for lv in levels if lv.code == level_code)
    items = list(RequirementItem.objects.filter(level=level).order_by("pk"))
    return f"levels-{levels.index(level)}-requirement_items-{items.index(item)}"
