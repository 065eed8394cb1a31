"""What a file really is, from its first bytes: a small magic-number check.

Only the kinds the progress log accepts are recognised: PDF, PNG, JPEG, GIF,
WebP, Office Open XML and OpenDocument files, legacy Office files and CSV or
plain text. The file's name must agree with its content.
"""

import zipfile
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True)
class Kind:
    content_type: str
    extensions: tuple[str, ...]


PDF = Kind("application/pdf", (".pdf",))
PNG = Kind("image/png", (".png",))
JPEG = Kind("image/jpeg", (".jpg", ".jpeg"))
GIF = Kind("image/gif", (".gif",))
WEBP = Kind("image/webp", (".webp",))
DOCX = Kind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = Kind(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
)
PPTX = Kind(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    (".pptx",),
)
ODT = Kind("application/vnd.oasis.opendocument.text", (".odt",))
ODS = Kind("application/vnd.oasis.opendocument.spreadsheet", (".ods",))
ODP = Kind("application/vnd.oasis.opendocument.presentation", (".odp",))
OLE = Kind("application/vnd.ms-office", (".doc", ".xls", ".ppt"))
CSV = Kind("text/csv", (".csv",))
TEXT = Kind("text/plain", (".txt",))

ALLOWED_EXTENSIONS = (
    tuple(
        ext
        for kind in (
            PDF,
            PNG,
            JPEG,
            GIF,
            WEBP,
            DOCX,
            XLSX,
            PPTX,
            ODT,
            ODS,
            ODP,
            OLE,
            CSV,
        )
        for ext in kind.extensions
    )
    + TEXT.extensions
)

_OOXML = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
_ODF = {ODT.content_type: ODT, ODS.content_type: ODS, ODP.content_type: ODP}


def _zip_kind(file: IO[bytes]) -> Kind | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace")
                return _ODF.get(mimetype.strip())
            if "[Content_Types].xml" in names:
                for prefix, kind in _OOXML.items():
                    if any(name.startswith(prefix) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is fine.
        if error.start < len(head) - 4:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return all(b >= 0x20 or b in b"\t\r\n\x0c" for b in head)


def sniff(file: IO[bytes]) -> Kind | None:
    """The kind of ``file`` from its content, or None when not accepted."""
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    kind: Kind | None = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head[:6] in (b"GIF87a", b"GIF89a"):
        kind = GIF
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = WEBP
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(file)
        file.seek(0)
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        kind = OLE
    elif head and _is_text(head):
        kind = TEXT
    return kind


def kind_for(file: IO[bytes], name: str) -> Kind | None:
    """The file's kind when its content and its name agree, else None."""
    kind = sniff(file)
    if kind is None:
        return None
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind is TEXT and extension == ".csv":
        return CSV
    return kind if extension in kind.extensions else None
