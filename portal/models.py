"""The site shell's own rows: the transactional email outbox and the
accessibility feedback that the accessibility statement invites."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboundEmail(models.Model):
    """One transactional message waiting to leave, or gone.

    Mail leaves only through the ``portal.tasks.email_send`` task, which claims
    the row with a conditional update, so a retried or duplicated task never
    sends twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("plain-text body"))
    html = models.TextField(_("HTML body"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(
        _("last error"),
        blank=True,
        help_text=_("The mail server's reply, or the fault, of the last attempt."),
    )
    claim_token = models.CharField(_("claimed by"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "claimed_at"])]

    def __str__(self) -> str:
        return self.subject


def _reply_due() -> datetime:
    return timezone.now() + timedelta(days=settings.ACCESSIBILITY_REPLY_DAYS)


class AccessibilityFeedback(models.Model):
    """Feedback on the site's accessibility, owed a reply within 14 days."""

    message = models.TextField(_("message"), max_length=5000)
    email = models.EmailField(
        _("email for the reply"),
        blank=True,
        help_text=_("Optional. Used only to answer this feedback."),
    )
    page = models.CharField(_("page concerned"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    reply_due = models.DateTimeField(_("reply due"), default=_reply_due)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["reply_due"]

    def __str__(self) -> str:
        return self.message[:60]
