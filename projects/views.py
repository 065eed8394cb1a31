"""Public pages of the projects domain."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.http import HtmxHttpRequest
from portal.pagecache import public_page
from projects import selectors, services
from projects.access import (
    get_group_for_user,
    get_project_for_user,
    get_report_for_user,
)
from projects.forms import (
    ProjectFilterForm,
    ReportCreateForm,
    ReportRenderForm,
    ReportSectionForm,
)
from projects.models import Report, ReportRender


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
    return render(request, "projects/project_detail.html", ctx)


@require_GET
@public_page
def group_detail(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    group = get_group_for_user(request, slug, pk)
    return render(
        request, "projects/group_detail.html", selectors.group_detail(group=group)
    )


# --- Reports ------------------------------------------------------------------

_REPORT_ERRORS = {
    "exists": gettext_lazy("Such a report already exists: open it from the list."),
    "conflict": gettext_lazy(
        "Someone else saved this section while you were editing it. Your text "
        "is still in the form below; compare it with the saved text and save again."
    ),
    "locked": gettext_lazy(
        "The report has been approved, so its text can no longer change."
    ),
    "state": gettext_lazy(
        "The report's status had already changed. Check it and try again."
    ),
    "unknown-section": gettext_lazy("There is no such section."),
}


@require_GET
@public_page
def report_list(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug)
    drafts = request.user.has_perm("projects.view_draft_reports", project)
    return render(
        request,
        "projects/report_list.html",
        {
            "project": project,
            "reports": selectors.reports_for_project(project=project, drafts=drafts),
            "can_add": request.user.has_perm("projects.add_report", project),
            "form": ReportCreateForm(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def report_create(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug)
    if not request.user.has_perm("projects.add_report", project):
        raise PermissionDenied
    form = ReportCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(
                project=project, user=request.user, **form.cleaned_data
            )
        except services.ReportError as exc:
            form.add_error(None, _REPORT_ERRORS[exc.code])
        else:
            messages.success(request, _("The report was created as a draft."))
            return redirect(report.get_absolute_url())
    return render(
        request, "projects/report_create.html", {"project": project, "form": form}
    )


def _report_page_context(request: HtmxHttpRequest, report: Report) -> dict:
    user = request.user
    return {
        **selectors.report_document(report=report),
        "renders": selectors.report_renders(report=report),
        "render_form": ReportRenderForm(initial={"language": get_language()}),
        "can_edit": user.has_perm("projects.change_report", report),
        "can_submit": user.has_perm("projects.submit_report", report),
        "can_approve": user.has_perm("projects.approve_report", report),
        "can_render": user.has_perm("projects.render_report", report),
    }


@require_GET
@public_page
def report_detail(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    report = get_report_for_user(request, slug, pk)
    return render(
        request, "projects/report_detail.html", _report_page_context(request, report)
    )


@require_http_methods(["GET", "POST"])
@login_required
def report_edit(
    request: HtmxHttpRequest, slug: str, pk: int, section: str
) -> HttpResponse:
    report = get_report_for_user(request, slug, pk, perm="projects.change_report")
    if report.is_locked:  # even for site admins, whom every rule lets through
        raise PermissionDenied
    if section not in Report.SECTIONS:
        raise Http404
    initial = {
        "text_fi": getattr(report, f"{section}_fi"),
        "text_sv": getattr(report, f"{section}_sv"),
        "revision": report.revision,
    }
    form = ReportSectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_update_section(
                report=report,
                section=section,
                texts={"fi": data["text_fi"], "sv": data["text_sv"]},
                revision=data["revision"],
                user=request.user,
            )
        except services.ReportError as exc:
            form.add_error(None, _REPORT_ERRORS[exc.code])
        else:
            messages.success(request, _("The section was saved."))
            return redirect(f"{report.get_absolute_url()}#sec-{section}")
    return render(
        request,
        "projects/report_edit.html",
        {
            **_report_page_context(request, report),
            "form": form,
            "section": section,
            "section_title": selectors.SECTION_HEADINGS[section],
            "saved_revision": report.revision,
        },
    )


_MOVE_PERMS = {
    "submit": "projects.submit_report",
    "return": "projects.submit_report",
    "approve": "projects.approve_report",
    "new_version": "projects.submit_report",
}
_MOVE_DONE = {
    "submit": gettext_lazy("The report was sent to the steering group for review."),
    "return": gettext_lazy("The report was returned to drafting."),
    "approve": gettext_lazy(
        "The report was approved. Its PDFs are being made in both languages."
    ),
    "new_version": gettext_lazy("A new version was opened as a draft."),
}


@require_POST
@login_required
def report_move(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    action = request.POST.get("action", "")
    if action not in _MOVE_PERMS:
        return HttpResponseBadRequest(_("Unknown action."))
    report = get_report_for_user(request, slug, pk, perm=_MOVE_PERMS[action])
    try:
        if action == "new_version":
            report = services.report_new_version(report=report, user=request.user)
        else:
            report = services.report_move(
                report=report, action=action, user=request.user
            )
    except services.ReportError as exc:
        messages.error(request, _REPORT_ERRORS[exc.code])
    else:
        messages.success(request, _MOVE_DONE[action])
    return redirect(report.get_absolute_url())


@require_POST
@login_required
def report_render_create(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    report = get_report_for_user(request, slug, pk, perm="projects.render_report")
    form = ReportRenderForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the language of the PDF."))
        return redirect(report.get_absolute_url())
    render_obj, _started = services.report_render_request(
        report=report, language=form.cleaned_data["language"], user=request.user
    )
    return redirect(_render_url(render_obj))


def _render_url(render_obj: ReportRender) -> str:
    report = render_obj.report
    return reverse(
        "projects:report-render",
        kwargs={
            "slug": report.project.slug,
            "pk": report.pk,
            "render_pk": render_obj.pk,
        },
    )


def _render_for_user(
    request: HtmxHttpRequest, slug: str, pk: int, render_pk: int, perm: str | None
) -> ReportRender:
    report = get_report_for_user(request, slug, pk, perm=perm)
    render_obj = selectors.report_render_get(report=report, pk=render_pk)
    if render_obj is None:
        raise Http404
    render_obj.report = report
    return render_obj


@require_GET
@login_required
def report_render_status(
    request: HtmxHttpRequest, slug: str, pk: int, render_pk: int
) -> HttpResponse:
    render_obj = _render_for_user(
        request, slug, pk, render_pk, perm="projects.render_report"
    )
    template = "projects/report_render.html"
    if request.htmx:
        template += "#status"
    return render(
        request,
        template,
        {
            "render": render_obj,
            "report": render_obj.report,
            "project": render_obj.report.project,
        },
    )


@require_POST
@login_required
def report_render_retry(
    request: HtmxHttpRequest, slug: str, pk: int, render_pk: int
) -> HttpResponse:
    render_obj = _render_for_user(
        request, slug, pk, render_pk, perm="projects.render_report"
    )
    services.report_render_retry(render=render_obj)
    return redirect(_render_url(render_obj))


@require_GET
def report_render_download(
    request: HtmxHttpRequest, slug: str, pk: int, render_pk: int
) -> HttpResponse:
    render_obj = _render_for_user(request, slug, pk, render_pk, perm=None)
    path = services.report_pdf_path(render_obj)
    if render_obj.status != ReportRender.Status.DONE or not path.is_file():
        raise Http404
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=path.name,
        content_type="application/pdf",
    )
    if render_obj.report.status != Report.Status.APPROVED:
        response["Cache-Control"] = "private, no-store"
    return response
