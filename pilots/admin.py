from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from pilots.models import Attachment, AuditLine, PhaseChange, Pilot, ProgressEntry


class PhaseChangeInline(admin.TabularInline):
    model = PhaseChange
    extra = 0
    raw_id_fields = ["changed_by"]
    readonly_fields = ["entry"]


@admin.register(Pilot)
class PilotAdmin(TranslationAdmin):
    list_display = ["name", "project", "group", "phase", "is_published"]
    list_filter = ["phase", "is_published", "project"]
    search_fields = ["name_fi", "name_sv"]
    filter_horizontal = ["municipalities", "responsible", "indicators"]
    list_select_related = ["project", "group"]
    inlines = [PhaseChangeInline]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["name", "content_type", "size"]
    fields = ["name", "content_type", "size"]
    can_delete = True

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        # Uploads go through the log form, where their type is checked.
        return False


@admin.register(ProgressEntry)
class ProgressEntryAdmin(admin.ModelAdmin):
    list_display = ["pilot", "date", "is_public", "new_phase", "author"]
    list_filter = ["is_public", "pilot__project"]
    list_select_related = ["pilot", "author"]
    raw_id_fields = ["pilot", "author", "measurements"]
    inlines = [AttachmentInline]


@admin.register(AuditLine)
class AuditLineAdmin(admin.ModelAdmin):
    list_display = ["pilot", "entry_number", "action", "actor", "at"]
    list_select_related = ["pilot", "actor"]
    readonly_fields = ["pilot", "entry", "entry_number", "action", "actor", "details"]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False
