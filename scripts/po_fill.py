"""Fill msgstr entries of a .po file from a JSON mapping {msgid: msgstr}.

Used by translators for bulk edits: ``python scripts/po_fill.py fi map.json``.
The mapping wins over what the file holds (its fuzzy flags are dropped);
plural entries take a list of forms.
"""

import json
import re
import sys
from pathlib import Path


def _quote(text: str) -> str:
    return (
        '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    )


def _unquote(lines: list[str]) -> str:
    joined = "".join(json.loads(line) for line in lines)
    return joined


def fill(language: str, mapping: dict) -> int:
    path = Path("locale") / language / "LC_MESSAGES" / "django.po"
    text = path.read_text()
    blocks = text.split("\n\n")
    filled = 0
    for i, block in enumerate(blocks):
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not m or block.startswith('msgid ""\nmsgstr ""\n"'):
            continue
        msgid = _unquote(re.findall(r'".*"', m.group(1)))
        if msgid not in mapping:
            continue
        value = mapping[msgid]
        lines = [ln for ln in block.split("\n") if not ln.startswith("#, fuzzy")]
        block = "\n".join(lines)
        if "msgid_plural" in block:
            forms = value if isinstance(value, list) else [value, value]
            head = block[: block.index("msgstr[0]")]
            block = head + "\n".join(
                f"msgstr[{n}] {_quote(form)}" for n, form in enumerate(forms)
            )
        else:
            head = block[: block.index("msgstr ")]
            block = head + f"msgstr {_quote(value)}"
        blocks[i] = block
        filled += 1
    path.write_text("\n\n".join(blocks).rstrip("\n") + "\n")
    return filled


if __name__ == "__main__":
    lang, mapping_file = sys.argv[1], sys.argv[2]
    print(fill(lang, json.loads(Path(mapping_file).read_text())))
