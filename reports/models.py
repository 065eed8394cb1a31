"""The reports domain: final and administrative reports, their approvals
with the frozen snapshot of what was approved, and their PDF renders."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.models import Event, Project, period_in_order


class Report(models.Model):
    """A final report (loppuraportti) or an administrative report for a period.

    The narrative follows Innokylä's structure; the appendices are built from
    live data when the report is shown or rendered, never stored here.
    Approval locks the text; a new version is opened from an approved one.
    """

    class Kind(models.TextChoices):
        FINAL = "final", _("Final report")
        ADMINISTRATIVE = "administrative", _("Administrative report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        APPROVED = "approved", _("Approved")

    # The narrative sections, in the report's order.
    SECTIONS = (
        "background",
        "goals",
        "implementation",
        "outputs",
        "benefits_clients",
        "benefits_staff",
        "benefits_organisation",
        "benefits_long_term",
        "dependencies",
    )

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start_date = models.DateField(_("period start"), null=True, blank=True)
    end_date = models.DateField(_("period end"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_version",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # Bumped by every change of the text: a PDF is made of one revision.
    revision = models.PositiveIntegerField(_("revision"), default=1)
    background = models.TextField(_("background"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    implementation = models.TextField(_("implementation"), blank=True)
    outputs = models.TextField(_("outputs"), blank=True)
    benefits_clients = models.TextField(_("benefits for clients"), blank=True)
    benefits_staff = models.TextField(_("benefits for staff"), blank=True)
    benefits_organisation = models.TextField(
        _("benefits for the organisation"), blank=True
    )
    benefits_long_term = models.TextField(_("long-term benefits"), blank=True)
    dependencies = models.TextField(_("dependencies"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["project", "kind", "-start_date", "-version"]
        constraints = [
            period_in_order("report_period_in_order"),
            models.CheckConstraint(
                condition=models.Q(kind="final")
                | (
                    models.Q(start_date__isnull=False)
                    & models.Q(end_date__isnull=False)
                ),
                name="report_administrative_has_period",
            ),
            # One version N per report: the final report has no period.
            models.UniqueConstraint(
                fields=["project", "kind", "version"],
                condition=models.Q(start_date__isnull=True),
                name="report_unique_version",
            ),
            models.UniqueConstraint(
                fields=["project", "kind", "start_date", "version"],
                condition=models.Q(start_date__isnull=False),
                name="report_unique_period_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.get_kind_display()} ({self.version})"

    def get_absolute_url(self) -> str:
        return reverse(
            "reports:detail", kwargs={"slug": self.project.slug, "pk": self.pk}
        )

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def title(self) -> str:
        """ "Loppuraportti" or "Hallinnollinen raportti 1.5.2015–31.10.2015"."""
        if self.kind == self.Kind.FINAL:
            return str(self.get_kind_display())
        start, end = self.start_date, self.end_date
        return (
            f"{self.get_kind_display()} {start.day}.{start.month}.{start.year}"
            f"\N{EN DASH}{end.day}.{end.month}.{end.year}"
        )


def new_render_key() -> str:
    return secrets.token_urlsafe(24)


class ReportRender(models.Model):
    """One PDF of one revision of a report in one language, made by a worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    report = models.ForeignKey(
        Report,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="renders",
    )
    # In the render's URLs instead of its id: a PDF cannot be found by
    # counting, whoever may otherwise see the report.
    key = models.CharField(
        _("key"), max_length=40, unique=True, default=new_render_key, editable=False
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    revision = models.PositiveIntegerField(_("revision"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=20, blank=True)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    # The Celery task that holds the render (see portal.lib.jobs).
    claim_token = models.CharField(_("claimed by"), max_length=64, blank=True)
    # Touched at every step: a render whose worker died stops being touched.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("report PDF")
        verbose_name_plural = _("report PDFs")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "language", "revision"],
                name="report_render_unique_revision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} [{self.language}] r{self.revision}"


class ReportSnapshot(models.Model):
    """The approved report, frozen: every text and figure it showed, in both
    languages, as one versioned document (see ``reports.document``).

    The approved HTML view and every PDF of the approved revision are made
    from this document only. ``content_hash`` is printed in the PDF's
    colophon and shown on the page.
    """

    report = models.OneToOneField(
        Report,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="snapshot",
    )
    revision = models.PositiveIntegerField(_("revision"))
    schema_version = models.PositiveSmallIntegerField(_("schema version"))
    document = models.JSONField(_("document"))
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    created_at = models.DateTimeField(_("frozen at"), auto_now_add=True)
    # Approved before snapshots existed: frozen when first read after the
    # upgrade, so it holds the data of that moment, not of the approval.
    backfilled = models.BooleanField(_("frozen after approval"), default=False)

    class Meta:
        verbose_name = _("approved snapshot")
        verbose_name_plural = _("approved snapshots")

    def __str__(self) -> str:
        return f"{self.report} #{self.content_hash[:12]}"


class ReportAuditEntry(models.Model):
    """One step of a report's way to approval: who, when, and on what."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Sent for review")
        RETURNED = "returned", _("Returned to drafting")
        APPROVED = "approved", _("Approved")

    report = models.ForeignKey(
        Report,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="audit_entries",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("time"))
    revision = models.PositiveIntegerField(_("revision"))
    meeting = models.ForeignKey(
        Event,
        verbose_name=_("decided at the meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    content_hash = models.CharField(
        _("content hash (SHA-256)"), max_length=64, blank=True
    )

    class Meta:
        verbose_name = _("report audit entry")
        verbose_name_plural = _("report audit entries")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.report}: {self.get_action_display()}"
