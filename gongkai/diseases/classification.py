"""The notifiable infectious diseases (法定传染病) and their class (甲类/乙类/丙类), as data.

Source: 《中华人民共和国传染病防治法》, the 2013 text, Art.3 (S2 in
spec/regulations.md: LawRefBook/Laws, 行政法/传染病防治法(2013-06-29).md) lists
甲类 2, 乙类 25, 丙类 10 diseases and lets the State Council health department
add to or adjust 乙类/丙类. Adjustments since, by National Health Commission
notices: 手足口病 丙类 (2008); 甲型H1N1流感 乙类 (2009), then managed as
流行性感冒 in 丙类 (2013); 人感染H7N9禽流感 乙类 (2013); 新型冠状病毒感染 乙类
managed as 甲类 (2020), **乙类乙管 from 2023-01-08** (国家卫生健康委公告2022年
第7号, from memory); 猴痘 乙类 from 2023-09-20 (国家卫生健康委公告2023年第7号).
The **2025 revision** of the law (in force 2025-09-01) merged
人感染高致病性禽流感 and 人感染H7N9禽流感 into **人感染新亚型流感** (乙类) and
wrote 新冠 and 猴痘 into 乙类 (stored page: cqnews.net 2026-02-03,
重庆市健康教育所). The revision's article numbers and the rest of its list are
not re-read here [U]: a county should check the current text and change this
table (one line per disease); imports, forms, class totals and the portal
follow it.

`FORMER_NAMES` maps names used in monthly reports before 2025-09 onto the
current disease, so an office's older spreadsheets import.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DiseaseClass(models.TextChoices):
    A = "A", _("甲类")
    B = "B", _("乙类")
    C = "C", _("丙类")


CHINESE_CLASS_NAMES = {"A": "甲类", "B": "乙类", "C": "丙类"}  # as the import files write them


# (name, class) in the order of the law's list; the order of the monthly table.
DISEASES: tuple[tuple[str, str], ...] = (
    ("鼠疫", DiseaseClass.A),
    ("霍乱", DiseaseClass.A),
    ("传染性非典型肺炎", DiseaseClass.B),
    ("艾滋病", DiseaseClass.B),
    ("病毒性肝炎", DiseaseClass.B),
    ("脊髓灰质炎", DiseaseClass.B),
    ("人感染新亚型流感", DiseaseClass.B),
    ("麻疹", DiseaseClass.B),
    ("流行性出血热", DiseaseClass.B),
    ("狂犬病", DiseaseClass.B),
    ("流行性乙型脑炎", DiseaseClass.B),
    ("登革热", DiseaseClass.B),
    ("猴痘", DiseaseClass.B),
    ("炭疽", DiseaseClass.B),
    ("细菌性和阿米巴性痢疾", DiseaseClass.B),
    ("肺结核", DiseaseClass.B),
    ("伤寒和副伤寒", DiseaseClass.B),
    ("流行性脑脊髓膜炎", DiseaseClass.B),
    ("百日咳", DiseaseClass.B),
    ("白喉", DiseaseClass.B),
    ("新生儿破伤风", DiseaseClass.B),
    ("猩红热", DiseaseClass.B),
    ("布鲁氏菌病", DiseaseClass.B),
    ("淋病", DiseaseClass.B),
    ("梅毒", DiseaseClass.B),
    ("钩端螺旋体病", DiseaseClass.B),
    ("血吸虫病", DiseaseClass.B),
    ("疟疾", DiseaseClass.B),
    ("新型冠状病毒感染", DiseaseClass.B),
    ("流行性感冒", DiseaseClass.C),
    ("流行性腮腺炎", DiseaseClass.C),
    ("风疹", DiseaseClass.C),
    ("急性出血性结膜炎", DiseaseClass.C),
    ("麻风病", DiseaseClass.C),
    ("流行性和地方性斑疹伤寒", DiseaseClass.C),
    ("黑热病", DiseaseClass.C),
    ("包虫病", DiseaseClass.C),
    ("丝虫病", DiseaseClass.C),
    ("其它感染性腹泻病", DiseaseClass.C),
    ("手足口病", DiseaseClass.C),
)

FORMER_NAMES = {
    "人感染高致病性禽流感": "人感染新亚型流感",
    "人感染H7N9禽流感": "人感染新亚型流感",
    "新型冠状病毒肺炎": "新型冠状病毒感染",
    "其他感染性腹泻病": "其它感染性腹泻病",
}

CLASS_OF = dict(DISEASES)
ORDER = {name: index for index, (name, _class) in enumerate(DISEASES)}


def canonical_name(name: str) -> str | None:
    """The current name of a disease (a former name mapped), or None if not notifiable."""
    name = (name or "").strip()
    name = FORMER_NAMES.get(name, name)
    return name if name in CLASS_OF else None


def class_label(value: str) -> str:
    return str(DiseaseClass(value).label)


def parse_class(text: str) -> str | None:
    """甲类 / 甲 / A → "A"; None if not a class. Read against the Chinese names whatever the
    language of the session: the file is the office's, and in English every label begins
    with "C" (Class A, Class B …), which made a "C" cell read as 甲类."""
    text = (text or "").strip().upper()
    for value, chinese in CHINESE_CLASS_NAMES.items():
        if text in (value, chinese, chinese[:1]):
            return value
    return None
