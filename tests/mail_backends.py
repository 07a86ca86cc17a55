"""A mail server that is down: every send raises, as smtplib does when nobody answers."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class MailServerDown(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "mail.example.org is not answering")
