"""Views of the site shell: home, workspace, statements, login, health."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.translation import get_language, get_language_from_request
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from portal import selectors, services
from portal.forms import AccessibilityFeedbackForm, LoginForm
from portal.http import HtmxHttpRequest
from portal.lib import ratelimit
from portal.pagecache import public_page


@require_GET
def root(request: HtmxHttpRequest) -> HttpResponse:
    """Send ``/`` to the browser's language, Finnish by default."""
    language = get_language_from_request(request)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    return redirect(f"/{language}/")


@require_GET
@public_page
def home(request: HtmxHttpRequest) -> HttpResponse:
    # The shell composes the apps' public reads (as the URLconf does).
    from newsletters import selectors as newsletter_selectors
    from projects import selectors as project_selectors

    ctx = {
        "projects": project_selectors.project_featured(limit=3),
        "newsletters": list(newsletter_selectors.public_issues()[:3]),
    }
    return render(request, "portal/home.html", ctx)


@require_GET
@login_required
def workspace(request: HtmxHttpRequest) -> HttpResponse:
    # The site shell composes the apps' parts of the workspace (as the home
    # page does); imported here, as portal sits below every app.
    from projects import selectors as project_selectors
    from reports import selectors as report_selectors

    ctx = project_selectors.workspace_for_user(user=request.user)
    ctx["reports_awaiting"] = report_selectors.workspace_reports(user=request.user)
    return render(request, "portal/workspace.html", ctx)


login = auth_views.LoginView.as_view(
    template_name="registration/login.html",
    authentication_form=LoginForm,
    redirect_authenticated_user=True,
)
logout = require_http_methods(["POST"])(auth_views.LogoutView.as_view())


@require_http_methods(["GET", "POST"])
def accessibility(request: HtmxHttpRequest) -> HttpResponse:
    form = AccessibilityFeedbackForm(request.POST or None)
    if request.method == "POST":
        allowed = ratelimit.hit(
            "a11y-feedback", ratelimit.client_ip(request), limit=5, window=3600
        )
        if not allowed:
            return render(request, "429.html", status=429)
        if form.is_valid() and not form.cleaned_data["website"]:
            services.accessibility_feedback_submit(
                message=form.cleaned_data["message"],
                email=form.cleaned_data["email"],
                page=form.cleaned_data["page"],
                language=get_language(),
            )
            messages.success(
                request,
                _(
                    "Thank you. Your feedback was sent to the site's maintainers. "
                    "If you gave your email, you will get a reply within 14 days."
                ),
            )
            return redirect("portal:accessibility")
        if form.is_valid():  # the honeypot was filled: say nothing different
            return redirect("portal:accessibility")
    return render(request, "portal/accessibility.html", {"form": form})


@require_GET
@public_page
def privacy(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html")


@require_GET
@staff_member_required(login_url="portal:login")
def demo_outbox(request: HtmxHttpRequest) -> HttpResponse:
    return render(
        request, "portal/demo_outbox.html", {"messages_": selectors.demo_mail_list()}
    )


@require_GET
@staff_member_required(login_url="portal:login")
def demo_outbox_message(request: HtmxHttpRequest, name: str) -> HttpResponse:
    message = selectors.demo_mail_get(name)
    if message is None:
        raise Http404
    return render(request, "portal/demo_outbox_message.html", {"message": message})


@never_cache
@require_GET
def healthz(request: HtmxHttpRequest) -> JsonResponse:
    """Readiness: 200 when the database and the broker answer, else 503."""
    checks = {"database": _check_database(), "broker": _check_broker()}
    ok = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks},
        status=200 if ok else 503,
    )


@never_cache
@require_GET
def healthz_live(request: HtmxHttpRequest) -> HttpResponse:
    """Liveness: the process answers. Checks nothing else."""
    return HttpResponse("ok", content_type="text/plain")


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return "down"
    return "ok"


def _check_broker() -> str:
    from portal.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            if conn.transport_cls == "filesystem":
                folder = Path(settings.CELERY_BROKER_FOLDER)
                if not folder.is_dir():
                    return "down"
    except Exception:
        return "down"
    return "ok"


def permission_denied(request, exception=None):  # noqa: ANN001
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):  # noqa: ANN001, ARG001
    return render(request, "403_csrf.html", status=403)


def page_not_found(request, exception=None):  # noqa: ANN001
    return render(request, "404.html", status=404)


def server_error(request):  # noqa: ANN001
    # No context processors: the database may be what failed.
    template = loader.get_template("500.html")
    return HttpResponse(
        template.render({"LANGUAGE_CODE": get_language() or "fi"}), status=500
    )
