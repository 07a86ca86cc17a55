"""The admin's shared pages: the record of outgoing emails (HR reads and resends), and logins
and groups: HR manages ordinary logins; only superusers grant privileges.

HR may create a login, name it, give it an email, deactivate it and send its owner a link to
choose a password. Staff status, superuser status, groups, permissions and passwords are on
pages only superusers reach, and a login that already holds any of them is read-only to HR.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.accounts import is_privileged, send_password_reset
from core.emails import email_resend
from core.models import OutgoingEmail

PERSONAL_FIELDS = ("username", "first_name", "last_name", "email")


class SingleLineNames:
    """Names go into email headers and PDFs: a line break in one is refused, never stored."""

    def _single_line(self, name):
        value = self.cleaned_data.get(name, "")
        if value and any(c in value for c in "\r\n\x00"):
            raise forms.ValidationError("Write the name on one line.")
        return value

    def clean_first_name(self):
        return self._single_line("first_name")

    def clean_last_name(self):
        return self._single_line("last_name")


class LoginCreationForm(SingleLineNames, forms.ModelForm):
    """HR's new login: no password (its owner chooses one from a reset email), no privileges."""

    class Meta:
        model = User
        fields = PERSONAL_FIELDS

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class LoginChangeForm(SingleLineNames, forms.ModelForm):
    class Meta:
        model = User
        fields = (*PERSONAL_FIELDS, "is_active")


class SuperuserChangeForm(SingleLineNames, UserChangeForm):
    pass


class SuperuserCreationForm(SingleLineNames, AdminUserCreationForm):
    pass


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class LoginAdmin(UserAdmin):
    form = SuperuserChangeForm
    add_form = SuperuserCreationForm
    actions = ["send_password_reset"]

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        if obj is None:
            return [(None, {"fields": PERSONAL_FIELDS})]
        return [
            (None, {"fields": PERSONAL_FIELDS}),
            ("Status", {"fields": ("is_active", "last_login", "date_joined")}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ("last_login", "date_joined")

    def get_form(self, request, obj=None, **kwargs):
        if not request.user.is_superuser:
            kwargs["form"] = LoginCreationForm if obj is None else LoginChangeForm
            kwargs["fields"] = None
            # UserAdmin.get_form would put its own password forms back.
            return admin.ModelAdmin.get_form(self, request, obj, **kwargs)
        return super().get_form(request, obj, **kwargs)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return request.user.is_superuser or obj is None or not is_privileged(obj)

    def user_change_password(self, request, id, form_url=""):
        # Setting a password is signing in as its owner: only superusers may, and HR sends a
        # reset link instead.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    @admin.action(description="Send a password reset email", permissions=["change"])
    def send_password_reset(self, request, queryset):
        sent = [user for user in queryset if send_password_reset(user, request)]
        skipped = queryset.count() - len(sent)
        if sent:
            self.message_user(request, f"Sent a password reset email to {len(sent)} login(s).")
        if skipped:
            self.message_user(
                request,
                f"{skipped} login(s) have no email or are inactive: no email was sent to them.",
                messages.WARNING,
            )


@admin.register(Group)
class SuperuserOnlyGroupAdmin(GroupAdmin):
    """A group is a bundle of privileges: only superusers see, create or change one."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject", "addressed_to", "status", "attempts", "last_error"]
    list_filter = ["status"]
    search_fields = ["subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    readonly_fields = [
        "subject",
        "body",
        "recipients",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "last_attempt_at",
        "sent_at",
    ]

    @admin.display(description="to")
    def addressed_to(self, email: OutgoingEmail) -> str:
        return ", ".join(email.recipients)

    # Messages are written by the site and kept as a record: HR reads and resends only.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Send the selected emails again", permissions=["change"])
    def send_again(self, request, queryset):
        unsent = queryset.exclude(status=OutgoingEmail.Status.SENT)
        with transaction.atomic():
            count = 0
            for email in unsent:
                email_resend(email)
                count += 1
        skipped = queryset.count() - count
        self.message_user(request, f"{count} email(s) will be sent again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request, f"{skipped} already sent, so not sent again.", messages.WARNING
            )
