"""The pure rules: the two-week silence and the release packages' cutting."""

import datetime

import pytest

from gongkai.newmedia import activity, packages
from gongkai.newmedia.models import Platform

D = datetime.date


@pytest.mark.parametrize(
    ("last_update_on", "opened_on", "today", "silent"),
    [
        (D(2026, 11, 1), D(2026, 1, 1), D(2026, 11, 15), False),  # 14 days: still allowed
        (D(2026, 11, 1), D(2026, 1, 1), D(2026, 11, 16), True),  # 15 days: silent
        (None, D(2026, 11, 1), D(2026, 11, 15), False),  # new account: two weeks from opening
        (None, D(2026, 11, 1), D(2026, 11, 16), True),
        (D(2026, 10, 1), D(2026, 11, 10), D(2026, 11, 20), False),  # reopened later: counts
        (None, None, D(2026, 11, 16), False),  # nothing known: no clock
        (D(2027, 12, 20), D(2027, 1, 4), D(2028, 1, 4), True),  # across the year's end
        (D(2026, 9, 30), None, D(2026, 10, 14), False),  # holidays count: calendar days
        (D(2026, 9, 30), None, D(2026, 10, 15), True),
    ],
)
def test_silence_is_counted_in_calendar_days(last_update_on, opened_on, today, silent):
    assert activity.is_silent(last_update_on, opened_on, today) is silent


def test_next_update_due_is_two_weeks_after_the_last():
    assert activity.SILENT_DAYS == 14
    assert activity.next_update_due(D(2026, 11, 2), None) == D(2026, 11, 16)
    assert activity.silent_days(D(2026, 11, 2), None, D(2026, 11, 16)) == 14


def test_weibo_counts_half_width_characters_as_half():
    assert packages.length("卫生健康") == 4
    assert packages.length("abcd", weibo_counting=True) == 2
    assert packages.length("abc", weibo_counting=True) == 2  # rounded up
    assert packages.length("卫生abcd", weibo_counting=True) == 4
    assert packages.length("卫生，", weibo_counting=True) == 3  # full-width comma is whole


def test_cut_keeps_whole_characters_and_marks_the_cut():
    assert packages.cut("流感疫苗接种", 10) == "流感疫苗接种"
    assert packages.cut("流感疫苗接种工作方案", 5) == "流感疫苗…"
    assert packages.length(packages.cut("流感疫苗接种工作方案", 5)) == 5
    assert packages.cut("a" * 10, 3, weibo_counting=True) == "aaaa…"
    assert packages.cut("多个   空格\n换行", 20) == "多个 空格 换行"


LINK = "https://gk.example.cn/records/12345/"


def test_wechat_package_cuts_title_to_64_and_summary_to_120():
    package = packages.build(
        platform=Platform.WECHAT,
        title="关" * 100,
        summary="于" * 500,
        index_number="T00001/2026-00012",
        link=LINK,
    )
    assert len(package.title) == 64
    assert package.title.endswith("…")
    assert len(package.text) <= 120
    assert package.text.endswith("索引号：T00001/2026-00012\n" + LINK)
    assert package.image_url == ""


def test_weibo_package_puts_the_title_in_brackets_and_never_cuts_the_link():
    package = packages.build(
        platform=Platform.WEIBO,
        title="关于开展冬季流感疫苗接种工作的通知",
        summary="为做好冬季流感防控工作，" * 300,
        index_number="T00001/2026-00012",
        link=LINK,
        image_url="https://gk.example.cn/media/a.png",
    )
    assert package.title == ""
    assert package.text.startswith("【关于开展冬季流感疫苗接种工作的通知】")
    assert LINK in package.text
    assert package.text_length <= 2000
    assert package.text_length > 1900  # cut near the limit, not far below
    assert packages.length(package.shown_in_timeline, weibo_counting=True) <= 140
    assert package.image_url.endswith("a.png")


def test_short_text_is_not_cut():
    package = packages.build(
        platform=Platform.TOUTIAO,
        title="流感疫苗接种点公布",
        summary="全县12个接种点。",
        index_number="X/2026-1",
        link=LINK,
    )
    assert package.title == "流感疫苗接种点公布"
    assert package.text == "全县12个接种点。\n索引号：X/2026-1\n" + LINK


def test_a_link_longer_than_the_platform_allows_is_given_whole():
    long_link = "https://gk.example.cn/" + "a" * 300
    package = packages.build(
        platform=Platform.WECHAT, title="标题", summary="摘要", index_number="X", link=long_link
    )
    assert package.text == long_link


def test_every_platform_has_limits_with_a_source():
    for platform in Platform.values:
        limits = packages.LIMITS[platform]
        assert limits.text > 0
        assert str(limits.source)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/feed.xml",
        "http://localhost:8000/feed",
        "http://10.1.2.3/rss",
        "http://192.168.0.1/rss",
        "http://169.254.169.254/latest/meta-data/",  # a cloud's metadata service
        "http://[::1]/feed",
        "ftp://example.org/feed",
        "file:///etc/passwd",
        "http:///feed",
    ],
)
def test_a_feed_address_outside_the_public_internet_is_refused(url):
    from gongkai.newmedia import feeds

    with pytest.raises(feeds.FeedProblem):
        feeds.check_public_url(url)


def test_a_redirect_to_the_servers_own_network_is_refused():
    import urllib.request

    from gongkai.newmedia import feeds

    handler = feeds._CheckedRedirects()
    request = urllib.request.Request("http://203.0.113.7/feed")
    with pytest.raises(feeds.FeedProblem):
        handler.redirect_request(request, None, 302, "Found", {}, "http://127.0.0.1/admin")


def test_a_public_address_passes():
    from gongkai.newmedia import feeds

    feeds.check_public_url("https://8.8.8.8/feed.xml")  # a literal address: no lookup
