"""Click-here fields (누름틀): a form's blanks, shared by the HWP and HWPX readers.

A template marks each blank as a click-here field whose guide text
("여기에 입력", "내용을 입력하세요") Hangul shows in red italics on screen
and never prints. Both formats store that guide twice: in the field's
command (`Direction:wstring:N:…`) and as the field's own text, and they
flag whether anyone has typed in the field since (HWP: bit 15 of the
field's properties; HWPX: `dirty="1"`). A field nobody typed in whose text
is exactly its guide is a blank, and reading its guide as content would
put "여기에 입력" into a card. Only that case is dropped: text that differs
from the guide is kept even when the flag says untouched, because writers
other than Hangul fill templates without setting the flag.
"""

from __future__ import annotations

import re

_DIRECTION = re.compile(r"Direction:wstring:(\d{1,5}):")


def guide_text(command: str) -> str | None:
    """The guide a click-here field shows while blank, from its command string."""
    found = _DIRECTION.search(command)
    if found is None:
        return None
    start = found.end()
    return command[start : start + int(found.group(1))]


def untouched_guide(typed_in: bool, command: str) -> str | None:
    """The guide of a field nobody has typed in (None once someone has: its text is content)."""
    return None if typed_in else guide_text(command)


def is_blank(text: str, guide: str | None) -> bool:
    """True when a field untouched since insertion holds only its guide."""
    return guide is not None and guide.strip() != "" and text.strip() == guide.strip()
