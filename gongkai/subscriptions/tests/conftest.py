import pytest

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _mails_sent_at_once(settings):
    # The worker's part, done in the test: a queued mail is sent when its task is enqueued.
    settings.TASKS = IMMEDIATE_TASKS
    settings.SITE_URL = "https://gongkai.example.gov.cn"
