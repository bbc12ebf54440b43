"""Each kind `scan.find_all` reports, and the look-alikes of government texts that it must
not report (table-driven)."""

import pytest

from gongkai.privacy.detection import Confidence, Kind
from gongkai.privacy.scan import find_all
from gongkai.privacy.tests.examples import credit_code, id_number

ID = id_number("14010519850228002")
CREDIT_CODE = credit_code("91140100MA0K12345")

FOUND = [
    # text, kind, the text found
    (
        "家住太原市小店区长风街12号3栋2单元301室，",
        Kind.ADDRESS,
        "太原市小店区长风街12号3栋2单元301室",
    ),
    (
        "住址：晋中市榆次区东顺城街5号院2号楼1单元",
        Kind.ADDRESS,
        "晋中市榆次区东顺城街5号院2号楼1单元",
    ),
    ("张某现住阳曲县黄寨镇北头村三组，", Kind.ADDRESS, "阳曲县黄寨镇北头村三组"),
    ("投诉人在迎泽区桃园南路8号2单元502室开设诊所", Kind.ADDRESS, "迎泽区桃园南路8号2单元502室"),
    ("车牌号晋A12345的车辆", Kind.LICENCE_PLATE, "晋A12345"),
    ("京N·8K672", Kind.LICENCE_PLATE, "京N·8K672"),
    ("新能源车粤BD12345", Kind.LICENCE_PLATE, "粤BD12345"),
    ("货车鲁C12345D", Kind.LICENCE_PLATE, "鲁C12345D"),
    ("挂车冀F1234挂", Kind.LICENCE_PLATE, "冀F1234挂"),
    ("护照号码E12345678", Kind.PASSPORT, "E12345678"),
    ("passport EA1234567", Kind.PASSPORT, "EA1234567"),
    ("旧护照G23456789", Kind.PASSPORT, "G23456789"),
    ("护照号141234567", Kind.PASSPORT, "141234567"),
    ("公务护照SE1234567", Kind.PASSPORT, "SE1234567"),
    ("回乡证H12345678", Kind.HK_MACAO_RESIDENT_PERMIT, "H12345678"),
    ("港澳居民来往内地通行证M1234567801", Kind.HK_MACAO_RESIDENT_PERMIT, "M1234567801"),
    ("台胞证号码12345678", Kind.TAIWAN_RESIDENT_PERMIT, "12345678"),
    ("台湾居民来往大陆通行证：0123456701(B)", Kind.TAIWAN_RESIDENT_PERMIT, "0123456701(B)"),
    ("往来港澳通行证C12345678", Kind.HK_MACAO_TRAVEL_PERMIT, "C12345678"),
    ("港澳通行证CB1234567", Kind.HK_MACAO_TRAVEL_PERMIT, "CB1234567"),
    ("申请人：李小明，男", Kind.NAME, "李小明"),
    ("患者王伟在院治疗", Kind.NAME, "王伟"),
    ("联系人 欧阳明华 电话", Kind.NAME, "欧阳明华"),
    (f"刘建国，身份证号{ID}", Kind.NAME, "刘建国"),
    ("居民和王伟13812345678", Kind.NAME, "王伟"),
    ("如有疑问请联系赵敏的手机：13912345678", Kind.NAME, "赵敏"),
    ("经办人：龚霞；联系方式：13812345678", Kind.NAME, "龚霞"),
    (f"李超同志，身份证{ID}", Kind.NAME, "李超"),
    (f"身份证号码为{ID}的诸葛春鑫未到场", Kind.NAME, "诸葛春鑫"),
    ("我叫蒋芳，住在城区", Kind.NAME, "蒋芳"),
    ("港澳居民谢荣，回乡证号码：H1234567800", Kind.NAME, "谢荣"),
    ("收款人：诸葛桂颖，开户行：工商银行", Kind.NAME, "诸葛桂颖"),
    ("联系方式：15790026661（金军军）", Kind.NAME, "金军军"),
    ("台湾同胞邹明超（台湾居民来往大陆通行证号码12345678）", Kind.NAME, "邹明超"),
    ("机密★1年", Kind.SECRECY_MARK, "机密★1年"),
    ("绝密 ★", Kind.SECRECY_MARK, "绝密 ★"),
]


@pytest.mark.parametrize(("text", "kind", "found"), FOUND)
def test_each_kind_is_found(text, kind, found):
    findings = [f for f in find_all(text) if f.kind == kind]

    assert [f.text for f in findings] == [found]
    assert text[findings[0].start : findings[0].end] == found


NOT_FOUND = [
    # text, why it is not personal data
    ("晋卫发〔2019〕12号", "文号"),
    ("索引号：11140000012345678X/2026-00123", "索引号"),
    (f"索引号：{ID}/2020-00012", "an 索引号 whose code happens to pass the ID check"),
    ("2026年11月16日、2026-11-16、20261116", "dates"),
    ("罚款人民币12345678元，¥ 13812345678", "amounts"),
    (f"统一社会信用代码{CREDIT_CODE}", "a credit code"),
    ("邮政编码030001", "postcode"),
    ("服务热线12345、12320、95518", "hotlines"),
    ("晋ICP备12345678号-1，晋公网安备14010502000123号", "备案号"),
    ("办公地址：太原市小店区长治路111号", "an office's address"),
    ("受理地点：太原市迎泽区迎泽大街200号政务服务中心2楼205室", "an office's room"),
    ("3号楼已竣工", "a building with no road before it"),
    ("当事人王某某，男", "a name already anonymous"),
    ("项目负责人应带头执行", "a label in a sentence"),
    ("联系人：办公室", "a label without a name"),
    ("关于开展检查的通知\n手机：13812345678", "a name is looked for in the same line only"),
    ("依法保护卫生健康委的政务信息。手机13812345678", "nor across a full stop"),
    ("请拨打13812345678咨询", "a mobile with no name before it (the mobile is found, no name)"),
    ("保守国家秘密是公民的义务，商业秘密受法律保护", "秘密 without ★"),
    ("G1234次列车", "a train number"),
    ("型号ABC12345", "a model number"),
    ("12345678", "eight digits with no 台胞证 label"),
    ("京ABCDE", "letters only after a province"),
]


@pytest.mark.parametrize(("text", "why"), NOT_FOUND)
def test_look_alikes_are_not_reported(text, why):
    kinds = {f.kind for f in find_all(text)}

    assert kinds <= {Kind.MOBILE}, why


@pytest.mark.parametrize(
    "text",
    [
        "申请人系台湾居民，台胞证号码12345678",  # 居 is a surname, 居民 no name
        "申请人为外籍人士，持护照E12345678",  # nor 籍人士
        "请将材料交本人，手机13812345678",
    ],
)
def test_words_for_people_before_a_number_are_no_names(text):
    assert Kind.NAME not in {f.kind for f in find_all(text)}


def test_an_office_phone_published_on_purpose_stays_when_allowed():
    text = "咨询电话：0351-4567890，地址：太原市小店区长治路111号2号楼301室"

    assert find_all(text, allowed=["0351-4567890", "太原市小店区长治路111号2号楼301室"]) == []
    assert {f.kind for f in find_all(text)} == {Kind.LANDLINE}


def test_confidence_is_high_for_checked_numbers_and_low_for_a_name_guessed_before_one():
    findings = {f.kind: f for f in find_all(f"刘建国，身份证号{ID}，护照E12345678，车牌晋A12345")}

    assert findings[Kind.ID_NUMBER].confidence == Confidence.HIGH
    assert findings[Kind.PASSPORT].confidence == Confidence.HIGH  # after its label
    assert findings[Kind.NAME].confidence == Confidence.LOW
    assert findings[Kind.LICENCE_PLATE].confidence == Confidence.MEDIUM
    assert find_all("E12345678")[0].confidence == Confidence.MEDIUM  # no label


def test_findings_carry_their_paragraph_and_offsets_in_the_original_text():
    text = "第一段没有。\n\n第二段：申请人张三。\n第三段：手机１３９１２３４５６７８"

    findings = find_all(text)

    assert [(f.kind, f.paragraph) for f in findings] == [(Kind.NAME, 2), (Kind.MOBILE, 3)]
    assert text[findings[1].start : findings[1].end] == "１３９１２３４５６７８"


def test_masked_forms_of_the_new_kinds():
    text = "家住太原市小店区长风街12号3栋2单元301室，车牌晋A12345，护照E12345678"

    masked = {f.kind: f.masked for f in find_all(text)}

    assert masked == {
        Kind.ADDRESS: "太原市小店区长风街****",
        Kind.LICENCE_PLATE: "晋A****5",
        Kind.PASSPORT: "E******78",
    }


def test_full_width_plates_and_passports_keep_their_original_text():
    text = "车牌晋Ａ１２３４５，护照Ｅ１２３４５６７８"

    assert [(f.kind, f.text) for f in find_all(text)] == [
        (Kind.LICENCE_PLATE, "晋Ａ１２３４５"),
        (Kind.PASSPORT, "Ｅ１２３４５６７８"),
    ]


def test_every_kind_and_confidence_has_a_chinese_label():
    from gongkai.privacy.labels import confidence_label, kind_label

    assert all(kind_label(kind) for kind in Kind)
    assert [confidence_label(level) for level in Confidence] == ["高", "中", "低"]
