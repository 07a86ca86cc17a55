"""HR sees every email the site sent or could not send, and sends a failed one again."""

from django.contrib import admin, messages
from django.db import transaction

from core.emails import email_resend
from core.models import OutgoingEmail


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
