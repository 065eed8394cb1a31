from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from projects.models import (
    Event,
    Goal,
    GoalAssessment,
    Group,
    Indicator,
    Measurement,
    Membership,
    Municipality,
    OperatingModel,
    Project,
    Region,
    Subproject,
)


class MunicipalityInline(TranslationTabularInline):
    model = Municipality
    extra = 0


@admin.register(Region)
class RegionAdmin(TabbedTranslationAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    inlines = [MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(TabbedTranslationAdmin):
    list_display = ["name", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["name"]


class SubprojectInline(TranslationTabularInline):
    model = Subproject
    extra = 0
    fields = [
        "name",
        "region",
        "organisation",
        "start_date",
        "end_date",
        "person_years",
        "costs",
    ]


@admin.register(Project)
class ProjectAdmin(TabbedTranslationAdmin):
    list_display = [
        "name",
        "acronym",
        "status",
        "start_date",
        "end_date",
        "is_published",
    ]
    list_filter = ["status", "is_published", "regions"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["acronym"]}
    filter_horizontal = ["regions", "related_projects", "managers"]
    inlines = [SubprojectInline]


@admin.register(Subproject)
class SubprojectAdmin(TabbedTranslationAdmin):
    list_display = ["name", "project", "region", "person_years", "costs"]
    list_filter = ["project"]
    list_select_related = ["project", "region"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Group)
class GroupAdmin(TabbedTranslationAdmin):
    list_display = ["name", "kind", "project", "parent"]
    list_filter = ["kind", "project"]
    list_select_related = ["project", "parent"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "role", "is_contact"]
    list_filter = ["role", "is_contact", "group__project"]
    list_select_related = ["user", "group"]
    autocomplete_fields = ["user", "group"]


class GoalAssessmentInline(admin.StackedInline):
    model = GoalAssessment
    extra = 0


@admin.register(Goal)
class GoalAdmin(TabbedTranslationAdmin):
    list_display = ["number", "text", "kind", "project", "subproject"]
    list_filter = ["kind", "project"]
    list_select_related = ["project", "subproject"]
    inlines = [GoalAssessmentInline]


@admin.register(GoalAssessment)
class GoalAssessmentAdmin(TabbedTranslationAdmin):
    list_display = ["goal", "result"]
    list_filter = ["result"]
    list_select_related = ["goal"]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(TabbedTranslationAdmin):
    list_display = ["name", "project", "unit", "baseline", "target"]
    list_filter = ["project"]
    list_select_related = ["project"]
    inlines = [MeasurementInline]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "date", "value"]
    list_select_related = ["indicator"]


@admin.register(OperatingModel)
class OperatingModelAdmin(TabbedTranslationAdmin):
    list_display = ["name", "project", "phase"]
    list_filter = ["phase", "project"]
    list_select_related = ["project"]


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    list_display = ["title", "kind", "date", "project", "participant_count"]
    list_filter = ["kind", "project"]
    list_select_related = ["project"]
    date_hierarchy = "date"
