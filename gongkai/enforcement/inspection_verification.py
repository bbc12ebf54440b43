"""The outcome of a draw's verification in plain words, for the public page and the command."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongkai.enforcement.draw import Verification


@dataclass(frozen=True)
class CheckLine:
    text: str
    passed: bool


def check_lines(report: Verification) -> list[CheckLine]:
    labels = {
        "algorithm": _("抽取算法的名称和版本是 gongkai-draw-1"),
        "commitment": _("公布的种子与抽取前公布的承诺值一致"),
        "candidates": _("候选名单、分层数量和回避关系与抽取前公布的哈希值一致"),
        "result": _("按公布的输入和种子重新计算，结果与公布的抽取结果一致"),
    }
    return [CheckLine(labels[name], passed) for name, passed in report.checks]


def difference_lines(report: Verification) -> list[str]:
    lines = []
    for difference in report.differences:
        kind, target = difference["kind"], difference["target"]
        if kind == "malformed":
            lines.append(_("公布的输入不完整或格式不对，无法重新计算。"))
        elif kind == "bad_seed":
            lines.append(_("公布的种子不是64位十六进制数。"))
        elif kind == "only_published":
            lines.append(_("公布结果中有检查对象 %(id)s，重新计算没有抽到它。") % {"id": target})
        elif kind == "only_recomputed":
            lines.append(_("重新计算抽到了检查对象 %(id)s，公布结果中没有。") % {"id": target})
        elif kind == "inspectors":
            lines.append(
                _("检查对象 %(id)s 的检查人员不同：公布为 %(published)s，重新计算为 %(ours)s。")
                % {
                    "id": target,
                    "published": "、".join(difference["published"]) or _("无"),
                    "ours": "、".join(difference["recomputed"]) or _("无"),
                }
            )
        else:
            lines.append(_("抽取结果的分层、顺序或缺额与重新计算不同。"))
    return lines


def verdict(report: Verification) -> str:
    if report.matches:
        return _("一致：按公布的输入和种子重新计算，得到的正是公布的抽取结果。")
    return _("不一致：重新计算的结果与公布的内容不符，请看下面的差异。")
