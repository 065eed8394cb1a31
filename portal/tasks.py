"""Celery tasks of the site shell: thin wrappers around services."""

from celery import shared_task


@shared_task(bind=True, acks_late=True, max_retries=None)
def email_send(self, email_id: int) -> bool:  # noqa: ANN001
    from portal import services

    # The row counts the attempts and ends them (portal.services.OUTBOX).
    try:
        return services.email_deliver(email_id=email_id, token=self.request.id)
    except services.SendLater as later:
        raise self.retry(countdown=later.countdown) from later


@shared_task(acks_late=True)
def email_requeue_stale() -> int:
    from portal import services

    ids = services.email_requeue_stale()
    for email_id in ids:
        email_send.delay(email_id)
    return len(ids)
