"""The demo county's new-media accounts (政务新媒体矩阵): a 微信公众号 that posts, a 微博
silent for more than two weeks (a supervision finding), a 抖音 account whose opening waits for
approval, and a closed 今日头条 account; releases of its new-media records on the 微信公众号
with one record left out (the consistency list). Dates relative to today."""

import datetime

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.demo.history import on_day
from gongkai.newmedia import activity_services, consistency, releases, services
from gongkai.newmedia.models import Account, Platform

ACCOUNTS = [
    # platform, name, id, days since opened, days since last update, closed days ago
    (Platform.WECHAT, "健康演示县", "jiankang-demo", 900, 2, None),
    (Platform.WEIBO, "演示县卫生健康局", "demo-wjj-weibo", 700, 20, None),
    (Platform.TOUTIAO, "演示县卫健资讯", "demo-toutiao", 800, 200, 120),
]


def _day(days_ago: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def _open(agency, users, platform, name, account_id, opened_ago) -> Account:
    publisher, admin = users["county_publisher"], users["county_admin"]
    # Every day from the real today, before travelling (inside, "today" is the day travelled to).
    opened_on, filed_on = _day(opened_ago), _day(opened_ago - 3)
    with on_day(opened_on):
        procedure = services.request_opening(
            agency=agency,
            actor=publisher,
            values={
                "platform": platform,
                "name": name,
                "account_id": account_id,
                "operator": "演示县卫生健康局办公室",
                "purpose": "发布卫生健康政策文件、解读和健康科普，回应群众关切。",
            },
        )
        services.approve(procedure=procedure, actor=admin, note="同意开设。")
    with on_day(filed_on):
        services.file_procedure(
            procedure=procedure, actor=admin, filing_number=f"演示市备〔{opened_on.year}〕1号"
        )
    return Account.objects.get(pk=procedure.account_id)


def load_newmedia(agency: Agency, users: dict) -> None:
    """Once (idempotent)."""
    if Account.objects.filter(agency=agency).exists():
        return
    admin, publisher = users["county_admin"], users["county_publisher"]
    accounts = {}
    for platform, name, account_id, opened_ago, updated_ago, closed_ago in ACCOUNTS:
        account = _open(agency, users, platform, name, account_id, opened_ago)
        # Every day from the real today, before travelling (inside, "today" is the day
        # travelled to).
        updated_on = _day(updated_ago)
        with on_day(updated_on):
            activity_services.record_update(account=account, actor=publisher, updated_on=updated_on)
        if closed_ago is not None:
            requested_on, closed_on = _day(closed_ago + 5), _day(closed_ago)
            with on_day(requested_on):
                procedure = services.request_closing(
                    account=account, actor=publisher, reason="功能与微信公众号重复，整合关停。"
                )
            with on_day(closed_on):
                services.approve(procedure=procedure, actor=admin)
        accounts[platform] = account
    services.request_opening(
        agency=agency,
        actor=publisher,
        values={
            "platform": Platform.DOUYIN,
            "name": "健康演示县",
            "account_id": "jiankang-demo-dy",
            "operator": "演示县卫生健康局办公室",
            "purpose": "以短视频发布健康科普。",
        },
    )
    _releases(agency, accounts[Platform.WECHAT], users)


def _releases(agency, wechat: Account, users) -> None:
    """Every public record of the last year meant for new media went out on the 微信公众号
    two hours after the site, except the newest one past its three working days: the
    consistency list shows it."""
    today = timezone.localdate()
    due = [gap.document for gap in consistency.missing({agency.pk}, today)]
    for document in due[:-1]:
        when = document.published_at + datetime.timedelta(hours=2)
        if when > timezone.now():
            continue
        releases.record_release(
            document=document,
            account=wechat,
            actor=users["county_publisher"],
            released_at=when,
            post_url=f"https://mp.weixin.qq.com/s/demo-{document.pk}",
        )
