"""Budgets and final accounts (部门预算 / 部门决算) with the 三公 expenses. See README.md."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "gongkai.budgets"
    label = "budgets"
    verbose_name = _("预算决算")

    def ready(self) -> None:
        from gongkai.budgets import datasets

        datasets.register_sources()
