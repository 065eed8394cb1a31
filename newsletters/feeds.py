"""Atom feeds of the published newsletters, one per language."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsletters import emails, selectors
from newsletters.models import NewsletterIssue

FEED_SIZE = 30


class IssueFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Newsletters – Hankeportaali")

    def subtitle(self) -> str:
        return _("The newsletters of the development projects.")

    def link(self) -> str:
        from django.urls import reverse

        return reverse("newsletters:archive")

    def items(self) -> list[NewsletterIssue]:
        return list(selectors.public_issues()[:FEED_SIZE])

    def _ctx(self, item: NewsletterIssue) -> dict:
        # The Feed instance is shared by all requests: keep no state on it.
        return emails.issue_context(item, get_language() or "fi")

    def item_title(self, item: NewsletterIssue) -> str:
        return f"{item.issue_label} {self._ctx(item)['title']}"

    def item_description(self, item: NewsletterIssue) -> str:
        ctx = self._ctx(item)
        return str(ctx["body_html"])

    def item_link(self, item: NewsletterIssue) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: NewsletterIssue):  # noqa: ANN201
        return item.published_at

    def item_updateddate(self, item: NewsletterIssue):  # noqa: ANN201
        return item.published_at
