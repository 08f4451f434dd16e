"""E-mail backends that fail the way real mail servers do, for delivery tests."""
import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """The mail server is down: every connection is refused (worth retrying)."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class RejectingBackend(BaseEmailBackend):
    """The mail server answers 550 for the recipient (retrying cannot help)."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({email_messages[0].to[0]: (550, b"5.1.1 No such user")})
