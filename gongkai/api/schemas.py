"""Response and query schemas of the public read API: the contract the tests pin."""

import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from gongkai import limits
from gongkai.documents.models import DocumentType, Topic, Validity
from gongkai.foi.consultations import ConsultationParty, ConsultationResult
from gongkai.foi.fees import FeeMethod
from gongkai.foi.identity import IdType
from gongkai.foi.models import DeliveryForm, FeeNoticeService
from gongkai.foi.models import Status as ApplicationStatus
from gongkai.foi.outcomes import ApplicantType, NotHeldReason, Outcome
from gongkai.foi.personal_data import Visibility as PersonalDataVisibility
from gongkai.foi.receipt import Channel


class ErrorOut(Schema):
    detail: str


class ChoiceOut(Schema):
    """A coded value with its label in the reader's language."""

    value: str
    label: str


class AgencyRefOut(Schema):
    code: str
    name: str


class AgencyOut(Schema):
    code: str
    name: str
    short_name: str
    level: ChoiceOut
    parent: str | None = Field(description="上级机关的机关代码")
    url: str
    portal_url: str
    guide_url: str
    catalogue_url: str


class AgencyDetailOut(AgencyOut):
    """An agency with the disclosure office's details (条例 Art.12)."""

    office_name: str
    office_address: str
    office_hours: str
    office_telephone: str
    office_fax: str
    office_email: str
    office_online_contact: str
    office_postcode: str


class CatalogueElementOut(Schema):
    name: str
    details: str = ""
    time_limit_days: int | None = None
    time_limit_text: str = ""
    channels: list[str] = []
    audience: str = ""
    mode: str = ""
    level: str = ""


class CatalogueItemOut(Schema):
    code: str
    name: str
    basis: str
    time_limit_days: int
    time_limit_text: str
    subject: str
    channels: list[str]
    audience: str
    mode: str
    level: str
    elements: list[CatalogueElementOut]
    public_record_count: int
    records_url: str


class CatalogueCategoryOut(Schema):
    code: str
    name: str
    items: list[CatalogueItemOut]


class AgencyCatalogueOut(Schema):
    agency: AgencyRefOut
    categories: list[CatalogueCategoryOut]


class CatalogueItemRefOut(Schema):
    code: str
    name: str


class RecordRefOut(Schema):
    id: int
    title: str
    url: str
    portal_url: str


class RecordOut(Schema):
    id: int
    title: str
    index_number: str | None
    document_number: str
    agency: AgencyRefOut
    issuers: list[str]
    document_type: ChoiceOut
    topic: ChoiceOut
    catalogue_item: CatalogueItemRefOut
    published_on: datetime.date | None
    validity: ChoiceOut
    summary: str
    url: str
    portal_url: str


class RecordPageOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None
    results: list[RecordOut]


class ValidityOut(ChoiceOut):
    changed_on: datetime.date | None


class AttachmentOut(Schema):
    name: str
    kind: str
    size: int = Field(description="字节数")
    url: str


class RecordDetailOut(Schema):
    id: int
    title: str
    index_number: str | None
    document_number: str
    agency: AgencyRefOut
    issuers: list[str]
    document_type: ChoiceOut
    topic: ChoiceOut
    catalogue_item: CatalogueItemRefOut
    formed_on: datetime.date
    published_on: datetime.date | None
    effective_on: datetime.date | None
    validity: ValidityOut
    scope: ChoiceOut
    redaction_basis: str = Field(description="删减后公开的依据；全文公开时为空")
    summary: str
    body_html: str
    attachments: list[AttachmentOut]
    interpretations: list[RecordRefOut]
    interprets: list[RecordRefOut]
    amended_by: list[RecordRefOut]
    repealed_by: list[RecordRefOut]
    url: str
    portal_url: str


class WithdrawnOut(Schema):
    """A record that was public and has been withdrawn: why, and when (HTTP 410)."""

    detail: str = "withdrawn"
    title: str
    index_number: str | None
    withdrawn_on: datetime.date | None
    reason: str


class RecordFilters(Schema):
    agency: str | None = Field(None, description="机关代码")
    type: DocumentType | None = Field(None, description="文件类型")
    topic: Topic | None = Field(None, description="主题分类")
    year: int | None = Field(None, ge=1900, le=2999, description="发布年份")
    validity: Validity | None = Field(None, description="有效性")
    catalogue_item: str | None = Field(None, description="目录事项编码（须同时指定 agency）")
    q: str | None = Field(None, max_length=200, description="标题包含的文字；全文检索请用 /search")
    page: int = Field(1, description="页码，最大 50")
    page_size: int = Field(20, description="每页条数，最大 100")


class SearchFilters(Schema):
    q: str = Field("", max_length=200, description="检索词；文号或索引号精确匹配时该条排在最前")
    agency: str | None = Field(None, description="机关代码")
    type: DocumentType | None = Field(None, description="文件类型")
    year: int | None = Field(None, ge=1900, le=2999, description="发布年份")
    validity: Validity | None = Field(None, description="有效性")
    sort: Literal["relevance", "date"] = Field("relevance", description="相关度或发布日期")
    page: int = Field(1, description="页码，最大 50")
    page_size: int = Field(20, description="每页条数，最大 100")


class SearchHitOut(Schema):
    id: int
    title: str
    index_number: str | None
    document_number: str
    published_on: datetime.date | None
    agency: AgencyRefOut
    document_type: ChoiceOut
    validity: ChoiceOut
    snippet: str = Field(description="HTML 摘要，命中的词以 <mark> 标出，其余已转义")
    url: str
    portal_url: str


class SuggestionOut(Schema):
    text: str
    total: int
    message: str
    without_filters: bool


class SearchPageOut(Schema):
    query: str
    sort: str
    total: int
    page: int
    page_size: int
    pages: int
    truncated: bool = Field(description="结果超过 50 页，只能看到前 50 页")
    next: str | None
    previous: str | None
    results: list[SearchHitOut]
    suggestions: list[SuggestionOut]


# --- staff API: information applications (token required) ---------------------------------


class FieldErrorOut(Schema):
    """A refused request: the reason in Chinese and, when one input is at fault, its name."""

    detail: str
    field: str | None = None


class UserRefOut(Schema):
    id: int
    username: str
    name: str


class ApplicationIn(Schema):
    """An application received in person, by post, by fax or online (条例第二十九条、第三十一条)."""

    agency: str = Field(description="受理机关的机关代码")
    channel: Channel = Field(description="提交方式；决定以哪个日期为收到申请之日")
    submitted_on: datetime.date = Field(description="提交（送达）日期")
    signed_on: datetime.date | None = Field(None, description="签收日期：需签收的邮件必填")
    confirmed_on: datetime.date | None = Field(
        None, description="确认日期：平常信函、互联网渠道、传真必填"
    )
    arrived_on: datetime.date | None = Field(
        None, description="到达日期：平常信函、互联网渠道、传真必填；应于当日与申请人确认"
    )
    confirmation_delay_reason: str = Field(
        "",
        max_length=limits.REASON,
        description="确认日期晚于到达日期时必填：未能当日确认的原因（条例第三十一条）",
    )
    applicant_type: ApplicantType
    applicant_name: str = Field(max_length=200, description="姓名或名称")
    id_type: IdType
    id_number: str = Field(max_length=40, description="证件号码，按证件类型校验")
    phone: str = Field(max_length=40)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=300)
    postcode: str = Field("", max_length=12)
    contact_person: str = Field("", max_length=100, description="法人或其他组织的联系人")
    description: str = Field(
        max_length=limits.APPLICATION_DESCRIPTION, description="所需政府信息的名称或内容描述"
    )
    document_numbers: str = Field("", max_length=300, description="文号")
    delivery_form: DeliveryForm = Field(description="获取信息的方式")


class ApplicationFilters(Schema):
    agency: str | None = Field(None, description="机关代码")
    status: ApplicationStatus | None = Field(None, description="办理状态")
    overdue: bool | None = Field(
        None, description="true：只列出已超过答复期限的在办申请；false：排除这些申请"
    )
    page: int = Field(1, description="页码，最大 50")
    page_size: int = Field(20, description="每页条数，最大 100")


class ApplicationOut(Schema):
    id: int
    query_code: str
    agency: AgencyRefOut
    status: ChoiceOut
    applicant_type: ChoiceOut
    applicant_name: str = Field(description="personal_data 为 hidden 时为“申请人（已隐去）”")
    personal_data: PersonalDataVisibility = Field(
        description="本令牌用户看到的申请人个人信息：full 完整（受理机关的承办人、管理员）；"
        "masked 证件号码、电话、邮箱、地址、邮编已部分隐去（受理机关的其他工作人员）；"
        "hidden 不含个人信息，姓名隐去，证件和联系方式为 null（督查员、上级机关等）"
    )
    description: str
    channel: ChoiceOut
    received_on: datetime.date
    due_on: datetime.date | None = Field(description="答复期限（由办理记录推算；暂停时为空）")
    due_is_provisional: bool = Field(
        default=False,
        description="期限经过节假日安排尚未公布的年份，按放假办法暂定计算（暂定）",
    )
    is_overdue: bool = Field(description="在办且已超过答复期限")
    outcome: ChoiceOut | None = Field(description="处理结果，即年度报告中的行")
    replied_on: datetime.date | None
    closed_on: datetime.date | None
    handler: UserRefOut | None
    url: str


class ApplicationPageOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None
    results: list[ApplicationOut]


class ClockOut(Schema):
    """The reply clock derived from the log and the working-day calendar (条例第三十至三十三条)."""

    received_on: datetime.date
    start_on: datetime.date = Field(description="计算起点：收到申请之日，或收到补正之日")
    due_on: datetime.date | None = Field(description="届满日；暂停或补正未到时为空")
    due_is_provisional: bool = Field(
        default=False,
        description="期限经过节假日安排尚未公布的年份，按放假办法暂定计算（暂定）",
    )
    limit_days: int = Field(description="答复期限（工作日），含延长")
    used_days: int
    remaining_days: int
    paused_since: datetime.date | None
    pause_reason: str
    is_overdue: bool
    explanation: list[str] = Field(description="期限如何算出，逐句说明")
    problems: list[str] = Field(description="记录中不符合条例的情况")


class EventOut(Schema):
    id: int
    kind: ChoiceOut
    on: datetime.date
    days: int
    note: str
    details: dict[str, Any]
    actor: UserRefOut | None
    created_at: datetime.datetime


class ApplicationDetailOut(ApplicationOut):
    already_public: bool
    contact_person: str | None = Field(description="personal_data 为 hidden 时为 null")
    id_type: ChoiceOut | None = Field(description="personal_data 为 hidden 时为 null")
    id_number: str | None = Field(description="masked 时如 110***********4522；hidden 时为 null")
    phone: str | None = Field(description="masked 时如 138****5678；hidden 时为 null")
    email: str | None = Field(description="masked 时如 z***@example.com；hidden 时为 null")
    address: str | None = Field(
        description="masked 时只留行政区划，如 北京市东城区****；hidden 时为 null"
    )
    postcode: str | None = Field(description="masked 时只留前四位；hidden 时为 null")
    document_numbers: str
    delivery_form: ChoiceOut
    submitted_on: datetime.date
    signed_on: datetime.date | None
    confirmed_on: datetime.date | None
    arrived_on: datetime.date | None
    confirmation_delay_reason: str = Field(description="确认晚于到达日期的原因；按时确认的为空")
    reply_text: str
    fee_method: ChoiceOut | None
    fee_amount: int | None
    fee_paid_amount: int | None
    clock: ClockOut | None = Field(description="工作日历缺少所需年度时为空，原因见 clock_error")
    clock_error: str | None
    events: list[EventOut]
    allowed_events: list[str] = Field(description="当前状态下本令牌用户可以记录的事项")


class SupplementRequestedIn(Schema):
    """补正告知 (条例第三十条): once, listing everything needed."""

    kind: Literal["supplement_requested"]
    on: datetime.date
    items: str = Field(max_length=limits.STAFF_TEXT, description="需要补正的全部事项")
    deadline_days: int = Field(ge=1, le=30, description="补正期限（工作日）")


class SupplementReceivedIn(Schema):
    """收到补正: the clock restarts (条例第三十条)."""

    kind: Literal["supplement_received"]
    on: datetime.date


class ConsultationStartedIn(Schema):
    """书面征求第三方或其他机关意见 (条例第三十二条、第三十四条)."""

    kind: Literal["consultation_started"]
    on: datetime.date
    party: str = Field(max_length=200, description="征求意见的对象")
    party_kind: ConsultationParty = Field(
        ConsultationParty.THIRD_PARTY,
        description="third_party：第三方（第三十二条）；agency：共同制作的其他机关（第三十四条）",
    )


class ConsultationDeliveredIn(Schema):
    """对方收到征求意见书之日: its 15 working days run from it."""

    kind: Literal["consultation_delivered"]
    on: datetime.date
    consultation: int | None = Field(
        None, description="征求意见（开始事项）的编号；只有一项时可省略"
    )


class ConsultationEndedIn(Schema):
    """收到意见或期满 (期满：第三方由本机关依法决定，其他机关视为同意)."""

    kind: Literal["consultation_ended"]
    on: datetime.date
    note: str = Field("", max_length=limits.STAFF_TEXT)
    result: ConsultationResult = ConsultationResult.ANSWERED
    decision: str = Field(
        "", max_length=limits.STAFF_TEXT, description="第三方逾期未提出意见时，本机关的决定"
    )
    consultation: int | None = Field(
        None, description="征求意见（开始事项）的编号；只有一项时可省略"
    )


class DelayedIn(Schema):
    """延迟答复 (条例第三十五条): a date, or working days after `on` (one of the two)."""

    kind: Literal["delayed"]
    on: datetime.date
    reason: str = Field(max_length=limits.STAFF_TEXT, description="延迟答复的理由")
    until: datetime.date | None = None
    days: int | None = Field(None, ge=1, le=250)


class ExtendedIn(Schema):
    """延长答复期限 (条例第三十三条第二款)."""

    kind: Literal["extended"]
    on: datetime.date
    days: int = Field(ge=1, le=20, description="延长的工作日数（合计不超过20）")
    approved_by: str = Field(max_length=100, description="批准人（工作机构负责人）")


class FeeNotifiedIn(Schema):
    """收费通知 (国办函〔2020〕109号)."""

    kind: Literal["fee_notified"]
    on: datetime.date
    method: FeeMethod
    quantity: int = Field(ge=1, description="件数或页数")
    service: FeeNoticeService | None = Field(
        None, description="当场送达时可一并填写送达方式；否则另行记录 fee_notice_served"
    )
    received_on: datetime.date | None = Field(
        None, description="申请人收到收费通知的日期（填写 service 时必填）"
    )


class FeeNoticeServedIn(Schema):
    """收费通知送达: the applicant pays within 20 working days from the day after `on`
    (国办函〔2020〕109号); until it is recorded, closing as unpaid is refused."""

    kind: Literal["fee_notice_served"]
    on: datetime.date = Field(description="申请人收到收费通知的日期（邮寄的以签收回执为准）")
    service: FeeNoticeService = Field(description="送达方式")
    note: str = Field(
        "", max_length=limits.STAFF_TEXT, description="说明；更正已登记的送达情况时必填"
    )


class FeePaidIn(Schema):
    kind: Literal["fee_paid"]
    on: datetime.date
    amount: int = Field(ge=0, description="实收金额（元）")


class ReplyDraftedIn(Schema):
    """起草答复; it is recorded on the day it is written, so `on` may only be today."""

    kind: Literal["reply_drafted"]
    on: datetime.date | None = Field(None, description="可省略；填写时须为当天")
    outcome: Outcome = Field(description="答复类型（年度报告的行）；other.1、other.2 用办结事项")
    text: str = Field(max_length=limits.REPLY, description="答复内容")
    already_public: bool = False
    not_held_reason: NotHeldReason | Literal[""] = Field(
        "",
        description="本机关不掌握（unable.1）时必填："
        "not_exist 第三十六条第（四）项，not_ours 第（五）项",
    )
    responsible_agency: str = Field("", max_length=200, description="第（五）项：负责公开的机关")
    responsible_agency_contact: str = Field("", max_length=300)
    responsible_agency_unknown: bool = Field(
        False, description="第（五）项：无法确定负责公开的机关"
    )


class ReplyApprovedIn(Schema):
    """审核通过，答复发出并办结 (审核人不能是起草人)."""

    kind: Literal["reply_approved"]
    on: datetime.date


class ClosedAbandonedIn(Schema):
    """逾期不补正，不再处理 (条例第三十条)."""

    kind: Literal["closed_abandoned"]
    on: datetime.date


class ClosedUnpaidIn(Schema):
    """逾期未缴费，不再处理."""

    kind: Literal["closed_unpaid"]
    on: datetime.date


EventIn = Annotated[
    SupplementRequestedIn
    | SupplementReceivedIn
    | ConsultationStartedIn
    | ConsultationDeliveredIn
    | ConsultationEndedIn
    | ExtendedIn
    | DelayedIn
    | FeeNotifiedIn
    | FeeNoticeServedIn
    | FeePaidIn
    | ReplyDraftedIn
    | ReplyApprovedIn
    | ClosedAbandonedIn
    | ClosedUnpaidIn,
    Field(discriminator="kind"),
]


class ProgressStepOut(Schema):
    kind: ChoiceOut
    on: datetime.date


class ProgressIn(Schema):
    """A progress check: the query code and the applicant's phone or ID number, sent in the
    body so that neither lands in a URL or an access log."""

    code: str = Field("", description="查询码")
    secret: str = Field("", description="申请时留下的联系电话或证件号码")


class ProgressOut(Schema):
    """What the applicant may see: states and dates, never personal data, notes or parties."""

    query_code: str
    agency: AgencyRefOut
    status: ChoiceOut
    received_on: datetime.date
    due_on: datetime.date | None
    due_is_provisional: bool = Field(
        default=False,
        description="期限经过节假日安排尚未公布的年份，按放假办法暂定计算（暂定）",
    )
    paused_since: datetime.date | None
    replied_on: datetime.date | None
    closed_on: datetime.date | None
    outcome: ChoiceOut | None = Field(description="办结后才显示")
    steps: list[ProgressStepOut]
