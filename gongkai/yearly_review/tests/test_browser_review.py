"""A browser walks the yearly review: the administrator opens it with a due date, filters the
list, meets the decision form's errors, decides every item; axe finds nothing serious and the
list fits a 360 px phone."""

import pytest

from gongkai.agencies.models import Role
from gongkai.documents.tests.factories import make_agency_item
from gongkai.factories import make_agency, make_user
from gongkai.foi.outcomes import Outcome
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems
from gongkai.reports.tests.factories import make_application
from gongkai.yearly_review.models import Decision, ReviewItem, ReviewStatus, YearlyReview
from gongkai.yearly_review.tests.factories import make_filed_record, make_reply

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_administrator_walks_the_review_list(page, live_server):
    agency = make_agency(name="测试县卫生健康局")
    admin = make_user(agency=agency, roles=(Role.ADMIN,), username="review_admin")
    make_filed_record(agency, title="内部讨论纪要")
    make_reply(agency, outcome=Outcome.WITHHELD_THIRD_PARTY, description="某企业的商业秘密")
    make_agency_item(agency)
    for n, text in enumerate(["申请公开本县医疗机构名单", "请提供本县医疗机构名单及地址"]):
        make_application(agency, received="2026-05-06", description=text, id_number=f"{n}")
    problems = []

    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill(admin.username)
    page.get_by_label("密码").fill("pw-for-tests")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()

    page.get_by_role("link", name="年度自查").click()
    page.get_by_label("年度").select_option("2026")
    page.get_by_role("button", name="查看", exact=True).click()
    problems += axe_problems(page)
    page.get_by_label("完成期限").fill("2026-12-31")
    page.get_by_role("button", name="发起自查").click()
    page.get_by_role("heading", name="测试县卫生健康局2026年度不予公开信息自查").wait_for()
    assert "共2项" in page.content()
    problems += axe_problems(page)

    # The filters: the records only.
    page.get_by_label("类别").select_option("record_withheld")
    page.get_by_role("button", name="筛选").click()
    assert page.get_by_role("link", name="某企业的商业秘密").count() == 0

    page.get_by_role("link", name="内部讨论纪要").click()
    page.get_by_label("继续不予公开（理由仍然成立）").check()
    page.get_by_role("button", name="保存结论").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "必须写明不予公开的理由仍然成立的依据" in summary.inner_text()
    problems += axe_problems(page)
    summary.get_by_role("link", name="理由").click()  # the summary leads to the field
    page.get_by_label("理由", exact=True).fill("讨论纪要仍属过程性信息，公开会影响正常决策。")
    page.get_by_role("button", name="保存结论").click()
    page.get_by_text("结论已保存。").wait_for()

    page.get_by_label("类别").select_option("")
    page.get_by_label("自查结论").select_option("undecided")
    page.get_by_role("button", name="筛选").click()
    page.get_by_role("link", name="某企业的商业秘密").click()
    page.get_by_label("予以公开").check()
    page.get_by_role("button", name="保存结论").click()
    page.get_by_text("结论已保存。").wait_for()
    assert "继续不予公开1项，予以公开1项" in page.content()

    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, "the review list scrolls sideways on a 360 px phone"
    problems += axe_problems(page)

    # Frequent requests: the suggestion, and the one-click draft.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("link", name="年度自查").click()
    page.get_by_label("年度").select_option("2026")
    page.get_by_role("button", name="查看", exact=True).click()
    page.get_by_role("link", name="查看 测试县卫生健康局").click()
    page.get_by_text("第四十四条").first.wait_for()
    problems += axe_problems(page)
    page.get_by_role("button", name="生成主动公开草稿").click()
    page.get_by_role("heading", name="本县医疗机构名单").wait_for()

    review = YearlyReview.objects.get(agency=agency, year=2026)
    assert review.status == ReviewStatus.COMPLETED
    assert set(ReviewItem.objects.values_list("decision", flat=True)) == {
        Decision.KEEP,
        Decision.RELEASE,
    }
    assert_no_axe_problems(problems)
