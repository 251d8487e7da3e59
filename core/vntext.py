"""Vietnamese text helpers: cleaning, matching keys and legacy-encoding repair.

Pure functions, standard library only. Two matching keys exist on purpose:
`key` keeps diacritics (so "Ba Tô" and "Ba Tơ" stay different units) and only
evens out spelling noise such as old vs new tone placement; `fold` drops every
mark for loose, accent-insensitive search.

Government workbooks still carry text typed in the TCVN3 (ABC, fonts ".VnTime",
".VnTimeH" ...) and VNI ("VNI-Times" ...) 8-bit encodings. Read by a spreadsheet
library, such text arrives as Latin-1/cp1252-looking characters ("Qu¶ng Ng·i",
"Quaûng Ngaõi"); `decode_legacy` turns it back into Unicode.
"""
from __future__ import annotations

import re
import unicodedata

# --------------------------------------------------------------------------
# Cleaning and matching keys
# --------------------------------------------------------------------------

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_RE = re.compile(f"[{_DASHES}]")
_INVISIBLE_RE = re.compile("[\u200b\ufeff]")  # zero-width space, BOM: break matching
_SPACE_RE = re.compile(r"\s+")  # str patterns also match NBSP, U+202F, line separators


def clean(s: str | None) -> str:
    """NFC, one plain space between words, ASCII hyphen for every dash; "" for None."""
    if s is None or (isinstance(s, float) and s != s):  # None or NaN from pandas
        return ""
    s = unicodedata.normalize("NFC", str(s))
    s = _INVISIBLE_RE.sub("", s)
    s = _DASH_RE.sub("-", s)
    return _SPACE_RE.sub(" ", s).strip()


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
    """Exact-spelling key: case and tone placement ignored, diacritics kept."""
    s = normalize_tones(clean(s)).casefold()
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", s)).strip()


def fold(s: str | None) -> str:
    """Loose key without any diacritics: "TỊNH HOÀ" -> "tinh hoa", "Đắk" -> "dak"."""
    s = unicodedata.normalize("NFD", clean(s).casefold())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    # đ has no decomposition; ð (Icelandic eth) is a common look-alike typo for it.
    s = s.replace("đ", "d").replace("ð", "d")
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", s)).strip()


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

# TCVN3 code points that no Unicode Vietnamese text uses: the tell-tale of TCVN3.
_VN_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_TCVN3_ONLY = set(_TCVN3_BYTES) - _VN_LATIN1
# TCVN3 lowercase letters whose byte reads as a Unicode capital ("tÕ" = "tế").
_TCVN3_CAPLIKE = set("ÈÉÊÌÒÓÔÕÝ")
# Characters only real Unicode Vietnamese has (never produced by a Latin-1/cp1252 byte).
_GENUINE_RE = re.compile("[ăĂơƠưƯđĐĩĨũŨ\u1ea0-\u1ef9\u0300-\u036f]")


def tcvn3_to_unicode(s: str, capitals: bool = False) -> str:
    """Decode TCVN3 text; capitals=True for the all-capitals ".Vn...H" fonts."""
    out = unicodedata.normalize("NFC", s.translate(_TCVN3_DECODE))
    # The H fonts draw every letter, ASCII included, as a capital.
    return out.upper() if capitals else out


def unicode_to_tcvn3(s: str) -> str:
    """Encode to TCVN3; toned capitals, absent from VN3, fall back to lowercase."""
    out = []
    for ch in unicodedata.normalize("NFC", s):
        code = _TCVN3_ENCODE.get(ord(ch)) or _TCVN3_ENCODE.get(ord(ch.lower()))
        out.append(code or ch)
    return "".join(out)


def _near_word(s: str, i: int) -> bool:
    """True when s[i] touches a letter: TCVN3 bytes sit inside words, symbols don't."""
    return any(
        0 <= j < len(s) and (s[j].isalpha() or ord(s[j]) in _TCVN3_DECODE)
        for j in (i - 1, i + 1)
    )


def looks_like_tcvn3(s: str) -> bool:
    """Heuristic for text of unknown font: TCVN3 bytes present, no real Vietnamese."""
    if not s or _GENUINE_RE.search(s):
        return False
    for i, ch in enumerate(s):
        if ch in _TCVN3_ONLY and _near_word(s, i):
            return True
        if ch in _TCVN3_CAPLIKE and i > 0 and s[i - 1].islower():
            return True
    return False


# --------------------------------------------------------------------------
# VNI Windows (base letter + mark bytes, read as cp1252)
# --------------------------------------------------------------------------

# Unicode base -> (VNI spelling of the base, VNI spellings with tones in
# _TONE_MARKS order: grave, acute, hook, tilde, dot). Capitals are the
# upper-cased VNI spellings ("aø" -> "AØ"), which holds for every entry.
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


def _vni_table() -> dict[str, str]:
    """Unicode letter -> VNI spelling, both cases, built from _VNI_SPEC."""
    table: dict[str, str] = {}
    for base, (plain, toned) in _VNI_SPEC.items():
        pairs = [(base, plain)]
        for mark, code in zip(_TONE_MARKS, toned.split()):
            pairs.append((unicodedata.normalize("NFC", base + mark), code))
        for uni, code in pairs:
            table[uni] = code
            table[uni.upper()] = code.upper()
    return {u: v for u, v in table.items() if u != v}  # plain ASCII needs no entry


_VNI_ENCODE = _vni_table()


def _vni_decode_table() -> dict[str, str]:
    """VNI spelling -> Unicode; also accepts a mark typed in the other case ("Aø")."""
    table = {v: u for u, v in _VNI_ENCODE.items()}
    for code, uni in list(table.items()):
        if len(code) == 2:
            table.setdefault(code[0] + code[1].swapcase(), uni)
    return table


_VNI_DECODE = _vni_decode_table()
# Longest spelling first so "oá" wins over "o" + "á".
_VNI_RE = re.compile("|".join(map(re.escape, sorted(_VNI_DECODE, key=len, reverse=True))))


def vni_to_unicode(s: str) -> str:
    """Decode VNI Windows text ("Vieät Nam" -> "Việt Nam")."""
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: _VNI_DECODE[m.group()], s))


def unicode_to_vni(s: str) -> str:
    """Encode Unicode Vietnamese as VNI Windows (for test fixtures)."""
    return "".join(_VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", s))


# --------------------------------------------------------------------------
# Choosing a decoder
# --------------------------------------------------------------------------


def legacy_encoding(font_name: str | None) -> str | None:
    """"tcvn3", "tcvn3h" (capitals-only ".Vn...H" font), "vni" or None for a font name."""
    name = (font_name or "").strip()
    low = name.lower()
    if low.startswith(".vn"):
        # ".VnTimeH", ".VnArialH": a trailing capital H marks the capitals font.
        capital = name.endswith("H") or (name.islower() and name.endswith("h"))
        return "tcvn3h" if capital else "tcvn3"
    if low.startswith(("vni-", "vni ")):
        return "vni"
    return None


def _plain_unicode_in_vntime(s: str) -> bool:
    """â ê ô but no TCVN3-only byte: more likely Unicode pasted into an old template."""
    return any(c in "âêôÂÊÔ" for c in s) and not any(c in _TCVN3_ONLY for c in s)


def _all_capitals(s: str) -> bool:
    """Only upper-case ASCII letters: the text was typed in a TCVN3 H font."""
    letters = [c for c in s if c.isascii() and c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def decode_legacy(s: str, font_name: str | None) -> str:
    """Turn legacy-encoded cell text into Unicode, guided by the cell's font name.

    Text holding genuine Vietnamese Unicode is returned unchanged, whatever the
    font. Without a legacy font the TCVN3 heuristic decides.
    """
    if not isinstance(s, str) or not s or _GENUINE_RE.search(s):
        return s
    enc = legacy_encoding(font_name)
    if enc == "vni":
        return vni_to_unicode(s)
    if enc in ("tcvn3", "tcvn3h"):
        if _plain_unicode_in_vntime(s):
            return s
        return tcvn3_to_unicode(s, capitals=enc == "tcvn3h")
    if looks_like_tcvn3(s):
        return tcvn3_to_unicode(s, capitals=_all_capitals(s))
    return s
