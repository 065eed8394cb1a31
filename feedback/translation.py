from modeltranslation.translator import TranslationOptions, register

from feedback.models import Choice, Question, Survey


@register(Survey)
class SurveyTranslationOptions(TranslationOptions):
    fields = ("title", "intro")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "help_text", "low_label", "high_label")


@register(Choice)
class ChoiceTranslationOptions(TranslationOptions):
    fields = ("text",)
