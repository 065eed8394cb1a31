"""The developer community's pages, the public newsletter archive and the
managers' workspace for writing and sending newsletters."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from newsletters import emails, selectors, services, tokens
from newsletters.access import (
    get_delivery_for_manager,
    get_image_for_manager,
    get_issue_for_manager,
    subscriber_from_link,
)
from newsletters.forms import (
    IssueForm,
    IssueImageForm,
    PreferencesForm,
    ScheduleForm,
    SignupForm,
    TestSendForm,
)
from newsletters.models import ConsentEvent, NewsletterIssue, Subscriber
from portal.http import HtmxHttpRequest
from portal.lib import ratelimit
from portal.pagecache import public_page
from projects.access import get_project_for_user

SIGNUP_PER_IP = 10
SIGNUP_PER_EMAIL = 3
WINDOW = 3600


def _too_many(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "429.html", status=429)


def _language() -> str:
    language = get_language() or "fi"
    return language if language in dict(settings.LANGUAGES) else "fi"


# --- Joining, confirming, managing, leaving ---------------------------------------


@require_http_methods(["GET", "POST"])
def signup(request: HtmxHttpRequest) -> HttpResponse:
    if request.method == "POST":
        if not ratelimit.hit(
            "newsletters-signup-ip",
            ratelimit.client_ip(request),
            limit=SIGNUP_PER_IP,
            window=WINDOW,
        ):
            return _too_many(request)
        form = SignupForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if data["website"]:
                # A bot filled in the honeypot: answer as if it worked.
                return redirect("newsletters:signup-done")
            if not ratelimit.hit(
                "newsletters-signup-email",
                data["email"].strip().lower(),
                limit=SIGNUP_PER_EMAIL,
                window=WINDOW,
            ):
                return _too_many(request)
            services.subscriber_subscribe(
                email=data["email"],
                language=data["language"],
                interests=data["interests"],
                kind=data["kind"],
            )
            return redirect("newsletters:signup-done")
    else:
        form = SignupForm(
            initial={"language": _language(), "kind": Subscriber.Kind.CITIZEN}
        )
    return render(
        request,
        "newsletters/signup.html",
        {"form": form, "consent_version": services.CONSENT_VERSION},
    )


@require_GET
def signup_done(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "newsletters/signup_done.html")


def _manage_path(subscriber: Subscriber) -> str:
    """Links on pages stay on this site; emails use the absolute SITE_URL."""
    return reverse(
        "newsletters:manage", args=[tokens.make(tokens.MANAGE, subscriber.secret)]
    )


def _link_problem(
    request: HtmxHttpRequest, problem: str, status: int = 200
) -> HttpResponse:
    return render(
        request, "newsletters/link_problem.html", {"problem": problem}, status=status
    )


@require_http_methods(["GET", "POST"])
def confirm(request: HtmxHttpRequest, token: str) -> HttpResponse:
    checked, subscriber = subscriber_from_link(tokens.CONFIRM, token)
    if subscriber is None:
        return _link_problem(request, "invalid", status=400)
    if subscriber.left_at is not None:
        return _link_problem(request, "left")
    if subscriber.confirmed_at is not None:
        return render(
            request,
            "newsletters/confirmed.html",
            {"manage_url": _manage_path(subscriber), "again": True},
        )
    if checked.expired:
        if request.method == "POST" and request.POST.get("action") == "resend":
            if not ratelimit.hit(
                "newsletters-resend",
                ratelimit.client_ip(request),
                limit=5,
                window=WINDOW,
            ):
                return _too_many(request)
            services.subscriber_resend_confirmation(subscriber=subscriber)
            return redirect("newsletters:signup-done")
        return render(request, "newsletters/confirm_expired.html", {"token": token})
    if request.method == "POST":
        services.subscriber_confirm(subscriber=subscriber)
        return render(
            request,
            "newsletters/confirmed.html",
            {"manage_url": _manage_path(subscriber)},
        )
    return render(request, "newsletters/confirm.html", {"token": token})


def _manageable(request: HtmxHttpRequest, token: str) -> Subscriber | HttpResponse:
    checked, subscriber = subscriber_from_link(tokens.MANAGE, token)
    if subscriber is None:
        return _link_problem(request, "invalid", status=400)
    if subscriber.left_at is not None:
        return _link_problem(request, "left")
    if checked.expired:
        return _link_problem(request, "expired")
    return subscriber


@require_http_methods(["GET", "POST"])
def manage(request: HtmxHttpRequest, token: str) -> HttpResponse:
    subscriber = _manageable(request, token)
    if isinstance(subscriber, HttpResponse):
        return subscriber
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.subscriber_update(
                subscriber=subscriber,
                language=form.cleaned_data["language"],
                interests=form.cleaned_data["interests"],
            )
            messages.success(request, _("Your choices have been saved."))
            return redirect("newsletters:manage", token=token)
    else:
        form = PreferencesForm(
            initial={
                "language": subscriber.language,
                "interests": list(subscriber.interests.all()),
            }
        )
    return render(
        request,
        "newsletters/manage.html",
        {
            "form": form,
            "subscriber": subscriber,
            "token": token,
            "leave_token": tokens.make(tokens.LEAVE, subscriber.secret),
        },
    )


@require_GET
def export(request: HtmxHttpRequest, token: str) -> HttpResponse:
    subscriber = _manageable(request, token)
    if isinstance(subscriber, HttpResponse):
        return subscriber
    data = services.subscriber_export(subscriber=subscriber)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="kehittajayhteiso.json"'
    response["Cache-Control"] = "no-store"
    return response


# RFC 8058: mail providers POST here without cookies or a CSRF token. This is
# the only CSRF-exempt view; it can do nothing but end one membership, and
# only with a valid signed token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def leave(request: HtmxHttpRequest, token: str) -> HttpResponse:
    checked, subscriber = subscriber_from_link(tokens.LEAVE, token)
    if subscriber is None:
        checked, subscriber = subscriber_from_link(tokens.MANAGE, token)
    if subscriber is None:
        return _link_problem(request, "invalid", status=400)
    if subscriber.left_at is not None:
        return render(request, "newsletters/left.html")
    if request.method == "POST":
        source = (
            ConsentEvent.Source.ONE_CLICK
            if request.POST.get("List-Unsubscribe") == "One-Click"
            else ConsentEvent.Source.EMAIL_LINK
        )
        services.subscriber_leave(subscriber=subscriber, source=source)
        return render(request, "newsletters/left.html")
    return render(request, "newsletters/leave.html", {"token": token})


# --- The public archive -----------------------------------------------------------


def _page(request: HtmxHttpRequest, qs):  # noqa: ANN001, ANN202
    return Paginator(qs, settings.PORTAL_PAGE_SIZE).get_page(request.GET.get("page"))


@require_GET
@public_page
def archive(request: HtmxHttpRequest) -> HttpResponse:
    return render(
        request,
        "newsletters/archive.html",
        {"page_obj": _page(request, selectors.public_issues()), "project": None},
    )


@require_GET
@public_page
def project_archive(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug)
    if not project.is_published:
        raise Http404
    return render(
        request,
        "newsletters/archive.html",
        {
            "page_obj": _page(request, selectors.public_issues(project=project)),
            "project": project,
        },
    )


@require_GET
@public_page
def issue_detail(
    request: HtmxHttpRequest, slug: str, year: int, number: int
) -> HttpResponse:
    issue = selectors.public_issue_get(slug=slug, year=year, number=number)
    if issue is None:
        raise Http404
    return render(
        request,
        "newsletters/issue_detail.html",
        {"issue": issue, **emails.issue_context(issue, _language())},
    )


# --- The workspace ------------------------------------------------------------------


def _to_detail(request: HtmxHttpRequest, issue: NewsletterIssue) -> HttpResponse:
    url = reverse("newsletters:ws-detail", args=[issue.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@require_GET
@login_required
def ws_list(request: HtmxHttpRequest) -> HttpResponse:
    issues = selectors.managed_issues(user=request.user)
    projects = selectors.managed_projects(user=request.user)
    return render(
        request,
        "newsletters/ws_list.html",
        {"issues": issues, "projects": projects},
    )


@require_http_methods(["GET", "POST"])
@login_required
def ws_create(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug, perm="newsletters.add_issue")
    year = timezone.localdate().year
    if request.method == "POST":
        form = IssueForm(
            request.POST, project=project, instance=NewsletterIssue(project=project)
        )
        if form.is_valid():
            issue = form.save(commit=False)
            services.issue_save(
                issue=issue, interests=form.cleaned_data["interests"], by=request.user
            )
            messages.success(request, _("The newsletter draft has been saved."))
            return redirect("newsletters:ws-detail", pk=issue.pk)
    else:
        # The series usually continues from the latest issue's year.
        year = selectors.latest_issue_year(project=project) or year
        form = IssueForm(
            project=project,
            instance=NewsletterIssue(project=project),
            initial={
                "year": year,
                "number": services.issue_next_number(project=project, year=year),
            },
        )
    return render(
        request, "newsletters/ws_edit.html", {"form": form, "project": project}
    )


def _detail_context(request: HtmxHttpRequest, issue: NewsletterIssue, **extra) -> dict:  # noqa: ANN003
    editable = issue.is_editable
    return {
        "issue": issue,
        "project": issue.project,
        "editable": editable,
        "form": extra.get("form") or (IssueForm(instance=issue) if editable else None),
        "schedule_form": extra.get("schedule_form")
        or ScheduleForm(initial={"publish_at": issue.publish_at}),
        "test_form": TestSendForm(initial={"language": _language()}),
        "matching": selectors.matching_counts(issue=issue) if editable else None,
        "counts": selectors.delivery_counts(issue=issue),
        "failed": selectors.failed_deliveries(issue=issue),
        "images": selectors.issue_images(issue=issue),
        "image_form": extra.get("image_form") or IssueImageForm(),
    }


@require_http_methods(["GET", "POST"])
@login_required
def ws_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    issue = get_issue_for_manager(request, pk)
    form = None
    if request.method == "POST":
        if not issue.is_editable:
            messages.error(
                request, _("A published newsletter can no longer be edited.")
            )
            return redirect("newsletters:ws-detail", pk=pk)
        form = IssueForm(request.POST, instance=issue)
        if form.is_valid():
            services.issue_save(
                issue=form.save(commit=False),
                interests=form.cleaned_data["interests"],
                by=request.user,
            )
            messages.success(request, _("The newsletter draft has been saved."))
            return redirect("newsletters:ws-detail", pk=pk)
    return render(
        request,
        "newsletters/ws_detail.html",
        _detail_context(request, issue, form=form),
    )


@require_GET
@login_required
def ws_progress(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    issue = get_issue_for_manager(request, pk)
    return render(
        request, "newsletters/ws_detail.html#progress", _detail_context(request, issue)
    )


def _lang(lang: str) -> str:
    if lang not in dict(settings.LANGUAGES):
        raise Http404
    return lang


@require_GET
@login_required
def ws_preview(request: HtmxHttpRequest, pk: int, lang: str) -> HttpResponse:
    issue = get_issue_for_manager(request, pk)
    lang = _lang(lang)
    ctx = emails.issue_context(issue, lang)
    subject, text, _html = emails.render_issue(
        issue, lang, leave=settings.SITE_URL + "/", manage=settings.SITE_URL + "/"
    )
    return render(
        request,
        "newsletters/ws_preview.html",
        {**ctx, "issue": issue, "lang": lang, "subject": subject, "text": text},
    )


@require_GET
@login_required
def ws_preview_email(request: HtmxHttpRequest, pk: int, lang: str) -> HttpResponse:
    issue = get_issue_for_manager(request, pk)
    lang = _lang(lang)
    _subject, _text, html = emails.render_issue(
        issue, lang, leave=settings.SITE_URL + "/", manage=settings.SITE_URL + "/"
    )
    return HttpResponse(html)


@require_POST
@login_required
def ws_test_send(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    issue = get_issue_for_manager(request, pk)
    form = TestSendForm(request.POST)
    if not request.user.email:
        messages.error(request, _("Your account has no email address for the test."))
    elif form.is_valid():
        emails.issue_test(
            issue, to=request.user.email, language=form.cleaned_data["language"]
        )
        messages.success(request, _("A test copy is on its way to your email."))
    return _to_detail(request, issue)


@require_POST
@login_required
def ws_publish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    issue = get_issue_for_manager(request, pk)
    try:
        count = services.issue_publish(issue=issue, by=request.user)
    except services.IssueStateError:
        messages.error(request, _("This newsletter has already been published."))
    else:
        messages.success(
            request,
            translation.ngettext(
                "Published. The newsletter is being sent to %(count)d member.",
                "Published. The newsletter is being sent to %(count)d members.",
                count,
            )
            % {"count": count},
        )
    return _to_detail(request, issue)


@require_POST
@login_required
def ws_schedule(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    issue = get_issue_for_manager(request, pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        ctx = _detail_context(request, issue, schedule_form=form)
        return render(request, "newsletters/ws_detail.html", ctx, status=400)
    try:
        services.issue_schedule(
            issue=issue, at=form.cleaned_data["publish_at"], by=request.user
        )
    except services.IssueStateError:
        messages.error(request, _("This newsletter has already been published."))
    else:
        messages.success(
            request, _("The newsletter will be published at the chosen time.")
        )
    return _to_detail(request, issue)


@require_POST
@login_required
def ws_unschedule(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    issue = get_issue_for_manager(request, pk)
    services.issue_unschedule(issue=issue)
    messages.success(
        request, _("The schedule has been cancelled; the newsletter is a draft again.")
    )
    return _to_detail(request, issue)


@require_POST
@login_required
def ws_retry(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    delivery = get_delivery_for_manager(request, pk)
    issue = delivery.issue
    if services.delivery_retry(delivery=delivery):
        messages.success(request, _("The delivery has been queued again."))
    return _to_detail(request, issue)


@require_POST
@login_required
def ws_image_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    issue = get_issue_for_manager(request, pk)
    if not issue.is_editable:
        messages.error(request, _("A published newsletter can no longer be edited."))
        return redirect("newsletters:ws-detail", pk=pk)
    form = IssueImageForm(request.POST, request.FILES)
    if not form.is_valid():
        context = _detail_context(request, issue, image_form=form)
        return render(request, "newsletters/ws_detail.html", context, status=400)
    services.issue_image_add(issue=issue, **form.cleaned_data)
    messages.success(request, _("The image was added."))
    return redirect(
        reverse("newsletters:ws-detail", kwargs={"pk": pk}) + "#images-heading"
    )


@require_POST
@login_required
def ws_image_remove(request: HtmxHttpRequest, pk: int, image_pk: int) -> HttpResponse:
    image = get_image_for_manager(request, pk, image_pk)
    issue = image.issue
    if not issue.is_editable:
        messages.error(request, _("A published newsletter can no longer be edited."))
        return redirect("newsletters:ws-detail", pk=pk)
    services.issue_image_remove(image=image)
    messages.success(request, _("The image was removed."))
    return redirect(
        reverse("newsletters:ws-detail", kwargs={"pk": pk}) + "#images-heading"
    )
