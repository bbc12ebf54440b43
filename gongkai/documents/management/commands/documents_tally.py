"""The tallies of public records the portal's counts read (documents/tally.py).

gongkai documents_tally            compare the tallies with a count of the records; exit 1
                                   and list the differences when they disagree
gongkai documents_tally --recount  rebuild the tallies from the records
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gongkai.documents import tally


class Command(BaseCommand):
    help = "Check or rebuild the counts of public records (公开记录计数)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--recount", action="store_true", help="rebuild the tallies from the records"
        )

    def handle(self, *args, recount: bool = False, **options) -> None:
        if recount:
            rows = tally.recount()
            self.stdout.write(_("已按记录重新计数：%(rows)d 行。") % {"rows": rows})
            return
        differences = tally.drift()
        if not differences:
            self.stdout.write(_("公开记录计数与记录一致。"))
            return
        for (tally_name, (agency, key)), (tallied, counted) in sorted(differences.items(), key=str):
            where = (
                _("机构 %(agency)s 目录事项 %(key)s")
                if tally_name == "item"
                else _("机构 %(agency)s 文件类型 %(key)s")
            ) % {"agency": agency, "key": key}
            self.stdout.write(
                _("%(where)s：计数 %(tallied)d，记录 %(counted)d")
                % {"where": where, "tallied": tallied, "counted": counted}
            )
        raise CommandError(
            _("公开记录计数与记录不一致（%(n)d 处）：运行 gongkai documents_tally --recount。")
            % {"n": len(differences)}
        )
