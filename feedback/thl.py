"""The national client-feedback template (THL's model), in Finnish and Swedish.

The model asks a 0–10 recommendation question, a few statements on a
five-point scale and one free-text question. The wording here is the
portal's own plain-language text; a manager may edit it before opening the
survey.
"""

TITLE = ("Asiakaspalaute", "Kundrespons")
INTRO = (
    "Vastaaminen vie noin minuutin. Vastaat nimettömänä: emme tallenna "
    "nimeäsi, laitettasi emmekä vastaamisen kellonaikaa.",
    "Det tar ungefär en minut att svara. Du svarar anonymt: vi sparar inte "
    "ditt namn, din enhet eller klockslaget då du svarade.",
)

AGREE_LOW = ("Täysin eri mieltä", "Helt av annan åsikt")
AGREE_HIGH = ("Täysin samaa mieltä", "Helt av samma åsikt")

STATEMENTS = [
    ("Sain asiani hoidettua.", "Jag fick mitt ärende skött."),
    (
        "Minua kohdeltiin ystävällisesti ja kunnioittavasti.",
        "Jag blev bemött vänligt och med respekt.",
    ),
    (
        "Sain selkeää tietoa siitä, mitä seuraavaksi tapahtuu.",
        "Jag fick tydlig information om vad som händer härnäst.",
    ),
    (
        "Pääsin palveluun riittävän nopeasti.",
        "Jag fick tillgång till tjänsten tillräckligt snabbt.",
    ),
    (
        "Sain vaikuttaa minua koskeviin asioihin.",
        "Jag fick påverka saker som gäller mig.",
    ),
]

RECOMMEND = {
    "text": (
        "Kuinka todennäköisesti suosittelisit saamaasi palvelua läheisellesi, "
        "jos hän tarvitsisi samanlaista apua?",
        "Hur sannolikt är det att du skulle rekommendera tjänsten du fick åt "
        "en närstående som behöver liknande hjälp?",
    ),
    "low": ("En lainkaan todennäköisesti", "Inte alls sannolikt"),
    "high": ("Erittäin todennäköisesti", "Mycket sannolikt"),
}

FREE_TEXT = {
    "text": (
        "Mitä muuta haluaisit kertoa meille palvelusta?",
        "Vad mer vill du berätta för oss om tjänsten?",
    ),
    "help": (
        "Älä kirjoita nimiä tai muita tietoja, joista sinut tai joku muu "
        "voisi tunnistaa.",
        "Skriv inte namn eller andra uppgifter som kan identifiera dig eller "
        "någon annan.",
    ),
}


def questions() -> list[dict]:
    """The template's questions as keyword arguments for ``Question``."""
    rows = [
        {
            "kind": "nps",
            "required": True,
            "text": RECOMMEND["text"],
            "low_label": RECOMMEND["low"],
            "high_label": RECOMMEND["high"],
        }
    ]
    rows += [
        {
            "kind": "likert",
            "required": False,
            "text": statement,
            "low_label": AGREE_LOW,
            "high_label": AGREE_HIGH,
        }
        for statement in STATEMENTS
    ]
    rows.append(
        {
            "kind": "text",
            "required": False,
            "text": FREE_TEXT["text"],
            "help_text": FREE_TEXT["help"],
        }
    )
    return rows
