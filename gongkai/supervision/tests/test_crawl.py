"""The crawl for broken links: links read from HTML, the agency's pages followed, every target
checked once, external sites checked only through the given checker."""

import pytest

from gongkai.supervision.crawl import BrokenLink, crawl, extract_links, in_process_fetcher

SITE = "https://gk.example.gov.cn"


def test_links_are_made_absolute_once_each_without_anchors_mail_or_script():
    html = """<a href="/records/1/">1</a><a href="/records/1/#top">again</a>
    <a href="guide/">rel</a><img src="/static/logo.png"><a href="mailto:x@y.cn">m</a>
    <a href="tel:0351">t</a><a href="javascript:void(0)">j</a><a href="#main">skip</a>
    <a href="https://other.example.org/a?b=1">ext</a><link rel="stylesheet" href="/s.css">"""

    assert extract_links(html, f"{SITE}/agencies/A1/") == [
        f"{SITE}/records/1/",
        f"{SITE}/agencies/A1/guide/",
        f"{SITE}/static/logo.png",
        "https://other.example.org/a?b=1",
        f"{SITE}/s.css",
    ]


def fake_site(pages: dict[str, str]):
    fetched = []

    def fetch(path):
        fetched.append(path)
        if path in pages:
            return 200, "text/html; charset=utf-8", pages[path]
        if path.startswith("/media/ok"):
            return 200, "application/pdf", ""
        return 404, "text/html", "not found"

    return fetch, fetched


def test_the_agencys_pages_are_followed_and_each_target_checked_once():
    fetch, fetched = fake_site(
        {
            "/agencies/A1/": '<a href="/agencies/A1/guide/">指南</a><a href="/records/7/">r</a>'
            '<a href="/">home</a>',
            "/agencies/A1/guide/": '<a href="/media/ok.pdf">附件</a><a href="/media/gone.pdf">'
            '旧附件</a><a href="/agencies/A1/">back</a><a href="https://x.example/">ext</a>',
            "/records/7/": '<a href="/agencies/A2/">其他机关</a>',
            "/": "home",
        }
    )
    checked_external = []

    def external(url):
        checked_external.append(url)
        return 503, "Service Unavailable"

    result = crawl(
        ["/agencies/A1/"],
        site=SITE,
        follow_prefixes=("/agencies/A1/", "/records/"),
        fetch=fetch,
        check_external=external,
    )

    assert result.pages == [
        f"{SITE}/agencies/A1/",
        f"{SITE}/agencies/A1/guide/",
        f"{SITE}/records/7/",
    ]
    assert result.broken == [
        BrokenLink(f"{SITE}/agencies/A1/guide/", f"{SITE}/media/gone.pdf", 404),
        BrokenLink(f"{SITE}/agencies/A1/guide/", "https://x.example/", 503, "Service Unavailable"),
        BrokenLink(f"{SITE}/records/7/", f"{SITE}/agencies/A2/", 404),
    ]
    assert checked_external == ["https://x.example/"]
    assert fetched.count("/agencies/A1/") == 1  # fetched once, though linked twice
    assert "/agencies/A2/" in fetched  # checked, not followed (another agency's)


def test_without_an_external_checker_other_sites_are_not_contacted():
    fetch, _ = fake_site({"/agencies/A1/": '<a href="https://x.example/">ext</a>'})
    result = crawl(["/agencies/A1/"], site=SITE, follow_prefixes=("/agencies/A1/",), fetch=fetch)
    assert result.broken == []
    assert result.checked == 0


def test_the_crawl_stops_at_its_bound():
    pages = {f"/agencies/A1/{n}/": f'<a href="/agencies/A1/{n + 1}/">next</a>' for n in range(50)}
    fetch, _ = fake_site(pages)
    result = crawl(
        ["/agencies/A1/0/"],
        site=SITE,
        follow_prefixes=("/agencies/A1/",),
        fetch=fetch,
        max_pages=10,
    )
    assert len(result.pages) == 10
    assert result.truncated


@pytest.mark.django_db
def test_the_portal_pages_of_an_agency_are_crawled_in_process(settings):
    from gongkai.documents.tests.factories import make_published_document
    from gongkai.factories import make_agency

    settings.ALLOWED_HOSTS = ["gk.example.gov.cn"]
    agency = make_agency(name="测试县卫生健康局", code="TEST-CRAWL")
    make_published_document(
        agency=agency, body='<p>见<a href="/media/documents/missing.pdf">附件</a>。</p>'
    )

    result = crawl(
        [f"/agencies/{agency.code}/"],
        site=SITE,
        follow_prefixes=(f"/agencies/{agency.code}/", "/records/"),
        fetch=in_process_fetcher("gk.example.gov.cn"),
    )

    assert f"{SITE}/agencies/{agency.code}/guide/" in result.pages
    assert any(r.startswith(f"{SITE}/records/") for r in result.pages)
    assert [(b.target, b.status) for b in result.broken] == [
        (f"{SITE}/media/documents/missing.pdf", 404)
    ]


@pytest.mark.django_db
def test_the_command_keeps_each_agencys_result_and_external_answers_are_cached(settings):
    import datetime
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from gongkai.documents.tests.factories import make_published_document
    from gongkai.factories import make_agency
    from gongkai.supervision.link_models import ExternalLink, LinkCheck
    from gongkai.supervision.link_services import cached_external_checker, latest_checks

    settings.SITE_URL = "https://gk.example.gov.cn"
    settings.ALLOWED_HOSTS = ["gk.example.gov.cn"]
    agency = make_agency(name="测试县卫生健康局", code="TEST-LINKS")
    make_published_document(
        agency=agency, body='<p><a href="/media/documents/gone.pdf">附件</a></p>'
    )

    out = StringIO()
    call_command("check_links", "--agency", agency.code, stdout=out)

    assert "TEST-LINKS:" in out.getvalue()
    assert "1 broken" in out.getvalue()
    check = latest_checks([agency.pk])[agency.pk]
    assert check.broken[0]["target"].endswith("/media/documents/gone.pdf")
    assert check.broken[0]["status"] == 404
    assert LinkCheck.objects.count() == 1

    asked = []
    now = timezone.now()
    checker = cached_external_checker(lambda url: asked.append(url) or (404, "Not Found"), now=now)
    assert checker("https://x.example/a") == (404, "Not Found")
    assert checker("https://x.example/a") == (404, "Not Found")
    assert asked == ["https://x.example/a"]  # asked once, then from the table
    later = cached_external_checker(lambda url: (200, ""), now=now + datetime.timedelta(days=8))
    assert later("https://x.example/a") == (200, "")  # a week later: asked again
    assert ExternalLink.objects.get().status == 200


def test_an_unknown_agency_is_a_clear_error(db):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="NOPE"):
        call_command("check_links", "--agency", "NOPE")


@pytest.mark.parametrize(
    ("site", "allowed", "host"),
    [
        ("https://gk.example.gov.cn", ["gk.example.gov.cn"], "gk.example.gov.cn"),
        # SITE_URL left at its default in production: ask as a host this server answers to.
        ("http://127.0.0.1:8000", ["gk.example.gov.cn", "www.example.gov.cn"], "gk.example.gov.cn"),
        ("http://127.0.0.1:8000", [".example.gov.cn", "[::1]"], "::1"),
    ],
)
def test_the_crawl_asks_as_a_host_this_server_answers_to(settings, site, allowed, host):
    from gongkai.supervision.link_services import served_host

    settings.ALLOWED_HOSTS = allowed
    assert served_host(site) == host


def test_a_site_url_this_server_does_not_answer_to_is_a_deploy_warning(settings):
    from gongkai.checks import check_site_url_is_this_site

    settings.DEBUG = False
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.ALLOWED_HOSTS = ["gk.example.gov.cn"]
    assert [w.id for w in check_site_url_is_this_site(None)] == ["gongkai.W002"]
    settings.SITE_URL = "https://gk.example.gov.cn"
    assert check_site_url_is_this_site(None) == []
