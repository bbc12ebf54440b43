"""Background work of subscriptions (run by `gongkai db_worker`): one mail per task."""

from django_tasks import task


@task()
def send_delivery(delivery_id: int) -> str:
    """Send one queued mail; a temporary failure is queued again with a longer wait."""
    from gongkai.subscriptions.sending import deliver

    return deliver(delivery_id)
