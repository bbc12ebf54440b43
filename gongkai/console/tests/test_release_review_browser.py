"""The secrecy review in the browser (#15 §2, "done means"): a clerk attaches a PDF whose text
layer holds an ID number and submits the record; the reviewer's publish is stopped, the
finding listed masked; the reviewer chooses to delete it and publishes; the public download
holds no trace of the number in any layer. axe-core finds nothing serious on the review page."""

import pymupdf
import pytest

from gongkai.agencies.models import Level, Role
from gongkai.documents.models import Scope, Status
from gongkai.documents.tests.factories import make_document
from gongkai.factories import make_agency, make_user
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems
from gongkai.portal.tests.test_browser_foi import PHONE, assert_fits_phone
from gongkai.privacy.models import ReleaseReview, Resolution
from gongkai.privacy.tests.examples import id_number
from gongkai.privacy.tests.redaction_files import raw_traces

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ID = id_number("14010219850612331")
PASSWORD = "pw-for-tests"


def pdf_with_id() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    lines = ["关于2026年医疗机构校验结果的通知", f"经核查，负责人身份证号码{ID}，校验合格。"]
    for n, line in enumerate(lines):
        page.insert_text((72, 90 + 24 * n), line, fontname="china-s", fontsize=11)
    return doc.tobytes(deflate=True)


def log_in(browser, live_server, user, **context):
    page = browser.new_context(locale="zh-CN", **context).new_page()
    page.set_default_timeout(20000)
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()
    return page


def test_reviewer_is_stopped_redacts_the_id_number_and_the_public_file_is_clean(
    browser, live_server, tmp_path
):
    agency = make_agency(name="演示县卫生健康局", level=Level.COUNTY)
    clerk = make_user(agency=agency, roles=(Role.PUBLISHER,), password=PASSWORD)
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,), password=PASSWORD)
    document = make_document(agency=agency, drafted_by=clerk, title="2026年医疗机构校验结果")
    record_url = f"{live_server.url}/console/documents/{document.pk}/"
    upload = tmp_path / "校验结果.pdf"
    upload.write_bytes(pdf_with_id())

    # The clerk attaches the PDF and submits the record for review.
    page = log_in(browser, live_server, clerk)
    page.goto(record_url)
    page.get_by_label("附件").set_input_files(str(upload))
    page.get_by_role("button", name="上传附件").click()
    page.get_by_role("link", name="校验结果.pdf").wait_for()
    page.get_by_role("button", name="提交审核").click()
    page.get_by_text("已提交审核。").wait_for()
    page.context.close()

    # The reviewer sees the finding masked; publishing without resolving it is refused.
    page = log_in(browser, live_server, reviewer, viewport=PHONE)
    page.goto(record_url)
    review = page.locator("section.release-review")
    review.get_by_text("身份证号码").first.wait_for()
    assert ID not in page.content()
    assert_fits_phone(page)
    assert_no_axe_problems(axe_problems(page))
    page.get_by_role("button", name="审核通过并发布").click()
    page.locator("#publish-error").get_by_text("保密审查发现").wait_for()
    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW

    # Every finding deleted (删减后公开), then published.
    findings = page.locator("fieldset.finding")
    assert findings.count() >= 1
    for n in range(findings.count()):
        findings.nth(n).get_by_label(str(Resolution.REDACT.label)).check()
    page.get_by_role("button", name="审核通过并发布").click()
    page.get_by_text("已发布。").wait_for()
    page.get_by_role("heading", name="保密审查记录").wait_for()
    assert "删减后公开" in page.locator("main").inner_text()
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert document.scope == Scope.REDACTED
    assert ReleaseReview.objects.for_object(document).get().reviewer == reviewer
    page.context.close()

    # The public file, downloaded as a visitor from the portal: no trace of the number.
    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(f"{live_server.url}/records/{document.pk}/")
    href = visitor.get_by_role("link", name="校验结果.pdf").get_attribute("href")
    response = visitor.request.get(f"{live_server.url}{href}" if href.startswith("/") else href)
    assert response.ok
    public = response.body()
    assert not raw_traces(public, ID)
    pdf = pymupdf.open(stream=public, filetype="pdf")
    text = "".join(page.get_text() for page in pdf)
    assert ID not in text.replace(" ", "").replace("\n", "")
    assert "校验合格" in text  # the rest stays
    assert "删减" in text  # the note of the redactions
    assert not pdf.embfile_names()
    assert ID not in str(pdf.metadata)
    visitor.context.close()
