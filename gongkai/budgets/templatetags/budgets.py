from django import template

from gongkai.budgets import rules

register = template.Library()


@register.filter
def money(value) -> str:
    """An amount in 万元 as the tables print it: `{{ line.amount|money }}` → 1,234.50."""
    return rules.money(value)


@register.filter
def change_text(item) -> str:
    """A 三公 row's year-on-year change in words: 增加1.20万元（+12.0%）, 上年无数据 …"""
    return rules.describe_change(item.change)
