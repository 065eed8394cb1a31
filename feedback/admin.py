from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from feedback.models import Choice, ExportJob, Question, Survey


class QuestionInline(TranslationTabularInline):
    model = Question
    extra = 0
    fields = ["order", "kind", "text", "required"]
    show_change_link = True


class ChoiceInline(TranslationTabularInline):
    model = Choice
    extra = 0


@admin.register(Survey)
class SurveyAdmin(TabbedTranslationAdmin):
    list_display = ["title", "project", "status", "opens_at", "closes_at"]
    list_filter = ["status", "project"]
    list_select_related = ["project"]
    search_fields = ["title"]
    readonly_fields = ["token", "created_at"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(TabbedTranslationAdmin):
    list_display = ["text", "survey", "kind", "order", "required"]
    list_filter = ["kind"]
    list_select_related = ["survey"]
    inlines = [ChoiceInline]


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    """Exports are read-only here: they are requested from the results page."""

    list_display = ["survey", "format", "status", "created_at"]
    list_select_related = ["survey"]
    readonly_fields = [f.name for f in ExportJob._meta.fields]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False
