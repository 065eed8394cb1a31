"""A page cache for anonymous visitors of the public pages.

Public pages are the same for every anonymous visitor, so their rendered
HTML is kept in the cache (Redis in production), keyed on the language and
the path with its query string, and stored with the content version it was
rendered at. Any write to a model of the portal's
content apps bumps the version (``bump_version``, connected in
``PortalConfig.ready``), so a visitor never sees a page older than the data.
Signed-in users, non-GET requests, htmx requests, pending flash messages and
responses that set cookies always bypass the cache.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

VERSION_KEY = "pagecache:version"
TIMEOUT = 600

# Writes to these apps' models change what public pages show ...
CONTENT_APPS = {"projects", "newsletters", "pilots", "feedback", "reports"}
# ... except these, written often and shown on no public page: a survey
# response or a newsletter delivery must not empty the whole page cache.
NOT_SHOWN_PUBLICLY = {
    "feedback.Response",
    "feedback.Answer",
    "feedback.ResponseDay",
    "feedback.AnswerDay",
    "feedback.ExportJob",
    "newsletters.Subscriber",
    "newsletters.ConsentEvent",
    "newsletters.Delivery",
    "pilots.AuditLine",
    # Progress of a PDF; a finished one calls content_changed() itself.
    "reports.ReportRender",
    # Shown to insiders only; an approval calls content_changed() itself.
    "reports.ReportAuditEntry",
    "reports.ReportSnapshot",
}


def content_changed() -> None:
    """Every cached page is now stale. For writes that send no signal
    (``QuerySet.update``) but change what a public page shows."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


def bump_version(sender: type, **kwargs: object) -> None:  # noqa: ARG001
    label = sender._meta.label
    if label in NOT_SHOWN_PUBLICLY:
        return
    if sender._meta.app_label in CONTENT_APPS or label == "auth.User":
        content_changed()


def _key(request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"pagecache:{get_language()}:{path}"


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not getattr(request, "htmx", False)
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the anonymous view of a public page from the cache."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        # One round trip: the current content version and the stored page,
        # which is served only when it was rendered at that version.
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, 1, timeout=None)
            version = cache.get(VERSION_KEY, 1)
        cached = found.get(key)
        if cached is not None and cached[0] == version:
            _, content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        messages = getattr(request, "_messages", None)
        if (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and not (messages is not None and len(messages))
        ):
            entry = (version, response.content, response["Content-Type"])
            cache.set(key, entry, TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapped
