"""Personal names read from their context, never guessed from the text alone: a name of 2–4
characters after a label (姓名、联系人、申请人、患者 …) or just before a resident ID or mobile
number ("张三，身份证号…", "王小明 13812345678"). The surname must be in `surnames`.

Names already made anonymous (王某、李某某、张×) are not personal data and are skipped.
"""

import re
from collections.abc import Iterable

from gongkai.privacy import surnames
from gongkai.privacy.detection import Confidence, Finding, Kind, mask

LABELS = (
    "姓名",
    "联系人",
    "申请人",
    "患者",
    "病人",
    "当事人",
    "被处罚人",
    "被申请人",
    "举报人",
    "投诉人",
    "来访人",
    "留言人",
    "户主",
    "监护人",
    "委托代理人",
    "法定代表人",
    "经营者",
    "负责人",
    "经办人",
    "来信人",
    "来电人",
    "车主",
    "驾驶人",
    "受害人",
    "死者",
    "我叫",
    "名叫",
    "收款人",
    "户名",
    "开户人",
)
_LABEL = re.compile("(?:" + "|".join(LABELS) + r")(?:姓名)?[ \t:：]*")
# Characters that end a name: punctuation, and the words that most often follow one.
_STOP = frozenset(
    "，,、。；;：:（()）【】[]「」“”\"' \t\r\n"
    "男女先同称于在向因对的是系等申反提诉来电手身住现家性年"
    "出户联及与和为从到经已未将被请该其本此拨打号码证件话机持属"
)
_ANONYMOUS = frozenset("某×xX*＊○〇")
# Words for people that are no names, though they start with a surname character (居, 籍 …):
# a sentence ending in one of them has no name before its number.
_NOT_NAMES = (
    "居民",
    "人士",
    "同胞",
    "市民",
    "村民",
    "群众",
    "家属",
    "本人",
    "老人",
    "儿童",
    "学生",
    "公民",
    "职工",
    "业主",
    "住户",
    "个人",
    "患者",
    "病人",
    "外籍",
)
# Words between a name and its number: labels, punctuation and spaces.
_BETWEEN = re.compile(
    r"(?:[\s,，:：（(、;；]|男|女|汉族|同志|先生|女士|[0-9]{1,3}岁|身份证号码|公民身份号码|身份证号|身份证"
    r"|证件号码|证件号|手机号码|手机号|手机|联系电话|电话号码|电话|联系方式|号码|的"
    r"|持|护照号码|护照号|护照|回乡证号码|回乡证|(?:台湾居民来往大陆|来往内地|往来港澳)?通行证号码"
    r"|(?:台湾居民来往大陆|来往内地|往来港澳)?通行证|台胞证号码|台胞证|银行卡号|卡号|账号"
    r"|电子邮箱|邮箱|e-?mail|Email)+$"
)
_SENTENCE_END = re.compile(r"[\n。！？!?]")
# "身份证号码为…的张三": the name after the number and 的.
_AFTER_NUMBER = re.compile(r"^(?:[）)]?(?:号)?的|[ \t]*[（(](?=[^）)]{2,4}[）)]))")
_WINDOW = 28  # characters before the number where its owner's name is looked for
# Numbers that belong to one person: the name next to them is that person's.
_ANCHOR_KINDS = frozenset(
    {
        Kind.ID_NUMBER,
        Kind.MOBILE,
        Kind.PASSPORT,
        Kind.HK_MACAO_RESIDENT_PERMIT,
        Kind.TAIWAN_RESIDENT_PERMIT,
        Kind.HK_MACAO_TRAVEL_PERMIT,
        Kind.BANK_CARD,
        Kind.EMAIL,
    }
)


def find_names(text: str, anchors: Iterable[Finding] = ()) -> list[Finding]:
    """Names after a label, and names next to one of the anchors (ID, mobile, passport,
    permit, bank card numbers and e-mail addresses found in the same text): before it in the
    same sentence, or right after it and 的, or in brackets after it."""
    findings = []
    for label in _LABEL.finditer(text):
        name = _name_at(text, label.end())
        # Run on without a colon or space ("负责人应带头执行"), the label is a word in a
        # sentence, and what follows a name there must end it.
        end = label.end() + len(name)
        runs_on = end < len(text) and _is_given_character(text[end])
        if name and runs_on and label.group()[-1] not in " \t:：":
            continue
        if name:
            findings.append(_finding(text, label.end(), name, Confidence.MEDIUM))
    labelled = {finding.start for finding in findings}
    for anchor in anchors:
        if anchor.kind not in _ANCHOR_KINDS:
            continue
        before = text[max(anchor.start - _WINDOW, 0) : anchor.start]
        # The owner is named in the same sentence: not across a line or a full stop.
        before = _SENTENCE_END.split(before)[-1]
        between = _BETWEEN.search(before)
        tail = before[: between.start()] if between else before
        name = _name_before(tail)
        if not name and "的" in tail:  # 张三的家属持…, 李四的手机
            tail = tail[: tail.rindex("的")]
            name = _name_before(tail)
        start = anchor.start - len(before) + len(tail) - len(name)
        if name and start not in labelled:
            findings.append(_finding(text, start, name, Confidence.LOW))
            continue
        if after := _AFTER_NUMBER.match(text[anchor.end : anchor.end + 8]):
            start = anchor.end + after.end()
            name = _name_at(text, start)
            if name and start not in labelled:
                findings.append(_finding(text, start, name, Confidence.LOW))
    return findings


def _finding(text: str, start: int, name: str, confidence: Confidence) -> Finding:
    return Finding(Kind.NAME, name, start, start + len(name), mask(Kind.NAME, name), confidence)


def _is_given_character(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff" and character not in _STOP


def _name_at(text: str, start: int) -> str:
    """The name starting at `start` after a label: a surname and one or two given characters."""
    surname_length = 2 if text[start : start + 2] in surnames.COMPOUND else 1
    if surname_length == 1 and text[start : start + 1] not in surnames.SINGLE:
        return ""
    end = start + surname_length
    while end < len(text) and end - start - surname_length < 2 and _is_given_character(text[end]):
        end += 1
    name = text[start:end]
    if end == start + surname_length or _ANONYMOUS & set(text[start : end + 1]):
        return ""
    return name


def _name_before(tail: str) -> str:
    """The name that ends `tail`: compound surnames first, then three characters unless the
    second is itself a common surname (和王伟 is 王伟), then two."""
    if not tail or not _is_given_character(tail[-1]) or tail[-1] in _ANONYMOUS:
        return ""
    if tail.endswith(_NOT_NAMES):
        return ""
    for length in (4, 3):
        candidate = tail[-length:]
        if (
            len(candidate) == length
            and candidate[:2] in surnames.COMPOUND
            and all(_is_given_character(c) for c in candidate[2:])
        ):
            return candidate
    three = tail[-3:]
    if (
        len(three) == 3
        and three[0] in surnames.SINGLE
        and three[1] not in surnames.COMMON
        and _is_given_character(three[1])
    ):
        return three
    two = tail[-2:]
    if len(two) == 2 and two[0] in surnames.SINGLE:
        return two
    return ""
