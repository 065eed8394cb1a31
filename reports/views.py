"""Pages of the reports: list, drafting, approval, the document and PDFs."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.http import HtmxHttpRequest
from portal.pagecache import public_page
from projects.access import get_project_for_user
from reports import document, selectors, services
from reports.access import get_render_for_user, get_report_for_user
from reports.forms import (
    ReportApproveForm,
    ReportCreateForm,
    ReportRenderForm,
    ReportSectionForm,
)
from reports.models import Report, ReportRender

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
    "already-approved": gettext_lazy(
        "The report had already been approved, so nothing was done. "
        "It is shown below as it was approved."
    ),
    "changed": gettext_lazy(
        "The report's text changed while you were reading the confirmation. "
        "Check what will be approved now, then approve again."
    ),
    "empty": gettext_lazy("Every section of the report is empty."),
}


@require_GET
@public_page
def report_list(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug)
    drafts = request.user.has_perm("reports.view_drafts", project)
    return render(
        request,
        "reports/list.html",
        {
            "project": project,
            "reports": selectors.reports_for_project(project=project, drafts=drafts),
            "can_add": request.user.has_perm("reports.add_report", project),
            "form": ReportCreateForm(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def report_create(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug)
    if not request.user.has_perm("reports.add_report", project):
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
    return render(request, "reports/create.html", {"project": project, "form": form})


def _report_page_context(request: HtmxHttpRequest, report: Report) -> dict:
    """The report page: an approved report from its snapshot only, a draft
    or a report in review from live data (its figures update)."""
    user = request.user
    if report.status == Report.Status.APPROVED:
        doc = services.report_snapshot(report=report).document
    else:
        doc = document.build(report=report)
    try:
        content = document.context(doc, language=get_language())
    except document.UnknownSchema:
        content = {"unreadable": True}
    can_follow = user.has_perm("reports.view_approvals", report)
    return {
        **content,
        **services.approval_context(report=report),
        "report": report,
        "project": report.project,
        "renders": selectors.report_renders(report=report),
        "render_form": ReportRenderForm(initial={"language": get_language()}),
        "audit": selectors.report_audit(report=report) if can_follow else None,
        "can_edit": user.has_perm("reports.change_report", report),
        "can_submit": user.has_perm("reports.submit_report", report),
        "can_approve": rules.test_rule("reports.may_approve", user, report),
        "can_render": user.has_perm("reports.render_report", report),
    }


@require_GET
@public_page
def report_detail(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    report = get_report_for_user(request, slug, pk)
    return render(request, "reports/detail.html", _report_page_context(request, report))


@require_http_methods(["GET", "POST"])
@login_required
def report_edit(
    request: HtmxHttpRequest, slug: str, pk: int, section: str
) -> HttpResponse:
    report = get_report_for_user(request, slug, pk, perm="reports.change_report")
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
        "reports/edit.html",
        {
            **_report_page_context(request, report),
            "form": form,
            "section": section,
            "section_title": document.SECTION_HEADINGS[section],
            "saved_revision": report.revision,
        },
    )


_MOVE_PERMS = {
    "submit": "reports.submit_report",
    "return": "reports.submit_report",
    "new_version": "reports.submit_report",
}
_MOVE_DONE = {
    "submit": gettext_lazy("The report was sent to the steering group for review."),
    "return": gettext_lazy("The report was returned to drafting."),
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


_APPROVED = gettext_lazy(
    "The report was approved and its figures frozen. Its PDFs are being made "
    "in both languages."
)


@require_http_methods(["GET", "POST"])
@login_required
def report_approve(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """The confirmation page of an approval, and the approval itself.

    GET shows what will be frozen; POST approves the revision that was shown.
    """
    report = get_report_for_user(request, slug, pk)
    if report.status == Report.Status.APPROVED:
        messages.info(request, _REPORT_ERRORS["already-approved"])
        return redirect(report.get_absolute_url())
    if not rules.test_rule("reports.may_approve", request.user, report):
        raise PermissionDenied
    meetings = selectors.steering_meetings(report=report)
    form = ReportApproveForm(
        request.POST or None, initial={"revision": report.revision}, meetings=meetings
    )
    missing = None
    if request.method == "POST" and form.is_valid():
        try:
            services.report_approve(
                report=report,
                user=request.user,
                revision=form.cleaned_data["revision"],
                meeting=form.cleaned_data["meeting"],
            )
        except services.NothingToApprove as exc:
            missing = exc.missing
        except services.ReportError as exc:
            if exc.code == "already-approved":
                messages.info(request, _REPORT_ERRORS[exc.code])
                return redirect(report.get_absolute_url())
            messages.error(request, _REPORT_ERRORS[exc.code])
            return redirect(reverse("reports:approve", args=[slug, pk]))
        else:
            messages.success(request, _APPROVED)
            return redirect(report.get_absolute_url())
    summary = document.summary(document.build(report=report))
    if missing is None and len(summary["empty"]) == len(Report.SECTIONS):
        missing = [str(title) for title in summary["empty"]]
    return render(
        request,
        "reports/approve.html",
        {
            "report": report,
            "project": report.project,
            "form": form,
            "summary": summary,
            "missing": missing,
            "has_meetings": bool(form.fields["meeting"].queryset),
        },
        status=422 if missing and request.method == "POST" else 200,
    )


@require_POST
@login_required
def report_render_create(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    report = get_report_for_user(request, slug, pk, perm="reports.render_report")
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
        "reports:render",
        kwargs={"slug": report.project.slug, "pk": report.pk, "key": render_obj.key},
    )


@require_GET
@login_required
def report_render_status(
    request: HtmxHttpRequest, slug: str, pk: int, key: str
) -> HttpResponse:
    render_obj = get_render_for_user(
        request, slug, pk, key, perm="reports.follows_render"
    )
    template = "reports/render.html"
    if request.htmx:
        template += "#status"
    return render(
        request,
        template,
        {
            "render": render_obj,
            "report": render_obj.report,
            "project": render_obj.report.project,
            "quiet": selectors.render_is_quiet(render_obj),
        },
    )


@require_POST
@login_required
def report_render_retry(
    request: HtmxHttpRequest, slug: str, pk: int, key: str
) -> HttpResponse:
    render_obj = get_render_for_user(
        request, slug, pk, key, perm="reports.follows_render"
    )
    services.report_render_retry(render=render_obj)
    return redirect(_render_url(render_obj))


@require_GET
def report_render_download(
    request: HtmxHttpRequest, slug: str, pk: int, key: str
) -> HttpResponse:
    render_obj = get_render_for_user(
        request, slug, pk, key, perm="reports.download_render"
    )
    path = services.report_pdf_path(render_obj)
    if render_obj.status != ReportRender.Status.DONE or not path.is_file():
        raise Http404
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=services.report_pdf_download_name(render_obj),
        content_type="application/pdf",
    )
    if not rules.test_rule("reports.render_is_public", request.user, render_obj):
        response["Cache-Control"] = "private, no-store"
    return response
