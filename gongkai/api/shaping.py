"""Model instances shaped into response schemas, shared by the routers (selection stays there)."""

from collections.abc import Iterable

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.text import Truncator

from gongkai.agencies.models import Agency
from gongkai.api.schemas import (
    AgencyDetailOut,
    AgencyOut,
    AgencyRefOut,
    AttachmentOut,
    CatalogueElementOut,
    CatalogueItemOut,
    CatalogueItemRefOut,
    ChoiceOut,
    RecordDetailOut,
    RecordOut,
    RecordRefOut,
    SearchHitOut,
    ValidityOut,
    WithdrawnOut,
)
from gongkai.catalogue.models import AgencyItem
from gongkai.documents.models import Document, Scope

SNIPPET_CHARS = 160


def choice(value: str, label: object) -> ChoiceOut:
    """A coded value and its (lazily translated) label."""
    return ChoiceOut(value=value, label=str(label))


def absolute(request: HttpRequest, name: str, *args: object) -> str:
    """The absolute URL of a named route."""
    return request.build_absolute_uri(reverse(name, args=args))


def agency_ref(agency: Agency) -> AgencyRefOut:
    """An agency's code and name."""
    return AgencyRefOut(code=agency.code, name=agency.name)


def agency_out(request: HttpRequest, agency: Agency) -> AgencyOut:
    """An agency as listed; its parent must be loaded."""
    parent = agency.parent
    return AgencyOut(
        code=agency.code,
        name=agency.name,
        short_name=agency.short_name,
        level=choice(agency.level, agency.get_level_display()),
        parent=parent.code if parent is not None and parent.is_active else None,
        url=absolute(request, "api:agency-detail", agency.code),
        portal_url=absolute(request, "portal:agency-home", agency.code),
        guide_url=absolute(request, "portal:agency-guide", agency.code),
        catalogue_url=absolute(request, "portal:agency-catalogue", agency.code),
    )


def agency_detail_out(request: HttpRequest, agency: Agency) -> AgencyDetailOut:
    """An agency with the facts its guide must show (条例 Art.12)."""
    return AgencyDetailOut(
        **agency_out(request, agency).model_dump(),
        **{name: getattr(agency, name) for name in [*Agency.guide_fields, "office_postcode"]},
    )


def catalogue_item_out(request: HttpRequest, agency: Agency, item: AgencyItem) -> CatalogueItemOut:
    """A catalogue item; needs the `public_record_count` annotation."""
    query = urlencode({"agency": agency.code, "catalogue_item": item.code})
    return CatalogueItemOut(
        code=item.code,
        name=item.name,
        basis=item.basis,
        time_limit_days=item.time_limit_days,
        time_limit_text=item.time_limit_text,
        subject=item.subject,
        channels=item.channels or [],
        audience=item.audience,
        mode=item.mode,
        level=item.level,
        elements=[CatalogueElementOut.model_validate(element) for element in item.elements or []],
        public_record_count=item.public_record_count,
        records_url=f"{absolute(request, 'api:record-list')}?{query}",
    )


def record_ref(request: HttpRequest, document: Document) -> RecordRefOut:
    """A link to another public record."""
    return RecordRefOut(
        id=document.pk,
        title=document.title,
        url=absolute(request, "api:record-detail", document.pk),
        portal_url=absolute(request, "portal:document-detail", document.pk),
    )


def record_out(request: HttpRequest, document: Document) -> RecordOut:
    """A record as listed: needs `agency`, `catalogue_item` and `issuers` loaded."""
    return RecordOut(
        id=document.pk,
        title=document.title,
        index_number=document.index_number,
        document_number=document.document_number,
        agency=agency_ref(document.agency),
        issuers=[issuer.name for issuer in document.issuers.all()],
        document_type=choice(document.document_type, document.get_document_type_display()),
        topic=choice(document.topic, document.get_topic_display()),
        catalogue_item=CatalogueItemRefOut(
            code=document.catalogue_item.code, name=document.catalogue_item.name
        ),
        published_on=document.published_on,
        validity=choice(document.validity, document.get_validity_display()),
        summary=document.summary,
        url=absolute(request, "api:record-detail", document.pk),
        portal_url=absolute(request, "portal:document-detail", document.pk),
    )


def record_detail_out(
    request: HttpRequest,
    document: Document,
    *,
    interpretations: Iterable[Document],
    interprets: Iterable[Document],
    amended_by: Iterable[Document],
    repealed_by: Iterable[Document],
) -> RecordDetailOut:
    """A public record in full, with the public records linked to it."""
    redacted = document.scope == Scope.REDACTED
    return RecordDetailOut(
        **record_out(request, document).model_dump(exclude={"validity"}),
        formed_on=document.formed_on,
        effective_on=document.effective_on,
        validity=ValidityOut(
            value=document.validity,
            label=str(document.get_validity_display()),
            changed_on=document.validity_changed_on,
        ),
        scope=choice(document.scope, document.get_scope_display()),
        # The basis only, as on the portal; the free-text reason is internal.
        redaction_basis=str(document.get_withholding_basis_display()) if redacted else "",
        body_html=document.body,
        attachments=[
            AttachmentOut(
                name=attachment.original_name,
                kind=attachment.kind,
                size=attachment.size,
                url=request.build_absolute_uri(attachment.file.url),
            )
            for attachment in document.attachments.all()
        ],
        interpretations=[record_ref(request, other) for other in interpretations],
        interprets=[record_ref(request, other) for other in interprets],
        amended_by=[record_ref(request, other) for other in amended_by],
        repealed_by=[record_ref(request, other) for other in repealed_by],
    )


def withdrawn_out(document: Document) -> WithdrawnOut:
    """What the public is told about a withdrawn record: when and why."""
    return WithdrawnOut(
        title=document.title,
        index_number=document.index_number,
        withdrawn_on=timezone.localdate(document.withdrawn_at) if document.withdrawn_at else None,
        reason=document.withdrawal_reason,
    )


def search_hit_out(request: HttpRequest, document: Document, snippet: str | None) -> SearchHitOut:
    """A search hit from the database's record and the index's snippet (HTML, escaped)."""
    if snippet is None:  # a record pinned by its number but not on this page of hits
        snippet = escape(Truncator(document.summary).chars(SNIPPET_CHARS))
    return SearchHitOut(
        id=document.pk,
        title=document.title,
        index_number=document.index_number,
        document_number=document.document_number,
        published_on=document.published_on,
        agency=agency_ref(document.agency),
        document_type=choice(document.document_type, document.get_document_type_display()),
        validity=choice(document.validity, document.get_validity_display()),
        snippet=snippet,
        url=absolute(request, "api:record-detail", document.pk),
        portal_url=absolute(request, "portal:document-detail", document.pk),
    )
