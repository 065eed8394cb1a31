"""A report as one document: built from live data, frozen on approval.

``build(report)`` gathers everything a report shows — its sections in fi and
sv, the project's facts and every appendix — from the selectors of the apps
below ``reports`` into plain JSON-able data. Texts and labels are stored in
both languages (``name_fi``, ``name_sv``), so one document serves both PDFs.
The HTML view and the PDF are rendered from such a document only:

- a draft or a report in review is rebuilt at every view (figures update);
- on approval the document is stored as a ``ReportSnapshot`` with a schema
  version and a content hash, and the approved report is rendered from that
  snapshot alone, whatever happens to the live data afterwards.

``context(doc, language)`` turns a stored document back into what the
templates read (dates, decimals, charts drawn in the page's language).
When the document's shape changes, bump ``SCHEMA_VERSION`` and add a step
to ``_UPGRADES`` that turns the previous shape into the new one: stored
snapshots are upgraded when read, never rewritten, so their hash still holds.
"""

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from feedback import selectors as feedback_selectors
from pilots import selectors as pilot_selectors
from portal.lib import charts
from projects import selectors as project_selectors
from projects.models import Event, Group
from reports.models import Report

SCHEMA_VERSION = 1

LANGUAGES = [code for code, _name in settings.LANGUAGES]

SECTION_HEADINGS = {
    "background": _("Background"),
    "goals": _("Goals"),
    "implementation": _("Implementation"),
    "outputs": _("Outputs"),
    "benefits_clients": _("Benefits for clients"),
    "benefits_staff": _("Benefits for staff"),
    "benefits_organisation": _("Benefits for the organisation"),
    "benefits_long_term": _("Long-term benefits"),
    "dependencies": _("Dependencies"),
}

# Parts after the narrative: (key, title); each has its template
# reports/document/_part_<key>.html. Administrative reports add the first three.
ADMINISTRATIVE_PARTS = (
    ("subprojects", _("Sub-projects")),
    ("municipalities", _("Pilot municipalities")),
    ("meetings", _("Meetings of the steering group and the project team")),
)
APPENDICES = (
    ("goals", _("Goal self-assessment")),
    ("operating_models", _("Operating models")),
    ("trainings", _("Trainings")),
    ("events", _("Other events")),
    ("pilots", _("Pilots and their indicators")),
    ("feedback", _("Client feedback")),
)


class UnknownSchema(Exception):
    """A stored document of a shape this code cannot read."""


# --- Building -----------------------------------------------------------------


def _texts(obj: object, *fields: str) -> dict[str, str]:
    """``name_fi``, ``name_sv``… of a translated model's fields, as stored."""
    return {
        f"{name}_{language}": getattr(obj, f"{name}_{language}", "") or ""
        for name in fields
        for language in LANGUAGES
    }


def _labels(name: str, label_of) -> dict[str, str]:  # noqa: ANN001
    """A choice's display text in every language: ``phase_label_fi``…"""
    labels = {}
    for language in LANGUAGES:
        with translation.override(language):
            labels[f"{name}_label_{language}"] = str(label_of())
    return labels


def _event(event: Event) -> dict:
    return {
        "date": event.date,
        "kind": event.kind,
        **_labels("kind", event.get_kind_display),
        **_texts(event, "title", "place", "audience"),
        "is_online": event.is_online,
        "participant_count": event.participant_count,
        "group": _texts(event.group, "name") if event.group_id else None,
    }


def _totals(events: list[dict]) -> dict:
    return {
        "count": len(events),
        "participants": sum(e["participant_count"] or 0 for e in events),
    }


def _goal(goal) -> dict:  # noqa: ANN001
    assessment = getattr(goal, "assessment", None)
    return {
        "number": goal.number,
        **_texts(goal, "text"),
        "kind": goal.kind,
        **_labels("kind", goal.get_kind_display),
        "assessment": None
        if assessment is None
        else {
            "result": assessment.result,
            **_labels("result", assessment.get_result_display),
            **_texts(assessment, "evaluation"),
        },
    }


def _pilot(pilot) -> dict:  # noqa: ANN001
    indicators = []
    for indicator in pilot.report_indicators:
        values = [m.value for m in indicator.report_measurements]
        before, after, change, target_met = pilot_selectors.indicator_figures(
            baseline=indicator.baseline, target=indicator.target, values=values
        )
        indicators.append(
            {
                "id": indicator.pk,
                **_texts(indicator, "name", "unit"),
                "baseline": indicator.baseline,
                "target": indicator.target,
                "before": before,
                "after": after,
                "change": change,
                "target_met": target_met,
                "measurements": [
                    {"date": m.date, "value": m.value}
                    for m in indicator.report_measurements
                ],
            }
        )
    return {
        "id": pilot.pk,
        **_texts(pilot, "name", "target_group"),
        "phase": pilot.phase,
        **_labels("phase", pilot.get_phase_display),
        "start_date": pilot.start_date,
        "end_date": pilot.end_date,
        "group": _texts(pilot.group, "name"),
        "municipalities": [_texts(m, "name") for m in pilot.report_municipalities],
        "responsible": [m.user.get_full_name() for m in pilot.report_responsible],
        "indicators": indicators,
    }


def _survey(summary: dict) -> dict:
    survey = summary["survey"]
    questions = []
    for result in summary["questions"]:
        question = result.question
        labels = {}
        for language in LANGUAGES:
            with translation.override(language):
                labels[language] = feedback_selectors.row_labels(question)
        questions.append(
            {
                "id": question.pk,
                "number": result.number,
                **_texts(question, "text"),
                "suppressed": result.suppressed,
                "rows": [
                    {
                        **{
                            f"label_{language}": labels[language][i]
                            for language in LANGUAGES
                        },
                        "count": row["count"],
                        "percent": row["percent"],
                    }
                    for i, row in enumerate(result.rows)
                ],
                "mean": result.mean,
                "nps": result.nps,
            }
        )
    return {
        "id": survey.pk,
        **_texts(survey, "title"),
        "responses": summary["responses"],
        "suppressed": summary["suppressed"],
        "period": list(summary["period"]) if summary["period"] else None,
        "questions": questions,
    }


def _in_period(events: list, report: Report) -> list:
    if report.kind != Report.Kind.ADMINISTRATIVE:
        return events
    return [e for e in events if report.start_date <= e.date <= report.end_date]


def build(*, report: Report) -> dict:
    """The whole report as it stands now, as JSON-able data (see module doc).

    Query count is fixed, whatever the number of rows.
    """
    project = report.project
    live = project_selectors.project_for_report(project=project)
    goals = live["goals"]
    events = _in_period(live["events"], report)
    # An approved report is public: only pilots published on the site.
    pilots = [p for p in pilot_selectors.for_report(project) if p.is_published]
    doc = {
        "schema": SCHEMA_VERSION,
        "kind": report.kind,
        "version": report.version,
        "revision": report.revision,
        "start_date": report.start_date,
        "end_date": report.end_date,
        "texts": _texts(report, *Report.SECTIONS),
        "project": {
            "slug": project.slug,
            **_texts(project, "name", "administrator"),
            "start_date": project.start_date,
            "end_date": project.end_date,
        },
        "regions": [_texts(region, "name") for region in live["regions"]],
        "goals": [_goal(g) for g in goals if g.subproject_id is None],
        "operating_models": [
            {
                **_texts(model, "name"),
                "phase": model.phase,
                **_labels("phase", model.get_phase_display),
                "innokyla_url": model.innokyla_url,
            }
            for model in live["operating_models"]
        ],
        "trainings": [_event(e) for e in events if e.kind == Event.Kind.TRAINING],
        "other_events": [
            _event(e)
            for e in events
            if e.kind in (Event.Kind.WORKSHOP, Event.Kind.SEMINAR)
        ],
        "pilots": [_pilot(p) for p in pilots],
        "feedback": [_survey(s) for s in feedback_selectors.for_report(project)],
    }
    doc["trainings_total"] = _totals(doc["trainings"])
    doc["other_events_total"] = _totals(doc["other_events"])
    if report.kind == Report.Kind.ADMINISTRATIVE:
        subprojects = live["subprojects"]
        doc["subprojects"] = [
            {
                **_texts(sub, "name", "organisation", "staff"),
                "region": _texts(sub.region, "name") if sub.region_id else None,
                "person_years": sub.person_years,
                "costs": sub.costs,
                "goals": [
                    {"number": g.number, **_texts(g, "text")}
                    for g in goals
                    if g.subproject_id == sub.pk
                ],
            }
            for sub in subprojects
        ]
        doc["subproject_totals"] = live["subproject_totals"]
        doc["meetings"] = [
            _event(e)
            for e in events
            if e.kind == Event.Kind.MEETING
            and e.group is not None
            and e.group.kind in (Group.Kind.STEERING, Group.Kind.PROJECT_TEAM)
        ]
        municipalities = {}
        for pilot in pilots:
            for municipality in pilot.report_municipalities:
                municipalities.setdefault(municipality.pk, municipality)
        doc["pilot_municipalities"] = [
            _texts(m, "name")
            for m in sorted(municipalities.values(), key=lambda m: m.name_fi)
        ]
    return freeze(doc)


def summary(doc: dict) -> dict:
    """What approving this document freezes: for the confirmation page."""
    texts = doc["texts"]
    filled = [
        key
        for key in Report.SECTIONS
        if any(texts.get(f"{key}_{language}") for language in LANGUAGES)
    ]
    measurements = [
        m
        for pilot in doc["pilots"]
        for indicator in pilot["indicators"]
        for m in indicator["measurements"]
    ]
    dates = [_thaw(m["date"]) for m in measurements]
    periods = [_thaw(s["period"]) for s in doc["feedback"] if s["period"]]
    return {
        "filled": [SECTION_HEADINGS[key] for key in filled],
        "empty": [SECTION_HEADINGS[k] for k in Report.SECTIONS if k not in filled],
        "goals": len(doc["goals"]),
        "assessed": sum(1 for g in doc["goals"] if g["assessment"]),
        "operating_models": len(doc["operating_models"]),
        "events": len(doc["trainings"]) + len(doc["other_events"]),
        "participants": doc["trainings_total"]["participants"]
        + doc["other_events_total"]["participants"],
        "pilots": len(doc["pilots"]),
        "measurements": len(measurements),
        "measured_until": max(dates) if dates else None,
        "surveys": len(doc["feedback"]),
        "responses": sum(s["responses"] for s in doc["feedback"]),
        "feedback_from": min(p[0] for p in periods) if periods else None,
        "feedback_until": max(p[1] for p in periods) if periods else None,
    }


# --- Storing ------------------------------------------------------------------
# Dates and decimals are tagged, so a stored document reads back exactly:
# {"$date": "2025-05-01"}, {"$decimal": "44.4"}.


def freeze(value):  # noqa: ANN001, ANN201
    if isinstance(value, dict):
        return {key: freeze(v) for key, v in value.items()}
    if isinstance(value, list | tuple):
        return [freeze(v) for v in value]
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, datetime):
        raise TypeError("a report document holds dates, not times")
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    return value


def _thaw(value):  # noqa: ANN001, ANN202
    if isinstance(value, dict):
        if value.keys() == {"$decimal"}:
            return Decimal(value["$decimal"])
        if value.keys() == {"$date"}:
            return date.fromisoformat(value["$date"])
        return {key: _thaw(v) for key, v in value.items()}
    if isinstance(value, list):
        return [_thaw(v) for v in value]
    return value


def content_hash(doc: dict) -> str:
    """SHA-256 of the document in a canonical form: printed in the colophon,
    so a printed copy can be checked against the approved one."""
    canonical = json.dumps(
        doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


# Each step turns a document of version N into N + 1 (none yet).
_UPGRADES: dict = {}


def upgrade(doc: dict) -> dict:
    version = doc.get("schema")
    while version != SCHEMA_VERSION:
        step = _UPGRADES.get(version)
        if step is None:
            raise UnknownSchema(version)
        doc = step(doc)
        version = doc["schema"]
    return doc


# --- Reading ------------------------------------------------------------------


def context(doc: dict, *, language: str) -> dict:
    """What the document templates read: values thawed, charts drawn, and the
    table of contents, in ``language`` (the PDF's or the page's)."""
    data = _thaw(upgrade(doc))
    with translation.override(language):
        for pilot in data["pilots"]:
            for indicator in pilot["indicators"]:
                name = indicator[f"name_{language}"] or indicator["name_fi"]
                unit = indicator[f"unit_{language}"] or indicator["unit_fi"]
                indicator["chart"] = charts.line_chart(
                    [(m["date"], m["value"]) for m in indicator["measurements"]],
                    title=name,
                    baseline=indicator["baseline"],
                    target=indicator["target"],
                    unit=unit,
                )
    sections = [
        {"key": key, "id": f"sec-{key}", "number": n, "title": SECTION_HEADINGS[key]}
        for n, key in enumerate(Report.SECTIONS, 1)
    ]
    parts = []
    if data["kind"] == Report.Kind.ADMINISTRATIVE:
        parts = [
            {
                "key": key,
                "id": f"part-{key}",
                "number": n,
                "title": title,
                "template": f"reports/document/_part_{key}.html",
            }
            for n, (key, title) in enumerate(ADMINISTRATIVE_PARTS, len(sections) + 1)
        ]
    appendices = [
        {
            "key": key,
            "id": f"appendix-{key}",
            "number": n,
            "title": title,
            "template": f"reports/document/_part_{key}.html",
        }
        for n, (key, title) in enumerate(APPENDICES, 1)
    ]
    data["about"] = data.pop("project")  # the page's own ``project`` is a model
    return {
        **data,
        "sections": sections,
        "parts": parts,
        "appendices": appendices,
    }
