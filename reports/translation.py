from modeltranslation.translator import TranslationOptions, register

from reports.models import Report


@register(Report)
class ReportTranslationOptions(TranslationOptions):
    fields = Report.SECTIONS
