from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from reports.models import Report, ReportRender


class ReportRenderInline(admin.TabularInline):
    """The PDFs, read-only: they are made by the worker, never typed."""

    model = ReportRender
    extra = 0
    can_delete = False
    fields = ["language", "revision", "status", "progress", "page_count", "size"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False


@admin.register(Report)
class ReportAdmin(TabbedTranslationAdmin):
    list_display = ["project", "kind", "start_date", "version", "status"]
    list_filter = ["kind", "status", "project"]
    list_select_related = ["project"]
    readonly_fields = ["revision", "approved_by", "approved_at", "updated_by"]
    inlines = [ReportRenderInline]
