"""Celery tasks of the projects domain: report PDFs, on the ``pdf`` queue.

WeasyPrint is imported inside the task (``projects.pdf``), never at module
level: the web process imports this module to enqueue, and must not load
WeasyPrint (a test holds it to that).
"""

from celery import shared_task
from django.conf import settings


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.REPORTS_RENDER_TIME_LIMIT,
    soft_time_limit=settings.REPORTS_RENDER_TIME_LIMIT - 15,
)
def report_render(render_id: int) -> str:
    from projects import pdf

    return pdf.render(render_id)


@shared_task(acks_late=True)
def report_render_sweep() -> int:
    from projects import services

    return services.report_render_requeue_stale()
