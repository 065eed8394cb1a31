"""Celery tasks of the site shell: thin wrappers around services."""

from celery import shared_task


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def email_send(self, email_id: int) -> bool:  # noqa: ARG001
    from portal import services

    return services.email_deliver(email_id=email_id)


@shared_task(acks_late=True)
def email_requeue_stale() -> int:
    from portal import services

    ids = services.email_requeue_stale()
    for email_id in ids:
        email_send.delay(email_id)
    return len(ids)
