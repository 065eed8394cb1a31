"""Reads of the feedback app: results with small-group suppression.

Suppression works on fixed *blocks* of responses, never on the filtered
view alone. For each survey and pilot, whole calendar weeks are gathered in
order into blocks; a block is closed once it holds at least ``k`` responses
and its last week is over, and a closed block never changes again. Every
figure (the results page, the filters, the exports, the final report) is
computed over closed blocks only: a filter picks the blocks that lie wholly
inside its date range and pilot. Any two views therefore differ by whole
blocks of at least ``k`` responses, so subtracting one view from another
(the differencing attack) cannot isolate fewer than ``k`` people, and no
figure changes by a single response from one day to the next. Responses in
an open block are counted as "not yet included".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import (
    Answer,
    AnswerDay,
    ExportJob,
    Question,
    Response,
    ResponseDay,
    Survey,
)
from projects.selectors import projects_managed_by

TEXT_LIMIT = 200


def min_group() -> int:
    return max(3, settings.FEEDBACK_MIN_GROUP)


@dataclass(frozen=True)
class Block:
    pilot_key: int
    start: date
    end: date
    count: int


@dataclass(frozen=True)
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    pilot_key: int | None = None

    def as_json(self) -> dict:
        return {
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "pilot_key": self.pilot_key,
        }

    @classmethod
    def from_json(cls, data: dict) -> Filters:
        return cls(
            date_from=date.fromisoformat(data["date_from"])
            if data.get("date_from")
            else None,
            date_to=date.fromisoformat(data["date_to"])
            if data.get("date_to")
            else None,
            pilot_key=data.get("pilot_key"),
        )


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def blocks_from_days(
    days: list[tuple[int, date, int]], *, k: int, today: date
) -> tuple[list[Block], int]:
    """Closed blocks from (pilot_key, day, count) rows, and the count held back."""
    weeks: dict[int, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for pilot_key, day, count in days:
        weeks[pilot_key][_week_start(day)] += count
    blocks: list[Block] = []
    held_back = 0
    this_week = _week_start(today)
    for pilot_key in sorted(weeks):
        start, count = None, 0
        for week in sorted(weeks[pilot_key]):
            if start is None:
                start = week
            count += weeks[pilot_key][week]
            if count >= k and week < this_week:
                blocks.append(Block(pilot_key, start, week + timedelta(days=6), count))
                start, count = None, 0
        held_back += count
    return blocks, held_back


def _included(blocks: list[Block], filters: Filters) -> list[Block]:
    return [
        b
        for b in blocks
        if (filters.pilot_key is None or b.pilot_key == filters.pilot_key)
        and (filters.date_from is None or b.start >= filters.date_from)
        and (filters.date_to is None or b.end <= filters.date_to)
    ]


def _ranges(blocks: list[Block]) -> dict[int, tuple[date, date]]:
    """Included blocks of a pilot are consecutive: one date range each."""
    ranges: dict[int, tuple[date, date]] = {}
    for b in blocks:
        low, high = ranges.get(b.pilot_key, (b.start, b.end))
        ranges[b.pilot_key] = (min(low, b.start), max(high, b.end))
    return ranges


def _range_q(
    ranges: dict[int, tuple[date, date]], *, prefix: str = "", day: str = "day"
) -> Q:
    q = Q(pk__in=[])
    for pilot_key, (low, high) in ranges.items():
        q |= Q(
            **{f"{prefix}pilot_key": pilot_key, f"{prefix}{day}__range": (low, high)}
        )
    return q


def _pct(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class QuestionResult:
    question: Question
    number: int
    answered: int = 0
    suppressed: bool = True
    rows: list[dict] = field(default_factory=list)
    mean: Decimal | None = None
    nps: int | None = None
    promoters: int = 0
    passives: int = 0
    detractors: int = 0
    texts: list[Answer] = field(default_factory=list)
    texts_more: bool = False
    chart: str = ""


def row_labels(question: Question) -> list[str]:
    """The labels of a question's result rows in the active language: each
    value of a scale (its ends with their meaning), or each option."""
    if question.kind in Question.SCALED:
        labels = []
        for value in question.scale:
            label = str(value)
            if value == question.scale.start and question.low_label:
                label = f"{value} – {question.low_label}"
            elif value == question.scale.stop - 1 and question.high_label:
                label = f"{value} – {question.high_label}"
            labels.append(label)
        return labels
    if question.kind in Question.CHOICE:
        return [choice.text for choice in question.choices.all()]
    return []


def _question_result(
    question: Question, number: int, tally: dict[int, int], k: int
) -> QuestionResult:
    result = QuestionResult(question=question, number=number)
    result.answered = tally.get(AnswerDay.ANSWERED, 0)
    if result.answered < k:
        return result
    result.suppressed = False
    n = result.answered
    labels = row_labels(question)
    if question.kind in Question.SCALED:
        total = 0
        for value, label in zip(question.scale, labels, strict=True):
            count = tally.get(value, 0)
            total += value * count
            result.rows.append(
                {"label": label, "count": count, "percent": _pct(count, n)}
            )
        result.mean = (Decimal(total) / n).quantize(Decimal("0.01"), ROUND_HALF_UP)
        if question.kind == Question.Kind.NPS:
            result.promoters = tally.get(9, 0) + tally.get(10, 0)
            result.passives = tally.get(7, 0) + tally.get(8, 0)
            result.detractors = n - result.promoters - result.passives
            result.nps = round(100 * (result.promoters - result.detractors) / n)
            result.mean = None
    elif question.kind in Question.CHOICE:
        for choice, label in zip(question.choices.all(), labels, strict=True):
            count = tally.get(choice.pk, 0)
            result.rows.append(
                {"label": label, "count": count, "percent": _pct(count, n)}
            )
    return result


def _chart(result: QuestionResult) -> str:
    from portal.lib.charts import bar_chart

    if result.suppressed or not result.rows:
        return ""
    return bar_chart(
        [(row["label"], row["count"]) for row in result.rows],
        title=result.question.text,
        label_width=260,
    )


def pilot_names(keys: set[int]) -> dict[int, str]:
    names = {0: _("No pilot")}
    try:
        pilot_model = apps.get_model("pilots", "Pilot")
    except LookupError:
        pilot_model = None
    if pilot_model is not None:
        names.update(
            (p.pk, str(p)) for p in pilot_model.objects.filter(pk__in=keys - {0})
        )
    for key in keys:
        names.setdefault(key, _("Pilot %(number)s") % {"number": key})
    return names


def survey_blocks(
    *, survey_ids: list[int], k: int, today: date | None = None
) -> dict[int, tuple[list[Block], int]]:
    today = today or timezone.localdate()
    rows: dict[int, list] = defaultdict(list)
    for survey_id, pilot_key, day, count in ResponseDay.objects.filter(
        survey_id__in=survey_ids
    ).values_list("survey_id", "pilot_key", "day", "count"):
        rows[survey_id].append((pilot_key, day, count))
    return {
        sid: blocks_from_days(rows.get(sid, []), k=k, today=today) for sid in survey_ids
    }


def survey_results(
    *,
    survey: Survey,
    filters: Filters,
    with_text: bool,
    include_hidden: bool = False,
    charts: bool = True,
    today: date | None = None,
) -> dict:
    """Everything the results page shows, in a fixed number of queries."""
    k = min_group()
    blocks, held_back = survey_blocks(survey_ids=[survey.pk], k=k, today=today)[
        survey.pk
    ]
    included = _included(blocks, filters)
    total = sum(b.count for b in included)
    questions = list(survey.questions.prefetch_related("choices"))
    ctx = {
        "k": k,
        "total": total,
        "held_back": held_back,
        "all_closed": sum(b.count for b in blocks),
        "suppressed": total < k,
        "period": (
            (min(b.start for b in included), max(b.end for b in included))
            if included
            else None
        ),
        "pilot_keys": sorted({b.pilot_key for b in blocks}),
        "questions": [],
    }
    if ctx["suppressed"]:
        return ctx
    ranges = _ranges(included)
    tallies: dict[int, dict[int, int]] = defaultdict(dict)
    for question_id, bucket, count in (
        AnswerDay.objects.filter(question__survey=survey)
        .filter(_range_q(ranges))
        .values("question_id", "bucket")
        .annotate(n=Sum("count"))
        .values_list("question_id", "bucket", "n")
    ):
        tallies[question_id][bucket] = count
    results = [
        _question_result(q, n, tallies[q.pk], k) for n, q in enumerate(questions, 1)
    ]
    text_ids = [
        r.question.pk
        for r in results
        if r.question.kind == Question.Kind.TEXT and not r.suppressed
    ]
    if with_text and text_ids:
        by_question = {r.question.pk: r for r in results}
        for answer in _texts(text_ids, ranges, include_hidden=include_hidden):
            result = by_question[answer.question_id]
            if len(result.texts) < TEXT_LIMIT:
                result.texts.append(answer)
            else:
                result.texts_more = True
    if charts:
        for result in results:
            result.chart = _chart(result)
    ctx["questions"] = results
    return ctx


def _texts(
    question_ids: list[int], ranges: dict, *, include_hidden: bool
) -> list[Answer]:
    """The newest free-text answers of each question, TEXT_LIMIT (+1) each.

    One statement: a UNION ALL of one LIMITed part per question, each walking
    the answers' key backwards (the newest first) instead of sorting all.
    """
    parts = []
    for question_id in question_ids:
        qs = (
            Answer.objects.filter(question_id=question_id)
            .exclude(text="")
            .filter(_range_q(ranges, prefix="response__", day="submitted_on"))
        )
        if not include_hidden:
            qs = qs.filter(hidden=False)
        parts.append(qs.order_by("-id")[: TEXT_LIMIT + 1])
    if not parts:
        return []
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return list(combined)


def export_responses(*, survey: Survey, filters: Filters) -> tuple[QuerySet, int]:
    """The responses of closed blocks in the filter, and their number."""
    k = min_group()
    blocks, _held = survey_blocks(survey_ids=[survey.pk], k=k)[survey.pk]
    included = _included(blocks, filters)
    ranges = _ranges(included)
    qs = Response.objects.filter(survey=survey).filter(
        _range_q(ranges, day="submitted_on")
    )
    return qs, sum(b.count for b in included)


def export_blocks(*, survey: Survey, filters: Filters) -> list[Block]:
    k = min_group()
    blocks, _held = survey_blocks(survey_ids=[survey.pk], k=k)[survey.pk]
    return _included(blocks, filters)


def surveys_for_user(*, user) -> list[Survey]:  # noqa: ANN001
    """Surveys of the projects the user manages or steers (all for admins)."""
    from projects.models import Group

    qs = Survey.objects.select_related("project")
    if not user.is_superuser:
        qs = qs.filter(
            Q(project__managers=user)
            | Q(
                project__groups__kind=Group.Kind.STEERING,
                project__groups__memberships__user=user,
            )
        ).distinct()
    return list(qs.order_by("project__name", "-created_at"))


def for_report(project) -> list[dict]:  # noqa: ANN001
    """Per-survey summaries for the final report, with the same suppression.

    Free text is never included. Each summary: the survey, its number of
    responses in closed blocks, the period, and per question the figures
    (or ``suppressed``).
    """
    k = min_group()
    surveys = list(
        Survey.objects.filter(project=project)
        .exclude(status=Survey.Status.DRAFT)
        .prefetch_related("questions__choices")
        .order_by("created_at")
    )
    if not surveys:
        return []
    blocks = survey_blocks(survey_ids=[s.pk for s in surveys], k=k)
    combined = Q(pk__in=[])
    for survey in surveys:
        ranges = _ranges(blocks[survey.pk][0])
        if ranges:
            combined |= Q(question__survey=survey) & _range_q(ranges)
    tallies: dict[int, dict[int, int]] = defaultdict(dict)
    for question_id, bucket, count in (
        AnswerDay.objects.filter(combined)
        .values("question_id", "bucket")
        .annotate(n=Sum("count"))
        .values_list("question_id", "bucket", "n")
    ):
        tallies[question_id][bucket] = count
    summaries = []
    for survey in surveys:
        closed = blocks[survey.pk][0]
        total = sum(b.count for b in closed)
        summaries.append(
            {
                "survey": survey,
                "responses": total,
                "suppressed": total < k,
                "period": (
                    (min(b.start for b in closed), max(b.end for b in closed))
                    if closed
                    else None
                ),
                "questions": []
                if total < k
                else [
                    _question_result(q, n, tallies[q.pk], k)
                    for n, q in enumerate(survey.questions.all(), 1)
                    if q.kind != Question.Kind.TEXT
                ],
            }
        )
    return summaries


# --- Single objects, for feedback.access ------------------------------------------


def survey_by_token(*, token: str) -> Survey | None:
    return Survey.objects.select_related("project").filter(token=token).first()


def survey_get(*, pk: int) -> Survey | None:
    return Survey.objects.select_related("project", "pilot").filter(pk=pk).first()


def question_get(*, survey: Survey, pk: int) -> Question | None:
    question = Question.objects.filter(pk=pk, survey=survey).first()
    if question is not None:
        question.survey = survey
    return question


def answer_get(*, survey: Survey, pk: int) -> Answer | None:
    return Answer.objects.filter(pk=pk, question__survey=survey).first()


def export_get(*, survey: Survey, pk: int, user) -> ExportJob | None:  # noqa: ANN001
    return ExportJob.objects.filter(pk=pk, survey=survey, requested_by=user).first()


def exports_of_user(*, survey: Survey, user, limit: int = 5) -> list[ExportJob]:  # noqa: ANN001
    return list(ExportJob.objects.filter(survey=survey, requested_by=user)[:limit])


def survey_list_rows(*, user) -> list[Survey]:  # noqa: ANN001
    """The workspace's surveys with their question counts and whether the
    user may manage each (a fixed number of queries)."""
    surveys = surveys_for_user(user=user)
    counts = dict(
        Survey.objects.filter(pk__in=[s.pk for s in surveys])
        .annotate(n=Count("questions"))
        .values_list("pk", "n")
    )
    for survey in surveys:
        survey.question_count = counts.get(survey.pk, 0)
        survey.can_manage = user.has_perm("feedback.manage_survey", survey)
    return surveys


def survey_questions(*, survey: Survey) -> list[Question]:
    """The survey's questions in order, with their options (2 queries)."""
    return list(survey.questions.prefetch_related("choices"))


def manages_projects(*, user) -> bool:  # noqa: ANN001
    """Whether the user may create surveys: manages a project (or is admin)."""
    return projects_managed_by(user=user).exists()
