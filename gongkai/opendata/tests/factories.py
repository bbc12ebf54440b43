"""make_<model>() factories for datasets (tests)."""

import io
import itertools
from typing import Any

from gongkai.agencies.models import Agency, Role
from gongkai.documents.tests.factories import make_agency_item
from gongkai.factories import make_user
from gongkai.opendata import services
from gongkai.opendata.models import Dataset

_sequence = itertools.count(1)

CSV_TEXT = (
    "机构名称,床位数,开业日期\n"
    "第一人民医院,500,2001-03-01\n"
    "中医院,220,1998-07-15\n"
    "妇幼保健院,120,2005-01-10\n"
)


def dataset_values(agency: Agency, **overrides: Any) -> dict[str, Any]:
    n = next(_sequence)
    values: dict[str, Any] = {
        "name": f"dataset-{n}",
        "title": f"医疗机构名录{n}",
        "description": "本县医疗机构的名称、床位数和开业日期。",
        "catalogue_item": make_agency_item(agency),
        "theme": "health_resources",
        "licence": "CC-BY-4.0",
        "frequency": "ANNUAL",
        "temporal_start": None,
        "temporal_end": None,
        "spatial": "",
        "contact_name": "办公室",
        "contact_email": "data@example.org",
        "contact_phone": "0356-7010000",
        "openness": "unconditional",
        "openness_reason": "",
    }
    values.update(overrides)
    return values


def make_dataset(
    agency: Agency, *, drafter=None, tags=("医疗机构",), csv: str | None = CSV_TEXT, **overrides
) -> Dataset:
    drafter = drafter or make_user(agency=agency, roles=(Role.PUBLISHER,))
    dataset = services.create_dataset(
        agency=agency, actor=drafter, values=dataset_values(agency, **overrides), tags=tags
    )
    if csv is not None:
        services.add_uploaded_resource(
            dataset=dataset, actor=drafter, title="名录", data=csv.encode("utf-8")
        )
    return dataset


def make_published_dataset(agency: Agency, *, reviewer=None, **kwargs: Any) -> Dataset:
    dataset = make_dataset(agency, **kwargs)
    services.submit_dataset(dataset=dataset, actor=dataset.drafted_by)
    reviewer = reviewer or make_user(agency=agency, roles=(Role.REVIEWER,))
    return services.publish_dataset(dataset=dataset, actor=reviewer)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
