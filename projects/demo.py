"""Demo data for the projects domain, loaded by ``manage.py load_demo``.

Everything here is invented: the regions, the municipalities, the projects
and the people (all with example.fi addresses). The Swedish texts are
deliberately incomplete in a few places (project "lahella": implementation
and dependencies; the group "Digitaaliset palvelut": description; one
operating model: name) so that the Finnish fallback shows on Swedish pages.

Translated values are written as ``(finnish, swedish)`` pairs; an empty
Swedish text means "not translated".
"""

from collections import Counter
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from portal.demo_users import DEMO_USERS
from projects.models import (
    Event,
    Goal,
    GoalAssessment,
    Group,
    Indicator,
    Measurement,
    Membership,
    Municipality,
    OperatingModel,
    Project,
    Region,
    Subproject,
)

CHAIR = "chair"
SECRETARY = "secretary"
MEMBER = "member"

INNOKYLA = "https://innokyla.fi/fi/toimintamalli/"

REGIONS = [
    {
        "code": "jarvi-savo",
        "name": ("Järvi-Savon hyvinvointialue", "Sjö-Savolax välfärdsområde"),
        "municipalities": [
            ("Kivisalmi", "Kivisalmi"),
            ("Lahdenperä", "Lahdenperä"),
            ("Honkaniemi", "Honkaniemi"),
            ("Ruokolampi", "Ruokolampi"),
            ("Ylä-Koivula", "Övre Koivula"),
        ],
    },
    {
        "code": "rannikko",
        "name": ("Rannikon hyvinvointialue", "Kustens välfärdsområde"),
        "municipalities": [
            ("Merikaupunki", "Havsstad"),
            ("Saarela", "Holmby"),
            ("Niemenkylä", "Näsby"),
            ("Kalliola", "Bergby"),
            ("Lahdenranta", "Vikstrand"),
            ("Koivusaari", "Björkö"),
        ],
    },
]

# Invented people. Their email is <username>@example.fi and they cannot log in.
PEOPLE = {
    "kaarina.lehtola": ("Kaarina", "Lehtola"),
    "jussi.mannila": ("Jussi", "Mannila"),
    "helena.strand": ("Helena", "Strand"),
    "petri.koskela": ("Petri", "Koskela"),
    "elina.saarinen": ("Elina", "Saarinen"),
    "mikael.holmberg": ("Mikael", "Holmberg"),
    "riikka.nurmi": ("Riikka", "Nurmi"),
    "anna.sjoberg": ("Anna", "Sjöberg"),
    "tomi.rautio": ("Tomi", "Rautio"),
    "laura.heikkila": ("Laura", "Heikkilä"),
    "sari.vainio": ("Sari", "Vainio"),
    "marja.pelkonen": ("Marja", "Pelkonen"),
    "kalle.lindqvist": ("Kalle", "Lindqvist"),
    "jonna.kettunen": ("Jonna", "Kettunen"),
    "emma.forsman": ("Emma", "Forsman"),
    "ville.harju": ("Ville", "Harju"),
    "johanna.kivela": ("Johanna", "Kivelä"),
    "pia.westerlund": ("Pia", "Westerlund"),
    "antti.salo": ("Antti", "Salo"),
}

# --- Project 1: a joint project of both regions, with many groups -----------

YHTEISPALVELU = {
    "slug": "yhteispalvelu",
    "acronym": "YHTEISPALVELU",
    "is_published": True,
    "status": Project.Status.ONGOING,
    "start_date": date(2021, 1, 1),
    "end_date": date(2023, 12, 31),
    "regions": ["jarvi-savo", "rannikko"],
    "managers": ["manager"],
    "state_grant": Decimal("1480000.00"),
    "own_funding": Decimal("164500.00"),
    "texts": {
        "name": (
            "Yhteispalvelu – hyvinvointialueiden yhteinen palvelurakenne",
            "Yhteispalvelu – välfärdsområdenas gemensamma servicestruktur",
        ),
        "summary": (
            "Järvi-Savon ja Rannikon hyvinvointialueet kehittävät yhdessä sosiaali- "
            "ja terveyspalvelujen rakennetta niin, että asukas saa samantasoista "
            "palvelua asuinpaikastaan riippumatta. Hanke yhtenäistää "
            "palveluprosesseja, kirjaamiskäytäntöjä ja sähköisiä asiointikanavia. "
            "Työ tehdään työryhmissä, joissa on ammattilaisia molemmilta alueilta.",
            "Sjö-Savolax och Kustens välfärdsområden utvecklar tillsammans "
            "strukturen för social- och hälsotjänsterna så att invånarna får "
            "service av samma kvalitet oberoende av var de bor. Projektet "
            "förenhetligar serviceprocesser, dokumentationspraxis och elektroniska "
            "kanaler. Arbetet sker i arbetsgrupper med yrkespersoner från båda "
            "områdena.",
        ),
        "background": (
            "Alueiden palveluverkot ja toimintatavat ovat muotoutuneet eri tavoin, "
            "ja samaan palveluun pääsyn edellytykset vaihtelevat kunnasta toiseen. "
            "Kummallakin alueella on myös pulaa osaavasta henkilöstöstä, minkä "
            "vuoksi yhteistyö on luonteva tapa turvata palvelut.",
            "Områdenas servicenät och arbetssätt har formats på olika sätt, och "
            "villkoren för att få samma tjänst varierar från kommun till kommun. "
            "Båda områdena lider också av brist på kunnig personal, vilket gör "
            "samarbete till ett naturligt sätt att trygga tjänsterna.",
        ),
        "goals_text": (
            "Hankkeen tavoitteena on yhtenäinen palvelulupaus, sujuvat "
            "palveluketjut alueiden välillä sekä yhteiset sähköiset palvelut.",
            "Projektets mål är ett enhetligt servicelöfte, smidiga servicekedjor "
            "mellan områdena och gemensamma elektroniska tjänster.",
        ),
        "implementation": (
            "Hanketta johtaa ohjausryhmä, ja käytännön työstä vastaa projektiryhmä. "
            "Sisällöllinen kehittäminen tehdään teemakohtaisissa työryhmissä ja "
            "niiden alaryhmissä.",
            "Projektet leds av en styrgrupp, och projektgruppen ansvarar för det "
            "praktiska arbetet. Det innehållsliga utvecklingsarbetet sker i "
            "tematiska arbetsgrupper och deras undergrupper.",
        ),
        "administrator": (
            "Järvi-Savon hyvinvointialue",
            "Sjö-Savolax välfärdsområde",
        ),
        "funding_programme": (
            "Sosiaali- ja terveydenhuollon rakenneuudistuksen tukiohjelma",
            "Stödprogrammet för strukturreformen inom social- och hälsovården",
        ),
    },
    "groups": [
        {
            "kind": Group.Kind.STEERING,
            "name": ("Ohjausryhmä", "Styrgrupp"),
            "theme": (
                "Hankkeen strateginen ohjaus",
                "Projektets strategiska styrning",
            ),
            "description": (
                "Ohjausryhmä seuraa hankkeen etenemistä, hyväksyy "
                "toimintasuunnitelman ja tekee linjaukset, jotka koskevat "
                "molempia hyvinvointialueita. Se kokoontuu noin kuuden viikon "
                "välein.",
                "Styrgruppen följer upp projektets framskridande, godkänner "
                "verksamhetsplanen och drar upp riktlinjer som gäller båda "
                "välfärdsområdena. Den sammanträder ungefär var sjätte vecka.",
            ),
            "members": [
                ("kaarina.lehtola", CHAIR, "palvelujohtaja", True),
                ("jussi.mannila", SECRETARY, "hankekoordinaattori", False),
                ("steering", MEMBER, "kehittämisjohtaja", False),
                ("helena.strand", MEMBER, "sosiaalijohtaja", False),
                ("petri.koskela", MEMBER, "ylilääkäri", False),
            ],
        },
        {
            "kind": Group.Kind.PROJECT_TEAM,
            "name": ("Projektiryhmä", "Projektgrupp"),
            "theme": ("Hankkeen käytännön toteutus", "Projektets genomförande"),
            "description": (
                "Projektiryhmä suunnittelee ja koordinoi hankkeen työtä, valmistelee "
                "asiat ohjausryhmälle ja tukee työryhmiä.",
                "Projektgruppen planerar och samordnar projektets arbete, bereder "
                "ärenden för styrgruppen och stöder arbetsgrupperna.",
            ),
            "members": [
                ("manager", CHAIR, "projektipäällikkö", True),
                ("jussi.mannila", SECRETARY, "hankekoordinaattori", False),
                ("elina.saarinen", MEMBER, "kehittämisasiantuntija", False),
                ("mikael.holmberg", MEMBER, "kehittämisasiantuntija", False),
            ],
        },
        {
            "kind": Group.Kind.WORKING,
            "name": ("Sosiaalipalvelut", "Socialtjänster"),
            "theme": (
                "Sosiaalityö ja palveluohjaus",
                "Socialt arbete och servicehandledning",
            ),
            "description": (
                "Työryhmä yhtenäistää aikuissosiaalityön ja palveluohjauksen "
                "käytäntöjä sekä kehittää yhteistä asiakasohjausta.",
                "Arbetsgruppen förenhetligar praxis inom socialt arbete för vuxna "
                "och servicehandledning samt utvecklar en gemensam klientstyrning.",
            ),
            "members": [
                ("riikka.nurmi", CHAIR, "johtava sosiaalityöntekijä", True),
                ("anna.sjoberg", MEMBER, "sosiaaliohjaaja", False),
                ("tomi.rautio", MEMBER, "palveluohjaaja", False),
            ],
        },
        {
            "kind": Group.Kind.WORKING,
            "name": ("Terveyspalvelut", "Hälsotjänster"),
            "theme": (
                "Perusterveydenhuollon palvelut",
                "Tjänster inom primärvården",
            ),
            "description": (
                "Työryhmä vastaa terveyspalvelujen kehittämisestä ja ohjaa neljän "
                "alaryhmän työtä.",
                "Arbetsgruppen ansvarar för utvecklingen av hälsotjänsterna och "
                "leder arbetet i fyra undergrupper.",
            ),
            "members": [
                ("petri.koskela", CHAIR, "ylilääkäri", True),
                ("laura.heikkila", SECRETARY, "kehittäjähoitaja", False),
                ("sari.vainio", MEMBER, "osastonhoitaja", False),
            ],
            "children": [
                {
                    "name": ("Vastaanottopalvelut", "Mottagningstjänster"),
                    "theme": ("Hoitoon pääsy", "Tillgång till vård"),
                    "description": (
                        "Alaryhmä kehittää ajanvarausta, hoidon tarpeen arviointia "
                        "ja vastaanottojen työnjakoa.",
                        "Undergruppen utvecklar tidsbokningen, bedömningen av "
                        "vårdbehovet och arbetsfördelningen vid mottagningarna.",
                    ),
                    "members": [
                        ("marja.pelkonen", CHAIR, "apulaisylilääkäri", False),
                        ("member", MEMBER, "sairaanhoitaja", True),
                        ("kalle.lindqvist", MEMBER, "terveydenhoitaja", False),
                    ],
                },
                {
                    "name": ("Suun terveydenhuolto", "Munhälsovård"),
                    "theme": ("Yhteinen hoitoonpääsy", "Gemensam vårdtillgång"),
                    "description": (
                        "Alaryhmä yhdistää alueiden suun terveydenhuollon "
                        "ajanvaraukset ja kiireellisen hoidon päivystyksen.",
                        "Undergruppen sammanför områdenas tidsbokning inom "
                        "munhälsovården och jouren för brådskande vård.",
                    ),
                    "members": [
                        ("jonna.kettunen", CHAIR, "vastaava hammaslääkäri", True),
                        ("emma.forsman", MEMBER, "suuhygienisti", False),
                    ],
                },
                {
                    "name": (
                        "Mielenterveys- ja päihdepalvelut",
                        "Mentalvård och missbrukarvård",
                    ),
                    "theme": ("Matalan kynnyksen tuki", "Lågtröskelstöd"),
                    "description": (
                        "Alaryhmä rakentaa matalan kynnyksen mielenterveystukea "
                        "sosiaali- ja terveyskeskuksiin.",
                        "Undergruppen bygger upp lågtröskelstöd för psykisk hälsa "
                        "vid social- och hälsocentralerna.",
                    ),
                    "members": [
                        ("ville.harju", CHAIR, "psykiatrinen sairaanhoitaja", False),
                        ("johanna.kivela", MEMBER, "psykologi", True),
                        ("member", MEMBER, "sairaanhoitaja", False),
                    ],
                },
                {
                    "name": ("Kuntoutus", "Rehabilitering"),
                    "theme": ("Arkikuntoutus", "Vardagsrehabilitering"),
                    "description": (
                        "Alaryhmä kehittää kotona tapahtuvaa kuntoutusta ja "
                        "yhtenäistää apuvälinepalveluja.",
                        "Undergruppen utvecklar rehabilitering i hemmet och "
                        "förenhetligar hjälpmedelstjänsterna.",
                    ),
                    "members": [
                        ("pia.westerlund", CHAIR, "fysioterapeutti", True),
                        ("antti.salo", MEMBER, "toimintaterapeutti", False),
                    ],
                },
            ],
        },
        {
            "kind": Group.Kind.WORKING,
            "name": ("Digitaaliset palvelut", "Digitala tjänster"),
            "theme": ("Sähköinen asiointi", "Elektroniska tjänster"),
            "description": (
                "Työryhmä valmistelee yhteisen sähköisen asiointikanavan ja "
                "chat-palvelun sekä niiden käyttöönoton.",
                "",  # Left untranslated on purpose.
            ),
            "members": [
                ("mikael.holmberg", CHAIR, "digikehittäjä", True),
                ("elina.saarinen", MEMBER, "kehittämisasiantuntija", False),
            ],
        },
    ],
}

# --- Project 2: a completed project with the full Innokylä description ------

LAHELLA = {
    "slug": "lahella",
    "acronym": "LÄHELLÄ",
    "is_published": True,
    "status": Project.Status.COMPLETED,
    "start_date": date(2020, 8, 1),
    "end_date": date(2022, 12, 31),
    "regions": ["jarvi-savo"],
    "managers": ["manager"],
    "state_grant": Decimal("624601.00"),
    "own_funding": Decimal("69400.00"),
    "texts": {
        "name": (
            "Lähellä – Järvi-Savon tulevaisuuden sosiaali- ja terveyskeskus",
            "Nära – framtidens social- och hälsocentral i Sjö-Savolax",
        ),
        "summary": (
            "Lähellä-hanke toi sosiaali- ja terveyspalvelut lähemmäs Järvi-Savon "
            "asukkaita. Hankkeessa kehitettiin monialaista palveluohjausta, "
            "nopeutettiin hoitoon pääsyä ja vahvistettiin ennaltaehkäisevää työtä.",
            "Projektet Nära förde social- och hälsotjänsterna närmare invånarna i "
            "Sjö-Savolax. I projektet utvecklades sektorsövergripande "
            "servicehandledning, tillgången till vård blev snabbare och det "
            "förebyggande arbetet stärktes.",
        ),
        "background": (
            "Järvi-Savon väestö ikääntyy nopeasti, ja välimatkat palveluihin ovat "
            "pitkiä. Asiakkaat joutuivat usein asioimaan useassa eri paikassa, eikä "
            "tieto kulkenut sujuvasti sosiaali- ja terveyspalvelujen välillä. "
            "Hankkeen lähtökohtana oli tarve tuoda palvelut lähemmäs asukkaita ja "
            "vahvistaa perustason monialaista yhteistyötä.",
            "Befolkningen i Sjö-Savolax åldras snabbt och avstånden till tjänsterna "
            "är långa. Klienterna måste ofta uträtta ärenden på flera olika "
            "ställen, och informationen löpte inte smidigt mellan social- och "
            "hälsotjänsterna. Utgångspunkten för projektet var behovet av att föra "
            "tjänsterna närmare invånarna och stärka det sektorsövergripande "
            "samarbetet på basnivå.",
        ),
        "goals_text": (
            "Hankkeen tavoitteena oli parantaa palvelujen saatavuutta ja "
            "oikea-aikaisuutta, vahvistaa ennaltaehkäisevää työtä sekä lisätä "
            "palvelujen monialaisuutta ja asiakaslähtöisyyttä.",
            "Projektets mål var att förbättra tjänsternas tillgänglighet och "
            "rättidighet, stärka det förebyggande arbetet samt göra tjänsterna mer "
            "sektorsövergripande och klientorienterade.",
        ),
        "implementation": (
            "Hanke toteutettiin kolmessa vaiheessa: nykytilan kartoitus, "
            "toimintamallien kehittäminen ja pilotointi sekä juurruttaminen. "
            "Kehittämistyötä tehtiin yhdessä henkilöstön ja asukkaiden kanssa "
            "työpajoissa, ja uudet mallit kokeiltiin ensin kahdella terveysasemalla "
            "ennen niiden laajentamista koko alueelle.",
            "",  # Left untranslated on purpose.
        ),
        "outputs": (
            "Hankkeessa syntyi neljä toimintamallia, henkilöstön "
            "koulutuskokonaisuus ja sähköisen palveluohjauksen opas. Lisäksi "
            "laadittiin alueellinen suunnitelma palvelujen jatkokehittämisestä.",
            "I projektet togs fyra verksamhetsmodeller fram, en utbildningshelhet "
            "för personalen och en guide för elektronisk servicehandledning. "
            "Dessutom utarbetades en regional plan för den fortsatta utvecklingen "
            "av tjänsterna.",
        ),
        "benefits_clients": (
            "Asiakas saa apua yhdellä yhteydenotolla, ja hoitoon pääsy nopeutui. "
            "Palveluohjaus auttaa löytämään oikean palvelun myös silloin, kun "
            "tarpeita on monenlaisia.",
            "Klienten får hjälp med en enda kontakt, och tillgången till vård har "
            "blivit snabbare. Servicehandledningen hjälper att hitta rätt tjänst "
            "också när behoven är många.",
        ),
        "benefits_staff": (
            "Henkilöstö sai yhteiset toimintatavat ja työvälineet monialaiseen "
            "yhteistyöhön, ja eri ammattiryhmien väliset konsultaatiot helpottuivat.",
            "Personalen fick gemensamma arbetssätt och verktyg för "
            "sektorsövergripande samarbete, och konsultationerna mellan olika "
            "yrkesgrupper blev lättare.",
        ),
        "benefits_organisation": (
            "Organisaatio pystyy kohdentamaan resursseja paremmin tarpeen mukaan, "
            "ja päällekkäinen työ väheni. Toiminnan seurantaan saatiin yhteiset "
            "mittarit.",
            "Organisationen kan rikta resurserna bättre efter behov, och "
            "överlappande arbete minskade. För uppföljningen av verksamheten togs "
            "gemensamma mätare fram.",
        ),
        "benefits_long_term": (
            "Pitkällä aikavälillä vahvempi ennaltaehkäisevä työ vähentää "
            "raskaampien palvelujen tarvetta ja hillitsee kustannusten kasvua.",
            "På lång sikt minskar ett starkare förebyggande arbete behovet av "
            "tyngre tjänster och dämpar kostnadsökningen.",
        ),
        "dependencies": (
            "Hanke liittyi alueen sosiaali- ja terveydenhuollon rakenneuudistuksen "
            "valmisteluun. Sähköisiä palveluja kehitettiin yhdessä alueen "
            "tietohallinnon kanssa.",
            "",  # Left untranslated on purpose.
        ),
        "administrator": (
            "Järvi-Savon sosiaali- ja terveyspalvelujen kuntayhtymä",
            "Samkommunen för social- och hälsotjänster i Sjö-Savolax",
        ),
        "funding_programme": (
            "Tulevaisuuden sosiaali- ja terveyskeskus -ohjelma",
            "Programmet Framtidens social- och hälsocentral",
        ),
    },
    "goals": [
        {
            "number": "1",
            "kind": Goal.Kind.OUTCOME,
            "text": (
                "Palvelujen saatavuus paranee, ja kiireettömään hoitoon pääsee "
                "seitsemän vuorokauden kuluessa.",
                "Tillgången till tjänster förbättras, och icke-brådskande vård "
                "ges inom sju dygn.",
            ),
            "assessment": (
                GoalAssessment.Result.PARTLY,
                (
                    "Hoitoon pääsy nopeutui selvästi, mutta seitsemän vuorokauden "
                    "tavoite toteutui vain osalla terveysasemista.",
                    "Tillgången till vård blev klart snabbare, men målet på sju "
                    "dygn uppnåddes bara vid en del av hälsostationerna.",
                ),
            ),
        },
        {
            "number": "2",
            "kind": Goal.Kind.PROCESS,
            "text": (
                "Sosiaali- ja terveyspalveluissa otetaan käyttöön yhteinen "
                "palveluohjauksen malli.",
                "En gemensam modell för servicehandledning tas i bruk inom social- "
                "och hälsotjänsterna.",
            ),
            "assessment": (
                GoalAssessment.Result.MET,
                (
                    "Palveluohjauksen malli on käytössä kaikissa alueen sosiaali- "
                    "ja terveyskeskuksissa.",
                    "Modellen för servicehandledning används vid alla social- och "
                    "hälsocentraler i området.",
                ),
            ),
        },
        {
            "number": "3",
            "kind": Goal.Kind.BENEFIT,
            "text": (
                "Ikääntyneet käyttävät ennaltaehkäiseviä palveluja aiempaa enemmän.",
                "Äldre använder förebyggande tjänster i högre grad än tidigare.",
            ),
            "assessment": (
                GoalAssessment.Result.NOT_MET,
                (
                    "Hyvinvointia edistäviä kotikäyntejä tehtiin koronapandemian "
                    "vuoksi suunniteltua vähemmän.",
                    "På grund av coronapandemin gjordes färre välfärdsfrämjande "
                    "hembesök än planerat.",
                ),
            ),
        },
        {
            "number": "4",
            "kind": Goal.Kind.PROCESS,
            "text": (
                "Henkilöstön osaamista monialaisessa työssä vahvistetaan "
                "koulutuksilla.",
                "Personalens kompetens i sektorsövergripande arbete stärks genom "
                "utbildningar.",
            ),
            "assessment": (
                GoalAssessment.Result.MET,
                (
                    "Hankkeen koulutuksiin osallistui lähes 400 työntekijää.",
                    "Nästan 400 anställda deltog i projektets utbildningar.",
                ),
            ),
        },
    ],
    "operating_models": [
        {
            "name": (
                "Monialainen palveluohjaus",
                "Sektorsövergripande servicehandledning",
            ),
            "phase": OperatingModel.Phase.EMBEDDED,
            "innokyla_slug": "monialainen-palveluohjaus-jarvi-savo",
            "description": (
                "Asiakkaan tilanne selvitetään kerralla, ja palveluohjaaja kokoaa "
                "tarvittavat ammattilaiset yhteen.",
                "Klientens situation utreds på en gång, och servicehandledaren "
                "samlar de yrkespersoner som behövs.",
            ),
            "benefits": (
                "Asiakkaan ei tarvitse kertoa asiaansa moneen kertaan.",
                "Klienten behöver inte berätta sitt ärende flera gånger.",
            ),
        },
        {
            "name": (
                "Hoidon tarpeen arviointi yhdellä soitolla",
                "Bedömning av vårdbehovet med ett samtal",
            ),
            "phase": OperatingModel.Phase.ADOPTED,
            "innokyla_slug": "hoidon-tarpeen-arviointi-yhdella-soitolla",
            "description": (
                "Puhelimeen vastaava hoitaja arvioi hoidon tarpeen ja varaa ajan "
                "samassa puhelussa.",
                "Skötaren som svarar i telefon bedömer vårdbehovet och bokar en "
                "tid under samma samtal.",
            ),
            "benefits": (
                "Takaisinsoittojen määrä väheni ja jonotusajat lyhenivät.",
                "Antalet återuppringningar minskade och kötiderna blev kortare.",
            ),
        },
        {
            "name": (
                "Hyvinvointia edistävät kotikäynnit",
                "",  # Left untranslated on purpose.
            ),
            "phase": OperatingModel.Phase.PILOTED,
            "innokyla_slug": "hyvinvointia-edistavat-kotikaynnit-jarvi-savo",
            "description": (
                "Kotikäynnillä kartoitetaan ikääntyneen toimintakykyä ja "
                "kerrotaan alueen palveluista ja harrastusmahdollisuuksista.",
                "Vid hembesöket kartläggs den äldres funktionsförmåga och ges "
                "information om områdets tjänster och fritidsaktiviteter.",
            ),
            "benefits": (
                "Avun tarve tunnistetaan ajoissa.",
                "Behovet av hjälp identifieras i tid.",
            ),
        },
        {
            "name": ("Sähköinen omahoitopolku", "Elektronisk egenvårdsstig"),
            "phase": OperatingModel.Phase.IN_DEVELOPMENT,
            "innokyla_slug": "sahkoinen-omahoitopolku-jarvi-savo",
            "description": (
                "Pitkäaikaissairas asiakas seuraa vointiaan verkossa ja saa "
                "palautteen omalta hoitajaltaan.",
                "En långtidssjuk klient följer sitt mående på nätet och får "
                "respons av sin egen skötare.",
            ),
            "benefits": (
                "Asiakas osallistuu aktiivisesti omaan hoitoonsa.",
                "Klienten deltar aktivt i sin egen vård.",
            ),
        },
    ],
    "events": [
        {
            "kind": Event.Kind.TRAINING,
            "title": (
                "Monialaisen palveluohjauksen perusteet",
                "Grunderna i sektorsövergripande servicehandledning",
            ),
            "date": date(2021, 3, 16),
            "is_online": True,
            "place": ("Verkossa", "På nätet"),
            "audience": (
                "Sosiaali- ja terveydenhuollon henkilöstö",
                "Personal inom social- och hälsovården",
            ),
            "participant_count": 205,
        },
        {
            "kind": Event.Kind.TRAINING,
            "title": (
                "Hoidon tarpeen arviointi puhelimessa",
                "Bedömning av vårdbehovet per telefon",
            ),
            "date": date(2021, 9, 22),
            "is_online": True,
            "place": ("Verkossa", "På nätet"),
            "audience": ("Vastaanottojen hoitajat", "Skötare vid mottagningarna"),
            "participant_count": 170,
        },
        {
            "kind": Event.Kind.TRAINING,
            "title": (
                "Hyvinvoinnin arviointi kotikäynnillä",
                "Välfärdsbedömning vid hembesök",
            ),
            "date": date(2022, 2, 10),
            "place": ("Kivisalmen terveysasema", "Kivisalmi hälsostation"),
            "audience": (
                "Kotihoidon ja neuvonnan työntekijät",
                "Anställda inom hemvården och rådgivningen",
            ),
            "participant_count": 24,
        },
        {
            "kind": Event.Kind.WORKSHOP,
            "title": (
                "Asiakasraadin työpaja: millainen on hyvä sote-keskus?",
                "Klientrådets workshop: hurdan är en bra social- och hälsocentral?",
            ),
            "date": date(2020, 11, 4),
            "place": ("Lahdenperän kirjasto", "Lahdenperä bibliotek"),
            "audience": (
                "Asukkaat ja järjestöjen edustajat",
                "Invånare och företrädare för organisationer",
            ),
            "participant_count": 32,
        },
        {
            "kind": Event.Kind.SEMINAR,
            "title": ("Lähellä-hankkeen loppuseminaari", "Slutseminarium för Nära"),
            "date": date(2022, 11, 24),
            "place": ("Kivisalmen kaupungintalo", "Kivisalmi stadshus"),
            "audience": ("Kaikille avoin", "Öppet för alla"),
            "participant_count": 118,
        },
    ],
}

# --- Project 3: a multi-region project with sub-projects and an indicator ---

KOTONA_HYVIN = {
    "slug": "kotona-hyvin",
    "acronym": "KOTONA",
    "is_published": True,
    "status": Project.Status.ONGOING,
    "start_date": date(2024, 1, 1),
    "end_date": date(2026, 12, 31),
    "regions": ["jarvi-savo", "rannikko"],
    "managers": ["manager"],
    "state_grant": Decimal("318150.00"),
    "own_funding": Decimal("35350.00"),
    "texts": {
        "name": (
            "Kotona hyvin – ikääntyneiden kotona asumisen tuki",
            "Väl hemma – stöd för äldre som bor hemma",
        ),
        "summary": (
            "Kotona hyvin -hanke tukee ikääntyneiden turvallista kotona asumista "
            "kahdella hyvinvointialueella. Järvi-Savossa kehitetään kotihoidon "
            "etäpalveluja ja Rannikolla omaishoitajien tukea.",
            "Projektet Väl hemma stöder äldre att bo tryggt hemma i två "
            "välfärdsområden. I Sjö-Savolax utvecklas distanstjänster inom "
            "hemvården och vid Kusten stödet för närståendevårdare.",
        ),
        "background": (
            "Yhä useampi ikääntynyt asuu kotonaan, ja kotihoidon asiakasmäärät "
            "kasvavat nopeammin kuin henkilöstö.",
            "Allt fler äldre bor hemma, och antalet klienter inom hemvården växer "
            "snabbare än personalen.",
        ),
        "goals_text": (
            "Tavoitteena on, että ikääntyneet voivat asua kotonaan turvallisesti "
            "ja että omaishoitajat jaksavat tehtävässään.",
            "Målet är att äldre ska kunna bo tryggt hemma och att "
            "närståendevårdarna ska orka i sitt uppdrag.",
        ),
        "administrator": ("Rannikon hyvinvointialue", "Kustens välfärdsområde"),
        "funding_programme": (
            "Ikääntyneiden palvelujen kehittämisohjelma",
            "Utvecklingsprogrammet för äldreomsorgen",
        ),
    },
    "subprojects": [
        {
            "key": "jarvi-savo",
            "region": "jarvi-savo",
            "name": (
                "Järvi-Savo: kotihoidon etäpalvelut",
                "Sjö-Savolax: distanstjänster inom hemvården",
            ),
            "organisation": (
                "Järvi-Savon hyvinvointialue",
                "Sjö-Savolax välfärdsområde",
            ),
            "start_date": date(2024, 1, 1),
            "end_date": date(2026, 12, 31),
            "person_years": Decimal("2.50"),
            "costs": Decimal("186400.00"),
            "description": (
                "Osakokonaisuus vakiinnuttaa kotihoidon etäkäynnit ja kehittää "
                "niiden kirjaamista.",
                "Delhelheten etablerar distansbesöken inom hemvården och utvecklar "
                "dokumentationen av dem.",
            ),
        },
        {
            "key": "rannikko",
            "region": "rannikko",
            "name": (
                "Rannikko: omaishoidon tuki",
                "Kusten: stöd för närståendevård",
            ),
            "organisation": ("Rannikon hyvinvointialue", "Kustens välfärdsområde"),
            "start_date": date(2024, 3, 1),
            "end_date": date(2026, 12, 31),
            "person_years": Decimal("1.80"),
            "costs": Decimal("131750.00"),
            "description": (
                "Osakokonaisuus kehittää omaishoitajien vertaistukea ja "
                "sijaishoitoa kaksikielisesti.",
                "Delhelheten utvecklar kamratstödet och avlösarvården för "
                "närståendevårdare på båda språken.",
            ),
        },
    ],
    # The parent of goal "1.2" is goal "1": it is derived from the number.
    "goals": [
        {
            "number": "1",
            "kind": Goal.Kind.OUTCOME,
            "text": (
                "Ikääntyneet asuvat kotonaan turvallisesti mahdollisimman pitkään.",
                "Äldre bor tryggt hemma så länge som möjligt.",
            ),
        },
        {
            "number": "1.1",
            "kind": Goal.Kind.PROCESS,
            "subproject": "jarvi-savo",
            "text": (
                "Kotihoidon etäkäynnit vakiintuvat osaksi palvelua.",
                "Distansbesöken blir en etablerad del av hemvården.",
            ),
        },
        {
            "number": "1.2",
            "kind": Goal.Kind.PROCESS,
            "text": (
                "Kaatumisten ehkäisyn toimintamalli otetaan käyttöön kotihoidossa.",
                "En modell för att förebygga fall tas i bruk inom hemvården.",
            ),
        },
        {
            "number": "2",
            "kind": Goal.Kind.BENEFIT,
            "text": (
                "Omaishoitajien jaksaminen paranee.",
                "Närståendevårdarnas ork förbättras.",
            ),
        },
        {
            "number": "2.1",
            "kind": Goal.Kind.PROCESS,
            "subproject": "rannikko",
            "text": (
                "Omaishoitajille järjestetään säännöllistä vertaistukea ja "
                "sijaishoitoa.",
                "Närståendevårdare erbjuds regelbundet kamratstöd och avlösarvård.",
            ),
        },
    ],
    "indicators": [
        {
            "name": (
                "Kotona asuvien 75 vuotta täyttäneiden osuus",
                "Andelen personer över 75 år som bor hemma",
            ),
            "unit": ("%", "%"),
            "baseline": Decimal("90.40"),
            "target": Decimal("92.00"),
            "description": (
                "Osuus kaikista alueen 75 vuotta täyttäneistä asukkaista.",
                "Andelen av alla invånare i området som fyllt 75 år.",
            ),
            "measurements": [
                (date(2024, 1, 31), Decimal("90.40"), "Lähtötaso"),
                (date(2024, 12, 31), Decimal("90.90"), ""),
                (date(2025, 6, 30), Decimal("91.30"), ""),
                (date(2025, 12, 31), Decimal("91.60"), "Vuositilasto"),
            ],
        },
    ],
    "groups": [
        {
            "kind": Group.Kind.STEERING,
            "name": ("Ohjausryhmä", "Styrgrupp"),
            "description": (
                "Ohjausryhmässä ovat mukana molempien alueiden ikääntyneiden "
                "palvelujen johto ja vanhusneuvostojen edustajat.",
                "I styrgruppen ingår ledningen för äldreomsorgen i båda områdena "
                "och representanter för äldreråden.",
            ),
            "members": [
                ("helena.strand", CHAIR, "sosiaalijohtaja", True),
                ("kaarina.lehtola", MEMBER, "palvelujohtaja", False),
                ("sari.vainio", SECRETARY, "osastonhoitaja", False),
            ],
        },
    ],
}

# --- A draft: visible only to its managers ----------------------------------

DIGITAALINEN_OMAHOITO = {
    "slug": "digitaalinen-omahoito",
    "acronym": "DIGIOMA",
    "is_published": False,
    "status": Project.Status.PLANNED,
    "start_date": date(2027, 1, 1),
    "end_date": date(2028, 12, 31),
    "regions": ["rannikko"],
    "managers": ["manager"],
    "texts": {
        "name": (
            "Digitaalinen omahoito – asukkaiden sähköiset palvelut",
            "Digital egenvård – invånarnas elektroniska tjänster",
        ),
        "summary": (
            "Hankkeessa on tarkoitus laajentaa sähköisiä omahoitopalveluja koko "
            "Rannikon alueelle. Suunnitelma on vielä valmisteilla.",
            "Avsikten är att utvidga de elektroniska egenvårdstjänsterna till hela "
            "Kustens område. Planen är ännu under beredning.",
        ),
    },
}

PROJECTS = [YHTEISPALVELU, LAHELLA, KOTONA_HYVIN, DIGITAALINEN_OMAHOITO]

RELATED = [
    ("yhteispalvelu", "lahella"),
    ("yhteispalvelu", "kotona-hyvin"),
    ("lahella", "kotona-hyvin"),
    # A published project related to a draft: the draft must stay hidden.
    ("kotona-hyvin", "digitaalinen-omahoito"),
]


def _tr(texts: dict[str, tuple[str, str]]) -> dict[str, str]:
    """``{"name": (fi, sv)}`` → ``{"name_fi": fi, "name_sv": sv}``."""
    fields = {}
    for field, (fi, sv) in texts.items():
        fields[f"{field}_fi"] = fi
        fields[f"{field}_sv"] = sv
    return fields


def _pick(data: dict, *fields: str) -> dict:
    """The plain and the translated ``fields`` present in ``data``."""
    plain = {f: data[f] for f in fields if f in data and not isinstance(data[f], tuple)}
    texts = {f: data[f] for f in fields if isinstance(data.get(f), tuple)}
    return plain | _tr(texts)


class _Loader:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.users: dict[str, object] = {}
        self.regions: dict[str, Region] = {}

    def upsert(self, key: str, model, defaults: dict | None = None, **lookup):
        obj, created = model.objects.update_or_create(defaults=defaults, **lookup)
        self.counts[key] += 1
        self.counts["created"] += created
        return obj

    def load_users(self) -> None:
        user_model = get_user_model()
        missing = set(DEMO_USERS) - set(
            user_model.objects.filter(username__in=DEMO_USERS).values_list(
                "username", flat=True
            )
        )
        if missing:
            raise LookupError(
                f"Demo users missing: {', '.join(sorted(missing))}. "
                "Run manage.py load_demo, which creates them first."
            )
        self.users = {
            u.username: u for u in user_model.objects.filter(username__in=DEMO_USERS)
        }
        for username, (first_name, last_name) in PEOPLE.items():
            user, created = user_model.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "last_name": last_name,
                    "email": f"{username}@example.fi",
                },
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            self.counts["people"] += 1
            self.counts["created"] += created
            self.users[username] = user

    def load_regions(self) -> None:
        for data in REGIONS:
            region = self.upsert(
                "regions", Region, _tr({"name": data["name"]}), code=data["code"]
            )
            self.regions[data["code"]] = region
            for fi, sv in data["municipalities"]:
                self.upsert(
                    "municipalities",
                    Municipality,
                    {"name_sv": sv},
                    region=region,
                    name_fi=fi,
                )

    def load_project(self, data: dict) -> Project:
        defaults = _pick(
            data,
            "acronym",
            "is_published",
            "status",
            "start_date",
            "end_date",
            "state_grant",
            "own_funding",
        ) | _tr(data["texts"])
        project = self.upsert("projects", Project, defaults, slug=data["slug"])
        project.regions.set(self.regions[code] for code in data["regions"])
        project.managers.add(*(self.users[u] for u in data["managers"]))

        subprojects = {}
        for sub in data.get("subprojects", []):
            fields = _pick(
                sub,
                "organisation",
                "start_date",
                "end_date",
                "person_years",
                "costs",
                "description",
            )
            fields["region"] = self.regions[sub["region"]]
            fields["name_sv"] = sub["name"][1]
            subprojects[sub["key"]] = self.upsert(
                "subprojects",
                Subproject,
                fields,
                project=project,
                name_fi=sub["name"][0],
            )

        for group in data.get("groups", []):
            self.load_group(project, group)

        goals: dict[str, Goal] = {}
        for goal in data.get("goals", []):
            number = goal["number"]
            parent_number = number.rpartition(".")[0]
            fields = _pick(goal, "kind", "text") | {
                "parent": goals[parent_number] if parent_number else None,
                "subproject": subprojects.get(goal.get("subproject")),
            }
            obj = self.upsert("goals", Goal, fields, project=project, number=number)
            goals[number] = obj
            if "assessment" in goal:
                result, evaluation = goal["assessment"]
                self.upsert(
                    "assessments",
                    GoalAssessment,
                    {"result": result} | _tr({"evaluation": evaluation}),
                    goal=obj,
                )

        for indicator in data.get("indicators", []):
            fields = _pick(indicator, "unit", "baseline", "target", "description")
            fields["name_sv"] = indicator["name"][1]
            obj = self.upsert(
                "indicators",
                Indicator,
                fields,
                project=project,
                name_fi=indicator["name"][0],
            )
            for day, value, note in indicator["measurements"]:
                self.upsert(
                    "measurements",
                    Measurement,
                    {"value": value, "note": note},
                    indicator=obj,
                    date=day,
                )

        for model in data.get("operating_models", []):
            fields = _pick(model, "phase", "description", "benefits")
            fields["innokyla_url"] = INNOKYLA + model["innokyla_slug"]
            fields["name_sv"] = model["name"][1]
            self.upsert(
                "operating_models",
                OperatingModel,
                fields,
                project=project,
                name_fi=model["name"][0],
            )

        for event in data.get("events", []):
            fields = _pick(
                event, "date", "is_online", "place", "audience", "participant_count"
            )
            fields["title_sv"] = event["title"][1]
            self.upsert(
                "events",
                Event,
                fields,
                project=project,
                kind=event["kind"],
                title_fi=event["title"][0],
            )
        return project

    def load_group(self, project: Project, data: dict, parent: Group | None = None):
        fields = _pick(data, "theme", "description") | {
            "kind": Group.Kind.SUB if parent else data["kind"],
            "name_sv": data["name"][1],
        }
        # Sub-groups of different working groups may share a name.
        group = self.upsert(
            "groups",
            Group,
            fields,
            project=project,
            parent=parent,
            name_fi=data["name"][0],
        )
        for username, role, title, is_contact in data["members"]:
            self.upsert(
                "memberships",
                Membership,
                {"role": role, "title": title, "is_contact": is_contact},
                user=self.users[username],
                group=group,
            )
        for child in data.get("children", []):
            self.load_group(project, child, parent=group)
        return group


def load() -> dict[str, int]:
    """Create or update the demo data; return how many rows of each kind.

    ``counts["created"]`` is the number of new rows: 0 on a second run.
    """
    loader = _Loader()
    with translation.override("fi"), transaction.atomic():
        loader.load_users()
        loader.load_regions()
        projects = {data["slug"]: loader.load_project(data) for data in PROJECTS}
        for a, b in RELATED:
            projects[a].related_projects.add(projects[b])
    return dict(loader.counts)
