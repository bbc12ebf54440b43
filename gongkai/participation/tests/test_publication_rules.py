"""What may be published of a message: the sender's details and anybody's personal data are
found in every public text, named in the refusal only masked, and masked on request."""

import pytest

from gongkai.participation import publication
from gongkai.privacy.detection import Kind
from gongkai.privacy.tests.examples import id_number

SENDER = publication.Sender(name="张三", phone="13912345678", email="zhang@example.org")
ID_NUMBER = id_number("11010519900307451")
MASKED_ID = "110***********" + ID_NUMBER[-4:]


def review(texts, sender=SENDER, allowed=()):
    return publication.review_public_texts(texts, sender=sender, allowed=allowed)


@pytest.mark.parametrize(
    ("texts", "found"),
    [
        ({"subject": "关于社区卫生服务中心的咨询", "reply": "您好，已转卫生院办理。"}, []),
        ({"subject": "张三的留言", "reply": "答复"}, [("subject", Kind.NAME, True)]),
        ({"body": "请回电13912345678"}, [("body", Kind.MOBILE, True)]),
        ({"body": "请回电139-1234-5678"}, [("body", Kind.MOBILE, True)]),
        ({"body": "邮箱 Zhang@Example.org"}, [("body", Kind.EMAIL, True)]),
        ({"body": "邻居王五的电话13812345678"}, [("body", Kind.MOBILE, False)]),
        ({"reply": f"经核实，身份证号{ID_NUMBER}的参保人"}, [("reply", Kind.ID_NUMBER, False)]),
        ({"body": "王府井社区"}, []),  # a one-character name is not looked for (below)
    ],
)
def test_personal_data_in_public_texts(texts, found):
    placed = review(texts)

    assert [(p.place, p.finding.kind, p.is_senders) for p in placed] == found


def test_a_one_character_name_is_not_searched_for():
    sender = publication.Sender(name="王", phone="", email="")

    assert review({"body": "王府井社区"}, sender=sender) == []


def test_a_phone_number_the_detector_would_miss_is_found_as_the_sender_typed_it():
    sender = publication.Sender(name="", phone="2345678", email="")

    (placed,) = review({"body": "家里电话2345678，白天有人"}, sender=sender)

    assert placed.is_senders
    assert placed.finding.masked == "***5678"


def test_the_agencys_office_phone_may_stay_in_the_reply():
    texts = {"reply": "请致电本委办公室0351-2345678咨询。"}

    assert review(texts, allowed=["0351-2345678"]) == []
    assert [p.finding.kind for p in review(texts)] == [Kind.LANDLINE]


def test_the_refusal_lists_each_finding_masked_never_the_value():
    texts = {
        "subject": "张三的咨询",
        "body": "邻居电话13812345678",
        "reply": f"身份证号{ID_NUMBER}已登记",
    }

    message = publication.refusal_message(review(texts))

    assert "公开内容中含有留言人的姓名" in message
    assert "留言内容中的手机号码 138****5678" in message
    assert f"答复中的身份证号码 {MASKED_ID}" in message
    assert "按建议遮盖后公开" in message
    for value in ("13812345678", ID_NUMBER, "张三"):
        assert value not in message


def test_the_masked_copy_and_the_counts_for_the_audit():
    texts = {"subject": "咨询", "body": "我是张三，电话13912345678", "reply": f"身份证{ID_NUMBER}"}
    placed = review(texts)

    masked = publication.masked_texts(texts, placed)

    assert masked == {
        "subject": "咨询",
        "body": "我是张*，电话139****5678",
        "reply": f"身份证{MASKED_ID}",
    }
    assert publication.kind_counts(placed) == {"id_number": 1, "mobile": 1, "name": 1}
