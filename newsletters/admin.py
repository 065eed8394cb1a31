from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from newsletters import services
from newsletters.models import (
    ConsentEvent,
    Delivery,
    InterestArea,
    IssueImage,
    NewsletterIssue,
    Subscriber,
)


@admin.register(InterestArea)
class InterestAreaAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order", "covers_all"]
    prepopulated_fields = {"slug": ["name_fi"]}


class IssueImageInline(TranslationTabularInline):
    model = IssueImage
    extra = 0


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(TranslationAdmin):
    list_display = ["issue_label", "title", "project", "status", "publish_at"]
    list_filter = ["status", "project"]
    search_fields = ["title_fi", "title_sv"]
    filter_horizontal = ["interests"]
    inlines = [IssueImageInline]
    readonly_fields = ["published_at"]
    raw_id_fields = ["author"]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["pk", "language", "kind", "created_at", "confirmed_at", "left_at"]
    list_filter = ["language", "kind", "interests"]
    search_fields = ["email"]
    readonly_fields = ["secret", "created_at", "confirmed_at", "left_at", "consent_at"]
    actions = ["erase"]

    @admin.action(description=_("Erase the selected members' data"))
    def erase(self, request, queryset) -> None:  # noqa: ANN001
        for subscriber in queryset:
            services.subscriber_erase(subscriber=subscriber)
        self.message_user(request, _("Erased."), messages.SUCCESS)


@admin.register(ConsentEvent)
class ConsentEventAdmin(admin.ModelAdmin):
    list_display = ["kind", "at", "language", "consent_version", "source"]
    list_filter = ["kind", "source", "language"]

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "issue",
        "subscriber",
        "status",
        "attempts",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status"]
    raw_id_fields = ["issue", "subscriber"]
