"""The one bounded number reader, shared by the readers and the card logic.

Hostile files carry figures no real card holds: a 40-digit amount, a
section named by 4,301 digits, a percentage of 10^30. Python's `int()` on
such text is slow (quadratic) and past 4,300 digits raises, and an int
beyond int64 cannot be written to a typed table. So every figure read from
a file goes through here: the digit run is measured *before* it is
converted, and anything longer than a real figure can be is refused with
`OutOfRange`, which the caller turns into an empty value plus a check row
(card values) or a stable error code (structural numbers).
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

INT64_MAX = 2**63 - 1
# The longest digit run a real figure has: int64 has 19 digits, and an
# amount written in 원 with a decimal part is still far shorter.
MAX_DIGITS = 19
# A structural number in a file (a cell address, a section number, a count)
# is never longer than this.
MAX_STRUCTURAL_DIGITS = 9


class OutOfRange(ValueError):
    """A figure too long or too large to be real; `text` is what was read."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(reason)
        self.text = text if len(text) <= 60 else text[:30] + "…" + text[-10:]
        self.reason = reason


def read_int(text: str, *, max_digits: int = MAX_DIGITS, limit: int = INT64_MAX) -> int:
    """An integer from an optional sign and ASCII digits (commas allowed), bounded.

    Raises ValueError for text that is not a number and `OutOfRange` for a
    number longer than `max_digits` digits or beyond ±`limit`.
    """
    body = text.strip().replace(",", "")
    negative = body.startswith("-")
    digits = body.lstrip("+-")
    if not digits or not digits.isascii() or not digits.isdigit():
        raise ValueError(f"not an integer: {text[:40]!r}")
    significant = digits.lstrip("0")
    if len(significant) > max_digits:
        raise OutOfRange(text, f"{len(significant)} digits, longer than any real figure ({max_digits} at most)")
    value = int(significant or "0")
    if value > limit:
        raise OutOfRange(text, f"beyond the largest value a table can hold ({limit:,})")
    return -value if negative else value


def read_decimal(text: str, *, max_digits: int = MAX_DIGITS) -> Decimal:
    """A decimal from digits with an optional fraction (`3,775`, `50.5`), bounded."""
    body = text.strip().replace(",", "")
    whole, _, fraction = body.lstrip("+-").partition(".")
    if not (whole or fraction) or not (whole + fraction).isascii() or not (whole + fraction).isdigit():
        raise ValueError(f"not a number: {text[:40]!r}")
    if len(whole.lstrip("0")) > max_digits or len(fraction) > MAX_DIGITS:
        raise OutOfRange(text, f"{len(whole.lstrip('0'))} digits, longer than any real figure ({max_digits} at most)")
    try:
        value = Decimal(whole + ("." + fraction if fraction else ""))
    except InvalidOperation:
        raise ValueError(f"not a number: {text[:40]!r}") from None
    return -value if body.startswith("-") else value


def scale_to_int(value: Decimal, multiplier: int, *, limit: int = INT64_MAX) -> int:
    """`value × multiplier` rounded to an integer, refused past ±`limit`."""
    scaled = (value * multiplier).to_integral_value()
    if abs(scaled) > limit:
        raise OutOfRange(str(value), f"{value} × {multiplier:,} is beyond the largest value a table can hold")
    return int(scaled)


def read_structural(text: str | None, default: int = 0) -> int:
    """A number that a file's structure carries (cell address, span, count): bounded, never raises.

    Anything that is not a short non-negative integer gives `default`; the
    reader's own sanity checks then decide whether the structure holds.
    """
    if text is None:
        return default
    if len(text) <= MAX_STRUCTURAL_DIGITS and text.isascii() and text.isdigit():
        return int(text)  # the common case, decided without read_int's general parse
    try:
        return read_int(text, max_digits=MAX_STRUCTURAL_DIGITS)
    except ValueError:
        return default


def numeric_order(digits: str) -> tuple[int, str]:
    """Sort key for a run of digits in numeric order, without converting it (`Section10` after `Section9`)."""
    significant = digits.lstrip("0")
    return len(significant), significant


def finite(value: object, bound: float = 1e7) -> bool:
    """A coordinate that geometry can use: a real number, not NaN or ±inf, within ±`bound`."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and -bound <= value <= bound
    )
