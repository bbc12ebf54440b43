import pytest

pytestmark = pytest.mark.django_db


def test_calculator_page_explains_the_due_date(client):
    response = client.get("/deadline/", {"received_on": "2026-02-13", "days": "20"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "届满日：2026-03-19" in content
    assert "因调休计为工作日" in content


def test_calculator_gives_a_provisional_date_before_next_years_notice(client):
    response = client.get("/deadline/", {"received_on": "2026-12-20", "days": "20"})
    content = response.content.decode()
    assert "2027-01-18" in content
    assert "暂定" in content
    assert "2027年的节假日安排尚未公布" in content
    assert "管理员" not in content  # never an instruction to staff on a public page


def test_calculator_says_plainly_when_a_year_cannot_be_counted(client):
    response = client.get("/deadline/", {"received_on": "2027-12-20", "days": "20"})
    content = response.content.decode()
    assert "2028年的工作日无法确定" in content
    assert "届满日：" not in content


def test_calculator_rejects_bad_input_in_chinese(client):
    response = client.get("/deadline/", {"received_on": "not-a-date", "days": "20"})
    assert "输入一个有效的日期" in response.content.decode()
