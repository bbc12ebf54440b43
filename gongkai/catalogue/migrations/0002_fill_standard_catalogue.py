"""Load the shipped standard catalogue (data/standard_catalogue.json) into a fresh database.

Later changes to the file are applied with `gongkai load_standard_catalogue`, not by editing
this migration.
"""

from django.db import migrations

from gongkai.catalogue import loading


def fill_standard_catalogue(apps, schema_editor):
    loading.upsert_standard_catalogue(
        loading.read_catalogue_file(),
        category_model=apps.get_model("catalogue", "StandardCategory"),
        item_model=apps.get_model("catalogue", "StandardItem"),
    )


def empty_standard_catalogue(apps, schema_editor):
    # Keeps standard items that agencies' catalogues still refer to (PROTECT).
    loading.remove_standard_catalogue(
        loading.read_catalogue_file(),
        category_model=apps.get_model("catalogue", "StandardCategory"),
        item_model=apps.get_model("catalogue", "StandardItem"),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(fill_standard_catalogue, empty_standard_catalogue),
    ]
