"""HR's admin pages as tests reach them: a model's page by name, a change form's data as the
browser would post it back unchanged, and the prefix of an item's row on its level's page."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.urls import reverse

from roles.models import Level, RequirementGroup, RequirementItem


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


def level_page(client, level: Level) -> dict:
    """A level's admin page (its groups and their items) as the browser would post it back."""
    response = client.get(admin_url(Level, "change", level.pk))
    assert response.status_code == 200
    return change_form_data(response)


def level_page_saved(client, level: Level, changes: dict, follow: bool = False):
    """The response to saving a level's admin page with `changes` made to what it showed."""
    data = level_page(client, level) | changes
    return client.post(admin_url(Level, "change", level.pk), data, follow=follow)


def group_prefix(group: RequirementGroup) -> str:
    """The form prefix of a group on its level's page: requirement_groups-<m>."""
    groups = list(RequirementGroup.objects.filter(level=group.level_id).order_by("order"))
    return f"requirement_groups-{groups.index(group)}"


def item_prefix(item: RequirementItem) -> str:
    """The form prefix of an item on its level's page: <its group's prefix>-items-<m>."""
    items = list(RequirementItem.objects.filter(group=item.group_id).order_by("order", "pk"))
    return f"{group_prefix(item.group)}-items-{items.index(item)}"


# HR's flat lists (django-import-export): export, then import with its preview and confirm step.


def _format_choice(form, label: str) -> str:
    return next(value for value, text in form.fields["format"].choices if text == label)


def flat_list_export(client, model, label: str) -> bytes:
    """The file HR downloads from the list's Export button, every column ticked."""
    url = admin_url(model, "export")
    form = client.get(url).context["form"]
    data = {"format": _format_choice(form, label), "resource": 0}
    data |= {name: "on" for name, field in form.fields.items() if hasattr(field, "resource_name")}
    response = client.post(url, data)
    assert response.status_code == 200 and response.get("Content-Disposition"), response
    return b"".join(response.streaming_content) if response.streaming else response.content


def flat_list_preview(client, model, data: bytes, name: str, label: str):
    """The page the Import button shows after uploading `data`: the preview, or the errors."""
    url = admin_url(model, "import")
    form = client.get(url).context["form"]
    upload = SimpleUploadedFile(name, data)
    return client.post(url, {"format": _format_choice(form, label), "import_file": upload})


def flat_list_confirm(client, model, preview):
    """Confirm the import the preview offers."""
    confirm = preview.context["confirm_form"]
    data = {name: confirm[name].value() for name in confirm.fields}
    return client.post(admin_url(model, "process_import"), data, follow=True)
