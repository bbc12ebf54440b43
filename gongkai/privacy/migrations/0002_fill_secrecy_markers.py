"""Default secrecy markers (global, editable in the admin): the 密级 marks of GB/T 9704-2012
and the usual "internal only" phrases of agency documents."""

from django.db import migrations

MARKERS = [
    ("绝密★", "密级标志（GB/T 9704-2012）"),
    ("机密★", "密级标志（GB/T 9704-2012）"),
    ("秘密★", "密级标志（GB/T 9704-2012）"),
    ("内部资料", ""),
    ("内部使用", ""),
    ("内部文件", ""),
    ("不得外传", ""),
    ("严禁外传", ""),
    ("注意保密", ""),
    ("工作秘密", ""),
    ("内部参考", ""),
]


def fill(apps, schema_editor):
    ListEntry = apps.get_model("privacy", "ListEntry")
    for text, note in MARKERS:
        ListEntry.objects.get_or_create(
            kind="secrecy", text=text, agency=None, defaults={"note": note}
        )


def empty(apps, schema_editor):
    ListEntry = apps.get_model("privacy", "ListEntry")
    ListEntry.objects.filter(
        kind="secrecy", agency=None, text__in=[text for text, _note in MARKERS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_word_lists")]

    operations = [migrations.RunPython(fill, empty)]
