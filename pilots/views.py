"""Pilots' public pages and the working groups' progress log."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import replace_url

from pilots import selectors, services
from pilots.access import get_entry_for_user, get_log_for_user, get_pilot_for_user
from pilots.forms import EntryForm, MeasurementImportForm, PilotFilterForm
from portal import pagecache
from portal.http import HtmxHttpRequest
from portal.pagecache import public_page


@require_GET
@public_page
def pilot_list(request: HtmxHttpRequest) -> HttpResponse:
    form = PilotFilterForm(request.GET or None)
    filters: dict = {}
    if form.is_bound:
        if form.is_valid():
            filters = {k: v for k, v in form.cleaned_data.items() if v}
        else:
            messages.error(
                request, _("The filter was not understood, so all pilots are shown.")
            )
    pilots = selectors.pilot_list(**filters)
    page = Paginator(pilots, settings.PORTAL_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "pilots/pilot_list.html",
        {"form": form, "page_obj": page, "filtered": bool(filters)},
    )


def _fragments(request: HtmxHttpRequest, page: int | None = None) -> dict:
    """What the pages' cached fragments (``{% cache %}``) vary on, besides the
    pilot, the language and the viewer's rights: the query string (the page
    number; the page links keep the other parameters), and the content
    version, which grows with every content write, so that no fragment is
    older than the data (as with the anonymous page cache)."""
    query = f"page={page}" if page else request.GET.urlencode()
    return {
        "query_key": query,
        "content_version": selectors.content_version(),
        "fragment_timeout": pagecache.TIMEOUT,
    }


@require_GET
@public_page
def pilot_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    pilot = get_pilot_for_user(request, pk)
    ctx = selectors.pilot_detail(pilot=pilot, page=request.GET.get("page"))
    ctx.update(_fragments(request))
    ctx["can_log"] = request.user.has_perm("pilots.view_log", pilot)
    return render(request, "pilots/pilot_detail.html", ctx)


@require_GET
def attachment_download(request: HtmxHttpRequest, pk: int, name: str) -> FileResponse:
    attachment = selectors.attachment_get(pk=pk)
    if (
        attachment is None
        or attachment.name != name
        or not request.user.has_perm("pilots.view_pilot", attachment.entry.pilot)
        or not request.user.has_perm("pilots.view_entry", attachment.entry)
    ):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    inline = attachment.content_type.startswith("image/") or (
        attachment.content_type == "application/pdf"
    )
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@login_required
def workspace_pilots(request: HtmxHttpRequest) -> HttpResponse:
    pilots = selectors.pilots_for_user(user=request.user)
    return render(request, "pilots/workspace_pilots.html", {"pilots": pilots})


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def pilot_log(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The progress log with its entry form. htmx swaps ``#log-workspace``."""
    pilot = get_log_for_user(request, pk)
    if request.method == "POST":
        form = EntryForm(request.POST, request.FILES, pilot=pilot)
    else:
        # A blank form's HTML is usually in the cache: build it only if not.
        form = SimpleLazyObject(lambda: EntryForm(pilot=pilot))
    announcement = ""
    new_entry_pk = None
    page = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.entry_create(
                pilot=pilot,
                author=request.user,
                date=data["date"],
                text=data["text"],
                is_public=form.is_public,
                language=request.LANGUAGE_CODE,
                new_phase=data["new_phase"],
                expected_version=data.get("version"),
                indicator=data["indicator"],
                value=data["value"],
                files=form.checked_files,
            )
        except services.PhaseConflictError as conflict:
            # The text stays in the form; the next send applies to the phase
            # now shown.
            form.add_error(None, str(conflict))
            form.data = form.data.copy()
            form.data["version"] = str(pilot.version)
        else:
            # A back-dated entry takes its place by date, maybe on a later
            # page: that page is shown, and the message says which it is.
            page = selectors.entry_log_page(entry=entry)
            if page == 1:
                message = _("The entry was saved.")
            else:
                message = _(
                    "The entry was saved. By its date, it is on page %(number)s "
                    "of the log."
                ) % {"number": page}
            log_url = pilot.get_log_url()
            if page > 1:
                log_url += f"?page={page}"
            if not request.htmx:
                messages.success(request, message)
                return redirect(log_url)
            announcement = message
            new_entry_pk = entry.pk
            form = EntryForm(pilot=pilot)
    elif request.method == "POST":
        announcement = _("The entry was not saved. Check the errors in the form.")
    template_name = "pilots/pilot_log.html"
    if request.htmx:
        template_name += "#log-workspace"
    ctx = selectors.pilot_log(
        pilot=pilot,
        viewer=request.user,
        page=page if request.method == "POST" else request.GET.get("page"),
    )
    ctx.update(_fragments(request, page))
    ctx.update(
        {
            "form": form,
            "blank_form": request.method == "GET" or new_entry_pk is not None,
            "announcement": announcement,
            "new_entry_pk": new_entry_pk,
        }
    )
    response = render(request, template_name, ctx)
    if new_entry_pk is not None and page > 1:
        # Reloading shows the page the new entry is on.
        response = replace_url(response, log_url)
    return response


@require_http_methods(["GET", "POST"])
@login_required
def entry_edit(request: HtmxHttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    entry = get_entry_for_user(request, pk, entry_pk)
    pilot = entry.pilot
    initial = {
        "date": entry.date,
        "text": entry.text,
        "visibility": "public" if entry.is_public else "internal",
    }
    if request.method == "POST":
        form = EntryForm(request.POST, pilot=pilot, edit=True, initial=initial)
        if form.is_valid():
            services.entry_update(
                entry=entry,
                by=request.user,
                date=form.cleaned_data["date"],
                text=form.cleaned_data["text"],
                is_public=form.is_public,
            )
            messages.success(request, _("The entry was changed."))
            return redirect(pilot.get_log_url())
    else:
        form = EntryForm(pilot=pilot, edit=True, initial=initial)
    # The text is in the language it was written in, not the page's.
    form.fields["text"].widget.attrs["lang"] = entry.language
    return render(
        request,
        "pilots/entry_edit.html",
        {"pilot": pilot, "entry": entry, "form": form},
    )


@require_http_methods(["GET", "POST"])
@login_required
def entry_delete(request: HtmxHttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    entry = get_entry_for_user(request, pk, entry_pk)
    pilot = entry.pilot
    if request.method == "POST":
        services.entry_delete(entry=entry, by=request.user)
        messages.success(request, _("The entry was deleted."))
        return redirect(pilot.get_log_url())
    return render(request, "pilots/entry_delete.html", {"pilot": pilot, "entry": entry})


@require_http_methods(["GET", "POST"])
@login_required
def measurements_import(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    pilot = get_log_for_user(request, pk)
    if request.method == "POST":
        form = MeasurementImportForm(request.POST, request.FILES, pilot=pilot)
        if form.is_valid():
            with transaction.atomic():
                saved = services.measurements_import(
                    pilot=pilot,
                    indicator=form.cleaned_data["indicator"],
                    rows=form.rows,
                    by=request.user,
                )
            messages.success(
                request,
                ngettext(
                    "%(count)s measurement was saved.",
                    "%(count)s measurements were saved.",
                    len(saved),
                )
                % {"count": len(saved)},
            )
            return redirect(pilot.get_log_url())
    else:
        form = MeasurementImportForm(pilot=pilot)
    return render(
        request, "pilots/measurements_import.html", {"pilot": pilot, "form": form}
    )
