"""Helpers of the feedback tests: surveys with responses on chosen days."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from feedback import services
from feedback.models import Question, Survey


def monday_weeks_ago(weeks: int) -> date:
    today = timezone.localdate()
    return today - timedelta(days=today.weekday()) - timedelta(weeks=weeks)


def submit(
    survey: Survey,
    day: date,
    *,
    nps: int = 9,
    likert: int = 4,
    text: str = "",
    choices=(),
):  # noqa: ANN001
    """Store one response through the service, as the answering view does."""
    answers = []
    for question in survey.questions.all():
        item = services.AnswerInput(question=question)
        if question.kind == Question.Kind.NPS:
            item.value = nps
        elif question.kind == Question.Kind.LIKERT:
            item.value = likert
        elif question.kind == Question.Kind.TEXT:
            item.text = text
        else:
            item.choice_ids = list(choices)
        answers.append(item)
    return services.response_submit(survey=survey, answers=answers, today=day)


@pytest.fixture
def thl_survey(world) -> Survey:  # noqa: ANN001
    return world.survey
