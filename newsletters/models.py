"""The developer community (subscribers, interest areas, consent) and the
numbered newsletter series (infokirjeet) with their delivery outbox."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = settings.LANGUAGES


def _new_secret() -> str:
    return secrets.token_urlsafe(24)


class InterestArea(models.Model):
    """A theme subscribers choose and issues are tagged with."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("identifier"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    covers_all = models.BooleanField(
        _("covers all areas"),
        default=False,
        help_text=_("Subscribers who choose this area receive every newsletter."),
    )

    class Meta:
        verbose_name = _("interest area")
        verbose_name_plural = _("interest areas")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Subscriber(models.Model):
    """A member of the developer community: an email address, no account."""

    class Kind(models.TextChoices):
        CITIZEN = "citizen", _("Citizen")
        PROFESSIONAL = "professional", _("Professional")

    email = models.EmailField(_("email"), max_length=254)
    language = models.CharField(
        _("language"), max_length=2, choices=LANGUAGE_CHOICES, default="fi"
    )
    interests = models.ManyToManyField(
        InterestArea,
        verbose_name=_("interest areas"),
        related_name="subscribers",
        blank=True,
    )
    kind = models.CharField(
        _("citizen or professional"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.CITIZEN,
    )
    consent_version = models.CharField(
        _("consent text version"), max_length=20, blank=True
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    secret = models.CharField(
        _("secret"),
        max_length=64,
        unique=True,
        default=_new_secret,
        help_text=_("Identifies the manage and leave links of this subscriber."),
    )
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    class Meta:
        verbose_name = _("community member")
        verbose_name_plural = _("community members")
        ordering = ["-created_at"]
        constraints = [
            # One live membership per address; after leaving, a new sign-up
            # starts a new row (and a new double opt-in).
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(left_at__isnull=True),
                name="newsletters_subscriber_one_live_per_email",
            )
        ]
        indexes = [models.Index(fields=["confirmed_at", "left_at"])]

    def __str__(self) -> str:
        return f"#{self.pk}"


class ConsentEvent(models.Model):
    """What happened to a membership, when, and under which consent text.

    Holds no address: after erasure only these anonymous rows remain.
    """

    class Kind(models.TextChoices):
        SUBSCRIBE = "subscribe", _("Signed up")
        CONFIRM = "confirm", _("Confirmed")
        CHANGE = "change", _("Changed")
        LEAVE = "leave", _("Left")
        ERASE = "erase", _("Erased")

    class Source(models.TextChoices):
        WEB = "web", _("Web form")
        EMAIL_LINK = "email-link", _("Link in an email")
        ONE_CLICK = "one-click", _("One-click unsubscribe")
        ADMIN = "admin", _("Administrator")

    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("community member"),
        related_name="consent_events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    consent_version = models.CharField(
        _("consent text version"), max_length=20, blank=True
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)

    class Meta:
        verbose_name = _("consent event")
        verbose_name_plural = _("consent events")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"


class NewsletterIssue(models.Model):
    """One numbered newsletter (infokirje) of a project, e.g. "8/2021"."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        SENT = "sent", _("Sent")

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        related_name="newsletter_issues",
        on_delete=models.PROTECT,
    )
    number = models.PositiveSmallIntegerField(_("number"))
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    lead = models.TextField(_("lead"), max_length=1000, blank=True)
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Subheadings, paragraphs, bold and italic text, lists, quotes and "
            "links. Any other markup is removed when saved."
        ),
    )
    interests = models.ManyToManyField(
        InterestArea,
        verbose_name=_("interest areas"),
        related_name="issues",
        blank=True,
        help_text=_("Leave empty to send to every member."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        related_name="newsletter_issues",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "number"],
                name="newsletters_issue_unique_number",
            )
        ]
        indexes = [models.Index(fields=["status", "publish_at"])]

    def __str__(self) -> str:
        return f"{self.issue_label} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "newsletters:issue",
            kwargs={
                "slug": self.project.slug,
                "year": self.year,
                "number": self.number,
            },
        )

    @property
    def issue_label(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def is_public(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.SENT)

    @property
    def is_editable(self) -> bool:
        """A draft or a scheduled issue: not yet out, so it may still change."""
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)


class IssueImage(models.Model):
    """A picture in a newsletter, always with alternative text."""

    issue = models.ForeignKey(
        NewsletterIssue,
        verbose_name=_("newsletter"),
        related_name="images",
        on_delete=models.CASCADE,
    )
    image = models.ImageField(_("image"), upload_to="newsletters/%Y/")
    alt = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("Describe what the image shows for those who cannot see it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.alt


class Delivery(models.Model):
    """One newsletter to one member: the outbox row that makes sending
    safe to retry. Unique per (issue, subscriber)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    issue = models.ForeignKey(
        NewsletterIssue,
        verbose_name=_("newsletter"),
        related_name="deliveries",
        on_delete=models.CASCADE,
    )
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("community member"),
        related_name="deliveries",
        on_delete=models.CASCADE,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    not_before = models.DateTimeField(
        _("not before"),
        null=True,
        blank=True,
        help_text=_("A retry after a temporary error waits until this time."),
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletters_delivery_once"
            )
        ]
        indexes = [
            models.Index(fields=["issue", "status"]),
            # A worker's claim reads the issue's queue in order; without this,
            # it walks past every row already sent, chunk after chunk.
            models.Index(
                fields=["issue", "id"],
                condition=Q(status="queued"),
                name="newsletters_delivery_queue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issue_id}/{self.subscriber_id}: {self.status}"
