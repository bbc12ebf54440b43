from django.contrib import admin

from gongkai.documents.models import Attachment, Document, DocumentLink, Issuer


class IssuerInline(admin.TabularInline):
    model = Issuer
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["original_name", "kind", "size", "extraction_status", "uploaded_at"]
    readonly_fields = fields


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Read-only for administrators: records change only through the console's workflow, so
    that every change passes the rules and leaves an audit event."""

    list_display = ["title", "agency", "index_number", "status", "attribute", "published_at"]
    list_filter = ["status", "attribute", "document_type", "validity", "agency"]
    search_fields = ["title", "index_number", "document_number"]
    inlines = [IssuerInline, AttachmentInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentLink)
class DocumentLinkAdmin(admin.ModelAdmin):
    list_display = ["source", "kind", "target", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
