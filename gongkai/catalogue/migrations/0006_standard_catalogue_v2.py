"""Version 2 of the standard catalogue (data/standard_catalogue.json, schema_version 2): every
item carries its levels (公开层级 as codes), new categories 行政强制 / 行政给付 / 行政检查, and
P0201/P0202 withdrawn in favour of P0601/P0602; the cadences of G1001/G0402/G0403 become data.

Agencies' catalogues are not changed here: each agency sees what changed for it on its
catalogue's "标准目录更新" page and re-derives (services.changes_for / services.rederive), keeping
its own items and not-applicable reasons. Loads whatever the file holds, like 0002; the file is
validated first, so a broken file stops the migration.
"""

from django.db import migrations

from gongkai.catalogue import loading


def load_version_2(apps, schema_editor):
    loading.upsert_standard_catalogue(
        loading.read_catalogue_file(),
        category_model=apps.get_model("catalogue", "StandardCategory"),
        item_model=apps.get_model("catalogue", "StandardItem"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0005_fill_standard_snapshot"),
    ]

    operations = [
        # Reversing keeps the new rows: agencies' items may already refer to them (PROTECT).
        migrations.RunPython(load_version_2, migrations.RunPython.noop),
    ]
