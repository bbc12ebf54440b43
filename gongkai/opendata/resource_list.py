"""The data-resource list (数据资源清单) of an agency: every published dataset, open or not,
with its resources, formats, update frequency and openness (and the reason when it is not
unconditionally open) — on the portal and as XLSX and CSV."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.opendata.models import Dataset

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Row:
    dataset: Dataset
    resources: list[str]
    formats: list[str]

    def cells(self) -> list[str]:
        d = self.dataset
        return [
            d.title,
            d.name,
            d.get_theme_display(),
            "；".join(self.resources),
            "、".join(self.formats),
            d.get_frequency_display(),
            d.get_openness_display(),
            d.openness_reason,
            d.catalogue_item.name,
            d.modified_at.date().isoformat(),
        ]


def headers() -> list[str]:
    return [
        _("数据集名称"),
        _("数据集标识"),
        _("主题分类"),
        _("数据资源"),
        _("格式"),
        _("更新频率"),
        _("开放属性"),
        _("不予无条件开放的理由"),
        _("公开目录事项"),
        _("更新日期"),
    ]


def rows(agency: Agency) -> list[Row]:
    datasets = (
        Dataset.objects.published()
        .filter(agency=agency)
        .select_related("catalogue_item")
        .prefetch_related("resources")
        .order_by("theme", "title")
    )
    result = []
    for dataset in datasets:
        resources = list(dataset.resources.all())
        formats = sorted({r.format for r in resources})
        result.append(Row(dataset, [r.title for r in resources], formats))
    return result


def as_csv(list_rows: list[Row]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers())
    writer.writerows(row.cells() for row in list_rows)
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(list_rows: list[Row]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_("数据资源清单"))
    sheet.append(headers())
    for row in list_rows:
        sheet.append(row.cells())
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
