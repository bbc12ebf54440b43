"""Weekly: crawl each agency's public pages for broken links (the website inspection's
"链接不可用"), keeping the results for the supervisors' findings."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.supervision.crawl import ExternalChecker
from gongkai.supervision.link_services import cached_external_checker, check_agency_links


class Command(BaseCommand):
    help = "Check every active agency's portal pages (or --agency CODE) for broken links."

    def add_arguments(self, parser):
        parser.add_argument("--agency", help="one agency's code")
        parser.add_argument(
            "--external",
            action="store_true",
            help="also check links to other sites (politely: 1 request/s per host, cached a week)",
        )
        parser.add_argument("--max-pages", type=int, default=300)

    def handle(self, *args, agency=None, external=False, max_pages=300, **options):
        agencies = Agency.objects.filter(is_active=True).order_by("code")
        if agency:
            agencies = agencies.filter(code=agency)
            if not agencies.exists():
                raise CommandError(f"no active agency with the code {agency}")
        checker = (
            cached_external_checker(ExternalChecker(), now=timezone.now()) if external else None
        )
        for one in agencies:
            check = check_agency_links(one, check_external=checker, max_pages=max_pages)
            stopped = " (stopped at the page limit)" if check.truncated else ""
            self.stdout.write(
                f"{one.code}: {check.pages} pages, {check.links} links, "
                f"{len(check.broken)} broken{stopped}"
            )
