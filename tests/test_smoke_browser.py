import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_sign_in_in_chromium(page, sign_in_browser, employee):
    sign_in_browser("employee")
    assert "Role catalogue" in page.content()
