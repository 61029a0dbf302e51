"""Who a statement's occurrences are attributed to (`service.quotes.speakers`): pure, no engine."""
from __future__ import annotations

from service.quotes import speakers


def said_by(*names: str) -> list[dict]:
    return [{"speaker": name, "source": {"name": name, "kind": "person"}} for name in names]


def test_a_hyphenated_surname_alone_is_the_one_person_of_that_surname():
    """Keys fold the hyphen to a space, so "Leigh-Pemberton" alone read as two
    words and stayed a second speaker beside "Robin Leigh-Pemberton"."""
    assert speakers(said_by("Leigh-Pemberton", "Robin Leigh-Pemberton", "Robin Leigh-Pemberton")) == [
        {"name": "Robin Leigh-Pemberton", "count": 3}]
    assert speakers(said_by("O’Brien", "Sean O'Brien")) == [{"name": "Sean O'Brien", "count": 2}]


def test_a_name_of_several_words_is_no_surname_of_a_longer_one():
    """"Anna Berg" may be another person than "Olaf Anna Berg": only one word,
    as written, is read as a surname alone."""
    assert speakers(said_by("Anna Berg", "Olaf Anna Berg")) == [
        {"name": "Anna Berg", "count": 1}, {"name": "Olaf Anna Berg", "count": 1}]
    assert speakers(said_by("Pemberton", "Robin Leigh-Pemberton", "Leigh-Pemberton")) == [
        {"name": "Robin Leigh-Pemberton", "count": 3}]
