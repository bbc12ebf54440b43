"""The staff API refuses text over its limit with a 400 in Chinese naming the field and the limit.

django-ninja drops the input from its validation errors, so the message cannot give the length.
"""

import pytest

from gongkai import limits
from gongkai.api.tests.test_applications import (  # noqa: F401 - fixtures
    application,
    handler,
    handler_key,
    post_event,
    register,
)
from gongkai.foi.models import Application

pytestmark = pytest.mark.django_db


def test_a_description_over_the_limit_is_400_with_the_numbers(client, handler_key):  # noqa: F811
    description = "申" * (limits.APPLICATION_DESCRIPTION + 1)

    response = register(client, handler_key, description=description)

    assert response.status_code == 400
    assert response.json() == {
        "detail": f"“description”不能超过{limits.APPLICATION_DESCRIPTION}个字符。",
        "field": "description",
    }
    assert not Application.objects.exists()


def test_a_reply_over_the_limit_is_400(client, application, handler_key):  # noqa: F811
    response = post_event(
        client,
        handler_key,
        application["id"],
        kind="reply_drafted",
        outcome="granted",
        text="答" * (limits.REPLY + 1),
    )

    assert response.status_code == 400
    assert response.json()["field"] == "text"
    assert response.json()["detail"] == f"“text”不能超过{limits.REPLY}个字符。"
