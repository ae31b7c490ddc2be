"""The vocabulary file is data the code trusts: every table the code reads is there and agrees."""

from __future__ import annotations

from extract.vocabulary import vocabulary


def test_every_status_code_has_a_label_and_every_ranked_code_is_a_status():
    vocab = vocabulary()
    codes = {code for _, code in vocab.status_of}
    assert codes | {"other"} == set(vocab.status_labels)
    assert set(vocab.status_rank) <= codes
    assert vocab.status_labels["delayed"] == "부진·지연"


def test_office_by_fund_reads_a_fund_and_its_abbreviation():
    assert vocabulary().office_by_fund["구청장"] == ("구비", "구")
    assert vocabulary().office_by_fund["군수"] == ("군비", "군")


def test_written_lists_keep_their_marks_and_words_lists_are_squashed():
    vocab = vocabulary()
    assert "※" in vocab.written("items", "leaf_markers")
    assert "임기후(향후)" in vocab.words("budget", "period_after")
    assert vocab.words("budget", "period_after_suffixes") == ("이후",)
    assert "행정6급".endswith(vocab.written("people", "rank_suffixes"))
