"""Demo reports, their meetings and events; loaded after the apps below.

"yhteispalvelu" gets a final report awaiting the steering group's approval
(any steering-group member may approve in that project, so the demo user
"steering" can), trainings and other events for its appendices, and
meetings. "kotona-hyvin" gets an approved administrative report for
1.5.–31.10.2025 with its sub-projects' staff and the meetings of its
steering group and project team. All text is invented for the demo; the
Swedish text of one section is left out so the Finnish fallback shows.
"""

from datetime import UTC, date, datetime

from django.db import transaction
from django.utils import translation

from projects.demo import _Loader
from projects.models import (
    Event,
    Goal,
    GoalAssessment,
    Group,
    Membership,
    OperatingModel,
    Project,
    ReportApprovers,
    Subproject,
)
from reports import services
from reports.models import Report
from reports.services import sections_from_project

FINAL_TEXTS = {
    "outputs": (
        "Hankkeessa syntyi yhteinen palvelulupaus, kaksi vakiintunutta "
        "toimintamallia ja etävastaanoton pilotti, jonka kokemuksia kerättiin "
        "asiakaspalautekyselyllä.\n\n"
        "- yhteinen palvelulupaus molemmille alueille\n"
        "- etävastaanoton toimintamalli\n"
        "- yhtenäiset kirjaamisen ohjeet",
        "Projektet resulterade i ett gemensamt servicelöfte, två etablerade "
        "verksamhetsmodeller och en pilot med distansmottagning, vars "
        "erfarenheter samlades in med en kundenkät.\n\n"
        "- ett gemensamt servicelöfte för båda områdena\n"
        "- en verksamhetsmodell för distansmottagning\n"
        "- enhetliga anvisningar för dokumentation",
    ),
    "benefits_clients": (
        "Asiakkaat pääsevät vastaanotolle nopeammin, ja etävastaanotto säästää "
        "pitkiä matkoja erityisesti harvaan asutuilla alueilla.",
        "Klienterna får snabbare tid till mottagning, och distansmottagningen "
        "sparar långa resor särskilt i glesbygden.",
    ),
    "benefits_staff": (
        "Työntekijät saivat yhteiset ohjeet ja koulutuksen etätyöskentelyyn. "
        "Alueiden välinen konsultointi helpottui.",
        "",  # Not translated: the Swedish report shows the Finnish text.
    ),
    "benefits_organisation": (
        "Alueet voivat jakaa erityisosaamista ilman, että henkilöstön tarvitsee "
        "matkustaa.",
        "Områdena kan dela specialkompetens utan att personalen behöver resa.",
    ),
    "benefits_long_term": (
        "Yhteinen palvelurakenne luo pohjan alueiden pysyvälle yhteistyölle.",
        "Den gemensamma servicestrukturen lägger grunden för ett bestående "
        "samarbete mellan områdena.",
    ),
    "dependencies": (
        "Työ liittyy alueiden digitaalisten palvelujen kehittämiseen ja "
        "kansalliseen etäpalvelujen ohjeistukseen.",
        "Arbetet hänger samman med utvecklingen av områdenas digitala tjänster "
        "och de nationella anvisningarna om distanstjänster.",
    ),
}

ADMINISTRATIVE_TEXTS = {
    "background": (
        "Raportti kattaa hankkeen toisen toimintavuoden kesän ja syksyn. "
        "Molempien osakokonaisuuksien henkilöstö oli kokonaan rekrytoitu.",
        "Rapporten omfattar sommaren och hösten under projektets andra "
        "verksamhetsår. Personalen i båda delprojekten var fullt rekryterad.",
    ),
    "implementation": (
        "- projektiryhmä kokoontui kuukausittain etäyhteyksin\n"
        "- ohjausryhmä kokoontui kahdesti\n"
        "- osakokonaisuudet esittelivät työtään kunnissa",
        "- projektgruppen sammanträdde varje månad på distans\n"
        "- styrgruppen sammanträdde två gånger\n"
        "- delprojekten presenterade sitt arbete i kommunerna",
    ),
    "outputs": (
        "Kotihoidon etäkäyntien kirjaamisohje valmistui, ja omaishoitajien "
        "vertaisryhmiä käynnistettiin kolmella paikkakunnalla.",
        "Anvisningen för dokumentation av distansbesök i hemvården blev klar, "
        "och kamratgrupper för närståendevårdare startade på tre orter.",
    ),
}

STAFF = {
    "Järvi-Savo: kotihoidon etäpalvelut": (
        "projektikoordinaattori 100 %\nkehittäjähoitaja 100 %\n"
        "fysioterapeutti 50 % (1.8.2025 alkaen)",
        "projektkoordinator 100 %\nutvecklingsskötare 100 %\n"
        "fysioterapeut 50 % (från 1.8.2025)",
    ),
    "Rannikko: omaishoidon tuki": (
        "kehittäjäsosiaaliohjaaja 100 %\nprojektisihteeri 80 %",
        "utvecklande socialhandledare 100 %\nprojektsekreterare 80 %",
    ),
}

# (project, kind, group kind, title fi/sv, date, online, place, audience, count)
EVENTS = [
    (
        "yhteispalvelu",
        Event.Kind.TRAINING,
        None,
        ("Etävastaanoton perusteet", "Grunderna i distansmottagning"),
        date(2021, 5, 18),
        True,
        "",
        ("vastaanottojen henkilöstö", "mottagningspersonal"),
        148,
    ),
    (
        "yhteispalvelu",
        Event.Kind.TRAINING,
        None,
        ("Yhtenäinen kirjaaminen", "Enhetlig dokumentation"),
        date(2021, 10, 6),
        True,
        "",
        (
            "sosiaali- ja terveydenhuollon ammattilaiset",
            "yrkespersoner inom social- och hälsovården",
        ),
        212,
    ),
    (
        "yhteispalvelu",
        Event.Kind.TRAINING,
        None,
        ("Palveluohjauksen työpajakoulutus", "Workshoputbildning i servicehandledning"),
        date(2022, 3, 15),
        False,
        "Järvikylä",
        ("palveluohjaajat", "servicehandledare"),
        31,
    ),
    (
        "yhteispalvelu",
        Event.Kind.WORKSHOP,
        None,
        ("Asiakasraadin työpaja", "Workshop med klientrådet"),
        date(2021, 11, 23),
        False,
        "Rantala",
        ("asiakasraati", "klientrådet"),
        18,
    ),
    (
        "yhteispalvelu",
        Event.Kind.SEMINAR,
        None,
        ("Yhteispalvelun loppuseminaari", "Slutseminarium för Yhteispalvelu"),
        date(2023, 11, 28),
        True,
        "",
        ("kaikille avoin", "öppet för alla"),
        164,
    ),
    (
        "yhteispalvelu",
        Event.Kind.MEETING,
        Group.Kind.STEERING,
        ("Ohjausryhmän kokous", "Styrgruppens möte"),
        date(2021, 9, 14),
        True,
        "",
        ("", ""),
        None,
    ),
    (
        "kotona-hyvin",
        Event.Kind.MEETING,
        Group.Kind.PROJECT_TEAM,
        ("Projektiryhmän kokous", "Projektgruppens möte"),
        date(2025, 6, 12),
        True,
        "",
        ("", ""),
        None,
    ),
    (
        "kotona-hyvin",
        Event.Kind.MEETING,
        Group.Kind.PROJECT_TEAM,
        ("Projektiryhmän kokous", "Projektgruppens möte"),
        date(2025, 8, 21),
        True,
        "",
        ("", ""),
        None,
    ),
    (
        "kotona-hyvin",
        Event.Kind.MEETING,
        Group.Kind.STEERING,
        ("Ohjausryhmän kokous", "Styrgruppens möte"),
        date(2025, 9, 9),
        False,
        "Järvikylä",
        ("", ""),
        None,
    ),
    (
        "kotona-hyvin",
        Event.Kind.MEETING,
        Group.Kind.PROJECT_TEAM,
        ("Projektiryhmän kokous", "Projektgruppens möte"),
        date(2025, 10, 16),
        True,
        "",
        ("", ""),
        None,
    ),
    (
        "kotona-hyvin",
        Event.Kind.MEETING,
        Group.Kind.STEERING,
        ("Ohjausryhmän kokous", "Styrgruppens möte"),
        date(2025, 10, 28),
        True,
        "",
        ("", ""),
        None,
    ),
    (
        "kotona-hyvin",
        Event.Kind.TRAINING,
        None,
        ("Kaatumisten ehkäisy kotihoidossa", "Att förebygga fall i hemvården"),
        date(2025, 9, 24),
        True,
        "",
        ("kotihoidon henkilöstö", "hemvårdens personal"),
        96,
    ),
]


# yhteispalvelu's goals with the self-assessment (report appendix 1):
# (number, kind, text fi/sv, result, evaluation fi/sv)
GOALS = [
    (
        "1",
        Goal.Kind.OUTCOME,
        (
            "Asukkaat saavat samantasoista palvelua asuinpaikasta riippumatta.",
            "Invånarna får service av samma kvalitet oberoende av var de bor.",
        ),
        GoalAssessment.Result.PARTLY,
        (
            "Palvelulupaus on yhteinen, mutta odotusajoissa on yhä eroja.",
            "Servicelöftet är gemensamt, men väntetiderna skiljer sig fortfarande.",
        ),
    ),
    (
        "1.1",
        Goal.Kind.PROCESS,
        (
            "Alueille laaditaan yhteinen palvelulupaus.",
            "Områdena utarbetar ett gemensamt servicelöfte.",
        ),
        GoalAssessment.Result.MET,
        (
            "Palvelulupaus hyväksyttiin molemmissa aluehallituksissa.",
            "Servicelöftet godkändes av båda områdesstyrelserna.",
        ),
    ),
    (
        "1.2",
        Goal.Kind.PROCESS,
        (
            "Etävastaanotto otetaan käyttöön kaikissa kunnissa.",
            "Distansmottagning tas i bruk i alla kommuner.",
        ),
        GoalAssessment.Result.PARTLY,
        (
            "Etävastaanotto on käytössä kahdeksassa kunnassa yhdestätoista.",
            "Distansmottagning används i åtta av elva kommuner.",
        ),
    ),
    (
        "2",
        Goal.Kind.BENEFIT,
        (
            "Kirjaaminen on yhtenäistä molemmilla alueilla.",
            "Dokumentationen är enhetlig i båda områdena.",
        ),
        GoalAssessment.Result.NOT_MET,
        (
            "Potilastietojärjestelmien erot hidastivat työtä; "
            "jatketaan uudessa hankkeessa.",
            "Skillnader mellan journalsystemen bromsade arbetet; "
            "det fortsätter i ett nytt projekt.",
        ),
    ),
]

# (name fi/sv, phase, Innokylä slug)
OPERATING_MODELS = [
    (
        ("Yhteinen palvelulupaus", "Gemensamt servicelöfte"),
        OperatingModel.Phase.EMBEDDED,
        "yhteinen-palvelulupaus-demo",
    ),
    (
        ("Etävastaanotto", "Distansmottagning"),
        OperatingModel.Phase.ADOPTED,
        "etavastaanotto-demo",
    ),
]


def _texts(report: Report, texts: dict) -> None:
    for section, (fi, sv) in texts.items():
        setattr(report, f"{section}_fi", fi)
        setattr(report, f"{section}_sv", sv)


def load() -> dict[str, int]:
    """Create or update the demo reports; return how many rows of each kind."""
    loader = _Loader()
    with translation.override("fi"), transaction.atomic():
        loader.load_users()
        _load(loader)
    return dict(loader.counts)


def _load(loader: _Loader) -> None:
    projects = {
        p.slug: p
        for p in Project.objects.filter(slug__in=["yhteispalvelu", "kotona-hyvin"])
    }
    users = loader.users
    joint, home = projects["yhteispalvelu"], projects["kotona-hyvin"]

    Project.objects.filter(pk=joint.pk).update(
        report_approvers=ReportApprovers.STEERING
    )

    # kotona-hyvin: the demo steering-group user and a project team.
    steering = Group.objects.get(project=home, kind=Group.Kind.STEERING, parent=None)
    loader.upsert(
        "memberships",
        Membership,
        {"role": Membership.Role.MEMBER, "title": "kehittämisjohtaja"},
        user=users["steering"],
        group=steering,
    )
    team = loader.upsert(
        "groups",
        Group,
        {"kind": Group.Kind.PROJECT_TEAM, "name_sv": "Projektgrupp"},
        project=home,
        parent=None,
        name_fi="Projektiryhmä",
    )
    loader.upsert(
        "memberships",
        Membership,
        {
            "role": Membership.Role.CHAIR,
            "title": "projektipäällikkö",
            "is_contact": True,
        },
        user=users["manager"],
        group=team,
    )
    for name_fi, (fi, sv) in STAFF.items():
        Subproject.objects.filter(project=home, name_fi=name_fi).update(
            staff_fi=fi, staff_sv=sv
        )

    groups = {
        (g.project_id, g.kind): g
        for g in Group.objects.filter(project__in=projects.values(), parent=None)
    }
    for slug, kind, group_kind, title, day, online, place, audience, count in EVENTS:
        project = projects[slug]
        loader.upsert(
            "events",
            Event,
            {
                "group": groups.get((project.pk, group_kind)) if group_kind else None,
                "title_sv": title[1],
                "is_online": online,
                "place": place,
                "audience_fi": audience[0],
                "audience_sv": audience[1],
                "participant_count": count,
            },
            project=project,
            kind=kind,
            date=day,
            title_fi=title[0],
        )

    for number, kind, (text_fi, text_sv), result, (eval_fi, eval_sv) in GOALS:
        parent_number = number.rpartition(".")[0]
        goal = loader.upsert(
            "goals",
            Goal,
            {
                "kind": kind,
                "text_fi": text_fi,
                "text_sv": text_sv,
                "parent": Goal.objects.get(project=joint, number=parent_number)
                if parent_number
                else None,
            },
            project=joint,
            number=number,
        )
        loader.upsert(
            "assessments",
            GoalAssessment,
            {"result": result, "evaluation_fi": eval_fi, "evaluation_sv": eval_sv},
            goal=goal,
        )
    for (name_fi, name_sv), phase, slug in OPERATING_MODELS:
        loader.upsert(
            "operating_models",
            OperatingModel,
            {
                "name_sv": name_sv,
                "phase": phase,
                "innokyla_url": f"https://innokyla.fi/fi/toimintamalli/{slug}",
            },
            project=joint,
            name_fi=name_fi,
        )

    final = Report(
        project=joint, kind=Report.Kind.FINAL, **sections_from_project(joint)
    )
    _texts(final, FINAL_TEXTS)
    loader.upsert(
        "reports",
        Report,
        {
            "status": Report.Status.REVIEW,
            "updated_by": users["manager"],
            **{
                f"{s}_{lang}": getattr(final, f"{s}_{lang}")
                for s in Report.SECTIONS
                for lang in ("fi", "sv")
            },
        },
        project=joint,
        kind=Report.Kind.FINAL,
        start_date=None,
        version=1,
    )

    administrative = Report()
    _texts(administrative, ADMINISTRATIVE_TEXTS)
    existing = Report.objects.filter(
        project=home,
        kind=Report.Kind.ADMINISTRATIVE,
        start_date=date(2025, 5, 1),
        version=1,
        status=Report.Status.APPROVED,
    ).first()
    if existing is not None:  # approved and frozen: a second run leaves it
        loader.counts["reports"] += 1
        return
    report = loader.upsert(
        "reports",
        Report,
        {
            "end_date": date(2025, 10, 31),
            "status": Report.Status.REVIEW,
            "updated_by": users["manager"],
            **{
                f"{s}_{lang}": getattr(administrative, f"{s}_{lang}") or ""
                for s in Report.SECTIONS
                for lang in ("fi", "sv")
            },
        },
        project=home,
        kind=Report.Kind.ADMINISTRATIVE,
        start_date=date(2025, 5, 1),
        version=1,
    )
    # Approved through the service, so it is frozen like any approved
    # report; then dated as the demo tells it.
    approved_at = datetime(2025, 11, 18, 12, 0, tzinfo=UTC)
    meeting = (
        Event.objects.filter(
            project=home, kind=Event.Kind.MEETING, group__kind=Group.Kind.STEERING
        )
        .order_by("-date")
        .first()
    )
    services.report_approve(
        report=report,
        user=users["helena.strand"],
        revision=report.revision,
        meeting=meeting,
    )
    Report.objects.filter(pk=report.pk).update(approved_at=approved_at)
    report.audit_entries.update(at=approved_at)
