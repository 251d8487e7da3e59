"""Vietnamese text helpers: cleaning, matching keys and legacy-encoding repair.

Pure functions, standard library only. Two matching keys exist on purpose:
`key` keeps diacritics (so "Ba Tô" and "Ba Tơ" stay different units) and only
evens out spelling noise such as old vs new tone placement; `fold` drops every
mark for loose, accent-insensitive search.

Government workbooks still carry text typed in the TCVN3 (ABC, fonts ".VnTime",
".VnTimeH" ...), VNI ("VNI-Times" ...) and VIETWARE-X ("VNtimes new roman") 8-bit
encodings. Read by a spreadsheet library, such text arrives as Latin-1/cp1252-looking
characters ("Qu¶ng Ng·i", "Quaûng Ngaõi"); `decode_legacy` turns it back into Unicode.
The cell's font says which encoding to try; whether to decode at all is decided by
the words (`core.vnsyllable`): the reading with fewer words that are not Vietnamese
syllables wins ("Thêi gian" is TCVN3 for "Thời gian"). When both readings are equally
Vietnamese ("Tân An" in a .VnTime cell: Unicode, or TCVN3 for "Tõn An"), the text
stays as typed and `decode_legacy_checked` says it was ambiguous.
"""
from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable

from core.vnsyllable import is_syllable, odd_words

# --------------------------------------------------------------------------
# Cleaning and matching keys
# --------------------------------------------------------------------------

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_RE = re.compile(f"[{_DASHES}]")
_INVISIBLE_RE = re.compile("[\u200b\ufeff]")  # zero-width space, BOM: break matching
# control characters that are not white space (an .xls may carry them): not text, and XML (.docx, .xlsx) refuses them
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1b\x7f]")
_SPACE_RE = re.compile(r"\s+")  # str patterns also match NBSP, U+202F, line separators


def clean(s: str | None) -> str:
    """NFC, one plain space between words, ASCII hyphen for every dash; "" for None."""
    if s is None or (isinstance(s, float) and s != s):  # None or NaN from pandas
        return ""
    s = unicodedata.normalize("NFC", str(s))
    s = printable(_INVISIBLE_RE.sub("", s))
    s = _DASH_RE.sub("-", s)
    return _SPACE_RE.sub(" ", s).strip()


def printable(s: str) -> str:
    """`s` without the control characters a document format cannot hold."""
    return _CONTROL_RE.sub("", s)


# Tone marks in NFD, and the vowels that carry them in the "new" placement.
_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"  # grave, acute, hook, tilde, dot
_NEW_STYLE_RE = re.compile(
    r"([oO])([àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ])(?![^\W\d_])"  # oa, oe ending the syllable
    r"|(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])"  # uy, but not qu+y ("quý")
)


def _to_old_style(m: re.Match[str]) -> str:
    first, second = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    decomposed = unicodedata.normalize("NFD", second)  # base vowel + tone mark
    return unicodedata.normalize("NFC", first + decomposed[1:]) + decomposed[0]


def normalize_tones(s: str) -> str:
    """Move the tone of open "oa", "oe", "uy" to the first vowel (registry style).

    "hoà" -> "hòa", "khoẻ" -> "khỏe", "Thuỷ" -> "Thủy", "HOÀ" -> "HÒA"; syllables
    where both styles agree ("hoàng", "quý", "quả", "thuở", "khuỷu") are untouched.
    """
    if not s:
        return ""
    return _NEW_STYLE_RE.sub(_to_old_style, unicodedata.normalize("NFC", s))


def key(s: str | None) -> str:
    """Exact-spelling key: case and tone placement ignored, diacritics kept.

    "Ð"/"ð" (Icelandic eth: what cp1258 "Đ"/"đ" becomes when read as Latin-1) count as "đ".
    """
    s = normalize_tones(clean(s)).casefold().replace("ð", "đ")
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", s)).strip()


def fold(s: str | None) -> str:
    """Loose key without any diacritics: "TỊNH HOÀ" -> "tinh hoa", "Đắk" -> "dak"."""
    s = unicodedata.normalize("NFD", clean(s).casefold())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    # đ has no decomposition; ð (Icelandic eth) is a common look-alike typo for it.
    s = s.replace("đ", "d").replace("ð", "d")
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", s)).strip()


# `fold` in DuckDB's SQL, for searching a long list in the database rather than in Python, written with RE2 classes
# equal to the ones above: what `clean` drops, its dashes, and every character Python's `\s` takes for a space.
# `lower` then `strip_accents` is casefold, NFD and the dropped marks, except for the letters whose case folding
# is not their lower case (ß → ss, final sigma, ...), mapped here one by one. Equal to `fold` for every letter of
# the Latin and Greek blocks, Vietnamese in NFC or NFD and every space and dash (tests/test_vntext.py); it differs
# on the spacing vowel signs of Indic scripts, which `strip_accents` drops and `fold` keeps.
_SQL_DROPPED = r"[\x00-\x08\x0e-\x1b\x7f\x{200b}\x{feff}]"
_SQL_DASHES = r"[\x{2010}-\x{2015}\x{2212}\x{fe58}\x{fe63}\x{ff0d}]"
_SQL_SPACES = (r"[\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}"
               r"\x{3000}]+")
_SQL_FOLDED_ONE = ("đðſµςϐϑϕϖϰϱϵ", "ddsμσβθφπκρε")  # one letter for one, after lower()
_SQL_FOLDED_TWO = (("ß", "ss"), ("ŉ", "ʼn"), ("ẚ", "aʾ"))


def fold_sql(expression: str) -> str:
    """SQL giving `fold` of the SQL `expression` (NULL gives '')."""
    s = f"regexp_replace(COALESCE({expression}, ''), '{_SQL_DROPPED}', '', 'g')"
    s = f"lower(regexp_replace({s}, '{_SQL_DASHES}', '-', 'g'))"
    for letter, letters in _SQL_FOLDED_TWO:
        s = f"replace({s}, '{letter}', '{letters}')"
    s = f"translate(strip_accents({s}), '{_SQL_FOLDED_ONE[0]}', '{_SQL_FOLDED_ONE[1]}')"
    return f"trim(regexp_replace({s}, '{_SQL_SPACES}', ' ', 'g'))"


# --------------------------------------------------------------------------
# TCVN3 (TCVN 5712:1993 VN3, "ABC")
# --------------------------------------------------------------------------

# Same order on both lines; each vowel's tones in TCVN3 order: grave, hook, tilde,
# acute, dot. Only these 7 capitals exist in VN3: toned capitals need the H fonts.
_TCVN3_UNI = (
    "àảãáạ" "ăằẳẵắặ" "âầẩẫấậ" "đ" "èẻẽéẹ" "êềểễếệ" "ìỉĩíị" "òỏõóọ" "ôồổỗốộ"
    "ơờởỡớợ" "ùủũúụ" "ưừửữứự" "ỳỷỹýỵ" "ĂÂÊÔƠƯĐ"
)
_TCVN3_BYTES = bytes.fromhex(
    "b5b6b7b8b9" "a8bbbcbdbec6" "a9c7c8c9cacb" "ae" "cccecfd0d1" "aad2d3d4d5d6"
    "d7d8dcddde" "dfe1e2e3e4" "abe5e6e7e8e9" "aceaebecedee" "eff1f2f3f4"
    "adf5f6f7f8f9" "fafbfcfdfe" "a1a2a3a4a5a6a7"
).decode("latin-1")
assert len(_TCVN3_UNI) == len(_TCVN3_BYTES) == len(set(_TCVN3_BYTES)) == 74

_TCVN3_DECODE = {ord(b): u for b, u in zip(_TCVN3_BYTES, _TCVN3_UNI)}
_TCVN3_ENCODE = {ord(u): b for b, u in zip(_TCVN3_BYTES, _TCVN3_UNI)}
# Bytes that only ever stand for a lower-case letter: a word typed in capitals still gets them.
_WITHOUT_LOWER_ONLY = {ord(b): None for b, u in zip(_TCVN3_BYTES, _TCVN3_UNI) if u.islower()}
_CAPITAL = "A-ZĂÂÊÔƠƯĐÀ-ÖØ-Þ"  # the capitals a decoded TCVN3 text can hold
_TWO_CAPITALS_RE = re.compile(rf"[{_CAPITAL}][^\W\d_]*?[{_CAPITAL}]")  # in one word (a quick test)
_WORD_WITH_TWO_CAPITALS_RE = re.compile(rf"[^\W\d_]*[{_CAPITAL}][^\W\d_]*[{_CAPITAL}][^\W\d_]*")


def _typed_in_capitals(decoded: str, source: str) -> bool:
    """Every letter whose case the typist chose is a capital, counting only the words that are Vietnamese
    syllables and needing two such letters: "KINH TÕ" is a cell in capitals, but in "Sè 125/Q§-UBND" or "Tæ ANTT"
    only "S" or "T" speaks ("UBND", "ANTT" are abbreviations, capitals in any text), and one letter cannot tell
    "Số" from "SỐ"."""
    chosen = ""
    for m in re.finditer(r"[^\W\d_]+", decoded):
        if is_syllable(m.group().lower()):  # "HộI": the typist's capitals, the TCVN3 bytes in lower case
            chosen += source[m.start():m.end()].translate(_WITHOUT_LOWER_ONLY)
    return len(chosen) >= 2 and chosen == chosen.upper()


def _restore_capitals(decoded: str, source: str) -> str:
    """Upper-case the words typed in capitals: "ĐOàN" (VN3 has no "À") -> "ĐOÀN"; "Hà", "Cô Tô" stay."""
    if not _TWO_CAPITALS_RE.search(decoded):
        return decoded
    if _typed_in_capitals(decoded, source):  # a cell in capitals: "KINH TÕ" -> "KINH TẾ"
        return decoded.upper()

    def word(m: re.Match[str]) -> str:
        chosen = source[m.start():m.end()].translate(_WITHOUT_LOWER_ONLY)
        return m.group().upper() if chosen == chosen.upper() else m.group()

    return _WORD_WITH_TWO_CAPITALS_RE.sub(word, decoded)


def tcvn3_to_unicode(s: str, capitals: bool = False) -> str:
    """Decode TCVN3 text; capitals=True for the all-capitals ".Vn...H" fonts."""
    decoded = s.translate(_TCVN3_DECODE)  # one character for one: positions still match `s`
    # The H fonts draw every letter, ASCII included, as a capital.
    out = decoded.upper() if capitals else _restore_capitals(decoded, s)
    return unicodedata.normalize("NFC", out)


def unicode_to_tcvn3(s: str) -> str:
    """Encode to TCVN3; toned capitals, absent from VN3, fall back to lowercase."""
    out = []
    for ch in unicodedata.normalize("NFC", s):
        code = _TCVN3_ENCODE.get(ord(ch)) or _TCVN3_ENCODE.get(ord(ch.lower()))
        out.append(code or ch)
    return "".join(out)


# --------------------------------------------------------------------------
# VNI Windows and VIETWARE-X: a base letter, then a tone byte (read as cp1252)
# --------------------------------------------------------------------------

# Unicode base -> (its spelling, its spellings with tones in _TONE_MARKS order:
# grave, acute, hook, tilde, dot). Capitals are the upper-cased spellings
# ("aø" -> "AØ"), which holds for every entry of both encodings.
_VNI_SPEC = {
    "a": ("a", "aø aù aû aõ aï"),
    "ă": ("aê", "aè aé aú aü aë"),
    "â": ("aâ", "aà aá aå aã aä"),
    "e": ("e", "eø eù eû eõ eï"),
    "ê": ("eâ", "eà eá eå eã eä"),
    "i": ("i", "ì í æ ó ò"),
    "o": ("o", "oø où oû oõ oï"),
    "ô": ("oâ", "oà oá oå oã oä"),
    "ơ": ("ô", "ôø ôù ôû ôõ ôï"),
    "u": ("u", "uø uù uû uõ uï"),
    "ư": ("ö", "öø öù öû öõ öï"),
    "y": ("y", "yø yù yû yõ î"),
    "đ": ("ñ", ""),
}
# VietWare's "VNtimes new roman" fonts: â ê ô ă ơ ư đ have a base byte of their own.
_VIETWARE_X_SPEC = {
    "a": ("a", "aì aï aí aî aû"),
    "ă": ("à", "àò àõ àó àô àû"),
    "â": ("á", "áö áú áø áù áû"),
    "e": ("e", "eì eï eí eî eû"),
    "ê": ("ã", "ãö ãú ãø ãù ãû"),
    "i": ("i", "ç ê è é ë"),
    "o": ("o", "oì oï oí oî oü"),
    "ô": ("ä", "äö äú äø äù äü"),
    "ơ": ("å", "åì åï åí åî åü"),
    "u": ("u", "uì uï uí uî uû"),
    "ư": ("æ", "æì æï æí æî æû"),
    "y": ("y", "yì yï yí yî yñ"),
    "đ": ("â", ""),
}


class _BaseAndTone:
    """A base-and-tone-byte encoding, both ways, built from its spec."""

    def __init__(self, spec: dict[str, tuple[str, str]]):
        spellings = self._spellings(spec)
        self.encoding = {u: v for u, v in spellings.items() if u != v}  # plain ASCII needs no entry
        self.code_points = frozenset("".join(spellings.values())) - frozenset(string.ascii_letters)
        self.decoding = {v: u for u, v in self.encoding.items()}
        for code, uni in list(self.decoding.items()):  # a tone byte typed in the other case ("Aø")
            if len(code) == 2:
                self.decoding.setdefault(code[0] + code[1].swapcase(), uni)
        # Longest spelling first so "oá" wins over "o" + "á".
        self.pattern = re.compile("|".join(map(re.escape, sorted(self.decoding, key=len, reverse=True))))

    @staticmethod
    def _spellings(spec: dict[str, tuple[str, str]]) -> dict[str, str]:
        """Unicode letter -> spelling, both cases ("ì" is "ì" in VNI too)."""
        table: dict[str, str] = {}
        for base, (plain, toned) in spec.items():
            pairs = [(base, plain)]
            for mark, code in zip(_TONE_MARKS, toned.split()):
                pairs.append((unicodedata.normalize("NFC", base + mark), code))
            for uni, code in pairs:
                table[uni] = code
                table[uni.upper()] = code.upper()
        return table

    def decode(self, s: str) -> str:
        return unicodedata.normalize("NFC", self.pattern.sub(lambda m: self.decoding[m.group()], s))

    def encode(self, s: str) -> str:
        return "".join(self.encoding.get(ch, ch) for ch in unicodedata.normalize("NFC", s))


_VNI = _BaseAndTone(_VNI_SPEC)
_VIETWARE_X = _BaseAndTone(_VIETWARE_X_SPEC)


def vni_to_unicode(s: str) -> str:
    """Decode VNI Windows text ("Vieät Nam" -> "Việt Nam")."""
    return _VNI.decode(s)


def unicode_to_vni(s: str) -> str:
    """Encode Unicode Vietnamese as VNI Windows (for test fixtures)."""
    return _VNI.encode(s)


def vietware_x_to_unicode(s: str) -> str:
    """Decode VIETWARE-X text ("Vieät Nam" in VNI is "Viãût Nam" here)."""
    return _VIETWARE_X.decode(s)


def unicode_to_vietware_x(s: str) -> str:
    """Encode Unicode Vietnamese as VIETWARE-X (for test fixtures)."""
    return _VIETWARE_X.encode(s)


# --------------------------------------------------------------------------
# Choosing a reading
# --------------------------------------------------------------------------


# Letters a Latin-1/cp1252 byte gives; Vietnamese typed in Unicode uses these, never the others.
_LATIN1_LETTERS = frozenset(map(chr, range(0xC0, 0x100))) - {"×", "÷"}
_VN_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
# Characters only real Unicode Vietnamese has (never produced by a Latin-1/cp1252 byte).
_GENUINE_RE = re.compile("[ăĂơƠưƯđĐĩĨũŨ\u1ea0-\u1ef9\u0300-\u036f]")


class _Encoding:
    """A legacy encoding as the evidence sees it: how to decode it, and which characters its text is made of."""

    def __init__(self, decode: Callable[[str], str], code_points: frozenset[str]):
        self.decode, self.code_points = decode, code_points  # code points: the characters above ASCII
        self.symbols = "".join(sorted(c for c in code_points if not c.isalpha()))  # TCVN3's "¶", "·", "§"
        inside = re.escape(self.symbols)
        self._symbol_in_word = re.compile(rf"\w[{inside}]|[{inside}]\w" if inside else r"(?!)").search

    def impossible(self, s: str) -> bool:
        """The text holds a Latin-1 letter the encoding never writes ("à" is no TCVN3 byte)."""
        return any(c in _LATIN1_LETTERS and c not in self.code_points for c in s)

    def legacy_only(self, s: str) -> bool:
        """The text holds a byte of the encoding that no Vietnamese typed in Unicode has ("¶", "ö")."""
        return any(c in self.code_points and c not in _VN_LATIN1 for c in s)

    def symbol_in_word(self, s: str) -> bool:
        """One such byte is not even a letter, and sits inside a word ("H§ND")."""
        return self._symbol_in_word(s) is not None

    def odd_as_typed(self, s: str) -> int:
        """Odd words of the text as it is, the encoding's symbols kept inside their words."""
        return odd_words(s, joiners=self.symbols)


_ENCODINGS = {
    "tcvn3": _Encoding(tcvn3_to_unicode, frozenset(_TCVN3_BYTES)),
    "tcvn3h": _Encoding(lambda s: tcvn3_to_unicode(s, capitals=True), frozenset(_TCVN3_BYTES)),
    "vni": _Encoding(vni_to_unicode, _VNI.code_points),
    "vietware-x": _Encoding(vietware_x_to_unicode, _VIETWARE_X.code_points),
}


def legacy_encoding(font_name: str | None) -> str | None:
    """"tcvn3", "tcvn3h" (capitals-only ".Vn...H" font), "vni", "vietware-x" or None for a font name."""
    name = (font_name or "").strip()
    low = name.lower()
    if low.startswith(".vn"):
        # ".VnTimeH", ".VnArialH": a trailing capital H marks the capitals font.
        capital = name.endswith("H") or (name.islower() and name.endswith("h"))
        return "tcvn3h" if capital else "tcvn3"
    if low.startswith(("vni-", "vni ")):
        return "vni"
    if name.startswith("VN") and name[2:3].islower():  # VietWare: "VNtimes new roman", "VNarial"
        return "vietware-x"
    return None


_SAMPLE = 2_000  # characters weighed: a long note is decided by its start, in a time that does not grow


def _sample(s: str) -> str:
    cut = s.rfind(" ", 0, _SAMPLE) if len(s) > _SAMPLE else len(s)
    return s[:cut if cut > 0 else _SAMPLE]


def _weigh_in_font(s: str, encoding: _Encoding) -> tuple[bool, bool]:
    """(decode?, ambiguous?): the font says legacy; the words say which reading is Vietnamese."""
    if encoding.impossible(s):  # typed in Unicode; a legacy-only byte too contradicts it: ask
        return False, encoding.legacy_only(s)
    if not any(c in encoding.code_points for c in s):
        return True, False  # nothing to decode; an H font draws it in capitals
    decoded = encoding.decode(s)
    if decoded == s:
        return False, False
    odd, odd_as_typed = odd_words(decoded), encoding.odd_as_typed(s)
    if odd != odd_as_typed:
        return odd < odd_as_typed, False
    if encoding.legacy_only(s):
        return True, False
    return False, True  # a tie: stays as typed


def _guess(s: str) -> tuple[str | None, bool]:
    """Without a font: the encoding that reads better than the text as it is, if one does; or ambiguous.

    When VNI and TCVN3 read equally well ("tæ": VNI "tỉ", TCVN3 "tổ"), the text stays as it is, ambiguous.
    """
    better = []
    for name in ("vni", "tcvn3"):
        encoding = _ENCODINGS[name]
        if encoding.impossible(s) or (decoded := encoding.decode(s)) == s:
            continue
        odd, odd_as_typed = odd_words(decoded), encoding.odd_as_typed(s)
        if odd < odd_as_typed or (odd == odd_as_typed and encoding.symbol_in_word(s)):
            better.append((odd, name, decoded))
    better.sort()
    if len(better) == 2 and better[0][0] == better[1][0] and better[0][2] != better[1][2]:
        return None, True
    return (better[0][1] if better else None), False


def looks_like_tcvn3(s: str) -> bool:
    """Heuristic for text of unknown font: it reads as Vietnamese in TCVN3 better than as it is (and than VNI)."""
    return bool(s) and not _GENUINE_RE.search(s) and _guess(_sample(s))[0] == "tcvn3"


def decode_legacy_checked(s: str, font_name: str | None) -> tuple[str, bool]:
    """`decode_legacy`, and whether the text was ambiguous: two readings equally Vietnamese.

    Ambiguous: in a legacy font, the text as typed and its decoding ("Tân An" in a .VnTime cell, which TCVN3
    reads "Tõn An"), or a Latin-1 letter the encoding lacks beside a byte only it has; without a font, its VNI
    and TCVN3 readings ("tæ": "tỉ" or "tổ"). An ambiguous text is returned as typed: warn that it needs a look.
    """
    if not isinstance(s, str) or _GENUINE_RE.search(s):
        return s, False
    name = legacy_encoding(font_name)
    if name is not None:
        decode, ambiguous = _weigh_in_font(_sample(s), _ENCODINGS[name])
    elif s.isascii():
        decode, ambiguous = False, False
    else:
        name, ambiguous = _guess(_sample(s))
        decode = name is not None
    return (_ENCODINGS[name].decode(s) if decode else s), ambiguous


PASTED_ENCODINGS = ("tcvn3", "vni")  # what legacy text without its font most often is


def decode_as(s: str, encoding: str) -> str:
    """The text read in a named legacy encoding ("tcvn3", "tcvn3h", "vni", "vietware-x"), without weighing."""
    return _ENCODINGS[encoding].decode(s)


def decode_by_font(s: str, font_name: str | None) -> str:
    """The reading the font names, without weighing any evidence (for a caller that has decided otherwise,
    e.g. from the rest of the sheet, that an ambiguous cell is legacy text); the text itself for other fonts."""
    encoding = legacy_encoding(font_name)
    return _ENCODINGS[encoding].decode(s) if encoding else s


def decode_legacy(s: str, font_name: str | None) -> str:
    """Turn legacy-encoded cell text into Unicode, guided by the cell's font name.

    Text holding genuine Vietnamese Unicode is returned unchanged, whatever the
    font. Otherwise the reading with the fewest words that are not Vietnamese
    syllables wins: as typed or in the font's encoding; without a legacy font,
    as typed, VNI or TCVN3. A tie keeps the text (`decode_legacy_checked`).
    """
    return decode_legacy_checked(s, font_name)[0]
