"""Searching names the way people type them: without accents or capitals ("phuong vo thi"
finds "Phường Võ Thị Sáu")."""

import re
import unicodedata

_WORD = re.compile(r"\w+")


def text_folded(text: str) -> str:
    """Lower case without diacritics; đ (a letter of its own, not an accented d) becomes d."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    return _WORD.findall(text_folded(text))


def _word_matches(asked: str, word: str) -> bool:
    # A number is a whole word, so "phuong 1" finds Phường 1 and not Phường 10 ("01" is 1 too);
    # any other word may be typed in part.
    if asked.isdigit():
        return word.isdigit() and int(asked) == int(word)
    return word.startswith(asked)


def words_match(query: str, *texts: str) -> bool:
    """Whether every word of `query` matches a word of one of `texts` (an empty query matches)."""
    asked_words = _words(query)
    if not asked_words:
        return True
    words = [w for text in texts for w in _words(text or "")]
    return all(any(_word_matches(asked, w) for w in words) for asked in asked_words)
