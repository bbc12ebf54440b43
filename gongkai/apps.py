from django.apps import AppConfig


class GongkaiConfig(AppConfig):
    name = "gongkai"
    verbose_name = "gongkai"

    def ready(self) -> None:
        from gongkai import (
            checks,  # noqa: F401 - registers the system checks
            id_lists,
        )

        id_lists.register()
