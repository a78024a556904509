"""Word-prefix search tokens for the customer register.

A customer is indexed under each distinct normalised word of its name, number, contact person and e-mail.
One index item per word: a prefix query becomes a `begins_with` key condition on the word, so a search reads
only matching index items however large the register is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MIN_TERM_LENGTH = 2
_WORD = re.compile(r"[0-9a-zæøåäöüß]+")
# Letters that Unicode decomposition would break apart but that Nordic users type as letters of their own.
_KEEP = {"æ", "ø", "å", "ä", "ö"}


def normalise(text: str) -> str:
    folded = text.casefold()
    kept: list[str] = []
    for char in folded:
        if char in _KEEP:
            kept.append(char)
            continue
        decomposed = unicodedata.normalize("NFKD", char)
        kept.append("".join(part for part in decomposed if not unicodedata.combining(part)))
    return "".join(kept)


def words(*texts: str | None) -> list[str]:
    """The distinct normalised words of the given texts, in first-seen order."""
    seen: dict[str, None] = {}
    for text in texts:
        if text:
            for word in _WORD.findall(normalise(text)):
                seen.setdefault(word, None)
    return list(seen)


def query_terms(query: str) -> list[str]:
    return words(query)


def bucket(word: str) -> str:
    """The index partition of a word: its first two letters (one-letter words live in their own)."""
    return word[:MIN_TERM_LENGTH]


def matches_all(terms: Iterable[str], customer_words: Iterable[str]) -> bool:
    vocabulary = list(customer_words)
    return all(any(word.startswith(term) for word in vocabulary) for term in terms)


def sort_key(text: str) -> str:
    return " ".join(words(text))
