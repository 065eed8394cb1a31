"""Celery tasks of the feedback app: thin wrappers around services."""

from celery import shared_task


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def export_build(self, job_id: int) -> str:  # noqa: ANN001
    from feedback import services

    return services.export_run(job_id=job_id, token=self.request.id)


@shared_task(acks_late=True)
def export_requeue_stale() -> int:
    from feedback import services

    ids = services.export_requeue_stale()
    for job_id in ids:
        export_build.delay(job_id)
    return len(ids)
