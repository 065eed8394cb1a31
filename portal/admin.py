from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.models import AccessibilityFeedback, OutboundEmail

admin.site.site_header = _("Hankeportaali administration")
admin.site.site_title = _("Hankeportaali")


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "reply_due", "answered_at", "language", "page"]
    list_filter = ["language", "answered_at"]
    readonly_fields = ["created_at", "reply_due", "language"]


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False
