"""The one bounded number reader."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers.numbers import OutOfRange, numeric_order, read_decimal, read_int, read_structural, scale_to_int


def test_real_figures():
    assert read_int("9,732") == 9732
    assert read_int("-15") == -15
    assert read_decimal("50.5") == Decimal("50.5")
    assert scale_to_int(read_decimal("2.5"), 100_000_000) == 250_000_000


@pytest.mark.parametrize("text", ["9" * 20, "1" + "0" * 4300, "9" * 100_000])
def test_too_long_is_refused_before_converting(text):
    with pytest.raises(OutOfRange) as caught:
        read_int(text)
    assert "digits" in caught.value.reason and len(caught.value.text) <= 60


def test_int64_is_the_ceiling():
    assert read_int(str(2**63 - 1)) == 2**63 - 1
    with pytest.raises(OutOfRange):
        read_int(str(2**63))
    with pytest.raises(OutOfRange):
        scale_to_int(read_decimal("9" * 15), 1_000_000_000_000)  # 조


def test_leading_zeros_do_not_count_and_text_is_not_a_number():
    assert read_int("0" * 50 + "7") == 7
    with pytest.raises(ValueError):
        read_int("١٢")  # Arabic-Indic digits: isdigit() but not what a card means
    assert read_structural("12") == 12
    assert read_structural("9" * 4301, default=-1) == -1
    assert read_structural("x") == 0


def test_numeric_order_without_converting():
    names = ["10", "9", "0002", "9" * 4301]
    assert sorted(names, key=numeric_order) == ["0002", "9", "10", "9" * 4301]
