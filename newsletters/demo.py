# ruff: noqa: E501 - demo sentences read better unbroken
"""Demo data of the newsletters, loaded by ``manage.py load_demo``.

Invented text only: the interest areas, the numbered series 1/2021–7/2021 of
the joint project "yhteispalvelu" (issue 5/2021 has no Swedish text, so the
Finnish fallback shows), a draft 8/2021 and a few confirmed members with
example.fi addresses. Loading sends no mail: rows are written directly and
no deliveries are created for the old issues.
"""

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from newsletters.models import InterestArea, NewsletterIssue, Subscriber
from projects.models import Project

TZ = ZoneInfo("Europe/Helsinki")

AREAS = [
    ("tyoikaiset", "Työikäiset", "Personer i arbetsför ålder", False),
    (
        "lapset-nuoret-perheet",
        "Lapset, nuoret ja perheet",
        "Barn, unga och familjer",
        False,
    ),
    (
        "ikaantyneet-vammaispalvelut",
        "Ikääntyneet ja vammaispalvelut",
        "Äldre och funktionshinderservice",
        False,
    ),
    ("kaikki", "Kaikki edellä mainitut", "Alla ovan nämnda", True),
]

# (number, month, areas, (title fi, title sv), (lead fi, lead sv), (body fi, body sv))
ISSUES = [
    (
        1,
        2,
        ["kaikki"],
        ("Hanke käynnistyi", "Projektet har startat"),
        (
            "Yhteispalvelun kehittäminen alkoi tammikuussa kahden alueen yhteistyönä.",
            "Utvecklingen av samservicen inleddes i januari i samarbete mellan två områden.",
        ),
        (
            "Hankkeen ensimmäiset viikot kuluivat tiimin kokoamiseen ja työryhmien "
            "perustamiseen.\n\nKevään aikana kuulemme asukkaita kolmessa kunnassa.\n\n"
            "- Aloitusseminaari pidettiin verkossa\n- Työryhmät aloittivat maaliskuussa",
            "Projektets första veckor gick åt till att samla teamet och grunda "
            "arbetsgrupperna.\n\nUnder våren hör vi invånare i tre kommuner.\n\n"
            "- Startseminariet hölls på nätet\n- Arbetsgrupperna inledde i mars",
        ),
    ),
    (
        2,
        3,
        ["tyoikaiset"],
        ("Etävastaanotot kokeiluun", "Distansmottagningar prövas"),
        (
            "Työikäisten etävastaanottoja kokeillaan kahdella terveysasemalla.",
            "Distansmottagningar för personer i arbetsför ålder prövas på två hälsostationer.",
        ),
        (
            "Kokeilu kestää kesäkuun loppuun. Palautetta kerätään jokaiselta "
            "asiakkaalta lyhyellä kyselyllä.",
            "Försöket pågår till slutet av juni. Respons samlas in av varje klient "
            "med en kort enkät.",
        ),
    ),
    (
        3,
        4,
        ["lapset-nuoret-perheet"],
        ("Perhekeskuksen verkkopalvelu", "Familjecentrets nättjänst"),
        (
            "Perheiden neuvontaa tarjotaan nyt myös chatissa arki-iltaisin.",
            "Familjerådgivning erbjuds nu också i en chatt på vardagskvällar.",
        ),
        (
            "Chat on auki maanantaista torstaihin kello 17–20.\n\nLue lisää: "
            "https://www.example.fi/perhekeskus",
            "Chatten är öppen måndag till torsdag kl. 17–20.\n\nLäs mer: "
            "https://www.example.fi/perhekeskus",
        ),
    ),
    (
        4,
        5,
        ["ikaantyneet-vammaispalvelut"],
        ("Kotihoidon kuvapuhelut", "Videosamtal i hemvården"),
        (
            "Kuvapuhelut tukevat kotona asumista iltaisin ja viikonloppuisin.",
            "Videosamtalen stöder boendet hemma på kvällar och veckoslut.",
        ),
        (
            "Kotihoidon asiakkaista kolmannes on ottanut kuvapuhelut käyttöön.",
            "En tredjedel av hemvårdens klienter har tagit videosamtalen i bruk.",
        ),
    ),
    (
        5,
        6,
        ["tyoikaiset", "lapset-nuoret-perheet"],
        ("Kesän työpajat", ""),
        (
            "Kesäkuun työpajoissa ideoitiin palveluohjausta yhdessä asukkaiden kanssa.",
            "",
        ),
        (
            "Työpajoihin osallistui yhteensä 46 henkeä. Tulokset julkaistaan syksyllä.",
            "",
        ),
    ),
    (
        6,
        9,
        ["kaikki"],
        ("Syksyn koulutukset", "Höstens utbildningar"),
        (
            "Henkilöstölle järjestetään syksyllä neljä koulutusta digitaalisista palveluista.",
            "Personalen erbjuds fyra utbildningar om digitala tjänster under hösten.",
        ),
        (
            "Koulutukset ovat maksuttomia ja ne tallennetaan.",
            "Utbildningarna är avgiftsfria och de spelas in.",
        ),
    ),
    (
        7,
        11,
        ["ikaantyneet-vammaispalvelut", "tyoikaiset"],
        ("Väliraportti valmistui", "Mellanrapporten är klar"),
        (
            "Hankkeen väliraportti kertoo, mitä ensimmäisenä vuonna opittiin.",
            "Projektets mellanrapport berättar vad vi lärde oss under det första året.",
        ),
        (
            "Raportin mukaan asiakkaat pitävät etäpalveluja helppokäyttöisinä.",
            "Enligt rapporten upplever klienterna distanstjänsterna som lätta att använda.",
        ),
    ),
]

DRAFT = (
    8,
    ["kaikki"],
    ("Vuoden 2021 kooste", "Sammandrag av år 2021"),
    (
        "Vuosi 2021 toi kuusi kokeilua ja kaksi uutta toimintamallia.",
        "År 2021 gav sex försök och två nya verksamhetsmodeller.",
    ),
    (
        "Kiitos kaikille mukana olleille.\n\n- Kuusi kokeilua\n- Kaksi toimintamallia",
        "Tack till alla som deltog.\n\n- Sex försök\n- Två verksamhetsmodeller",
    ),
)

SUBSCRIBERS = [
    ("kehittaja.virtanen@example.fi", "fi", "professional", ["tyoikaiset"]),
    ("asukas.laine@example.fi", "fi", "citizen", ["lapset-nuoret-perheet"]),
    ("hoitaja.niemi@example.fi", "fi", "professional", ["ikaantyneet-vammaispalvelut"]),
    ("kaikki.heikkinen@example.fi", "fi", "citizen", ["kaikki"]),
    ("invanare.lindqvist@example.fi", "sv", "citizen", ["lapset-nuoret-perheet"]),
    ("utvecklare.nyberg@example.fi", "sv", "professional", ["kaikki"]),
    ("skotare.holm@example.fi", "sv", "professional", ["tyoikaiset"]),
]


def load() -> dict[str, int]:
    counts: Counter = Counter()
    with transaction.atomic():
        areas = {}
        for order, (slug, fi, sv, covers_all) in enumerate(AREAS):
            area, created = InterestArea.objects.update_or_create(
                slug=slug,
                defaults={
                    "name_fi": fi,
                    "name_sv": sv,
                    "order": order,
                    "covers_all": covers_all,
                },
            )
            areas[slug] = area
            counts["created"] += created
        counts["interest areas"] = len(areas)
        project = Project.objects.filter(slug="yhteispalvelu").first()
        author = get_user_model().objects.filter(username="manager").first()
        if project is not None:
            for number, month, slugs, title, lead, body in ISSUES:
                at = datetime(2021, month, 15, 9, 0, tzinfo=TZ)
                issue, created = NewsletterIssue.objects.update_or_create(
                    project=project,
                    year=2021,
                    number=number,
                    defaults={
                        "title_fi": title[0],
                        "title_sv": title[1],
                        "lead_fi": lead[0],
                        "lead_sv": lead[1],
                        "body_fi": body[0],
                        "body_sv": body[1],
                        "status": NewsletterIssue.Status.SENT,
                        "publish_at": at,
                        "published_at": at,
                        "author": author,
                    },
                )
                issue.interests.set([areas[s] for s in slugs])
                counts["created"] += created
                counts["newsletters"] += 1
            number, slugs, title, lead, body = DRAFT
            draft, created = NewsletterIssue.objects.get_or_create(
                project=project,
                year=2021,
                number=number,
                defaults={
                    "title_fi": title[0],
                    "title_sv": title[1],
                    "lead_fi": lead[0],
                    "lead_sv": lead[1],
                    "body_fi": body[0],
                    "body_sv": body[1],
                    "author": author,
                },
            )
            if created:
                draft.interests.set([areas[s] for s in slugs])
            counts["created"] += created
            counts["newsletters"] += 1
        for email, language, kind, slugs in SUBSCRIBERS:
            subscriber, created = Subscriber.objects.get_or_create(
                email=email,
                left_at=None,
                defaults={
                    "language": language,
                    "kind": kind,
                    "consent_version": "2021-1",
                    "consent_at": datetime(2021, 1, 20, 12, 0, tzinfo=TZ),
                    "confirmed_at": datetime(2021, 1, 20, 12, 5, tzinfo=TZ),
                },
            )
            if created:
                subscriber.interests.set([areas[s] for s in slugs])
            counts["created"] += created
            counts["community members"] += 1
    return dict(counts)
