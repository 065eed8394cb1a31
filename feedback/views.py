"""Views of the feedback app: answering (public) and the workspace builder.

The answering views never touch the session, the messages framework or the
logs, and they read nothing about the client except its address, which is
only hashed into a rate-limit key in the cache.
"""

import io

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from feedback import exports, selectors, services
from feedback.access import (
    get_answer_for_user,
    get_export_for_user,
    get_public_survey,
    get_question_for_user,
    get_survey_for_user,
)
from feedback.forms import (
    AnswerForm,
    QuestionForm,
    ResultsFilterForm,
    SurveyCreateForm,
    SurveyForm,
    form_key_nonce,
    new_form_key,
)
from feedback.models import ExportJob, Question, Survey
from portal.http import HtmxHttpRequest
from portal.lib import jobs, ratelimit
from portal.templatetags.portal import localized
from projects.selectors import projects_managed_by

# --- Answering (anyone with the link) -----------------------------------------


def _state_page(request: HtmxHttpRequest, survey: Survey, status: int) -> HttpResponse:
    return render(
        request,
        "feedback/survey_state.html",
        {"survey": survey, "state": survey.state()},
        status=status,
    )


def _answer_page(
    request: HtmxHttpRequest,
    survey: Survey,
    form: AnswerForm,
    *,
    preview: bool = False,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "feedback/answer.html",
        {
            "survey": survey,
            "form": form,
            "items": form.items(),
            "form_key": new_form_key(survey),
            "preview": preview,
            "title": localized(survey, "title"),
            "intro": localized(survey, "intro"),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HtmxHttpRequest, token: str) -> HttpResponse:
    survey = get_public_survey(token)
    if not survey.is_open:
        return _state_page(request, survey, 200 if request.method == "GET" else 409)
    questions = selectors.survey_questions(survey=survey)
    if request.method == "GET":
        return _answer_page(
            request, survey, AnswerForm(survey=survey, questions=questions)
        )

    allowed = ratelimit.hit(
        "feedback-answer",
        ratelimit.client_ip(request),
        limit=settings.FEEDBACK_RATE_LIMIT,
        window=3600,
    )
    if not allowed:
        return render(request, "429.html", status=429)
    form = AnswerForm(request.POST, survey=survey, questions=questions)
    if not form.is_valid():
        return _answer_page(request, survey, form)
    thanks = redirect("feedback:thanks", token=survey.token)
    if form.cleaned_data["website"]:
        return thanks  # a bot filled the honeypot: store nothing, say nothing
    nonce = form_key_nonce(survey, form.cleaned_data["form_key"])
    if nonce is None:
        form.add_error(None, _("The form has expired. Please answer again."))
        return _answer_page(request, survey, form)
    # One response per rendering of the form: a double click or a resent
    # page finds its key already used and goes straight to the thanks.
    claim = f"feedback:form-key:{services_hash(nonce)}"
    if not cache.add(claim, 1, timeout=60 * 60 * 25):
        return thanks
    try:
        services.response_submit(survey=survey, answers=form.answers())
    except Exception:
        cache.delete(claim)
        raise
    return thanks


def services_hash(nonce: str) -> str:
    import hashlib

    return hashlib.sha256(nonce.encode()).hexdigest()[:40]


@require_GET
def thanks(request: HtmxHttpRequest, token: str) -> HttpResponse:
    survey = get_public_survey(token)
    return render(
        request,
        "feedback/thanks.html",
        {"survey": survey, "title": localized(survey, "title")},
    )


# --- Workspace: list and create -------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def survey_list(request: HtmxHttpRequest) -> HttpResponse:
    projects = projects_managed_by(user=request.user)
    can_create = selectors.manages_projects(user=request.user)
    form = SurveyCreateForm(request.POST or None, projects=projects)
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied
        if form.is_valid():
            project = form.cleaned_data["project"]
            if form.cleaned_data["template"] == "thl":
                survey = services.survey_create_from_thl(project=project)
            else:
                survey = services.survey_create(
                    project=project, title_fi="Uusi kysely", title_sv="Ny enkät"
                )
            return redirect(survey.get_absolute_url())
    surveys = selectors.survey_list_rows(user=request.user)
    return render(
        request,
        "feedback/survey_list.html",
        {"surveys": surveys, "form": form, "can_create": can_create},
    )


# --- Workspace: the builder -------------------------------------------------------


def _builder_context(request: HtmxHttpRequest, survey: Survey) -> dict:
    public = request.build_absolute_uri(survey.get_public_url())
    previews = {}
    for language in ("fi", "sv"):
        with translation.override(language):
            previews[language] = reverse("feedback:preview", kwargs={"pk": survey.pk})
    return {
        "preview_fi": previews["fi"],
        "preview_sv": previews["sv"],
        "survey": survey,
        "questions": selectors.survey_questions(survey=survey),
        "locked": services.survey_has_responses(survey),
        "locked_message": services.LOCKED_MESSAGE,
        "public_url": public,
        "title": localized(survey, "title"),
    }


@login_required
@require_GET
def survey_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    survey = get_survey_for_user(request, pk, perm="feedback.manage_survey")
    template_name = "feedback/survey_detail.html"
    if request.htmx:
        template_name += "#questions"
    return render(request, template_name, _builder_context(request, survey))


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    survey = get_survey_for_user(request, pk, perm="feedback.manage_survey")
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        services.survey_update(
            survey=survey, data={k: form.cleaned_data[k] for k in form.changed_data}
        )
        return redirect(survey.get_absolute_url())
    return render(
        request, "feedback/survey_edit.html", {"survey": survey, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(
    request: HtmxHttpRequest, pk: int, qpk: int | None = None
) -> HttpResponse:
    if qpk:
        question = get_question_for_user(request, pk, qpk)
        survey = question.survey
    else:
        survey = get_survey_for_user(request, pk, perm="feedback.manage_survey")
        question = Question()
    locked = services.survey_has_responses(survey)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and not locked and form.is_valid():
        try:
            services.question_save(
                survey=survey, question=form.instance, choices=form.choice_pairs
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(survey.get_absolute_url())
    return render(
        request,
        "feedback/question_edit.html",
        {
            "survey": survey,
            "form": form,
            "question": question if qpk else None,
            "locked": locked,
            "locked_message": services.LOCKED_MESSAGE,
        },
        status=409 if locked and request.method == "POST" else 200,
    )


def _refuse_locked(request: HtmxHttpRequest, survey: Survey) -> HttpResponse:
    return render(
        request,
        "feedback/locked.html",
        {"survey": survey, "locked_message": services.LOCKED_MESSAGE},
        status=409,
    )


@login_required
@require_POST
def question_delete(request: HtmxHttpRequest, pk: int, qpk: int) -> HttpResponse:
    question = get_question_for_user(request, pk, qpk)
    survey = question.survey
    try:
        services.question_delete(question=question)
    except ValidationError:
        return _refuse_locked(request, survey)
    return redirect(survey.get_absolute_url())


@login_required
@require_POST
def question_move(request: HtmxHttpRequest, pk: int, qpk: int) -> HttpResponse:
    question = get_question_for_user(request, pk, qpk)
    survey = question.survey
    try:
        services.question_move(
            question=question, up=request.POST.get("direction") == "up"
        )
    except ValidationError:
        return _refuse_locked(request, survey)
    if request.htmx:
        ctx = _builder_context(request, survey)
        ctx["moved"] = question.pk
        return render(request, "feedback/survey_detail.html#questions", ctx)
    return redirect(survey.get_absolute_url())


@login_required
@require_POST
def survey_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    survey = get_survey_for_user(request, pk, perm="feedback.manage_survey")
    status = request.POST.get("status")
    if status not in (Survey.Status.OPEN, Survey.Status.CLOSED):
        return HttpResponse(status=400)
    services.survey_set_status(survey=survey, status=status)
    return redirect(survey.get_absolute_url())


@login_required
@require_POST
def survey_duplicate(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    survey = get_survey_for_user(request, pk, perm="feedback.manage_survey")
    copy = services.survey_duplicate(survey=survey)
    if request.htmx:
        return HttpResponseClientRedirect(copy.get_absolute_url())
    return redirect(copy.get_absolute_url())


@login_required
@require_GET
def survey_preview(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    survey = get_survey_for_user(request, pk, perm="feedback.manage_survey")
    form = AnswerForm(
        survey=survey, questions=selectors.survey_questions(survey=survey)
    )
    return _answer_page(request, survey, form, preview=True)


@login_required
@require_GET
def survey_qr(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The public link as an SVG QR code (for posters), without any style."""
    import segno

    survey = get_survey_for_user(request, pk, perm="feedback.manage_survey")
    url = request.build_absolute_uri(survey.get_public_url())
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        scale=8,
        border=4,
        xmldecl=False,
        svgclass=None,
        lineclass=None,
        title=_("QR code of the survey's public link"),
        dark="#000",
        light="#fff",
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    if request.GET.get("download"):
        response["Content-Disposition"] = (
            f'attachment; filename="survey-{survey.pk}-qr.svg"'
        )
    return response


# --- Results ----------------------------------------------------------------------


def _filters(
    request: HtmxHttpRequest, survey: Survey
) -> tuple[ResultsFilterForm, selectors.Filters, dict]:
    k = selectors.min_group()
    blocks, _held = selectors.survey_blocks(survey_ids=[survey.pk], k=k)[survey.pk]
    pilots = selectors.pilot_names({b.pilot_key for b in blocks})
    form = ResultsFilterForm(request.GET or None, pilots=pilots)
    filters = selectors.Filters()
    if form.is_bound and form.is_valid():
        filters = selectors.Filters(
            date_from=form.cleaned_data["date_from"],
            date_to=form.cleaned_data["date_to"],
            pilot_key=form.cleaned_data["pilot"],
        )
    return form, filters, pilots


@login_required
@require_GET
def results(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    survey = get_survey_for_user(request, pk)
    form, filters, pilots = _filters(request, survey)
    can_manage = request.user.has_perm("feedback.manage_survey", survey)
    with_text = request.user.has_perm("feedback.view_free_text", survey)
    ctx = selectors.survey_results(
        survey=survey,
        filters=filters,
        with_text=with_text,
        include_hidden=can_manage,
    )
    ctx.update(
        {
            "survey": survey,
            "form": form,
            "pilots": pilots,
            "title": localized(survey, "title"),
            "can_manage": can_manage,
            "with_text": with_text,
            "query": request.GET.urlencode(),
            "sync_max": settings.FEEDBACK_EXPORT_SYNC_MAX,
            "jobs": selectors.exports_of_user(survey=survey, user=request.user),
        }
    )
    return render(request, "feedback/results.html", ctx)


@login_required
@require_POST
def answer_hide(request: HtmxHttpRequest, pk: int, apk: int) -> HttpResponse:
    answer_row = get_answer_for_user(request, pk, apk)
    survey = answer_row.question.survey
    services.answer_set_hidden(
        answer=answer_row, hidden=request.POST.get("hidden") != "0"
    )
    back = reverse("feedback:results", kwargs={"pk": survey.pk})
    query = request.POST.get("query", "")
    return redirect(f"{back}?{query}#q{answer_row.question_id}" if query else back)


@login_required
@require_POST
def export(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    survey = get_survey_for_user(request, pk)
    form, filters, _pilots = _filters(request, survey)
    fmt = request.POST.get("format")
    if fmt not in ExportJob.Format.values:
        return HttpResponse(status=400)
    include_text = request.user.has_perm("feedback.view_free_text", survey)
    _qs, total = selectors.export_responses(survey=survey, filters=filters)
    if fmt == ExportJob.Format.CSV and total <= settings.FEEDBACK_EXPORT_SYNC_MAX:
        response = StreamingHttpResponse(
            exports.csv_stream(
                survey=survey, filters=filters, include_text=include_text
            ),
            content_type="text/csv; charset=utf-8",
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="survey-{survey.pk}-{stamp}.csv"'
        )
        return response
    job = services.export_request(
        survey=survey,
        by=request.user,
        fmt=fmt,
        filters={**filters.as_json(), "language": get_language()},
        include_text=include_text,
    )
    url = reverse("feedback:export-job", kwargs={"pk": survey.pk, "job": job.pk})
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


@login_required
@require_GET
def export_job(request: HtmxHttpRequest, pk: int, job: int) -> HttpResponse:
    export_row = get_export_for_user(request, pk, job)
    template_name = "feedback/export_job.html"
    if request.htmx:
        template_name += "#progress"
    return render(
        request,
        template_name,
        {
            "survey": export_row.survey,
            "job": export_row,
            "title": localized(export_row.survey, "title"),
            "quiet": jobs.is_quiet(
                services.export_jobs(),
                export_row,
                settings.FEEDBACK_EXPORT_STALE_AFTER,
            ),
        },
    )


@login_required
@require_GET
def export_download(request: HtmxHttpRequest, pk: int, job: int) -> HttpResponse:
    export_row = get_export_for_user(request, pk, job)
    if export_row.status != ExportJob.Status.DONE or not export_row.file_name:
        raise Http404
    path = exports.export_dir() / export_row.file_name
    if not path.exists():
        raise Http404
    content_type = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if export_row.format == ExportJob.Format.XLSX
        else "text/csv; charset=utf-8"
    )
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=export_row.file_name,
        content_type=content_type,
    )
