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
from html.parser import HTMLParser

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
    return mark_safe(_text_to_html(text))  # noqa: S308


def _text_to_html(text: str) -> str:
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
    return clean_html("\n".join(parts))


# --- Rich text: the newsletter editor's HTML --------------------------------------
#
# The editor (static/js/newsletter-editor.js) writes HTML; without JavaScript
# the same field is a textarea that takes that HTML or the text format above.
# ``clean_rich`` runs when it is saved and ``render_rich`` again on every
# page, email and feed, both with nh3 and this allow-list.

RICH_TAGS = {
    "p",
    "h2",
    "h3",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "br",
    "blockquote",
}
RICH_ATTRIBUTES = {"a": {"href"}}

# Text written in the text format never holds a tag: ``clean_source`` turns
# every "<" that starts one into "‹". So a value with a tag is HTML.
_TAG = re.compile(r"<[a-zA-Z/!]")
_EMPTY_LINK = re.compile(r'<a rel="noopener noreferrer">(.*?)</a>', re.S)
_TEXTLESS = re.compile(r"^(?:\s|<[^>]*>|&nbsp;|\u00a0)*$")
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|<br>|&nbsp;|\u00a0)*</p>")


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    # A relative link would break in an email and a feed reader.
    if tag == "a" and attribute == "href":
        scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
        return value.strip() if scheme in ALLOWED_SCHEMES else None
    return value


_rich_cleaner = nh3.Cleaner(
    tags=RICH_TAGS,
    attributes=RICH_ATTRIBUTES,
    url_schemes=ALLOWED_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
    attribute_filter=_absolute_links_only,
)


def is_html(value: str | None) -> bool:
    return bool(value and _TAG.search(value))


def as_rich(value: str | None) -> str:
    """Stored text in either format as HTML, for the editor to load.

    Bodies written before the editor are in the text format; they are shown
    and edited as the HTML that ``render`` makes of them.
    """
    value = value or ""
    return value if is_html(value) else _text_to_html(value)


def clean_rich(value: str | None) -> str:
    """The editor's HTML as it is stored: only the allow-list, absolute links,
    and nothing at all when it holds no text (the editor's empty "<p></p>")."""
    html = _EMPTY_LINK.sub(r"\1", _rich_cleaner.clean(as_rich(value)))
    html = _EMPTY_PARAGRAPH.sub("", html).strip()
    return "" if _TEXTLESS.match(html) else html


def render_rich(value: str | None) -> SafeString:
    """Stored rich text as sanitised HTML for a page, an email or a feed."""
    return mark_safe(clean_rich(value))  # noqa: S308


def plain_rich(value: str | None) -> str:
    """Stored rich text for a text/plain email part: paragraphs and headings
    separated by an empty line, "- " and "1. " list items, "> " quotes and
    each link's address after its text."""
    value = value or ""
    if not is_html(value):
        return clean_source(value)
    parser = _TextWriter()
    parser.feed(clean_rich(value))
    parser.close()
    return parser.text()


class _TextWriter(HTMLParser):
    BLOCKS = {"p", "h2", "h3"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[bool, str]] = []  # (is a list item, text)
        self.line: list[str] = []
        self.lists: list[list] = []  # [is ordered, items so far] per open list
        self.marker = ""  # "- " or "2. " until the item's first text is out
        self.indent: list[int] = []  # of the text of each open list item
        self.quote = 0
        self.href: str | None = None
        self.link_text: list[str] = []

    def _flush(self) -> None:
        text = "".join(self.line)
        self.line = []
        lines = [" ".join(part.split()) for part in text.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            return
        pad = " " * sum(self.indent)
        if self.marker:
            first = " " * (sum(self.indent) - len(self.marker)) + self.marker
            lines = [first + lines[0]] + [pad + line for line in lines[1:]]
        else:
            lines = [pad + line for line in lines]
        if self.quote:
            lines = ["> " * self.quote + line for line in lines]
        self.blocks.append((bool(self.marker), "\n".join(lines)))
        self.marker = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            self._flush()
            if self.lists and self.lists[-1][0]:
                self.lists[-1][1] += 1
                self.marker = f"{self.lists[-1][1]}. "
            else:
                self.marker = "- "
            self.indent.append(len(self.marker))
        elif tag in self.BLOCKS:
            self._flush()
        elif tag == "blockquote":
            self._flush()
            self.quote += 1
        elif tag == "br":
            self.line.append("\n")
        elif tag == "a":
            self.href = dict(attrs).get("href")
            self.link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag == "li":
            self._flush()
            if self.indent:
                self.indent.pop()
            self.marker = ""
        elif tag in self.BLOCKS:
            self._flush()
        elif tag == "blockquote":
            self._flush()
            self.quote = max(0, self.quote - 1)
        elif tag == "a" and self.href:
            text = "".join(self.link_text).strip()
            address = self.href.removeprefix("mailto:")
            if address not in text:
                self.line.append(f" ({address})" if text else address)
            self.href = None

    def handle_data(self, data: str) -> None:
        self.line.append(data)
        if self.href:
            self.link_text.append(data)

    def text(self) -> str:
        self._flush()
        out = ""
        previous_item = False
        for is_item, block in self.blocks:
            # The items of a list stay together; other blocks get a gap.
            gap = "\n" if is_item and previous_item else "\n\n"
            out += (gap if out else "") + block
            previous_item = is_item
        return out
