"""Helpers of the newsletter tests: members, issues, message parts."""

from django.utils import timezone

from newsletters.models import InterestArea, NewsletterIssue, Subscriber


def member(
    email_address: str,
    language: str = "fi",
    interests: list[InterestArea] = (),
    *,
    confirmed: bool = True,
    left: bool = False,
) -> Subscriber:
    now = timezone.now()
    subscriber = Subscriber.objects.create(
        email=email_address,
        language=language,
        consent_version="2021-1",
        consent_at=now,
        confirmed_at=now if confirmed else None,
        left_at=now if left else None,
    )
    subscriber.interests.set(interests)
    return subscriber


def issue_for(project, number: int = 8, interests=(), **fields) -> NewsletterIssue:  # noqa: ANN001, ANN003
    values = {
        "title_fi": "Syksyn kuulumiset",
        "title_sv": "Höstens nyheter",
        "lead_fi": "Hankkeessa tapahtui paljon.",
        "lead_sv": "Mycket hände i projektet.",
        "body_fi": "Ensimmäinen kappale.\n\n- kohta yksi\n- kohta kaksi",
        "body_sv": "Första stycket.\n\n- punkt ett\n- punkt två",
        **fields,
    }
    issue = NewsletterIssue.objects.create(
        project=project, number=number, year=2021, **values
    )
    issue.interests.set(interests)
    return issue


def text_part(msg) -> str:  # noqa: ANN001
    return msg.get_body(preferencelist=("plain",)).get_content()


def html_part(msg) -> str:  # noqa: ANN001
    return msg.get_body(preferencelist=("html",)).get_content()
