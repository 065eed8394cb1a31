"""Object access for the report views: one helper per resource, 404 for
outsiders, 403 for those who may see the object but not do that with it."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from portal.http import HtmxHttpRequest
from reports import selectors
from reports.models import Report, ReportRender


def get_report_for_user(
    request: HtmxHttpRequest, slug: str, pk: int, *, perm: str | None = None
) -> Report:
    """The report if the user may see it (else 404) and, when ``perm`` is
    given, may also do that with it (else 403)."""
    report = selectors.report_get(slug=slug, pk=pk)
    if report is None or not request.user.has_perm("reports.view_report", report):
        raise Http404
    if perm and not request.user.has_perm(perm, report):
        raise PermissionDenied
    return report


def get_render_for_user(
    request: HtmxHttpRequest, slug: str, pk: int, key: str, *, perm: str
) -> ReportRender:
    """A PDF render, by its unguessable key, of a report the user may see.

    A key of another report, and a render the user may not have (a draft
    revision's PDF for the public), are both 404: nobody learns that it exists.
    """
    report = get_report_for_user(request, slug, pk)
    render = selectors.report_render_get(report=report, key=key)
    if render is None or not request.user.has_perm(perm, render):
        raise Http404
    return render
