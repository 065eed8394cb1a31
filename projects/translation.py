from modeltranslation.translator import TranslationOptions, register

from projects.models import (
    Event,
    Goal,
    GoalAssessment,
    Group,
    Indicator,
    Municipality,
    OperatingModel,
    Project,
    Region,
    Subproject,
)


@register(Region)
class RegionTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Municipality)
class MunicipalityTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "summary",
        "background",
        "goals_text",
        "implementation",
        "outputs",
        "benefits_clients",
        "benefits_staff",
        "benefits_organisation",
        "benefits_long_term",
        "dependencies",
        "administrator",
        "funding_programme",
    )


@register(Subproject)
class SubprojectTranslationOptions(TranslationOptions):
    fields = ("name", "organisation", "description", "staff")


@register(Group)
class GroupTranslationOptions(TranslationOptions):
    fields = ("name", "theme", "description")


@register(Goal)
class GoalTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(GoalAssessment)
class GoalAssessmentTranslationOptions(TranslationOptions):
    fields = ("evaluation",)


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name", "unit", "description")


@register(OperatingModel)
class OperatingModelTranslationOptions(TranslationOptions):
    fields = ("name", "description", "benefits")


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "place", "audience")
