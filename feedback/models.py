"""Anonymous client-feedback surveys: questions, responses and their tallies.

A ``Response`` records nothing about the person who gave it: no user, IP
address, user agent, session, cookie or time of day, only the date, and its
key is a random UUID so the key's order does not reveal the order of
answering. ``AnswerDay`` and ``ResponseDay`` are tallies per question, value
and day, kept in the same transaction as every response, so results over a
million responses read a few thousand rows.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(12)


class Survey(models.Model):
    """A feedback survey of a project, optionally of one of its pilots."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="surveys",
        verbose_name=_("project"),
        help_text=_("The project that collects the feedback."),
    )
    pilot = models.ForeignKey(
        "pilots.Pilot",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("pilot"),
        help_text=_("The pilot whose clients answer (optional)."),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("Shown to respondents.")
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A few sentences above the questions: who asks and why."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Only an open survey accepts responses."),
    )
    opens_at = models.DateTimeField(
        _("opens at"),
        null=True,
        blank=True,
        help_text=_("Responses are accepted from this time on (optional)."),
    )
    closes_at = models.DateTimeField(
        _("closes at"),
        null=True,
        blank=True,
        help_text=_("Responses are no longer accepted from this time on (optional)."),
    )
    token = models.CharField(
        _("public link key"),
        max_length=32,
        unique=True,
        default=new_token,
        editable=False,
        help_text=_("The random part of the survey's public address."),
    )
    free_text_to_steering = models.BooleanField(
        _("steering group sees free text"),
        default=False,
        help_text=_(
            "Free-text answers are shown to project managers only, unless this is on."
        ),
    )
    is_template_thl = models.BooleanField(
        _("national template"),
        default=False,
        editable=False,
        help_text=_("Created from THL's national client-feedback template."),
    )
    created_at = models.DateTimeField(
        _("created at"), default=timezone.now, editable=False
    )

    class Meta:
        verbose_name = _("feedback survey")
        verbose_name_plural = _("feedback surveys")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("feedback:survey", kwargs={"pk": self.pk})

    def get_public_url(self) -> str:
        return reverse("feedback:answer", kwargs={"token": self.token})

    def state(self, now=None) -> str:  # noqa: ANN001
        """ "open", "not_open" (draft or before opens_at) or "closed"."""
        now = now or timezone.now()
        if self.status == self.Status.DRAFT:
            return "not_open"
        if self.status == self.Status.CLOSED:
            return "closed"
        if self.opens_at and now < self.opens_at:
            return "not_open"
        if self.closes_at and now >= self.closes_at:
            return "closed"
        return "open"

    @property
    def is_open(self) -> bool:
        return self.state() == "open"


class Question(models.Model):
    """One question of a survey."""

    class Kind(models.TextChoices):
        LIKERT = "likert", _("Statement on a five-point scale (1–5)")
        NPS = "nps", _("Recommendation (0–10)")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Free text")

    SCALED = (Kind.LIKERT, Kind.NPS)
    CHOICE = (Kind.SINGLE, Kind.MULTIPLE)

    survey = models.ForeignKey(
        Survey,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("survey"),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Questions are shown in this order.")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.LIKERT
    )
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(
        _("help text"),
        max_length=300,
        blank=True,
        help_text=_("A short hint shown under the question (optional)."),
    )
    required = models.BooleanField(
        _("required"), default=False, help_text=_("The respondent must answer.")
    )
    low_label = models.CharField(
        _("label of the lowest value"),
        max_length=80,
        blank=True,
        help_text=_("For scales: what the lowest value means."),
    )
    high_label = models.CharField(
        _("label of the highest value"),
        max_length=80,
        blank=True,
        help_text=_("For scales: what the highest value means."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def scale(self) -> range:
        if self.kind == self.Kind.NPS:
            return range(0, 11)
        if self.kind == self.Kind.LIKERT:
            return range(1, 6)
        return range(0)


class Choice(models.Model):
    """An option of a single- or multiple-choice question."""

    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("question"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("option"), max_length=200)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One anonymous response: the date and nothing about the respondent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey,
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("survey"),
    )
    submitted_on = models.DateField(
        _("date"), help_text=_("The day of the response; the time is not kept.")
    )
    pilot_key = models.PositiveBigIntegerField(
        _("pilot number"),
        default=0,
        help_text=_("The survey's pilot when the response came (0: none)."),
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "submitted_on"])]

    def __str__(self) -> str:
        return str(self.submitted_on)


class Answer(models.Model):
    """An answer to one question (one row per chosen option)."""

    MAX_TEXT = 2000

    response = models.ForeignKey(
        Response,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("response"),
    )
    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("question"),
    )
    value = models.SmallIntegerField(
        _("value"), null=True, blank=True, help_text=_("For scales: the value.")
    )
    choice = models.ForeignKey(
        Choice,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("option"),
    )
    text = models.TextField(_("free text"), blank=True, max_length=MAX_TEXT)
    hidden = models.BooleanField(
        _("hidden"),
        default=False,
        help_text=_("Hidden from results and exports because it identifies someone."),
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "response"])]

    def __str__(self) -> str:
        return f"{self.question_id}"


class ResponseDay(models.Model):
    """How many responses a survey got on a day, per pilot."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="+", verbose_name=_("survey")
    )
    day = models.DateField(_("day"))
    pilot_key = models.PositiveBigIntegerField(_("pilot number"), default=0)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("responses per day")
        verbose_name_plural = _("responses per day")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "day", "pilot_key"], name="feedback_responseday_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.count}"


class AnswerDay(models.Model):
    """How many answers a question got per value (or option) on a day.

    ``bucket`` is the value of a scale, the option's id for choices, 0 for a
    free-text answer, and ``ANSWERED`` (-1) counts the respondents who
    answered the question at all.
    """

    ANSWERED = -1

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )
    bucket = models.BigIntegerField(_("value or option"))
    day = models.DateField(_("day"))
    pilot_key = models.PositiveBigIntegerField(_("pilot number"), default=0)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("answers per day")
        verbose_name_plural = _("answers per day")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "bucket", "day", "pilot_key"],
                name="feedback_answerday_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.bucket}: {self.count}"


class ExportJob(models.Model):
    """An export of a survey's responses built by a Celery worker."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    survey = models.ForeignKey(
        Survey,
        on_delete=models.CASCADE,
        related_name="exports",
        verbose_name=_("survey"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
    )
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    filters = models.JSONField(
        _("filters"), default=dict, help_text=_("The results filters of the export.")
    )
    include_text = models.BooleanField(_("includes free text"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("responses to export"), default=0)
    done = models.PositiveIntegerField(_("responses exported"), default=0)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The job's claim, attempts and sign of life (see portal.lib.jobs).
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claim_token = models.CharField(_("claimed by"), max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_format_display()} {self.created_at:%Y-%m-%d}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
