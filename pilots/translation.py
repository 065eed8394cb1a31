from modeltranslation.translator import TranslationOptions, register

from pilots.models import Pilot


@register(Pilot)
class PilotTranslationOptions(TranslationOptions):
    fields = ("name", "description", "target_group")
