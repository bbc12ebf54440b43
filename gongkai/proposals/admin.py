from django.contrib import admin

from gongkai.proposals.models import Proposal


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Proposals change only through gongkai.proposals.services (audited); admin shows them."""

    list_display = ["year", "kind", "number", "title", "agency", "state", "classification"]
    list_filter = ["kind", "state", "classification", "year"]
    search_fields = ["number", "title", "members"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
