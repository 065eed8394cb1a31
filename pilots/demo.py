"""Demo pilots of the joint project "yhteispalvelu", loaded by ``load_demo``.

Everything is invented. The remote-appointment pilot "Etävastaanotto" is run
by the sub-group "Vastaanottopalvelut", to which the demo user "member"
belongs, from 7 June to 30 November 2022. Runs after ``projects.demo``.
"""

import struct
import zlib
from collections import Counter
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from pilots.models import (
    Attachment,
    AuditLine,
    Phase,
    PhaseChange,
    Pilot,
    ProgressEntry,
)
from projects.models import (
    Group,
    Indicator,
    Measurement,
    Membership,
    Municipality,
    Project,
)

PROJECT = "yhteispalvelu"

INDICATORS = {
    "waiting": {
        "name": (
            "Kiireettömään vastaanottoon pääsyn odotusaika",
            "Väntetid till icke-brådskande mottagning",
        ),
        "unit": ("vrk", "dygn"),
        "baseline": Decimal("14.00"),
        "target": Decimal("7.00"),
        "measurements": [
            (date(2022, 5, 31), Decimal("14.00"), "Ennen pilottia"),
            (date(2022, 7, 31), Decimal("11.50"), ""),
            (date(2022, 9, 30), Decimal("9.00"), ""),
            (date(2022, 11, 30), Decimal("6.50"), "Pilotin jälkeen"),
        ],
    },
    "remote_share": {
        "name": (
            "Etävastaanottojen osuus käynneistä",
            "Andelen distansmottagningar av besöken",
        ),
        "unit": ("%", "%"),
        "baseline": Decimal("4.00"),
        "target": Decimal("25.00"),
        "measurements": [
            (date(2022, 5, 31), Decimal("4.00"), "Ennen pilottia"),
            (date(2022, 8, 31), Decimal("12.00"), ""),
            (date(2022, 11, 30), Decimal("19.50"), "Pilotin jälkeen"),
        ],
    },
    "satisfaction": {
        "name": (
            "Asiakastyytyväisyys mielenterveystukeen",
            "Klientnöjdhet med stödet för psykisk hälsa",
        ),
        "unit": ("/ 5", "/ 5"),
        "baseline": Decimal("3.40"),
        "target": Decimal("4.00"),
        "measurements": [
            (date(2022, 9, 30), Decimal("3.40"), "Lähtötaso"),
            (date(2023, 3, 31), Decimal("3.90"), ""),
        ],
    },
}

PILOTS = [
    {
        "key": "remote",
        "group": ("Terveyspalvelut", "Vastaanottopalvelut"),
        "name": ("Etävastaanotto", "Distansmottagning"),
        "description": (
            "Asukas voi valita kiireettömän vastaanottokäynnin videoyhteydellä. "
            "Jokaisen käynnin jälkeen asiakkaalta kysytään lyhyt palaute.",
            "Invånaren kan välja ett icke-brådskande mottagningsbesök via "
            "videolänk. Efter varje besök ber vi klienten om en kort respons.",
        ),
        "target_group": (
            "Kiireetöntä vastaanottoa tarvitsevat aikuiset",
            "Vuxna som behöver icke-brådskande mottagning",
        ),
        "phase_steps": [
            (Phase.PLANNING, date(2022, 3, 1)),
            (Phase.RUNNING, date(2022, 6, 7)),
            (Phase.EVALUATING, date(2022, 12, 1)),
        ],
        "start_date": date(2022, 6, 7),
        "end_date": date(2022, 11, 30),
        "municipalities": ["Kivisalmi", "Lahdenperä", "Merikaupunki"],
        "responsible": ["marja.pelkonen", "member"],
        "indicators": ["waiting", "remote_share"],
        "is_published": True,
        "entries": [
            (
                date(2022, 6, 7),
                True,
                "Ensimmäiset etävastaanotot pidettiin tänään kolmessa kunnassa. "
                "Ajanvaraus toimi, ja yhteys katkesi vain kerran.",
                "attachment",
            ),
            (
                date(2022, 6, 20),
                False,
                "Kuulokkeita tarvitaan kaksi lisää Lahdenperän vastaanotolle. "
                "Tilaus tehty hankintapalveluun.",
                None,
            ),
            (
                date(2022, 9, 15),
                True,
                "Kesän aikana etävastaanottoja oli lähes kolmasosa kiireettömistä "
                "käynneistä. Palautteissa kiitetään matkojen säästymistä.",
                None,
            ),
            (
                date(2022, 12, 1),
                True,
                "Pilotti päättyi 30.11. Arviointi alkaa: kokoamme palautteet ja "
                "odotusajat raporttia varten.",
                None,
            ),
        ],
    },
    {
        "key": "mental",
        "group": ("Terveyspalvelut", "Mielenterveys- ja päihdepalvelut"),
        "name": (
            "Matalan kynnyksen mielenterveystuki sote-keskuksessa",
            "Lågtröskelstöd för psykisk hälsa vid social- och hälsocentralen",
        ),
        "description": (
            "Sote-keskuksessa on kahtena päivänä viikossa avoin vastaanotto, "
            "jonne voi tulla ilman ajanvarausta.",
            "Social- och hälsocentralen har en öppen mottagning två dagar i "
            "veckan dit man kan komma utan tidsbokning.",
        ),
        "target_group": ("Nuoret aikuiset", "Unga vuxna"),
        "phase_steps": [
            (Phase.PLANNING, date(2022, 6, 1)),
            (Phase.RUNNING, date(2022, 9, 1)),
        ],
        "start_date": date(2022, 9, 1),
        "end_date": date(2023, 8, 31),
        "municipalities": ["Saarela", "Niemenkylä"],
        "responsible": ["ville.harju"],
        "indicators": ["satisfaction"],
        "is_published": True,
        "entries": [
            (
                date(2022, 9, 1),
                True,
                "Avoin vastaanotto aloitti. Ensimmäisenä päivänä kävi yhdeksän "
                "asiakasta.",
                None,
            ),
            (
                date(2022, 10, 3),
                False,
                "Työvuorolistoihin tarvitaan varahenkilö tiistaille.",
                None,
            ),
        ],
    },
    {
        "key": "rehab",
        "group": ("Terveyspalvelut", "Kuntoutus"),
        "name": (
            "Kotikuntoutuksen etäohjaus",
            "Distansvägledning för hemrehabilitering",
        ),
        "description": (
            "Fysioterapeutti ohjaa kotiharjoittelua videoyhteydellä kahden "
            "kotikäynnin välillä.",
            "Fysioterapeuten handleder hemträningen via videolänk mellan två hembesök.",
        ),
        "target_group": ("Kotona asuvat ikääntyneet", "Äldre som bor hemma"),
        "phase_steps": [
            (Phase.PLANNING, date(2021, 3, 1)),
            (Phase.RUNNING, date(2021, 5, 1)),
            (Phase.EVALUATING, date(2021, 11, 1)),
            (Phase.ESTABLISHED, date(2022, 2, 1)),
        ],
        "start_date": date(2021, 5, 1),
        "end_date": date(2021, 10, 31),
        "municipalities": ["Honkaniemi"],
        "responsible": ["pia.westerlund"],
        "indicators": [],
        "is_published": True,
        "entries": [
            (
                date(2022, 2, 1),
                True,
                "Etäohjaus on nyt osa kotikuntoutuksen vakiintunutta toimintaa.",
                None,
            ),
        ],
    },
    {
        "key": "dental",
        "group": ("Terveyspalvelut", "Suun terveydenhuolto"),
        "name": (
            "Suun terveydenhuollon yhteinen ajanvaraus",
            "Gemensam tidsbokning för munhälsovården",
        ),
        "description": (
            "Molempien alueiden suun terveydenhuollon ajat varataan yhdestä numerosta.",
            "",
        ),
        "target_group": ("Kaikki asukkaat", "Alla invånare"),
        "phase_steps": [(Phase.PLANNING, date(2023, 1, 15))],
        "start_date": date(2023, 4, 1),
        "end_date": date(2023, 10, 31),
        "municipalities": [],
        "responsible": ["jonna.kettunen"],
        "indicators": [],
        "is_published": False,
        "entries": [
            (
                date(2023, 1, 20),
                False,
                "Puhelinjärjestelmän toimittajan kanssa sovittu aikataulusta.",
                None,
            ),
        ],
    },
    {
        "key": "chat",
        "group": (None, "Digitaaliset palvelut"),
        "name": ("Iltachat", "Kvällschatt"),
        "description": (
            "Sosiaali- ja terveysneuvontaa chatissa arki-iltaisin.",
            "Social- och hälsorådgivning i chatten på vardagskvällar.",
        ),
        "target_group": ("Työssäkäyvät aikuiset", "Förvärvsarbetande vuxna"),
        "phase_steps": [
            (Phase.PLANNING, date(2021, 9, 1)),
            (Phase.RUNNING, date(2022, 1, 10)),
            (Phase.STOPPED, date(2022, 4, 30)),
        ],
        "start_date": date(2022, 1, 10),
        "end_date": date(2022, 6, 30),
        "municipalities": ["Merikaupunki", "Koivusaari"],
        "responsible": ["mikael.holmberg"],
        "indicators": [],
        "is_published": True,
        "entries": [
            (
                date(2022, 4, 30),
                True,
                "Pilotti keskeytettiin: iltaisin päivystäviä ammattilaisia ei "
                "saatu riittävästi. Opit siirretään sähköisen asioinnin kehitykseen.",
                None,
            ),
        ],
    },
]


def tiny_png(width: int = 8, height: int = 8) -> bytes:
    """A small valid PNG (a blue square), made without any image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x00\x50\x8c" * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def _group(project: Project, parent_name: str | None, name: str) -> Group:
    groups = Group.objects.filter(project=project, name_fi=name)
    if parent_name:
        groups = groups.filter(parent__name_fi=parent_name)
    return groups.get()


def load() -> dict[str, int]:
    counts: Counter[str] = Counter()
    project = Project.objects.filter(slug=PROJECT).first()
    if project is None:
        return {}
    users = {u.username: u for u in get_user_model().objects.all()}
    with translation.override("fi"), transaction.atomic():
        indicators = {}
        for key, data in INDICATORS.items():
            indicator, created = Indicator.objects.update_or_create(
                project=project,
                name_fi=data["name"][0],
                defaults={
                    "name_sv": data["name"][1],
                    "unit_fi": data["unit"][0],
                    "unit_sv": data["unit"][1],
                    "baseline": data["baseline"],
                    "target": data["target"],
                },
            )
            counts["created"] += created
            indicators[key] = indicator
            for day, value, note in data["measurements"]:
                _m, created = Measurement.objects.update_or_create(
                    indicator=indicator,
                    date=day,
                    defaults={"value": value, "note": note},
                )
                counts["created"] += created
                counts["measurements"] += 1
        for data in PILOTS:
            group = _group(project, *data["group"])
            pilot, created = Pilot.objects.update_or_create(
                project=project,
                name_fi=data["name"][0],
                defaults={
                    "name_sv": data["name"][1],
                    "description_fi": data["description"][0],
                    "description_sv": data["description"][1],
                    "target_group_fi": data["target_group"][0],
                    "target_group_sv": data["target_group"][1],
                    "group": group,
                    "phase": data["phase_steps"][-1][0],
                    "start_date": data["start_date"],
                    "end_date": data["end_date"],
                    "is_published": data["is_published"],
                },
            )
            counts["pilots"] += 1
            counts["created"] += created
            pilot.municipalities.set(
                Municipality.objects.filter(name_fi__in=data["municipalities"])
            )
            pilot.responsible.set(
                Membership.objects.filter(
                    group=group, user__username__in=data["responsible"]
                )
            )
            pilot.indicators.set(indicators[k] for k in data["indicators"])
            for phase, day in data["phase_steps"]:
                _p, created = PhaseChange.objects.get_or_create(
                    pilot=pilot, phase=phase, date=day
                )
                counts["created"] += created
            author = users.get("member") if data["key"] == "remote" else None
            if author is None:
                member = group.memberships.select_related("user").first()
                author = member.user if member else None
            for day, is_public, text, attachment in data["entries"]:
                entry, created = ProgressEntry.objects.update_or_create(
                    pilot=pilot,
                    date=day,
                    author=author,
                    defaults={"text": text, "is_public": is_public, "language": "fi"},
                )
                counts["entries"] += 1
                counts["created"] += created
                if created:
                    AuditLine.objects.create(
                        pilot=pilot,
                        entry=entry,
                        entry_number=entry.pk,
                        action=AuditLine.Action.CREATED,
                        actor=author,
                    )
                if attachment and not entry.attachments.exists():
                    Attachment.objects.create(
                        entry=entry,
                        file=ContentFile(tiny_png(), name="etavastaanotto.png"),
                        name="etavastaanotto.png",
                        content_type="image/png",
                        size=len(tiny_png()),
                    )
                    counts["created"] += 1
    return dict(counts)
