"""Celery tasks of the reports: PDFs on the ``pdf`` queue, and their sweeps.

Thin: the services own the work. WeasyPrint is imported inside the job
(``reports.pdf``), never here: the web process imports this module to
enqueue, and must not load WeasyPrint (a test holds it to that).
"""

from celery import shared_task
from django.conf import settings


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.REPORTS_RENDER_TIME_LIMIT,
    soft_time_limit=settings.REPORTS_RENDER_TIME_LIMIT - 15,
)
def report_render(self, render_id: int) -> str:  # noqa: ANN001
    from reports import services

    return services.report_render_run(render_id=render_id, task_id=self.request.id)


@shared_task(acks_late=True)
def report_render_sweep() -> int:
    from reports import services

    return services.report_render_requeue_stale()


@shared_task(acks_late=True)
def report_render_purge() -> int:
    from reports import services

    return services.report_render_purge_superseded()
