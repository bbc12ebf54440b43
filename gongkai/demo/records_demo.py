"""Demo: the demo county's year of records — something under nearly every item of its
catalogue, published on days spread over the past year (each through the services on its
own day, so 发布日期, 索引号 and on-time/late are what they would have been), with the monthly
epidemic reports its catalogue expects, notices, a normative document with its
interpretation, small real attachments (PDF, DOCX, XLSX) and a few records withdrawn or no
longer valid.

Titles are written per catalogue item as a county health bureau would word them; they are
marked 【演示】 like the rest of the county's demo records."""

import datetime
import io
import random
from dataclasses import dataclass

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import AgencyItem
from gongkai.demo.history import on_day
from gongkai.demo.loading import DEMO_MARK, publish_reviewed
from gongkai.documents import services
from gongkai.documents.models import Document, DocumentType, LinkKind, Topic, Validity
from gongkai.workdays.calendar import calendar_held

SEED = 2025
T = DocumentType


@dataclass(frozen=True)
class Entry:
    """A record to publish under catalogue item `code`."""

    code: str
    title: str
    document_type: str = T.OTHER
    topic: str = Topic.HEALTH
    element: str = ""
    attachment: str = ""  # "pdf", "docx" or "xlsx": a small real file goes with it
    late: bool = False  # formed long before it was published (the ledger shows it late)
    after: str = ""  # "withdrawn" or "expired" some weeks after publication


# One table of plausible titles per catalogue item of a county health bureau.
ENTRIES = [
    Entry(
        "0101",
        "母婴保健技术服务机构执业许可办事指南",
        T.SERVICE_GUIDE,
        Topic.MATERNAL_CHILD,
        "办事指南",
        attachment="docx",
    ),
    Entry(
        "0101",
        "演示县妇幼保健计划生育服务中心母婴保健技术服务执业许可结果公示",
        T.LICENSING,
        Topic.MATERNAL_CHILD,
        "结果信息",
    ),
    Entry(
        "0102",
        "2026年度母婴保健技术服务人员资格认定结果公示",
        T.LICENSING,
        Topic.MATERNAL_CHILD,
        "结果信息",
    ),
    Entry(
        "0104", "医疗机构执业登记办事指南", T.SERVICE_GUIDE, element="办事指南", attachment="docx"
    ),
    Entry("0108", "2026年第三季度公共场所卫生许可结果公示", T.LICENSING, element="结果信息"),
    Entry("01SX01", "2026年乡村医生执业再注册结果公示", T.LICENSING, element="结果信息"),
    Entry(
        "02SD01",
        "演示县某民营医院违反投诉管理规定行政处罚决定信息",
        T.PENALTY,
        element="行政处罚决定信息",
    ),
    Entry(
        "02SD02",
        "演示县某诊所违反医疗纠纷预防和处理规定行政处罚决定信息",
        T.PENALTY,
        element="行政处罚决定信息",
    ),
    Entry("DEMO-01", "演示县县域医共体建设2026年上半年进展情况", T.NEWS),
    Entry("G0101", "演示县卫生健康局主要职责", topic=Topic.GENERAL),
    Entry("G0102", "演示县卫生健康局内设机构及所属单位", topic=Topic.GENERAL),
    Entry("G0103", "演示县卫生健康局办公地址及乘车路线", topic=Topic.GENERAL),
    Entry("G0104", "演示县卫生健康局办公时间", topic=Topic.GENERAL),
    Entry("G0105", "演示县卫生健康局各股室联系电话", topic=Topic.GENERAL),
    Entry("G0106", "演示县卫生健康局领导班子成员及分工", T.PERSONNEL, Topic.PERSONNEL),
    Entry(
        "G0203", "关于印发《演示县2026年卫生健康政务公开工作要点》的通知", T.POLICY, Topic.OPENNESS
    ),
    Entry("G0301", "演示县医疗卫生服务体系规划（2026—2030年）", T.PLAN),
    Entry("G0402", "演示县卫生健康局2025年度部门决算", T.BUDGET, Topic.FINANCE, attachment="xlsx"),
    Entry("G0403", "演示县卫生健康局2026年“三公”经费预算情况说明", T.BUDGET, Topic.FINANCE),
    Entry(
        "G0501",
        "演示县卫生健康系统行政事业性收费项目及标准目录",
        topic=Topic.FINANCE,
        attachment="xlsx",
    ),
    Entry("G0601", "演示县卫生健康局2026年度政府集中采购实施情况", topic=Topic.FINANCE),
    Entry(
        "G0601", "演示县人民医院数字化X射线摄影系统采购项目中标结果公告", T.NOTICE, Topic.FINANCE
    ),
    Entry("G0701", "演示县突发公共卫生事件应急预案（2026年修订）", topic=Topic.DISEASE_CONTROL),
    Entry("G0702", "关于防范夏季食物中毒和肠道传染病的健康提示", T.NOTICE, Topic.DISEASE_CONTROL),
    Entry("G0703", "演示县2026年汛期医疗卫生应急保障工作情况", T.NEWS, Topic.DISEASE_CONTROL),
    Entry("G0801", "演示县2026年第一季度公共场所卫生监督检查结果", T.INSPECTION, late=True),
    Entry("G0801", "演示县2026年第二季度公共场所卫生监督检查结果", T.INSPECTION, attachment="pdf"),
    Entry(
        "G0802",
        "演示县卫生健康局2026年“双随机、一公开”抽查结果（第一批）",
        T.INSPECTION,
        attachment="pdf",
    ),
    Entry(
        "G0901",
        "演示县卫生健康局2026年度考试录用公务员拟录用人员公示",
        T.PERSONNEL,
        Topic.PERSONNEL,
    ),
    Entry(
        "G0902",
        "演示县卫生健康局所属事业单位2026年公开招聘工作人员公告",
        T.NOTICE,
        Topic.PERSONNEL,
        after="expired",
    ),
    Entry(
        "G0902",
        "演示县卫生健康局所属事业单位2026年公开招聘拟聘用人员名单公示",
        T.PERSONNEL,
        Topic.PERSONNEL,
    ),
    Entry(
        "G1002", "演示县某学校诺如病毒感染聚集性疫情处置情况通报", T.NOTICE, Topic.DISEASE_CONTROL
    ),
    Entry("G1201", "演示县卫生健康局政府信息公开指南（2026年版）", topic=Topic.OPENNESS),
    Entry("G1202", "演示县卫生健康局政府信息公开目录（2026年版）", topic=Topic.OPENNESS),
    Entry(
        "P0101",
        "关于开展2026—2027年度流感疫苗接种工作的通知",
        T.NOTICE,
        Topic.DISEASE_CONTROL,
        "服务项目和内容",
    ),
    Entry(
        "P0101",
        "演示县预防接种门诊名单及服务时间",
        T.SERVICE_GUIDE,
        Topic.DISEASE_CONTROL,
        "服务机构信息",
    ),
    Entry("P0102", "演示县居民健康档案查询服务指南", T.SERVICE_GUIDE, element="服务项目和内容"),
    Entry(
        "P0103",
        "关于开展2026年全民健康生活方式宣传月活动的通知",
        T.NOTICE,
        element="服务项目和内容",
        after="withdrawn",
    ),
    Entry(
        "P0104",
        "演示县0～6岁儿童健康管理服务项目及流程",
        T.SERVICE_GUIDE,
        Topic.MATERNAL_CHILD,
        "服务项目和内容",
    ),
    Entry(
        "P0105",
        "演示县孕产妇健康管理服务指南",
        T.SERVICE_GUIDE,
        Topic.MATERNAL_CHILD,
        "服务项目和内容",
    ),
    Entry(
        "P0106",
        "关于开展2026年65岁及以上老年人免费健康体检的通知",
        T.NOTICE,
        element="服务项目和内容",
    ),
    Entry(
        "P0107",
        "演示县高血压、2型糖尿病患者健康管理服务规范（2026年版）",
        T.SERVICE_GUIDE,
        element="服务项目和内容",
    ),
    Entry("P0108", "演示县严重精神障碍患者管理服务机构名单", element="服务机构信息"),
    Entry("P0109", "演示县2026年世界防治结核病日宣传活动情况", T.NEWS, Topic.DISEASE_CONTROL),
    Entry(
        "P0110",
        "演示县中医药健康管理服务项目介绍",
        T.SERVICE_GUIDE,
        Topic.MEDICINE,
        "服务项目和内容",
    ),
    Entry("P0111", "关于做好2026年冬春季传染病防控工作的通知", T.NOTICE, Topic.DISEASE_CONTROL),
    Entry("P0112", "演示县卫生计生监督协管工作规范", element="服务项目和内容"),
    Entry(
        "P0601",  # P0201 until the standard catalogue's version 2 (行政给付类事项)
        "演示县2026年度农村部分计划生育家庭奖励扶助对象确认结果公示",
        T.NOTICE,
        Topic.FAMILY_PLANNING,
        "对象确认公示",
    ),
    Entry(
        "P0602",  # P0202 until the standard catalogue's version 2 (行政给付类事项)
        "演示县2026年计划生育家庭特别扶助金发放情况公示",
        T.NOTICE,
        Topic.FAMILY_PLANNING,
        "结果信息",
    ),
    Entry(
        "P0203",
        "独生子女父母光荣证办理指南",
        T.SERVICE_GUIDE,
        Topic.FAMILY_PLANNING,
        "服务项目和内容",
    ),
    Entry(
        "P0204",
        "演示县生育登记服务指南（网上办理）",
        T.SERVICE_GUIDE,
        Topic.FAMILY_PLANNING,
        "服务项目和内容",
    ),
    Entry(
        "P0205",
        "出生医学证明首次签发办理指南",
        T.SERVICE_GUIDE,
        Topic.MATERNAL_CHILD,
        "服务项目和内容",
    ),
    Entry("P0301", "演示县人民医院机构概况", element="基本信息"),
    Entry(
        "P0302",
        "演示县人民医院常用医疗服务项目价格公示",
        element="医保、价格、收费等服务信息",
        attachment="xlsx",
    ),
    Entry("P0303", "演示县人民医院住院综合楼建设项目招标公告", T.NOTICE, element="招标采购信息"),
    Entry("P0304", "演示县卫生健康系统2026年行风建设工作情况通报", T.NEWS),
]
# A normative document (item G0202) published with its interpretation (G0204).
NORMATIVE = "演示县基层医疗卫生机构绩效考核办法"
# Published with each record's text; the summary is its first sentence.
BODY = (
    "<p>{title}。</p>"
    "<p>根据有关法律法规和上级部门要求，结合本县实际，现予公开。"
    "如有疑问，请在工作日与演示县卫生健康局办公室联系（电话：0356-1234567，演示）。</p>"
    "<p>（本文为演示数据，内容为虚构。）</p>"
)


def _pdf(title: str, lines: list[str]) -> bytes:
    import pymupdf  # loaded only for the demo's attachments

    document = pymupdf.open()
    page = document.new_page()
    y = 72
    for number, line in enumerate([title, *lines]):
        page.insert_text((56, y), line, fontname="china-s", fontsize=14 if number == 0 else 11)
        y += 28 if number == 0 else 20
    data = document.tobytes(garbage=3, deflate=True)
    document.close()
    return data


def _docx(title: str, lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx(title: str, rows: list[tuple]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "演示数据"
    sheet.append([title])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def attachment_for(entry: Entry) -> tuple[str, bytes]:
    """A small real file for the record: (file name, bytes)."""
    title = entry.title
    if entry.attachment == "pdf":
        lines = [
            "序号  单位名称            检查项目        结果",
            "1     演示县某宾馆        公共用品消毒    合格",
            "2     演示县某浴池        水质检测        合格",
            "3     演示县某美发店      卫生许可证      责令改正",
            "（演示数据，单位名称为虚构）",
        ]
        return f"{title}.pdf", _pdf(title, lines)
    if entry.attachment == "docx":
        lines = [
            "申请单位（盖章）：",
            "法定代表人（负责人）：            联系电话：",
            "申请事项：",
            "所附材料：1. 申请书  2. 营业执照复印件  3. 场所平面图",
            "（演示用申请表，不作正式用途）",
        ]
        return f"{title}（申请表）.docx", _docx(title, lines)
    rows = [
        ("序号", "项目", "金额或标准（元）", "依据"),
        (1, "一般诊疗费", 10, "晋发改价格〔2021〕（演示）"),
        (2, "预防接种服务费（第二类疫苗）", 20, "演示文件"),
        (3, "公共场所卫生检测费", 150, "演示文件"),
        ("", "（演示数据）", "", ""),
    ]
    return f"{title}.xlsx", _xlsx(title, rows)


def _schedule(rng: random.Random, count: int, today: datetime.date) -> list[int]:
    """Days before today for `count` publications, spread over the past year."""
    low, high = 6, 350
    step = (high - low) / count
    days = [int(high - index * step - rng.random() * step) for index in range(count)]
    return rng.sample(days, count)


class _Publisher:
    def __init__(self, agency: Agency, users: dict) -> None:
        self.agency = agency
        self.publisher, self.reviewer = users["county_publisher"], users["county_reviewer"]
        self.items = {
            item.code: item for item in AgencyItem.objects.filter(catalogue__agency=agency)
        }

    def draft(self, entry: Entry, formed_on: datetime.date, **values) -> Document:
        item = self.items[entry.code]
        elements = {e.get("name") for e in item.elements or []}
        full = {
            "title": f"{DEMO_MARK}{entry.title}",
            "document_number": "",
            "document_type": entry.document_type,
            "topic": entry.topic,
            "catalogue_item": item,
            "catalogue_element": entry.element if entry.element in elements else "",
            "formed_on": formed_on,
            "summary": entry.title + "。",
            "body": BODY.format(title=entry.title),
            "attribute": "proactive",
            "scope": "full",
            "withholding_basis": "",
            "withholding_reason": "",
            **values,
        }
        return services.create_draft(
            agency=self.agency, actor=self.publisher, values=full, issuers=[self.agency.name]
        )

    def publish(self, entry: Entry, published_on: datetime.date, **kwargs) -> Document:
        """Draft it a few days before, attach its file, publish it on `published_on`."""
        # 双公示 results have 7 working days, the rest 20: drafted within either, unless late.
        formed_on = published_on - datetime.timedelta(days=50 if entry.late else 2)
        with on_day(formed_on, hour=9):
            document = self.draft(entry, formed_on)
            if entry.attachment:
                name, data = attachment_for(entry)
                services.add_attachment(
                    document=document, actor=self.publisher, name=name, data=data
                )
        with on_day(published_on, hour=15):
            waiver = ""
            if document.needs_interpretation:
                waiver = "工作部署类文件，内容简明，不作解读。"
            return publish_reviewed(
                document,
                publisher=self.publisher,
                reviewer=self.reviewer,
                interpretation_waiver=waiver,
                **kwargs,
            )

    def afterwards(self, entry: Entry, document: Document, day: datetime.date) -> None:
        with on_day(day, hour=11):
            if entry.after == "withdrawn":
                services.withdraw(
                    document=document,
                    actor=self.reviewer,
                    reason="活动时间调整，原通知撤回，以重新发布的通知为准。",
                )
            elif entry.after == "expired":
                services.change_validity(
                    document=document,
                    actor=self.reviewer,
                    validity=Validity.EXPIRED,
                    changed_on=day,
                )


def _monthly_epidemic_reports(publisher: _Publisher, today: datetime.date) -> None:
    """法定传染病疫情信息 (G1001) is published monthly: each month's by the 10th of the next."""
    month = today.replace(day=1)
    for _n in range(11):
        published_on = month.replace(day=8)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
        if published_on >= today:
            continue
        title = f"演示县{month.year}年{month.month}月法定传染病疫情概况"
        publisher.publish(Entry("G1001", title, T.NOTICE, Topic.DISEASE_CONTROL), published_on)


def _normative_with_interpretation(publisher: _Publisher, today: datetime.date) -> None:
    formed_on = today - datetime.timedelta(days=130)
    with on_day(formed_on, hour=9):
        policy = publisher.draft(
            Entry("G0202", NORMATIVE, T.NORMATIVE),
            formed_on,
            document_number="演卫发〔2026〕7号",
            effective_on=formed_on + datetime.timedelta(days=30),
        )
        interpretation = publisher.draft(
            Entry("G0204", f"《{NORMATIVE}》政策解读", T.INTERPRETATION),
            formed_on,
            interpretation_form="text",
            body="<h2>一、制定背景</h2><p>……（演示正文）</p><h2>二、主要内容</h2><p>……</p>",
        )
        services.link_documents(
            source=interpretation,
            target=policy,
            kind=LinkKind.INTERPRETS,
            actor=publisher.publisher,
        )
        services.submit_for_review(document=interpretation, actor=publisher.publisher)
    with on_day(formed_on + datetime.timedelta(days=3), hour=15):
        publish_reviewed(policy, publisher=publisher.publisher, reviewer=publisher.reviewer)


def load_year_records(agency: Agency, users: dict) -> None:
    """The county's year of records (idempotent)."""
    if Document.objects.filter(agency=agency, title=f"{DEMO_MARK}{ENTRIES[0].title}").exists():
        return
    rng = random.Random(SEED)  # noqa: S311 - made-up demo data, not a secret
    today = timezone.localdate()
    publisher = _Publisher(agency, users)
    with calendar_held():
        for entry, days_ago in zip(ENTRIES, _schedule(rng, len(ENTRIES), today), strict=True):
            published_on = today - datetime.timedelta(days=days_ago)
            document = publisher.publish(entry, published_on)
            if entry.after:
                publisher.afterwards(
                    entry, document, min(today, published_on + datetime.timedelta(days=40))
                )
        _monthly_epidemic_reports(publisher, today)
        _normative_with_interpretation(publisher, today)
