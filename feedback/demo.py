"""Demo feedback surveys, loaded by ``manage.py load_demo``.

A THL-template survey of the remote-appointment pilot of the joint project
"yhteispalvelu" (or of the project alone, when the pilot is missing) with a
few hundred generated responses, and a small survey whose three responses
stay under the suppression threshold. The responses are generated with a
fixed seed, so every load gives the same answers; the free texts are
invented. Safe to run again: existing demo surveys are left as they are.
"""

import random
from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from feedback import services
from feedback.models import Answer, Question, Survey

PROJECT = "yhteispalvelu"
PILOT = "Etävastaanotto"
MAIN_TOKEN = "demo-etavastaanotto"  # noqa: S105 - a public link, not a secret
SMALL_TOKEN = "demo-ryhmavalmennus"  # noqa: S105 - a public link
RESPONSES = 320
WEEKS = 14

TEXTS = [
    "Videoyhteys toimi hyvin, eikä tarvinnut lähteä kaupunkiin asti.",
    "Ääni katkesi pari kertaa, mutta asia hoitui silti.",
    "Olisin halunnut tekstitetyn ohjeen ennen vastaanottoa.",
    "Mukava, kun sain ajan samalle viikolle.",
    "Det var lätt att koppla upp sig, tack!",
    "Jag hade gärna fått svar på svenska hela vägen.",
    "Kirjautuminen oli hankala, lapsenlapsi auttoi.",
    "Selkeä ja rauhallinen vastaanotto.",
]
IDENTIFYING = "Hoitaja Kaarina Esimerkki soitti minulle Lahdenperästä, kiitos hänelle."


def _pilot(project):  # noqa: ANN001, ANN202
    try:
        pilot_model = apps.get_model("pilots", "Pilot")
    except LookupError:
        return None
    return pilot_model.objects.filter(project=project, name_fi=PILOT).first()


def _answers(survey: Survey, rng: random.Random, *, text: str = "") -> list:
    items = []
    for question in survey.questions.all():
        item = services.AnswerInput(question=question)
        if question.kind == Question.Kind.NPS:
            item.value = rng.choices(
                range(11), weights=[1, 1, 1, 1, 2, 3, 4, 8, 14, 18, 20]
            )[0]
        elif question.kind == Question.Kind.LIKERT:
            if rng.random() < 0.9:
                item.value = rng.choices(range(1, 6), weights=[2, 4, 10, 30, 40])[0]
        elif question.kind == Question.Kind.TEXT:
            item.text = text
        items.append(item)
    return items


def load() -> dict[str, int]:
    from projects.models import Project

    project = Project.objects.filter(slug=PROJECT).first()
    if project is None:
        return {}
    counts = {"created": 0, "feedback responses": 0}
    with transaction.atomic():
        if not Survey.objects.filter(token=MAIN_TOKEN).exists():
            survey = services.survey_create_from_thl(
                project=project, pilot=_pilot(project)
            )
            Survey.objects.filter(pk=survey.pk).update(
                token=MAIN_TOKEN, status=Survey.Status.OPEN
            )
            survey.refresh_from_db()
            rng = random.Random(20240607)  # noqa: S311 - demo data, not secrets
            today = timezone.localdate()
            for n in range(RESPONSES):
                day = today - timedelta(days=rng.randrange(1, WEEKS * 7))
                text = rng.choice(TEXTS) if rng.random() < 0.25 else ""
                if n == 7:
                    text = IDENTIFYING
                services.response_submit(
                    survey=survey, answers=_answers(survey, rng, text=text), today=day
                )
            Answer.objects.filter(question__survey=survey, text=IDENTIFYING).update(
                hidden=True
            )
            counts["created"] += 1 + RESPONSES
            counts["feedback responses"] += RESPONSES
        if not Survey.objects.filter(token=SMALL_TOKEN).exists():
            small = services.survey_create_from_thl(project=project)
            Survey.objects.filter(pk=small.pk).update(
                token=SMALL_TOKEN,
                status=Survey.Status.CLOSED,
                title_fi="Ryhmävalmennuksen palaute",
                title_sv="Respons på gruppträningen",
            )
            small.refresh_from_db()
            rng = random.Random(7)  # noqa: S311 - demo data, not secrets
            week_ago = timezone.localdate() - timedelta(days=10)
            for _ in range(3):
                services.response_submit(
                    survey=small, answers=_answers(small, rng), today=week_ago
                )
            counts["created"] += 4
            counts["feedback responses"] += 3
    return counts
