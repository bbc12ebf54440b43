from django.db import migrations, models

# 最近发布在前 across hundreds of agencies: published_at DESC NULLS LAST, id DESC, read along
# the index. SQLite cannot index NULLS LAST (nor needs it at a county's size), so the index is
# PostgreSQL's only and stays out of the model state (Document.Meta says so).
PUBLISHED_DESC = (
    "CREATE INDEX IF NOT EXISTS document_published_desc ON documents_document "
    "(published_at DESC NULLS LAST, id DESC)"
)


def create_published_desc(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PUBLISHED_DESC)


def drop_published_desc(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS document_published_desc")


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0007_document_list_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="document",
            index=models.Index(fields=["updated_at", "id"], name="document_updated"),
        ),
        migrations.RunPython(create_published_desc, drop_published_desc, elidable=False),
    ]
