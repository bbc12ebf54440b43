"""axe-core finds no serious or critical WCAG 2.1 AA problem on the pages of information
applications (依申请公开): the public form, receipt, progress and account pages in both
languages, and the console's list, register form, case page (every action form open) and
letters page."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.demo.loading import DEMO_ACCOUNTS
from gongkai.foi import consultation_services, fee_services, services
from gongkai.foi.models import Application
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

# serialized_rollback: the standard catalogue comes from a data migration that a
# transactional test would otherwise wipe for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORDS = {account.username: account.password for account in DEMO_ACCOUNTS}
COUNTY = "演示县卫生健康局"
RESIDENT_ID = "11010519491231002X"
PHONE_NUMBER = "13900000000"
RECEIVED_ON = datetime.date(2026, 3, 2)  # a Monday
ACTED_ON = datetime.date(2026, 3, 3)
APPLICANT = {
    "applicant_type": "natural",
    "applicant_name": "李四",
    "id_type": "resident_id",
    "id_number": RESIDENT_ID,
    "phone": PHONE_NUMBER,
    "email": "li@example.org",
    "address": "某市幸福路8号",
    "postcode": "100000",
    "description": "2025年本县医疗机构校验结果",
    "document_numbers": "",
    "delivery_form": "email",
}


# axe does not report these as violations: a label or ARIA reference to an id that is missing
# or not unique names the wrong field, or none (a help text never read, a label for another
# form's field).
ID_REFERENCES = """() => {
  const count = {};
  document.querySelectorAll("[id]").forEach(e => { count[e.id] = (count[e.id] || 0) + 1; });
  const refs = [...document.querySelectorAll("label[for]")].map(l => ["for", l.htmlFor]);
  for (const attr of ["aria-describedby", "aria-labelledby", "aria-controls"]) {
    document.querySelectorAll(`[${attr}]`).forEach(e => e.getAttribute(attr).split(/\\s+/)
      .filter(Boolean).forEach(id => refs.push([attr, id])));
  }
  const problems = refs.filter(([, id]) => count[id] !== 1)
    .map(([attr, id]) => `${attr}="${id}" names ${count[id] || 0} elements`);
  return [...new Set(problems)];
}"""


def reference_problems(page) -> list[str]:
    return [f"{page.url}: {problem}" for problem in page.evaluate(ID_REFERENCES)]


def problems_on(page) -> list[str]:
    return axe_problems(page) + reference_problems(page)


def submit_button(page):
    # Language-neutral: the one submit button of the page's main form.
    return page.locator("main form.stacked button[type=submit]")


def fill_application(page) -> None:
    page.locator("#id_agency").select_option(label=COUNTY)
    page.locator("#id_applicant_type").select_option("natural")
    page.locator("#id_applicant_name").fill(APPLICANT["applicant_name"])
    page.locator("#id_id_type").select_option("resident_id")
    page.locator("#id_id_number").fill(RESIDENT_ID)
    page.locator("#id_phone").fill(PHONE_NUMBER)
    page.locator("#id_email").fill(APPLICANT["email"])
    page.locator("#id_description").fill(APPLICANT["description"])
    page.locator("#id_delivery_form").select_option("email")
    page.locator("#id_confirm").check()


def check_progress(page, code: str, secret: str) -> None:
    page.locator("#id_query_code").fill(code)
    page.locator("#id_secret").fill(secret)
    submit_button(page).click()


def scan(page, url: str, status: int = 200) -> list[str]:
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}, not {status}"
    return problems_on(page)


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh-hans", "en"])
def test_public_application_pages_pass_axe(page, live_server, prefix, restore_demo):
    restore_demo()
    site = f"{live_server.url}{prefix}"
    problems = []

    problems += scan(page, f"{site}/accounts/signup/")
    page.locator("#id_email").fill("citizen-a11y@example.org")
    submit_button(page).click()
    page.wait_for_url(f"{site}/accounts/signup/sent/")
    problems += problems_on(page)
    # The mail's link leads to the password form (sign-up never reveals a taken address).
    problems += scan(page, re.search(r"https?://\S+", mail.outbox[-1].body).group(0))
    page.locator("#id_password1").fill("a-long-pass-phrase-2026")
    page.locator("#id_password2").fill("another-pass-phrase")
    submit_button(page).click()  # the passwords differ
    page.locator(".errorlist").first.wait_for()
    problems += problems_on(page)
    page.locator("#id_password1").fill("a-long-pass-phrase-2026")
    page.locator("#id_password2").fill("a-long-pass-phrase-2026")
    submit_button(page).click()
    page.wait_for_url(f"{site}/apply/mine/")
    problems += problems_on(page)  # my applications, signed in, none yet

    problems += scan(page, f"{site}/apply/")
    submit_button(page).click()  # empty: the required fields err
    page.locator("[aria-invalid=true]").first.wait_for()
    problems += problems_on(page)
    fill_application(page)
    page.locator("#id_id_number").fill("11010519491231002Y")  # a wrong check character
    submit_button(page).click()
    page.locator("#id_id_number[aria-invalid=true]").wait_for()
    problems += problems_on(page)
    page.locator("#id_id_number").fill(RESIDENT_ID)
    page.locator("#id_confirm").check()
    submit_button(page).click()
    page.wait_for_url(f"{site}/apply/receipt/")
    code = page.locator(".query-code").inner_text().strip()
    problems += problems_on(page)  # the receipt
    page.locator("details").first.evaluate("details => { details.open = true; }")
    problems += problems_on(page)  # with the explanation of the due date open

    problems += scan(page, f"{site}/apply/mine/")  # one application listed

    problems += scan(page, f"{site}/apply/progress/")
    submit_button(page).click()  # empty
    page.locator("[aria-invalid=true]").first.wait_for()
    problems += problems_on(page)
    check_progress(page, code, "13911111111")  # the wrong phone number
    page.locator("main [role=alert]").first.wait_for()
    problems += problems_on(page)
    check_progress(page, code, PHONE_NUMBER)
    page.locator("#progress-h").wait_for()
    problems += problems_on(page)

    page.context.clear_cookies()
    problems += scan(page, f"{site}/accounts/login/")
    # Signed in, the citizen lands on their applications in the language they chose.
    assert page.locator("input[name=next]").get_attribute("value") == f"{prefix}/apply/mine/"
    page.locator("#id_email").fill("citizen-a11y@example.org")
    page.locator("#id_password").fill("wrong password")
    submit_button(page).click()
    page.locator(".error-summary").wait_for()  # a wrong password is the form's, not a field's
    problems += problems_on(page)  # the login form with its error
    assert_no_axe_problems(problems)


def log_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORDS[username])
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()


def scan_with_actions_open(page, url: str) -> list[str]:
    page.goto(url)
    opened = page.evaluate(
        "() => { const all = document.querySelectorAll('main details');"
        " all.forEach(details => { details.open = true; }); return all.length; }"
    )
    assert opened, f"{url} has no action forms"
    # Its forms' shared ids are known and need Python: see the xfail test below.
    return axe_problems(page)


def new_application(county: Agency, description: str) -> Application:
    # Fixed dates in a loaded year: the scans must not depend on today's calendar.
    values = {**APPLICANT, "description": description}
    return services.submit_online(agency=county, values=values, on=RECEIVED_ON)


@pytest.fixture
def cases(restore_demo):
    """One case in each state whose action forms differ, all received on RECEIVED_ON."""
    restore_demo()
    county = Agency.objects.get(code="DEMO-COUNTY")
    handler = get_user_model().objects.get(username="county_foi")
    fresh = new_application(county, "2025年本县医疗机构校验结果")
    services.add_remedy_case(
        application=fresh, actor=handler, kind="review", filed_on=ACTED_ON, authority="演示县政府"
    )
    waiting = new_application(county, "2025年家庭医生签约人数")
    services.request_supplement(
        application=waiting,
        actor=handler,
        on=ACTED_ON,
        items="请写明年份\n请写明乡镇",
        deadline_days=10,
    )
    consulting = new_application(county, "某诊所的校验材料")
    consultation_services.start_consultation(
        application=consulting, actor=handler, on=ACTED_ON, party="某诊所"
    )
    fee = new_application(county, "2020年以来全部会议纪要")
    fee_services.notify_fee(
        application=fee, actor=handler, on=ACTED_ON, method="per_page", quantity=120
    )
    drafted = new_application(county, "2025年度预算")
    services.draft_reply(application=drafted, actor=handler, outcome="granted", text="见附件。")
    return {
        "fresh": fresh,
        "waiting": waiting,
        "consulting": consulting,
        "fee": fee,
        "drafted": drafted,
    }


def test_console_application_pages_pass_axe(page, live_server, cases):
    console = f"{live_server.url}/console"
    problems = []

    log_in(page, live_server, "county_foi")
    problems += scan(page, f"{console}/applications/")
    problems += scan(page, f"{console}/applications/new/")
    page.get_by_role("button", name="登记", exact=True).click()  # empty: every required field errs
    page.locator("[aria-invalid=true]").first.wait_for()
    problems += problems_on(page)
    for name in ("fresh", "waiting", "consulting", "fee"):
        problems += scan_with_actions_open(page, f"{console}/applications/{cases[name].pk}/")
    for name in ("waiting", "consulting", "fee"):
        problems += scan(page, f"{console}/applications/{cases[name].pk}/letters/")

    log_in(page, live_server, "county_reviewer")
    problems += scan_with_actions_open(page, f"{console}/applications/{cases['drafted'].pk}/")
    problems += scan(page, f"{console}/applications/{cases['drafted'].pk}/letters/")
    assert_no_axe_problems(problems)


def test_case_page_action_forms_name_their_own_fields_and_offer_today(page, live_server, cases):
    log_in(page, live_server, "county_foi")
    problems = []
    for name in ("fresh", "waiting"):
        page.goto(f"{live_server.url}/console/applications/{cases[name].pk}/")
        problems += reference_problems(page)
        dates = page.locator("main details.action input[type=date][name=on]").evaluate_all(
            "inputs => inputs.map(input => input.value)"
        )
        assert dates, "no action offers a date"
        today = timezone.localdate().isoformat()
        problems += [
            f"{page.url}: a date field shows {d!r}, not {today}" for d in dates if d != today
        ]
    assert not problems, "\n".join(problems)
