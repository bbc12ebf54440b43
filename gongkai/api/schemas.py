"""Response and query schemas of the public read API: the contract the tests pin."""

import datetime
from typing import Literal

from ninja import Field, Schema

from gongkai.documents.models import DocumentType, Topic, Validity


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
