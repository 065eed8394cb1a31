"""Public pages of the projects domain."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.http import HtmxHttpRequest
from portal.pagecache import public_page
from projects import panels, selectors
from projects.access import get_group_for_user, get_project_for_user
from projects.forms import ProjectFilterForm


@require_GET
@public_page
def project_list(request: HtmxHttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET or None)
    region = status = None
    if form.is_bound:
        if form.is_valid():
            region = form.cleaned_data["region"]
            status = form.cleaned_data["status"]
        else:
            messages.error(
                request,
                _("The filter was not understood, so all projects are shown."),
            )
    projects = selectors.project_list(region=region, status=status)
    page = Paginator(projects, settings.PORTAL_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    filtered = bool(region or status)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/project_list.html",
        {
            "form": form,
            "page_obj": page,
            "filtered": filtered,
            "query": query.urlencode(),
        },
    )


@require_GET
@public_page
def project_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug)
    ctx = selectors.project_detail(project=project)
    ctx["panels"] = panels.for_project(project)
    return render(request, "projects/project_detail.html", ctx)


@require_GET
@public_page
def group_detail(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    group = get_group_for_user(request, slug, pk)
    return render(
        request, "projects/group_detail.html", selectors.group_detail(group=group)
    )
