"""One job machinery for the portal's background work: the email outbox,
report PDFs and survey exports (newsletter deliveries still have their own).

A job is a row with a status (queued → running → done, or failed), a count
of attempts, a claim token, a heartbeat and a reason for a failure. The
Celery task is only a nudge that names the row; the row is the truth:

- ``claim`` takes a job by a conditional update, so of two tasks given the
  same job only one works on it. A queued job can be claimed; a running job
  whose heartbeat is older than the kind's ``stale_after`` can be claimed
  (its worker died); and a running job whose token is the claiming task's
  own can be taken over at once: that is the same message delivered again
  after its worker process was killed before acknowledging it (acks late).
- ``beat`` records progress and a sign of life; it is conditional on the
  token, so a job taken over by another task no longer listens to the first.
- ``finish`` ends it; ``fail`` ends it for good with a reason a person can
  read; ``release`` gives it back for a later attempt (a passing fault) or
  ends it as failed when the attempts are used up.
- ``sweep`` finds the jobs that need a nudge: running ones whose worker went
  silent, and queued ones that no task picked up (the broker was down when
  they were queued, or the task was lost). Beat runs it for every kind.

Each kind names its model's status values and fields, so the four queues
keep their own words ("sending", "sent") and share one behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models
from django.db.models import F, Q
from django.utils import timezone


@dataclass(frozen=True)
class Kind:
    """How one kind of job is claimed, kept alive, retried and given up."""

    model: type[models.Model]
    # Seconds without a sign of life after which a running job counts as
    # abandoned: longer than its slowest step, short enough that nobody waits.
    stale_after: int
    max_attempts: int
    queued: str = "queued"
    running: str = "running"
    done: str = "done"
    failed: str = "failed"
    token_field: str = "claim_token"  # noqa: S105 - a field name
    heartbeat_field: str = "heartbeat_at"
    error_field: str = "error"
    created_field: str = "created_at"
    finished_field: str | None = "finished_at"

    def stale_before(self, now: datetime | None = None) -> datetime:
        return (now or timezone.now()) - timedelta(seconds=self.stale_after)


def claim(kind: Kind, pk: int, token: str, **changes: object):  # noqa: ANN201
    """The job, now held by ``token``; ``None`` when there is nothing to do."""
    model, now = kind.model, timezone.now()
    running = Q(pk=pk, status=kind.running)
    claimable = (
        Q(pk=pk, status=kind.queued)
        | (running & Q(**{f"{kind.heartbeat_field}__lt": kind.stale_before(now)}))
        | (running & Q(**{kind.token_field: token}))
    )
    updated = (
        model.objects.filter(claimable)
        .filter(attempts__lt=kind.max_attempts)
        .update(
            status=kind.running,
            attempts=F("attempts") + 1,
            **{kind.token_field: token, kind.heartbeat_field: now},
            **changes,
        )
    )
    if not updated:
        _give_up_if_exhausted(kind, pk)
        return None
    return model.objects.get(pk=pk)


def _give_up_if_exhausted(kind: Kind, pk: int) -> None:
    """A job that could be claimed but has used up its attempts ends failed."""
    stale = Q(
        status=kind.running, **{f"{kind.heartbeat_field}__lt": kind.stale_before()}
    )
    kind.model.objects.filter(
        Q(status=kind.queued) | stale, pk=pk, attempts__gte=kind.max_attempts
    ).update(**_ended(kind, kind.failed), **{kind.error_field: GAVE_UP})


# Stored as the reason when a job's attempts are used up without a reason
# of its own; pages explain it in the reader's language.
GAVE_UP = "attempts-exhausted"


def _mine(kind: Kind, job: models.Model) -> Q:
    return Q(
        pk=job.pk,
        status=kind.running,
        **{kind.token_field: getattr(job, kind.token_field)},
    )


def _ended(kind: Kind, status: str) -> dict:
    changes: dict = {"status": status}
    if kind.finished_field:
        changes[kind.finished_field] = timezone.now()
    return changes


def beat(kind: Kind, job: models.Model, **progress: object) -> bool:
    """A sign of life, with progress; ``False`` when the job is no longer
    this task's (taken over after a stall): the caller should stop."""
    return bool(
        kind.model.objects.filter(_mine(kind, job)).update(
            **{kind.heartbeat_field: timezone.now()}, **progress
        )
    )


def finish(kind: Kind, job: models.Model, **result: object) -> bool:
    """Done; a reason left by an earlier failed attempt is cleared."""
    return bool(
        kind.model.objects.filter(_mine(kind, job)).update(
            **_ended(kind, kind.done), **{kind.error_field: ""}, **result
        )
    )


def fail(kind: Kind, job: models.Model, reason: str) -> bool:
    """Failed for good: another attempt would not help."""
    return bool(
        kind.model.objects.filter(_mine(kind, job)).update(
            **_ended(kind, kind.failed), **{kind.error_field: reason[:2000]}
        )
    )


def release(kind: Kind, job: models.Model, reason: str) -> bool:
    """A passing fault: back to the queue for another attempt, keeping the
    reason; failed instead when the attempts are used up. Returns whether
    the job will be tried again. ``job`` is the row ``claim`` returned, so
    its attempts include this one."""
    again = job.attempts < kind.max_attempts
    status = kind.queued if again else kind.failed
    changes = {"status": status} if again else _ended(kind, kind.failed)
    kind.model.objects.filter(_mine(kind, job)).update(
        **changes,
        **{kind.error_field: reason[:2000], kind.heartbeat_field: timezone.now()},
    )
    return again


def sweep(kind: Kind) -> list[int]:
    """The jobs to hand to the broker again, oldest first.

    Running jobs whose worker went silent, and queued jobs nobody has
    touched for ``stale_after`` (never enqueued, or their task was lost).
    Those whose attempts are used up end failed instead.
    """
    model, limit = kind.model, kind.stale_before()
    silent = Q(status=kind.running, **{f"{kind.heartbeat_field}__lt": limit})
    untouched = Q(status=kind.queued) & (
        Q(**{f"{kind.heartbeat_field}__lt": limit})
        | Q(
            **{f"{kind.heartbeat_field}__isnull": True},
            **{f"{kind.created_field}__lt": limit},
        )
    )
    candidates = model.objects.filter(silent | untouched)
    candidates.filter(attempts__gte=kind.max_attempts).update(
        **_ended(kind, kind.failed), **{kind.error_field: GAVE_UP}
    )
    return list(
        candidates.filter(attempts__lt=kind.max_attempts)
        .order_by(kind.created_field)
        .values_list("pk", flat=True)
    )


def is_quiet(kind: Kind, job: models.Model, after: int) -> bool:
    """Nobody has worked on this unfinished job for ``after`` seconds: the
    page should say so rather than show a frozen bar."""
    if job.status not in (kind.queued, kind.running):
        return False
    last = getattr(job, kind.heartbeat_field) or getattr(job, kind.created_field)
    return (timezone.now() - last).total_seconds() > after
