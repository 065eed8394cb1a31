"""Newsletter text → safe HTML, with nh3 against an explicit allow-list.

The editor is a plain textarea with a small format (no Markdown): paragraphs
are separated by an empty line, a line starting with "- " is a list item and
a web address starting with https:// or http:// becomes a link. Markup typed
into it is removed when saved (``clean_source``); rendering escapes the text,
builds the few allowed elements and runs nh3 again (``render``), so nothing
stored by any other path (admin, import, an old row) reaches a page, an email
or a feed unsanitised.
"""

import re

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "ul", "li", "a", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"https", "http", "mailto"}

_URL = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)]")


def clean_html(html: str) -> str:
    """nh3 with the allow-list; links get rel="noopener noreferrer"."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def clean_source(text: str) -> str:
    """The text as it is stored: every tag and comment removed."""
    text = nh3.clean(text, tags=set(), attributes={}, strip_comments=True)
    # nh3 escapes what it keeps; the source is plain text, so undo that.
    text = (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#39;", "'")
        .replace("&amp;", "&")
    )
    # Removing tags must not leave a new tag behind ("<<b>script>").
    while re.search(r"<[a-zA-Z!/?]", text):
        text = re.sub(r"<([a-zA-Z!/?])", r"‹\1", text)
    return text.replace("\r\n", "\n").strip()


def _inline(line: str) -> str:
    out, last = [], 0
    for match in _URL.finditer(line):
        out.append(escape(line[last : match.start()]))
        url = escape(match.group(0))
        out.append(f'<a href="{url}">{url}</a>')
        last = match.end()
    out.append(escape(line[last:]))
    return "".join(out)


def render(text: str) -> SafeString:
    """The stored text as sanitised HTML."""
    blocks = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip())
    parts = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline(line[2:])}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{'<br>'.join(_inline(line) for line in lines)}</p>")
    return mark_safe(clean_html("\n".join(parts)))  # noqa: S308


def plain(text: str) -> str:
    """The stored text for a text/plain email part."""
    return clean_source(text or "")
