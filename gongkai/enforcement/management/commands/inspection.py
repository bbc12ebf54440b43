"""`gongkai inspection verify PLAN_ID` (or `--file draw.json`): recompute a draw from what was
published and say whether it matches. Exits with an error status when it does not."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from gongkai.enforcement import inspection_services as services
from gongkai.enforcement.inspection_verification import check_lines, difference_lines, verdict
from gongkai.enforcement.models import InspectionPlan


class Command(BaseCommand):
    help = "双随机抽查：按公布的输入和种子重新计算抽取结果并核对。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="verify the draws of a plan, or a downloaded file")
        verify.add_argument("plan_id", nargs="?", type=int)
        verify.add_argument("--file", help="a JSON file downloaded from the plan's public page")

    def handle(self, *args, action, plan_id=None, file=None, **options):
        translation.activate("zh-hans")
        if file:
            try:
                with open(file, encoding="utf-8") as handle:
                    document = json.load(handle)
                reports = [(file, services.verify_published(document))]
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                raise CommandError(f"cannot read {file} as a published draw: {exc}") from exc
        elif plan_id is not None:
            plan = InspectionPlan.objects.filter(pk=plan_id).first()
            if plan is None:
                raise CommandError(f"no inspection plan {plan_id}")
            reports = [
                (f"{plan.title} #{d.sequence}", services.verify_draw(d))
                for d in plan.draws.order_by("sequence")
                if d.is_performed
            ]
            if not reports:
                raise CommandError(f"plan {plan_id} has no performed draw yet")
        else:
            raise CommandError("give a PLAN_ID or --file")
        failed = False
        for name, report in reports:
            self.stdout.write(f"== {name}")
            for line in check_lines(report):
                self.stdout.write(f"  [{'✓' if line.passed else '✗'}] {line.text}")
            for line in difference_lines(report):
                self.stdout.write(f"  - {line}")
            self.stdout.write(verdict(report))
            failed = failed or not report.matches
        if failed:
            raise CommandError("verification failed: the published draw does not match")
