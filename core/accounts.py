"""Logins: who may change whose, and the password-reset email HR sends to a new or locked-out
person. Only superusers grant privileges or set passwords; HR manages ordinary logins."""

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpRequest
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def is_privileged(user) -> bool:
    """A login that can reach the admin or holds any group or permission: superusers' business.

    HR may not change such a login at all: changing its email and sending a reset would hand
    its privileges to whoever reads that mailbox.
    """
    if user.pk is None:
        return False
    return (
        user.is_superuser or user.is_staff or user.groups.exists() or user.user_permissions.exists()
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, which also reaches logins that never had a password.

    HR and the staff import create logins without a password; a reset email is how each person
    chooses their first one. Inactive logins (leavers) are still never sent one.
    """

    def get_users(self, email):
        email_field = get_user_model().get_email_field_name()
        return get_user_model()._default_manager.filter(
            **{f"{email_field}__iexact": email, "is_active": True}
        )


def send_password_reset(user, request: HttpRequest) -> bool:
    """Email one person a link to choose a password; False when they have no email or left."""
    if not (user.is_active and user.email):
        return False
    form = PasswordResetForm({"email": user.email})
    form.is_valid()
    context = {
        "email": user.email,
        "domain": request.get_host(),
        "site_name": "Role Profiles",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
    }
    form.send_mail(
        "registration/password_reset_subject.txt",
        "registration/password_reset_email.html",
        context,
        None,
        user.email,
    )
    return True
