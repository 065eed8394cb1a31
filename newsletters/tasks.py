"""Celery tasks of the newsletters: thin wrappers around the services."""

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def newsletter_send(issue_id: int) -> dict:
    from newsletters import delivery

    outcome = delivery.issue_deliver(issue_id=issue_id)
    if outcome.get("retry_in"):
        newsletter_send.apply_async((issue_id,), countdown=outcome["retry_in"])
    return dict(outcome)


@shared_task(acks_late=True)
def newsletter_sweep() -> int:
    """Requeue deliveries stuck in ``sending`` and resend what waits."""
    from newsletters import delivery, services

    issue_ids = delivery.deliveries_requeue_stale()
    for issue_id in issue_ids:
        services.enqueue_send(issue_id)
    return len(issue_ids)


@shared_task(acks_late=True)
def newsletter_publish_due() -> int:
    from newsletters import services

    return len(services.issues_publish_due())
