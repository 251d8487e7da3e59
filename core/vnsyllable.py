"""Is a word a well-formed Vietnamese syllable? The evidence that tells legacy-encoded text from Unicode.

Read the wrong way, Vietnamese text breaks into words no Vietnamese writes: TCVN3 "Thời" read as Latin-1 is
"Thêi" (no rhyme "êi"), "Giấy" is "GiÊy" (a capital inside a word), VNI "Việt" is "Vieät". Counting such words in
each reading of a cell says which reading is the text. Pure functions, standard library only.

A syllable is an onset (possibly none), a rhyme from the closed list of Vietnamese rhymes, and at most one tone,
on the vowel that carries it ("hòa" and "hoà" both; not VNI's "Xaõ"); a rhyme ending in a stop (c, ch, p, t) takes
only the acute or the dot below. Spelling rules of the onsets are checked too (k, gh, ngh only before i, e, ê, y;
c, ng never there; q only before u). Loanwords and abbreviations ("UBND", "Glei") are not syllables: they count
the same in every reading, so they never decide.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}  # grave, acute, hook, tilde, dot below
_STOP_TONES = {"\u0301", "\u0323"}  # the only tones a syllable ending in c, ch, p, t can carry
_STOPS = ("c", "ch", "p", "t")

_RHYME_ROWS = (  # by vowel; then the rhymes with a glide "o" or "u" before the vowel
    "a ac ach ai am an ang anh ao ap at au ay",
    "ăc ăm ăn ăng ăp ăt",
    "âc âm ân âng âp ât âu ây",
    "e ec em en eng eo ep et",
    "ê êch êm ên ênh êp êt êu",
    "i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu",
    "y yêm yên yêt yêu",
    "o oc oi om on ong op ot ooc oong",
    "ô ôc ôi ôm ôn ông ôp ôt",
    "ơ ơi ơm ơn ơp ơt",
    "u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt",
    "ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu",
    "oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet",
    "uân uâng uât uây uê uêch uênh uơ uy uya uych uyên uyêt uynh uyt uyu",
)
_RHYMES = frozenset(" ".join(_RHYME_ROWS).split())
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", "")
_LONGEST = 7  # letters of the longest syllable, "nghiêng"
_FRONT = ("i", "e", "ê", "y")  # vowels that "k", "gh", "ngh" go before, and "c", "ng" never do

_WORD_RE = re.compile(r"[^\W\d_]+")
_VOWELS = "aăâeêioôơuưy"
_MARKED = "ăâêôơư"  # vowels with a mark of their own; the tone sits on the last of them


def _tone_places(rhyme: str) -> frozenset[int]:
    """Where a rhyme's tone may sit: "oai" on a, "ươi" on ơ, "ia" on i, "oan" on a; "oa" either (hòa, hoà)."""
    vowels = [i for i, c in enumerate(rhyme) if c in _VOWELS]
    marked = [i for i in vowels if rhyme[i] in _MARKED]
    if marked:
        return frozenset({marked[-1]})
    if vowels[-1] < len(rhyme) - 1 or len(vowels) == 1:  # before a final consonant, or the only vowel
        return frozenset({vowels[-1]})
    if len(vowels) == 3:
        return frozenset({vowels[1]})
    return frozenset({0, 1}) if rhyme in ("oa", "oe", "uy") else frozenset({vowels[0]})


_TONE_PLACES = {rhyme: _tone_places(rhyme) for rhyme in _RHYMES}


def _split_tone(word: str) -> tuple[str, list[tuple[int, str]]]:
    """The word in lower case without its tone marks (vowel marks kept), and each tone with its letter's place."""
    letters, tones = [], []
    for place, ch in enumerate(unicodedata.normalize("NFC", word.lower().replace("ð", "đ"))):  # ð: looks like đ
        parts = unicodedata.normalize("NFD", ch)
        tones += [(place, c) for c in parts if c in _TONES]
        letters.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)))
    return "".join(letters), tones


def _onset_allows(onset: str, rhyme: str) -> bool:
    front = rhyme.startswith(_FRONT)
    if onset in ("k", "gh", "ngh"):
        return front
    if onset in ("c", "ng"):
        return not front
    if onset == "g":
        return not rhyme.startswith(("e", "ê"))  # "gì" is g + i; "ge" is written "ghe"
    if onset == "q":
        return rhyme.startswith("u")
    return True


def _rhyme_allows(rhyme: str, tone: tuple[int, str] | None) -> bool:
    """A rhyme of the list with its tone in its place; a final c, ch, p, t takes only the acute or the dot."""
    if rhyme not in _TONE_PLACES:
        return False
    place, mark = tone or (None, None)
    if rhyme.endswith(_STOPS) and mark not in _STOP_TONES:
        return False
    return place is None or place in _TONE_PLACES[rhyme]


def _cased_as_a_word(word: str) -> bool:
    """lower, Capitalised or UPPER: a capital inside a lower-case word ("GiÊy") is a misread byte."""
    return word.islower() or word.isupper() or (word[0].isupper() and (len(word) == 1 or word[1:].islower()))


def is_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable in any case: "Giấy", "THỜI", "quỳnh"; not "Thêi", "GiÊy"."""
    if len(word) > _LONGEST:
        word = unicodedata.normalize("NFC", word)
    return 0 < len(word) <= _LONGEST and _is_syllable(word)


@lru_cache(maxsize=16_384)  # a workbook repeats its words ("xã", "huyện") thousands of times
def _is_syllable(word: str) -> bool:
    if not _cased_as_a_word(word):
        return False
    base, tones = _split_tone(word)
    if len(tones) > 1:
        return False
    for onset in _ONSETS:
        rhyme = base[len(onset):]
        tone = (tones[0][0] - len(onset), tones[0][1]) if tones else None
        if base.startswith(onset) and _onset_allows(onset, rhyme) and _rhyme_allows(rhyme, tone):
            return True
    return False


def odd_words(text: str, joiners: str = "") -> int:
    """How many words of the text are not Vietnamese syllables: the fewer, the likelier the reading.

    `joiners` are characters that belong to the word they touch: read as Latin-1, TCVN3's "Gi¸o" is one
    odd word, not the syllables "Gi" and "o".
    """
    if joiners:  # a run of letters and joiners holding a letter: a lone "×" is no word
        inside = re.escape(joiners)
        words = re.findall(rf"[{inside}]*[^\W\d_](?:[^\W\d_]|[{inside}])*", text)
    else:
        words = _WORD_RE.findall(text)
    return sum(not is_syllable(word) for word in words)
