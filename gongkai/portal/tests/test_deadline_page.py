import pytest

pytestmark = pytest.mark.django_db


def test_calculator_page_explains_the_due_date(client):
    response = client.get("/deadline/", {"received_on": "2026-02-13", "days": "20"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "届满日：2026-03-19" in content
    assert "因调休计为工作日" in content


def test_calculator_says_plainly_when_a_year_is_not_loaded(client):
    response = client.get("/deadline/", {"received_on": "2026-12-20", "days": "20"})
    content = response.content.decode()
    assert "2027年的节假日安排尚未载入" in content
    assert "届满日：" not in content


def test_calculator_rejects_bad_input_in_chinese(client):
    response = client.get("/deadline/", {"received_on": "not-a-date", "days": "20"})
    assert "输入一个有效的日期" in response.content.decode()
