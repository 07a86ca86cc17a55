"""Every admin form's searched choices (autocompletes): a posted value that names nothing, typed
into the request by hand or left by an object deleted since, is refused by the form and shown
back, never a server error (Django's own widget fails drawing it)."""

import pytest
from django.contrib import admin

from tests.admin_pages import admin_url, change_form_data

AUTOCOMPLETED = sorted(
    (
        (model, name)
        for model, model_admin in admin.site._registry.items()
        for name in model_admin.autocomplete_fields
    ),
    key=lambda pair: (pair[0]._meta.label, pair[1]),
)


@pytest.mark.parametrize(
    ("model", "name"), AUTOCOMPLETED, ids=lambda v: getattr(v, "_meta", None) and v._meta.label
)
@pytest.mark.parametrize("posted", ["abc", "99999999999999999999999"])
def test_an_autocomplete_posted_what_names_nothing_says_so(login, superuser, model, name, posted):
    client = login(superuser)
    url = admin_url(model, "add")
    data = change_form_data(client.get(url)) | {name: posted}

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not model.objects.exists()
