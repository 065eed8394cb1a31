"""Object access for the newsletter views: one helper per resource, 404 for
those who may not see it (outsiders cannot tell an issue from nothing)."""

from django.http import Http404

from newsletters import selectors, tokens
from newsletters.models import Delivery, IssueImage, NewsletterIssue, Subscriber
from portal.http import HtmxHttpRequest


def get_issue_for_manager(request: HtmxHttpRequest, pk: int) -> NewsletterIssue:
    issue = selectors.issue_get(pk=pk)
    if issue is None or not request.user.has_perm("newsletters.change_issue", issue):
        raise Http404
    return issue


def get_delivery_for_manager(request: HtmxHttpRequest, pk: int) -> Delivery:
    delivery = selectors.delivery_get(pk=pk)
    if delivery is None:
        raise Http404
    delivery.issue = get_issue_for_manager(request, delivery.issue_id)
    return delivery


def get_image_for_manager(
    request: HtmxHttpRequest, pk: int, image_pk: int
) -> IssueImage:
    issue = get_issue_for_manager(request, pk)
    image = selectors.issue_image_get(issue=issue, pk=image_pk)
    if image is None:
        raise Http404
    image.issue = issue
    return image


def subscriber_from_link(
    kind: str, token: str
) -> tuple[tokens.Checked, Subscriber | None]:
    """The member a signed link names, and what the check of its token said
    (expired, tampered); ``None`` when nobody has that secret any more."""
    checked = tokens.check(kind, token)
    if checked.secret is None:
        return checked, None
    return checked, selectors.subscriber_by_secret(secret=checked.secret)
