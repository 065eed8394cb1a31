from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """The request every view receives: with django-htmx's details and a user."""

    htmx: HtmxDetails
    user: AbstractBaseUser | AnonymousUser
