from modeltranslation.translator import TranslationOptions, register

from newsletters.models import InterestArea, IssueImage, NewsletterIssue


@register(InterestArea)
class InterestAreaTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(NewsletterIssue)
class NewsletterIssueTranslationOptions(TranslationOptions):
    fields = ("title", "lead", "body")


@register(IssueImage)
class IssueImageTranslationOptions(TranslationOptions):
    fields = ("alt",)
