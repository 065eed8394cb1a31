"""Writes of the feedback app: building surveys, storing responses, exports."""

import logging
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from feedback import thl
from feedback.models import (
    Answer,
    AnswerDay,
    Choice,
    ExportJob,
    Question,
    Response,
    ResponseDay,
    Survey,
)
from portal.lib import jobs

LOCKED_MESSAGE = _(
    "This survey already has responses, so its questions can no longer be "
    "changed: the results would mix two versions. Duplicate the survey and "
    "edit the copy instead."
)

logger = logging.getLogger(__name__)


class SurveyLocked(ValidationError):
    def __init__(self) -> None:
        super().__init__(LOCKED_MESSAGE, code="locked")


def survey_has_responses(survey: Survey) -> bool:
    return Response.objects.filter(survey=survey).exists()


def _ensure_editable(survey: Survey) -> None:
    if survey_has_responses(survey):
        raise SurveyLocked


def _pair(obj: object, name: str, pair: tuple[str, str]) -> None:
    setattr(obj, f"{name}_fi", pair[0])
    setattr(obj, f"{name}_sv", pair[1])


# --- Building ---------------------------------------------------------------


@transaction.atomic
def survey_create(
    *,
    project,  # noqa: ANN001
    title_fi: str,
    title_sv: str = "",
    intro_fi: str = "",
    intro_sv: str = "",
) -> Survey:
    survey = Survey(project=project)
    _pair(survey, "title", (title_fi, title_sv))
    _pair(survey, "intro", (intro_fi, intro_sv))
    survey.save()
    return survey


@transaction.atomic
def survey_create_from_thl(*, project, pilot=None) -> Survey:  # noqa: ANN001
    """One click: the national client-feedback template in fi and sv."""
    survey = Survey(project=project, is_template_thl=True)
    survey.pilot = pilot
    _pair(survey, "title", thl.TITLE)
    _pair(survey, "intro", thl.INTRO)
    survey.save()
    for order, row in enumerate(thl.questions(), start=1):
        question = Question(
            survey=survey, order=order, kind=row["kind"], required=row["required"]
        )
        for name in ("text", "help_text", "low_label", "high_label"):
            if name in row:
                _pair(question, name, row[name])
        question.save()
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, data: dict) -> Survey:
    """Save the survey's own fields (not its questions: always allowed)."""
    for name, value in data.items():
        setattr(survey, name, value)
    survey.save(update_fields=list(data))
    return survey


@transaction.atomic
def survey_set_status(*, survey: Survey, status: str) -> Survey:
    survey.status = status
    survey.save(update_fields=["status"])
    return survey


@transaction.atomic
def survey_duplicate(*, survey: Survey) -> Survey:
    """A draft copy with the same questions and options, without responses."""
    questions = list(survey.questions.prefetch_related("choices"))
    copy = Survey.objects.get(pk=survey.pk)
    copy.pk = None
    copy.token = Survey._meta.get_field("token").default()
    copy.status = Survey.Status.DRAFT
    copy.created_at = timezone.now()
    for language in ("fi", "sv"):
        title = getattr(survey, f"title_{language}")
        if title:
            with translation.override(language):
                copy_title = _("Copy of %(title)s") % {"title": title}
            setattr(copy, f"title_{language}", copy_title)
    copy.save()
    for question in questions:
        choices = list(question.choices.all())
        question.pk = None
        question.survey = copy
        question.save()
        for choice in choices:
            choice.pk = None
            choice.question = question
        Choice.objects.bulk_create(choices)
    return copy


@transaction.atomic
def question_save(
    *, survey: Survey, question: Question, choices: list[tuple[str, str]] | None
) -> Question:
    """Create or change a question; ``choices`` replaces its options."""
    _ensure_editable(survey)
    question.survey = survey
    if question.pk is None:
        last = survey.questions.aggregate(m=Max("order"))["m"] or 0
        question.order = last + 1
    question.save()
    if question.kind in Question.CHOICE and choices is not None:
        question.choices.all().delete()
        Choice.objects.bulk_create(
            Choice(question=question, order=n, text_fi=fi, text_sv=sv)
            for n, (fi, sv) in enumerate(choices, start=1)
        )
    elif question.kind not in Question.CHOICE:
        question.choices.all().delete()
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    _ensure_editable(question.survey)
    question.delete()


@transaction.atomic
def question_move(*, question: Question, up: bool) -> None:
    """Swap the question with its neighbour above or below."""
    survey = question.survey
    _ensure_editable(survey)
    ordered = list(survey.questions.select_for_update().order_by("order", "pk"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for order, item in enumerate(ordered, start=1):
        item.order = order
    Question.objects.bulk_update(ordered, ["order"])


# --- Answering --------------------------------------------------------------


@dataclass
class AnswerInput:
    """One question's cleaned answer: a value, options or a text."""

    question: Question
    value: int | None = None
    choice_ids: list[int] = field(default_factory=list)
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return self.value is None and not self.choice_ids and not self.text


def _pilot_key(survey: Survey) -> int:
    return survey.pilot_id or 0


def _upsert(table: str, key_columns: list[str], rows: list[tuple]) -> None:
    """Add each row's count to its tally (one statement; rows are distinct)."""
    if not rows:
        return
    columns = [*key_columns, "count"]
    placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(rows))
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES {placeholders} "  # noqa: S608
        f"ON CONFLICT ({', '.join(key_columns)}) "
        f"DO UPDATE SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [v for row in rows for v in row])


@transaction.atomic
def response_submit(
    *, survey: Survey, answers: list[AnswerInput], today: date | None = None
) -> Response:
    """Store one anonymous response and add it to the daily tallies.

    Nothing about the respondent is passed in, so nothing can be stored.
    """
    day = today or timezone.localdate()
    pilot_key = _pilot_key(survey)
    response = Response.objects.create(
        survey=survey, submitted_on=day, pilot_key=pilot_key
    )
    rows: list[Answer] = []
    buckets: Counter = Counter()
    for item in answers:
        if item.is_empty:
            continue
        question = item.question
        buckets[(question.pk, AnswerDay.ANSWERED)] += 1
        if question.kind in Question.SCALED:
            rows.append(Answer(response=response, question=question, value=item.value))
            buckets[(question.pk, item.value)] += 1
        elif question.kind in Question.CHOICE:
            for choice_id in item.choice_ids:
                rows.append(
                    Answer(response=response, question=question, choice_id=choice_id)
                )
                buckets[(question.pk, choice_id)] += 1
        else:
            rows.append(Answer(response=response, question=question, text=item.text))
            buckets[(question.pk, 0)] += 1
    Answer.objects.bulk_create(rows)
    _upsert(
        ResponseDay._meta.db_table,
        ["survey_id", "day", "pilot_key"],
        [(survey.pk, day, pilot_key, 1)],
    )
    _upsert(
        AnswerDay._meta.db_table,
        ["question_id", "bucket", "day", "pilot_key"],
        [(q, bucket, day, pilot_key, n) for (q, bucket), n in sorted(buckets.items())],
    )
    return response


@transaction.atomic
def answer_set_hidden(*, answer: Answer, hidden: bool) -> Answer:
    """Hide a free-text answer that identifies someone (or show it again)."""
    answer.hidden = hidden
    answer.save(update_fields=["hidden"])
    return answer


# --- Exports ----------------------------------------------------------------


@transaction.atomic
def export_request(
    *, survey: Survey, by, fmt: str, filters: dict, include_text: bool
) -> ExportJob:  # noqa: ANN001
    """Queue an export job; the worker builds the file after the commit."""
    from feedback.tasks import export_build as export_build_task

    job = ExportJob.objects.create(
        survey=survey,
        requested_by=by,
        format=fmt,
        filters=filters,
        include_text=include_text,
    )
    transaction.on_commit(lambda: export_build_task.delay(job.pk))
    return job


def export_jobs() -> jobs.Kind:
    """Exports as jobs: progress is recorded every few thousand rows, so a
    minute without a sign of life means the worker is gone; three attempts."""
    return jobs.Kind(
        model=ExportJob,
        stale_after=settings.FEEDBACK_EXPORT_STALE_AFTER,
        max_attempts=3,
    )


def export_run(*, job_id: int, token: str = "") -> str:
    """Build the file of a job (in the worker), reporting progress.

    Every failure ends the job as failed with a reason the page explains
    ("storage": the file could not be written; "error": anything else) and
    leaves no partial file behind. A killed worker's job is taken over by
    its redelivered task, or by the sweep once its heartbeat is stale.
    """
    from feedback import exports

    kind = export_jobs()
    job = jobs.claim(kind, job_id, token or f"call-{uuid.uuid4()}")
    if job is None:
        return "nothing to do"
    job = ExportJob.objects.select_related("survey").get(pk=job.pk)

    def progress(done: int, total: int) -> None:
        if not jobs.beat(kind, job, done=done, total=total):
            raise exports.Abandoned  # taken over by another task

    try:
        name = exports.write_file(job=job, progress=progress)
    except exports.Abandoned:
        return "taken over"
    except OSError as exc:  # no folder, a full or read-only disk
        logger.warning("export %s: cannot write the file: %s", job.pk, exc)
        jobs.fail(kind, job, "storage")
        return "storage"
    except Exception:
        logger.exception("export %s failed", job.pk)
        jobs.fail(kind, job, "error")
        return "error"
    jobs.finish(kind, job, file_name=name, done=F("total"))
    return "done"


def export_requeue_stale() -> list[int]:
    """Exports whose worker went silent or that never reached a worker."""
    return jobs.sweep(export_jobs())
