"""Detection benchmark: precision and recall of the privacy detector per kind, and its speed.

A benchmark, not a test. Run from the project directory:

    .venv/bin/python bench/detection.py [--documents 600] [--seed 15] [--repeat 3]
                                        [--misses 5] [--json FILE]

What it does:

1. builds two labelled corpora of generated government texts (seeded: the same corpora every
   run): replies to applications, enforcement decisions, notices and tables (tab-separated
   rows, as extraction gives an XLSX). Each document mixes real sentences of the five sample
   notices in `gongkai/demo/samples/` with *planted* items of every kind (ID numbers in three
   shapes, mobiles, landlines, e-mails, bank cards, addresses, plates, passports, the three
   permits, names after a label or before a number, sensitive words, secrecy markers, 错敏字)
   and *look-alikes* that must not fire (文号, 索引号, dates, amounts, credit codes, the
   agency's own phone and e-mail given as `allowed`, postcodes, hotlines, 备案号, office
   addresses, anonymous names, train and contract numbers, 秘密 without ★, right names).
   The *main* corpus plants items in the phrasings the rules were written and tuned with;
   the *held-out* corpus in phrasings written once and never tuned against (its figures
   are the honest estimate for new text);
2. runs `gongkai.privacy.scan.find_all` on each document with the word lists;
3. scores: a planted item is found when a finding of the same kind overlaps it (names and
   addresses may be cut a character differently; the exact-span rate is printed too); any
   other finding is a false positive, counted per kind and per look-alike category it hit;
4. times the detector over the main corpus against a reference measured in the same run
   (one plain `re.finditer` pass for runs of digits over the same texts), and the number
   kinds alone (`find_personal_data`, what the detector was before #15), best of --repeat.

Pure Python: no database and no Django settings (the detector is pure).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gongkai.privacy.detection import find_personal_data  # noqa: E402
from gongkai.privacy.listed import WordLists  # noqa: E402
from gongkai.privacy.scan import find_all  # noqa: E402

SAMPLES = ROOT / "gongkai" / "demo" / "samples"
AGENCY_PHONE = "0351-3580123"
AGENCY_EMAIL = "jcswjwbgs@163.com"  # the Jincheng sample's own published address
ALLOWED = [AGENCY_PHONE, AGENCY_EMAIL, "0351-3580456"]
LISTS = WordLists.of(
    sensitive=["疫情瞒报", "群体性事件", "医闹"],
    secrecy=["内部资料", "不得外传", "内部使用", "注意保密"],
    corrections={
        "卫生计生委": "卫生健康委",
        "国家卫计委": "国家卫生健康委员会",
        "食药监局": "市场监督管理局",
        "计生局": "卫生健康局",
    },
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴孔向汤"
)
COMPOUND = ["欧阳", "司马", "上官", "诸葛", "慕容", "令狐"]
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉鹏宇浩凯琳晨欣怡子梓涵俊"
    "峰斌波鑫慧颖倩婷雪丹晶燕海春荣志"
)
DISTRICTS = ["小店区", "迎泽区", "杏花岭区", "万柏林区", "晋源区", "尖草坪区", "榆次区", "城区"]
CITIES = ["太原市", "晋中市", "长治市", "晋城市", "大同市", ""]
ROADS = ["长风街", "桃园南路", "府西街", "并州北路", "学府街", "平阳路", "建设南路", "新建路"]
ESTATES = ["康乐小区", "锦绣苑", "阳光花园", "和平新村", "滨河家园"]
VILLAGES = ["北头村", "南关村", "东庄村", "西河村"]
TOWNS = ["黄寨镇", "阳曲镇", "东阳镇", "北格镇"]
COUNTIES = ["阳曲县", "清徐县", "榆社县"]
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
REGIONS = ["140105", "140106", "140107", "110105", "370102", "440305", "140702", "140502"]


# --- numbers with their check characters --------------------------------------------------


def id_number(rng: random.Random) -> str:
    year = rng.randint(1940, 2012)
    birth = f"{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    first17 = rng.choice(REGIONS) + birth + f"{rng.randint(0, 999):03d}"
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    return first17 + "10X98765432"[total % 11]


def luhn(prefix: str) -> str:
    total = 0
    for i, digit in enumerate(reversed(prefix)):
        value = int(digit) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return prefix + str((10 - total % 10) % 10)


def credit_code(rng: random.Random) -> str:
    first17 = (
        rng.choice(["91", "92", "12", "11"])
        + rng.choice(REGIONS)
        + "".join(rng.choice(CREDIT_ALPHABET) for _ in range(9))
    )
    total = sum(CREDIT_ALPHABET.index(c) * (3**i % 31) for i, c in enumerate(first17))
    return first17 + CREDIT_ALPHABET[(31 - total % 31) % 31]


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


# --- planted items ---------------------------------------------------------------------------


def make_id(rng):
    number = id_number(rng)
    shape = rng.random()
    if shape < 0.1:
        return f"{number[:6]} {number[6:14]} {number[14:]}"
    if shape < 0.15:
        return number[:6] + number[8:17]  # an old 15-digit number (born 19xx)
    return number


def fix_old_id(value: str) -> str:
    """An old 15-digit number has a 19YY birth year: one made from a 20YY birth is redrawn."""
    return value if len(value) != 15 or value[6:8] != "20" else value[:6] + "99" + value[8:]


def make_mobile(rng):
    number = rng.choice(["13", "15", "17", "18", "19"]) + digits(rng, 9)
    shape = rng.random()
    if shape < 0.15:
        return f"{number[:3]}-{number[3:7]}-{number[7:]}"
    if shape < 0.25:
        return f"{number[:3]} {number[3:7]} {number[7:]}"
    if shape < 0.3:
        return "+86 " + number
    return number


def make_landline(rng):
    area = rng.choice(["0351", "0354", "0356", "010", "021"])
    local = rng.choice("2345678") + digits(rng, 6 if area.startswith("03") else 7)
    return rng.choice([f"{area}-{local}", f"({area}){local}", f"{area}{local}"])


def make_email(rng):
    local = rng.choice(["zhang", "li", "wang", "liu", "chen", "yang"]) + digits(rng, 4)
    return f"{local}@{rng.choice(['qq.com', '163.com', '126.com', 'sina.com'])}"


def make_card(rng):
    return luhn(rng.choice(["622202", "621700", "622848", "436742"]) + digits(rng, 12))


def make_address(rng):
    place = rng.choice(CITIES) + rng.choice(DISTRICTS)
    shape = rng.random()
    if shape < 0.4:
        return (
            f"{place}{rng.choice(ROADS)}{rng.randint(1, 300)}号{rng.randint(1, 20)}栋"
            f"{rng.randint(1, 6)}单元{rng.randint(1, 30)}{rng.randint(1, 4):02d}室"
        )
    if shape < 0.7:
        return (
            f"{place}{rng.choice(ESTATES)}{rng.randint(1, 30)}号楼"
            f"{rng.randint(1, 6)}单元{rng.randint(101, 2604)}"
        )
    return (
        f"{rng.choice(COUNTIES)}{rng.choice(TOWNS)}{rng.choice(VILLAGES)}"
        f"{rng.choice('一二三四五六')}组"
    )


def make_plate(rng):
    office = rng.choice(LETTERS)
    shape = rng.random()
    if shape < 0.2:
        tail = rng.choice("DF") + rng.choice(LETTERS + "0123456789") + digits(rng, 4)
    elif shape < 0.3:
        tail = digits(rng, 5) + rng.choice("DF")
    else:
        chars = list(digits(rng, 4) + rng.choice(LETTERS + "0123456789"))
        rng.shuffle(chars)
        tail = "".join(chars)
    return rng.choice(PROVINCES) + office + tail


def make_passport(rng):
    shape = rng.random()
    if shape < 0.5:
        return "E" + digits(rng, 8)
    if shape < 0.8:
        return "E" + rng.choice("ABCDEFGHJKLMN") + digits(rng, 7)
    return "G" + digits(rng, 8)


def make_name(rng):
    if rng.random() < 0.05:
        return rng.choice(COMPOUND) + rng.choice(GIVEN) + rng.choice(GIVEN)
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
    return rng.choice(SURNAMES) + given


# --- documents -------------------------------------------------------------------------------


@dataclass
class Document:
    text: str = ""
    planted: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, kind
    look_alikes: list[tuple[int, int, str]] = field(default_factory=list)  # …, category

    def add(self, *segments) -> None:
        """Plain strings, ("kind", value) planted items, ("~category", value) look-alikes."""
        for segment in segments:
            if isinstance(segment, str):
                self.text += segment
                continue
            label, value = segment
            start = len(self.text)
            self.text += value
            target = self.look_alikes if label.startswith("~") else self.planted
            target.append((start, len(self.text), label.lstrip("~")))
        self.text += "\n"


def personal_paragraph(doc: Document, rng: random.Random) -> None:
    """One paragraph with planted personal data, in the phrasings the rules were tuned with."""
    name = make_name(rng)
    choice = rng.randrange(14)
    if choice == 0:
        doc.add(
            "申请人：", ("name", name), "，身份证号：", ("id_number", fix_old_id(make_id(rng))),
            "，联系电话：", ("mobile", make_mobile(rng)), "。",
        )  # fmt: skip
    elif choice == 1:
        doc.add(
            ("name", name), "，", rng.choice(["男", "女"]), "，公民身份号码",
            ("id_number", fix_old_id(make_id(rng))), "，住址：", ("address", make_address(rng)),
            "。",
        )  # fmt: skip
    elif choice == 2:
        doc.add(
            "经查，当事人驾驶", ("licence_plate", make_plate(rng)),
            "号车辆在医疗机构门前违规停放，现场检查人员已告知。",
        )  # fmt: skip
    elif choice == 3:
        doc.add(
            "如有疑问请联系", ("name", name), "，手机", ("mobile", make_mobile(rng)),
            "，或发送邮件至", ("email", make_email(rng)), "。",
        )  # fmt: skip
    elif choice == 4:
        doc.add(
            "申请人要求将退费退至其本人银行卡", ("bank_card", make_card(rng)),
            "，家庭电话", ("landline", make_landline(rng)), "。",
        )  # fmt: skip
    elif choice == 5:
        doc.add(
            "申请人为外籍人士，持护照", ("passport", make_passport(rng)), "办理，",
            rng.choice(["家住", "现住", "居住在"]), ("address", make_address(rng)), "。",
        )  # fmt: skip
    elif choice == 6:
        doc.add(
            "申请人系香港居民，港澳居民来往内地通行证号码",
            ("hk_macao_resident_permit", rng.choice("HM") + digits(rng, 8)), "。",
        )  # fmt: skip
    elif choice == 7:
        doc.add(
            "申请人系台湾居民，台胞证号码", ("taiwan_resident_permit", digits(rng, 8)),
            "，已核验。",
        )  # fmt: skip
    elif choice == 8:
        tail = digits(rng, 8) if rng.random() < 0.5 else rng.choice("ABCDEFGH") + digits(rng, 7)
        doc.add(
            "其往来港澳通行证", ("hk_macao_travel_permit", "C" + tail), "已过期，",
            "患者", ("name", name), "于当日出院。",
        )  # fmt: skip
    elif choice == 9:
        doc.add(
            "投诉人", ("name", name), "反映，其在", ("address", make_address(rng)),
            "附近发现无证行医行为。",
        )  # fmt: skip
    elif choice == 10:
        doc.add(
            "经市", ("wrong_name", rng.choice(["卫生计生委", "食药监局", "计生局"])),
            "研究，关于网传", ("sensitive_word", rng.choice(["疫情瞒报", "医闹"])),
            "的情况已核实。",
        )  # fmt: skip
    elif choice == 11:
        doc.add(
            ("name", name), "（身份证号码：", ("id_number", make_id(rng).replace(" ", "")),
            "）的申请材料齐全。",
        )  # fmt: skip
    elif choice == 12:
        doc.add("姓名：", ("name", name), "　电话：", ("mobile", make_mobile(rng)))
    else:
        doc.add(
            "请", ("name", name), "的家属持", ("id_number", fix_old_id(make_id(rng))),
            "号身份证到窗口办理。",
        )  # fmt: skip


def held_out_paragraph(doc: Document, rng: random.Random) -> None:
    """Phrasings written once, after the rules and before any run on them, never tuned
    against. Names with no label or number next to them are planted too, though the detector
    does not look for them by design: they count as misses."""
    name = make_name(rng)
    choice = rng.randrange(12)
    if choice == 0:
        doc.add(
            "来信人", ("name", name), "（电话", ("mobile", make_mobile(rng)),
            "）反映，诊所乱收费。",
        )  # fmt: skip
    elif choice == 1:
        doc.add(
            "我叫", ("name", name), "，住在", ("address", make_address(rng)), "，我的手机是",
            ("mobile", make_mobile(rng)), "。",
        )  # fmt: skip
    elif choice == 2:
        doc.add("经办人：", ("name", name), "；联系方式：", ("mobile", make_mobile(rng)))
    elif choice == 3:
        doc.add(
            ("name", name), "同志，身份证", ("id_number", id_number(rng)),
            "，于", f"{rng.randint(2019, 2026)}年{rng.randint(1, 12)}月到我委上访。",
        )  # fmt: skip
    elif choice == 4:
        doc.add("被检查单位负责人", ("name", name), "在现场签字确认。")
    elif choice == 5:
        doc.add("车主", ("name", name), "，车牌号", ("licence_plate", make_plate(rng)), "。")
    elif choice == 6:
        doc.add("请", ("name", name), "于5个工作日内到我委领取告知书。")
    elif choice == 7:
        doc.add("身份证号码为", ("id_number", id_number(rng)), "的", ("name", name), "未到场。")
    elif choice == 8:
        home = (
            f"{rng.choice(DISTRICTS)}{rng.choice(ROADS)}{rng.randint(1, 99)}号院"
            f"{rng.randint(1, 9)}号楼"
        )
        doc.add(
            "户籍地：", ("address", make_address(rng)), "；现居住于", ("address", home), "。",
        )  # fmt: skip
    elif choice == 9:
        number = make_mobile(rng).replace(" ", "").replace("-", "").replace("+86", "")
        doc.add("手机：", ("mobile", f"+86-{number}"), "，座机：", ("landline", make_landline(rng)))
    elif choice == 10:
        plate = make_plate(rng)
        doc.add("涉事车辆", ("licence_plate", plate[:2] + "·" + plate[2:]), "已被查扣。")
    else:
        doc.add("申请人护照号为：", ("passport", make_passport(rng)), "，国籍：加拿大。")


def second_held_out_paragraph(doc: Document, rng: random.Random) -> None:
    """A second set of phrasings, written after the first held-out set had been used for
    fixes, and run once as written (its first-run figures are reported)."""
    name = make_name(rng)
    choice = rng.randrange(12)
    if choice == 0:
        doc.add(
            "姓名：", ("name", name), "  性别：", rng.choice("男女"), "  年龄：",
            str(rng.randint(18, 90)), "岁  住址：", ("address", make_address(rng)),
        )  # fmt: skip
    elif choice == 1:
        doc.add(
            "患者", ("name", name), "（住院号", digits(rng, 7), "）的家属来电",
            ("mobile", make_mobile(rng)), "要求复印病历。",
        )  # fmt: skip
    elif choice == 2:
        doc.add(
            "本人", ("name", name), "，电子邮箱", ("email", make_email(rng)),
            "，请将答复寄至该邮箱。",
        )  # fmt: skip
    elif choice == 3:
        street = f"{rng.choice(DISTRICTS)}{rng.choice(['坞城', '龙城', '北营'])}街道"
        doc.add(
            "举报人反映", ("address", f"{street}{rng.choice(ESTATES)}{rng.randint(1, 40)}-"
                         f"{rng.randint(1, 6)}-{rng.randint(101, 1802)}"),
            "有人非法行医。",
        )  # fmt: skip
    elif choice == 4:
        doc.add(
            "申请人", ("name", name), "持往来港澳通行证",
            ("hk_macao_travel_permit", "C" + rng.choice("ABCDEFGH") + digits(rng, 7)),
            "，请于窗口核验。",
        )  # fmt: skip
    elif choice == 5:
        doc.add(
            "收款人：", ("name", name), "，开户行：中国工商银行太原分行，账号：",
            ("bank_card", make_card(rng)),
        )  # fmt: skip
    elif choice == 6:
        doc.add(
            "经调查，", ("name", name), "（", ("id_number", id_number(rng)),
            "）未取得《医师资格证书》擅自执业。",
        )  # fmt: skip
    elif choice == 7:
        doc.add(
            "港澳居民", ("name", name), "，回乡证号码：",
            ("hk_macao_resident_permit", rng.choice("HM") + digits(rng, 10)), "。",
        )  # fmt: skip
    elif choice == 8:
        doc.add(
            "联系方式：", ("mobile", make_mobile(rng)), "（", ("name", name), "）",
        )  # fmt: skip
    elif choice == 9:
        doc.add(
            "该车（", ("licence_plate", make_plate(rng)), "）驾驶人", ("name", name),
            "已接受处理。",
        )  # fmt: skip
    elif choice == 10:
        doc.add(
            "附件：", ("secrecy_mark", "秘密★" + rng.choice(["3年", "10年", ""])),
            "材料一份，", ("secrecy_mark", "注意保密"), "。",
        )  # fmt: skip
    else:
        doc.add(
            "台湾同胞", ("name", name), "（台湾居民来往大陆通行证号码",
            ("taiwan_resident_permit", digits(rng, 8)), "）申请查阅。",
        )  # fmt: skip


def look_alike_paragraph(doc: Document, rng: random.Random, sentences: list[str]) -> None:
    """One paragraph of numbers and words that are not personal data."""
    choice = rng.randrange(9)
    year = rng.randint(2015, 2026)
    if choice == 0:
        number = f"晋卫{rng.choice(['发', '办发', '函'])}〔{year}〕{rng.randint(1, 120)}号"
        index = f"{rng.choice(REGIONS)}{digits(rng, 11)}X/{year}-{digits(rng, 5)}"
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc.add(
            "根据《", ("~文号", number), "》，索引号：", ("~索引号", index),
            "，发布日期", ("~日期", date), "。",
        )  # fmt: skip
    elif choice == 1:
        doc.add(
            "对该单位（统一社会信用代码：", ("~信用代码", credit_code(rng)), "）处以罚款人民币",
            ("~金额", f"{rng.randint(1000, 99999999)}"), "元，没收违法所得",
            ("~金额", f"{rng.randint(1000, 999999)}.{digits(rng, 2)}"), "元。",
        )  # fmt: skip
    elif choice == 2:
        doc.add(
            "咨询电话：", ("~机关电话", AGENCY_PHONE), "，电子邮箱：", ("~机关邮箱", AGENCY_EMAIL),
            "，邮政编码：", ("~邮编", f"0{rng.randint(30000, 48999)}"), "。",
        )  # fmt: skip
    elif choice == 3:
        doc.add(
            "服务热线", ("~热线", rng.choice(["12345", "12320", "12315", "95518"])),
            "，网站备案号", ("~备案号", f"晋ICP备{digits(rng, 8)}号-{rng.randint(1, 3)}"),
            "，", ("~备案号", f"晋公网安备{rng.choice(REGIONS)}{digits(rng, 8)}号"), "。",
        )  # fmt: skip
    elif choice == 4:
        office = (
            f"{rng.choice(CITIES)}{rng.choice(DISTRICTS)}{rng.choice(ROADS)}{rng.randint(1, 300)}号"
        )
        hall = (
            f"{rng.choice(ROADS)}{rng.randint(1, 300)}号政务服务中心"
            f"{rng.randint(1, 5)}楼{rng.randint(101, 520)}室"
        )
        doc.add("办公地址：", ("~机关地址", office), "，受理地点：", ("~机关地址", hall), "。")
    elif choice == 5:
        doc.add(
            "当事人", ("~匿名", rng.choice(SURNAMES) + rng.choice(["某", "某某", "××"])),
            "乘坐", ("~车次", f"G{rng.randint(1, 9999)}"), "次列车返回，合同编号",
            ("~合同号", f"HT-{year}-{digits(rng, 8)}"), "。",
        )  # fmt: skip
    elif choice == 6:
        doc.add(
            "各单位要严格遵守保密法规，保守国家", ("~秘密", "秘密"), "和工作中知悉的商业",
            ("~秘密", "秘密"), "，依法保护",
            ("~正确名称", rng.choice(["卫生健康委", "国家卫生健康委员会"])), "的政务信息。",
        )  # fmt: skip
    elif choice == 7:
        doc.add(
            "全年共办理申请", ("~统计数", str(rng.randint(100, 99999))), "件，占比",
            ("~统计数", f"{rng.randint(1, 99)}.{digits(rng, 1)}%"), "，涉及项目编号",
            ("~项目号", f"{year}{digits(rng, 6)}"), "。",
        )  # fmt: skip
    else:
        doc.add(rng.choice(sentences))


def secrecy_header(doc: Document, rng: random.Random) -> None:
    if rng.random() < 0.5:
        level = rng.choice(["绝密", "机密", "秘密"])
        doc.add(("secrecy_mark", level + rng.choice(["★1年", "★5年", "★"])))
    else:
        doc.add(
            ("secrecy_mark", rng.choice(["内部资料", "内部使用"])), "　",
            ("secrecy_mark", "不得外传"),
        )  # fmt: skip


def table(doc: Document, rng: random.Random) -> None:
    doc.add("序号\t姓名\t身份证号\t联系电话\t住址")
    for row in range(1, rng.randint(3, 8)):
        doc.add(
            f"{row}\t", ("name", make_name(rng)), "\t", ("id_number", id_number(rng)), "\t",
            ("mobile", make_mobile(rng).replace(" ", "").replace("-", "")), "\t",
            ("address", make_address(rng)),
        )  # fmt: skip


TITLES = [
    "关于{name}政府信息公开申请的答复",
    "行政处罚决定书",
    "关于开展卫生监督检查的通知",
    "公示表",
]


def build_corpus(n: int, seed: int, *, held_out: int = 0) -> list[Document]:
    rng = random.Random(seed)
    sentences = [
        line.strip()
        for path in sorted(SAMPLES.glob("*.txt"))
        for line in re.split(r"(?<=。)", path.read_text(encoding="utf-8"))
        if len(line.strip()) > 10
    ]
    personal = [personal_paragraph, held_out_paragraph, second_held_out_paragraph][held_out]
    documents = []
    for number in range(n):
        doc = Document()
        kind = number % 4
        if rng.random() < 0.15:
            secrecy_header(doc, rng)
        doc.add(TITLES[kind].replace("{name}", rng.choice(SURNAMES) + "某"))
        if kind == 3 and not held_out:
            table(doc, rng)
        for _ in range(rng.randint(4, 9)):
            if rng.random() < 0.45:
                personal(doc, rng)
            else:
                look_alike_paragraph(doc, rng, sentences)
        documents.append(doc)
    return documents


# --- scoring ---------------------------------------------------------------------------------


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(documents: list[Document], misses: int) -> dict:
    planted = Counter()
    found = Counter()
    exact = Counter()
    reported = Counter()
    true_reports = Counter()
    false_by_category = Counter()
    examples = defaultdict(list)
    for doc in documents:
        findings = find_all(doc.text, allowed=ALLOWED, lists=LISTS)
        for start, end, kind in doc.planted:
            planted[kind] += 1
            hits = [
                f for f in findings if f.kind == kind and overlaps((start, end), (f.start, f.end))
            ]
            if hits:
                found[kind] += 1
                exact[kind] += any((f.start, f.end) == (start, end) for f in hits)
            elif len(examples[f"missed {kind}"]) < misses:
                examples[f"missed {kind}"].append(doc.text[max(start - 12, 0) : end + 6])
        for finding in findings:
            reported[finding.kind] += 1
            span = (finding.start, finding.end)
            if any(kind == finding.kind and overlaps((s, e), span) for s, e, kind in doc.planted):
                true_reports[finding.kind] += 1
                continue
            category = next(
                (c for s, e, c in doc.look_alikes if overlaps((s, e), span)), "其他文字"
            )
            false_by_category[f"{finding.kind} ← {category}"] += 1
            if len(examples[f"false {finding.kind}"]) < misses:
                examples[f"false {finding.kind}"].append(
                    doc.text[max(finding.start - 12, 0) : finding.end + 6]
                )
    kinds = sorted(set(planted) | set(reported))
    per_kind = {}
    for kind in kinds:
        per_kind[str(kind)] = {
            "planted": planted[kind],
            "recall": found[kind] / planted[kind] if planted[kind] else None,
            "exact_span": exact[kind] / planted[kind] if planted[kind] else None,
            "reported": reported[kind],
            "precision": true_reports[kind] / reported[kind] if reported[kind] else None,
        }
    total_planted = sum(planted.values())
    total_reported = sum(reported.values())
    return {
        "per_kind": per_kind,
        "overall": {
            "planted": total_planted,
            "look_alikes": sum(len(doc.look_alikes) for doc in documents),
            "recall": sum(found.values()) / total_planted,
            "precision": sum(true_reports.values()) / total_reported,
        },
        "false_positives": dict(false_by_category.most_common()),
        "examples": dict(examples),
    }


def timing(documents: list[Document], repeat: int) -> dict:
    texts = [doc.text for doc in documents]
    chars = sum(len(text) for text in texts)
    reference = re.compile(r"[0-9]{5,}")

    def best(run) -> float:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        return min(times)

    detector = best(lambda: [find_all(t, allowed=ALLOWED, lists=LISTS) for t in texts])
    plain = best(lambda: [list(reference.finditer(t)) for t in texts])
    numbers = best(lambda: [find_personal_data(t, allowed=ALLOWED) for t in texts])
    return {
        "chars": chars,
        "detector_s": detector,
        "detector_chars_per_s": chars / detector,
        "reference_s": plain,
        "reference_chars_per_s": chars / plain,
        "slowdown": detector / plain,
        "numbers_only_s": numbers,
        "numbers_only_chars_per_s": chars / numbers,
    }


def print_table(title: str, documents: list[Document], result: dict) -> None:
    overall = result["overall"]
    chars = sum(len(doc.text) for doc in documents)
    print(
        f"{title}: {len(documents)} documents, {chars:,} characters, "
        f"{overall['planted']} planted items, {overall['look_alikes']} look-alikes"
    )
    print(f"{'kind':28} {'planted':>7} {'recall':>7} {'exact':>6} {'reported':>8} {'precision':>9}")

    def cell(value, width):
        return f"{value:>{width}.3f}" if value is not None else f"{'—':>{width}}"

    for kind, row in result["per_kind"].items():
        print(
            f"{kind:28} {row['planted']:>7} {cell(row['recall'], 7)} {cell(row['exact_span'], 6)}"
            f" {row['reported']:>8} {cell(row['precision'], 9)}"
        )
    print(
        f"{'overall':28} {overall['planted']:>7} {overall['recall']:>7.3f} {'':>6} {'':>8} "
        f"{overall['precision']:>9.3f}"
    )
    if result["false_positives"]:
        print("false positives by what they hit:")
        for category, count in result["false_positives"].items():
            print(f"  {count:5}  {category}")
    for label, texts in result["examples"].items():
        print(f"  {label}: " + " | ".join(text.replace("\n", "⏎") for text in texts))
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--misses", type=int, default=5, help="examples shown per kind")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    main_corpus = build_corpus(args.documents, args.seed)
    held_out = build_corpus(args.documents // 2, args.seed + 1, held_out=1)
    second = build_corpus(args.documents // 2, args.seed + 2, held_out=2)
    results = {
        "main": score(main_corpus, args.misses),
        "held_out": score(held_out, args.misses),
        "second_held_out": score(second, args.misses),
        "timing": timing(main_corpus, args.repeat),
        "seed": args.seed,
    }
    print_table(f"main corpus (seed {args.seed})", main_corpus, results["main"])
    print_table(f"held-out corpus (seed {args.seed + 1})", held_out, results["held_out"])
    print_table(
        f"second held-out corpus (seed {args.seed + 2})", second, results["second_held_out"]
    )
    timing_ = results["timing"]
    print(
        f"throughput (main corpus, best of {args.repeat}): detector "
        f"{timing_['detector_chars_per_s'] / 1e6:.2f} M chars/s ({timing_['detector_s']:.2f} s);"
        f" reference re.finditer {timing_['reference_chars_per_s'] / 1e6:.1f} M chars/s "
        f"({timing_['reference_s']:.3f} s): the detector takes {timing_['slowdown']:.0f}× the "
        f"reference; the number kinds alone (find_personal_data) "
        f"{timing_['numbers_only_chars_per_s'] / 1e6:.2f} M chars/s"
    )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
