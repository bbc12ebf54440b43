"""In a browser, the whole #13 path: a reviewer imports the licensing office's spreadsheet
(a wrong row first: nothing imported, the row named; then the corrected file, published), the
decisions are on the public 行政许可公示 list, and the county's double-random draw verifies."""

import pytest

from gongkai.demo.loading import DEMO_ACCOUNTS
from gongkai.enforcement.models import Decision, InspectionPlan
from gongkai.enforcement.tests.import_rows import csv_bytes, licence_row

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_from_import_to_the_public_list_to_a_verified_draw(
    page, live_server, tmp_path, restore_demo
):
    restore_demo()
    before = Decision.objects.count()
    password = next(a.password for a in DEMO_ACCOUNTS if a.username == "county_reviewer")
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill("county_reviewer")
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()

    rows = [licence_row(n, 许可机关="演示县卫生健康局") for n in range(1, 4)]
    wrong = tmp_path / "许可台账.csv"
    wrong.write_bytes(csv_bytes([*rows[:2], {**rows[2], "统一社会信用代码": "91110108551385082X"}]))
    page.goto(f"{live_server.url}/console/decisions/import/")
    page.get_by_label("导入到机关").select_option(label="演示县卫生健康局")
    page.get_by_label("决定类型").select_option(label="行政许可")
    page.get_by_label("表格文件").set_input_files(str(wrong))
    page.get_by_label("导入后直接公示（仅审核员）").check()
    page.get_by_role("button", name="检查并导入").click()
    problems = page.get_by_role("table", name="需要修改的问题")
    problems.wait_for()
    assert "统一社会信用代码" in problems.inner_text()
    assert "4" in problems.get_by_role("row").nth(1).inner_text()  # data row 3 is sheet row 4
    assert Decision.objects.count() == before  # nothing half-saved

    right = tmp_path / "许可台账-改.csv"
    right.write_bytes(csv_bytes(rows))
    page.get_by_label("导入到机关").select_option(label="演示县卫生健康局")
    page.get_by_label("决定类型").select_option(label="行政许可")
    page.get_by_label("表格文件").set_input_files(str(right))
    page.get_by_label("导入后直接公示（仅审核员）").check()
    page.get_by_role("button", name="检查并导入").click()
    page.get_by_text("已导入并公示 3 条行政许可决定。").wait_for()
    assert Decision.objects.count() == before + 3

    page.goto(f"{live_server.url}/agencies/DEMO-COUNTY/enforcement/licensing/")
    page.get_by_label("行政相对人名称").fill("测试诊所2")
    page.get_by_role("button", name="筛选").click()
    page.get_by_role("link", name="测试诊所2").first.click()
    page.get_by_role("heading", name="测试诊所2", exact=False).wait_for()

    plan = InspectionPlan.objects.get(agency__code="DEMO-COUNTY", year=2026)
    page.goto(f"{live_server.url}/inspections/plans/{plan.pk}/")
    page.get_by_role("link", name="核验本次抽取").click()
    verdict = page.get_by_role("status").filter(has_text="一致")
    verdict.wait_for()
    assert verdict.inner_text().startswith("一致")
