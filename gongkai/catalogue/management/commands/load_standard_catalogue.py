"""Reload the standard catalogue from its data file (when the national catalogue changes).

Idempotent: an upsert by code that deletes nothing (an item no longer in the file is withdrawn,
with the file's reason); each created, changed or withdrawn category and item gets an audit
event. Agencies' own catalogues are not touched: each sees what changed for it on the console's
标准目录更新 page and re-derives (`services.changes_for` / `services.rederive`).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.catalogue import loading, services
from gongkai.catalogue.errors import CatalogueFileError


class Command(BaseCommand):
    help = "Load or update the standard catalogue (标准目录) from a JSON data file."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--file",
            default=str(loading.DATA_FILE),
            help="JSON data file (default: gongkai/catalogue/data/standard_catalogue.json)",
        )
        parser.add_argument(
            "--username",
            default="",
            help="The administrator the audit events are attributed to (default: none, the system)",
        )

    def handle(self, *args, **options) -> None:
        actor = None
        if options["username"]:
            actor = get_user_model().objects.filter(username=options["username"]).first()
            if actor is None:
                raise CommandError(_("用户“%(name)s”不存在。") % {"name": options["username"]})
        try:
            data = loading.read_catalogue_file(options["file"])
        except CatalogueFileError as exc:
            raise CommandError("\n".join(str(error) for error in exc.errors)) from exc
        result = services.reload_standard_catalogue(data=data, actor=actor, source=options["file"])
        self.stdout.write(
            _("标准目录已加载：新增%(created)d条，更新%(updated)d条，未变%(unchanged)d条。")
            % {
                "created": len(result.created),
                "updated": len(result.updated),
                "unchanged": result.unchanged,
            }
        )
        if result.withdrawn:
            self.stdout.write(
                self.style.WARNING(
                    _("以下标准目录事项不在文件中，已标为撤销（未删除）：%(codes)s")
                    % {"codes": "、".join(result.withdrawn)}
                )
            )
