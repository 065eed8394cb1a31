"""CSV and XLSX exports of a survey's responses, streamed row by row.

Only responses of closed blocks are exported (see ``feedback.selectors``),
and each row carries its block's period instead of the response's date, so
an export reveals no more than the results page. Rows come in the order of
the responses' random keys. Every text cell that a spreadsheet could take
for a formula is neutralised.
"""

from __future__ import annotations

import bisect
import csv
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from feedback import selectors
from feedback.models import Answer, ExportJob, Question, Survey

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Abandoned(Exception):
    """The job was taken over by another task: stop writing."""


CHUNK = 5000


def neutralise(value: object) -> object:
    """Text that starts like a formula gets a leading apostrophe (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _question_label(number: int, question: Question) -> str:
    return f"{number}. {question.text}"


def rows(
    *,
    survey: Survey,
    filters: selectors.Filters,
    include_text: bool,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[list]:
    """The header, then one list per response (neutralised)."""
    questions = [
        q
        for q in survey.questions.prefetch_related("choices")
        if include_text or q.kind != Question.Kind.TEXT
    ]
    column = {q.pk: i for i, q in enumerate(questions)}
    kinds = {q.pk: q.kind for q in questions}
    choices = {c.pk: c.text for q in questions for c in q.choices.all()}
    blocks = selectors.export_blocks(survey=survey, filters=filters)
    pilots = selectors.pilot_names({b.pilot_key for b in blocks})
    by_pilot: dict[int, list[selectors.Block]] = {}
    for block in sorted(blocks, key=lambda b: b.start):
        by_pilot.setdefault(block.pilot_key, []).append(block)
    starts = {key: [b.start for b in items] for key, items in by_pilot.items()}
    total = sum(b.count for b in blocks)

    yield [
        neutralise(v)
        for v in [
            _("Period from"),
            _("Period to"),
            _("Pilot"),
            *(_question_label(n, q) for n, q in enumerate(questions, 1)),
        ]
    ]
    if not blocks:
        return

    def head(day: date, pilot_key: int) -> list:
        items = by_pilot[pilot_key]
        block = items[bisect.bisect_right(starts[pilot_key], day) - 1]
        return [block.start, block.end, neutralise(pilots[pilot_key])]

    answers = (
        Answer.objects.filter(response__survey=survey, question_id__in=list(column))
        .filter(
            selectors._range_q(
                selectors._ranges(blocks), prefix="response__", day="submitted_on"
            )
        )
        .order_by("response_id")
        .values_list(
            "response_id",
            "response__submitted_on",
            "response__pilot_key",
            "question_id",
            "value",
            "choice_id",
            "text",
            "hidden",
        )
    )
    current = None
    cells: list = []
    row_head: list = []
    done = 0
    for (
        response_id,
        day,
        pilot_key,
        qid,
        value,
        choice_id,
        text,
        hidden,
    ) in answers.iterator(chunk_size=CHUNK):
        if response_id != current:
            if current is not None:
                yield row_head + cells
                done += 1
                if progress and done % CHUNK == 0:
                    progress(done, total)
            current = response_id
            row_head = head(day, pilot_key)
            cells = [None] * len(questions)
        index = column[qid]
        kind = kinds[qid]
        if kind in Question.SCALED:
            cells[index] = value
        elif kind in Question.CHOICE:
            label = neutralise(choices.get(choice_id, ""))
            cells[index] = label if cells[index] is None else f"{cells[index]}; {label}"
        else:
            cells[index] = "" if hidden else neutralise(text)
    if current is not None:
        yield row_head + cells
        done += 1
    if progress:
        progress(done, total)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(**kwargs: object) -> Iterator[str]:
    """CSV lines for a StreamingHttpResponse (semicolons, as Finnish Excel)."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in rows(**kwargs):
        yield writer.writerow(["" if v is None else v for v in row])


def export_dir() -> Path:
    path = Path(settings.FEEDBACK_EXPORT_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_name(job: ExportJob) -> str:
    return f"survey-{job.survey_id}-export-{job.pk}.{job.format}"


def write_file(*, job: ExportJob, progress: Callable[[int, int], None]) -> str:
    """Write the job's file (in the worker) and return its name."""
    filters = selectors.Filters.from_json(job.filters)
    name = file_name(job)
    target = export_dir() / name
    language = job.filters.get("language") or settings.LANGUAGE_CODE
    # Each attempt writes its own partial file, removed whatever happens, so
    # a failed or abandoned attempt never leaves a disk full of fragments.
    partial = target.with_name(f"{target.name}.{job.attempts}.part")
    language = job.filters.get("language") or settings.LANGUAGE_CODE
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for leftover in target.parent.glob(f"{target.name}.*.part"):
            leftover.unlink(missing_ok=True)  # of an attempt whose worker died
        with translation.override(language):
            data = rows(
                survey=job.survey,
                filters=filters,
                include_text=job.include_text,
                progress=progress,
            )
            if job.format == ExportJob.Format.XLSX:
                _write_xlsx(partial, data, title=_("Responses"))
            else:
                with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                    writer = csv.writer(handle, delimiter=";")
                    for row in data:
                        writer.writerow(["" if v is None else v for v in row])
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return name


def _write_xlsx(path: Path, data: Iterator[list], *, title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    # write_only streams rows to a temporary file: memory stays flat.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title)
    for row in data:
        out = []
        for value in row:
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=value)
                # Never a formula, even when a text starts with "=".
                cell.data_type = "s"
                out.append(cell)
            else:
                out.append(value)
        sheet.append(out)
    workbook.save(str(path))
