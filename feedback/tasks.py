"""Celery tasks of the feedback app: thin wrappers around services."""

from celery import shared_task


@shared_task(acks_late=True)
def export_build(job_id: int) -> None:
    from feedback import services

    services.export_run(job_id=job_id)
