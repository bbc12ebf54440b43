"""Under the Content-Security-Policy, Chromium refuses nothing on our pages, and the receipts'
print buttons (once inline onclick handlers) still print."""

import pytest

from gongkai.agencies.models import Role
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency, make_user

# serialized_rollback: the standard catalogue comes from a data migration that a
# transactional test would otherwise wipe for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-test-password-42"


def test_no_page_breaks_the_policy_and_the_receipt_still_prints(page, live_server):
    agency = make_agency(name="示例县卫生健康局")
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    record = make_published_document(catalogue_item=make_agency_item(agency), reviewer=reviewer)
    make_user(username="admin", password=PASSWORD, is_staff=True, is_superuser=True)
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    site = live_server.url

    home = page.goto(f"{site}/")
    assert "script-src 'self'" in home.headers["content-security-policy"]
    for path in ["/en/", f"/records/{record.pk}/", "/apply/", "/deadline/", "/api/docs"]:
        page.goto(f"{site}{path}")

    page.goto(f"{site}/messages/new/")
    page.get_by_label("写给哪个机关").select_option(label=agency.name)
    page.get_by_label("留言类别").select_option(label="咨询")
    page.get_by_label("标题").fill("周末能否接种")
    page.get_by_label("留言内容").fill("请问周六能否接种流感疫苗？")
    page.get_by_label("姓名").fill("钱小红")
    page.get_by_label("联系电话").fill("13712345678")
    page.get_by_role("button", name="提交留言").click()
    page.get_by_role("heading", level=1, name="留言已收到").wait_for()
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.get_by_role("button", name="打印回执").click()
    assert page.evaluate("() => window.printed === true")

    page.goto(f"{site}/console/login/")
    page.get_by_label("用户名").fill("admin")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{site}/console/")
    for path in ["/console/documents/", "/admin/", "/admin/documents/document/"]:
        page.goto(f"{site}{path}")

    assert refused == []
