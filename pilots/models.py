"""Pilots run by working groups, and the groups' progress log."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.models import (
    Group,
    Indicator,
    Measurement,
    Membership,
    Municipality,
    OperatingModel,
    Project,
    period_in_order,
)


class Phase(models.TextChoices):
    PLANNING = "planning", _("Planning")
    RUNNING = "running", _("Running")
    EVALUATING = "evaluating", _("Evaluating")
    ESTABLISHED = "established", _("Established")
    STOPPED = "stopped", _("Stopped")


class Pilot(models.Model):
    """A trial of an operating model, run by one working group or sub-group."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="pilots",
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="pilots",
        help_text=_("The working group or sub-group that runs the pilot."),
    )
    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    target_group = models.CharField(
        _("target group"),
        max_length=250,
        blank=True,
        help_text=_("Whom the pilot serves, for example older people living at home."),
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.PLANNING
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("municipalities"),
        related_name="pilots",
        blank=True,
    )
    responsible = models.ManyToManyField(
        Membership,
        verbose_name=_("responsible people"),
        related_name="responsible_for_pilots",
        blank=True,
        help_text=_("Members of the running group who answer for the pilot."),
    )
    indicators = models.ManyToManyField(
        Indicator,
        verbose_name=_("indicators"),
        related_name="pilots",
        blank=True,
    )
    operating_model = models.ForeignKey(
        OperatingModel,
        verbose_name=_("operating model"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pilots",
        help_text=_("The operating model the pilot tests."),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only published pilots of published projects are public."),
    )
    # Optimistic concurrency: a phase change applies only to the version the
    # writer saw (a conditional UPDATE), so two changes cannot overwrite each
    # other unnoticed.
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Grows by one on every phase change."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        ordering = ["name"]
        constraints = [period_in_order("pilot_period_in_order")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pilots:detail", kwargs={"pk": self.pk})

    def get_log_url(self) -> str:
        return reverse("pilots:log", kwargs={"pk": self.pk})

    def in_period(self, day) -> bool:  # noqa: ANN001
        if self.start_date and day < self.start_date:
            return False
        return not (self.end_date and day > self.end_date)


class PhaseChange(models.Model):
    """One step of a pilot's phase timeline."""

    pilot = models.ForeignKey(
        Pilot,
        verbose_name=_("pilot"),
        on_delete=models.CASCADE,
        related_name="phase_changes",
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    date = models.DateField(_("date"))
    entry = models.ForeignKey(
        "ProgressEntry",
        verbose_name=_("progress entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="phase_changes",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["pilot", "date", "created_at"]

    def __str__(self) -> str:
        return f"{self.pilot}: {self.get_phase_display()} ({self.date})"


class ProgressEntry(models.Model):
    """A dated note of the running group in the pilot's progress log."""

    pilot = models.ForeignKey(
        Pilot,
        verbose_name=_("pilot"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    date = models.DateField(_("date"))
    text = models.TextField(
        _("text"), help_text=_("Plain text; an empty line starts a new paragraph.")
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Public entries are shown on the pilot's public page."),
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="fi",
        help_text=_("The language the entry is written in."),
    )
    new_phase = models.CharField(
        _("phase change"),
        max_length=20,
        choices=Phase.choices,
        blank=True,
        help_text=_("The phase the pilot moved to with this entry, if any."),
    )
    measurements = models.ManyToManyField(
        Measurement,
        verbose_name=_("measurements"),
        related_name="progress_entries",
        blank=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="pilot_entries",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        ordering = ["-date", "-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["pilot", "-date", "-created_at", "-id"],
                name="pilots_entry_log_idx",
            ),
            models.Index(
                fields=["pilot", "is_public", "-date", "-created_at", "-id"],
                name="pilots_entry_public_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pilot} {self.date}"


class PrivateFileStorage(FileSystemStorage):
    """Files under ``PILOTS_ATTACHMENT_ROOT``, read at use (tests change it)."""

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return str(settings.PILOTS_ATTACHMENT_ROOT)

    @property
    def location(self) -> str:  # type: ignore[override]
        return str(Path(self.base_location).resolve())


def attachment_storage() -> Storage:
    """Where attachments live: never under MEDIA_ROOT, whose URLs are public.

    Set ``PILOTS_ATTACHMENT_STORAGE`` to an alias of ``STORAGES`` (for example
    an S3 bucket without public access) to keep them elsewhere.
    """
    alias = getattr(settings, "PILOTS_ATTACHMENT_STORAGE", "")
    if alias:
        return storages[alias]
    return PrivateFileStorage()


def _attachment_path(instance: "Attachment", filename: str) -> str:
    suffix = Path(filename).suffix.lower()[:10]
    return f"attachments/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file attached to a progress entry, served through a checked view."""

    entry = models.ForeignKey(
        ProgressEntry,
        verbose_name=_("progress entry"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("file"), upload_to=_attachment_path, storage=attachment_storage
    )
    name = models.CharField(
        _("file name"), max_length=200, help_text=_("The name the file had.")
    )
    content_type = models.CharField(
        _("content type"),
        max_length=100,
        help_text=_("Detected from the file's content, not from its name."),
    )
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["entry", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pilots:attachment", kwargs={"pk": self.pk, "name": self.name})


class AuditLine(models.Model):
    """Who changed or deleted a progress entry, and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        EDITED = "edited", _("Edited")
        DELETED = "deleted", _("Deleted")

    pilot = models.ForeignKey(
        Pilot,
        verbose_name=_("pilot"),
        on_delete=models.CASCADE,
        related_name="audit_lines",
    )
    entry = models.ForeignKey(
        ProgressEntry,
        verbose_name=_("progress entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_lines",
    )
    entry_number = models.PositiveIntegerField(
        _("entry number"), help_text=_("Kept when the entry is deleted.")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    details = models.JSONField(
        _("details"),
        default=dict,
        blank=True,
        help_text=_("The changed fields and their earlier values."),
    )

    class Meta:
        verbose_name = _("audit line")
        verbose_name_plural = _("audit lines")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.entry_number} {self.action} {self.at}"
