"""Tests of core.vntext: cleaning, matching keys and TCVN3/VNI decoding."""
import unicodedata

import pytest

from core.vntext import (
    clean,
    decode_legacy,
    fold,
    key,
    legacy_encoding,
    looks_like_tcvn3,
    normalize_tones,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)

TONES = "\u0300\u0301\u0309\u0303\u0323"  # grave, acute, hook, tilde, dot
BASES = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
LOWER = [unicodedata.normalize("NFC", b + t) for b in BASES for t in ("", *TONES)] + ["đ"]
UPPER = [c.upper() for c in LOWER]
TCVN3_CAPITALS = ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"]


# ---------------------------------------------------------------- clean


@pytest.mark.parametrize(
    "raw, expected",
    [
        (None, ""),
        ("", ""),
        ("  Xã  Tịnh Hòa ", "Xã Tịnh Hòa"),
        ("Xã\u00a0Tịnh\tHòa", "Xã Tịnh Hòa"),
        ("Hội Nông dân\r\nhuyện\nSơn Tịnh", "Hội Nông dân huyện Sơn Tịnh"),
        ("Mô hình\u202f\u2007số 1", "Mô hình số 1"),
        ("2021\u20132025", "2021-2025"),
        ("A \u2014 B \u2212 C \u2010 D \u2011 E \u2012 F \u2015 G", "A - B - C - D - E - F - G"),
        ("\ufeffXã\u200b Ba Tơ", "Xã Ba Tơ"),
        ("Quang Ngai", "Quang Ngai"),
    ],
)
def test_clean(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize("text", ["Xã Tịnh Hòa", "Đắk Hà", "Quảng Ngãi", "Hội Liên hiệp Phụ nữ"])
def test_clean_nfd_equals_nfc(text):
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert clean(nfd) == clean(text) == text


# ---------------------------------------------------------------- tones


@pytest.mark.parametrize(
    "new, old",
    [
        ("hoà", "hòa"),
        ("Hoá", "Hóa"),
        ("hoả", "hỏa"),
        ("hoã", "hõa"),
        ("toạ", "tọa"),
        ("khoẻ", "khỏe"),
        ("hoè", "hòe"),
        ("loé", "lóe"),
        ("khoẽ", "khõe"),
        ("xoẹ", "xọe"),
        ("Thuỷ", "Thủy"),
        ("thuý", "thúy"),
        ("tuỳ", "tùy"),
        ("luỹ", "lũy"),
        ("luỵ", "lụy"),
        ("Uỷ ban", "Ủy ban"),
        ("HOÀ", "HÒA"),
        ("THUỶ", "THỦY"),
        ("KhOẺ", "KhỎE"),
        ("Xã Tịnh Hoà", "Xã Tịnh Hòa"),
        ("hoà, thuý.", "hòa, thúy."),
    ],
)
def test_normalize_tones_new_to_old(new, old):
    assert normalize_tones(new) == old
    assert normalize_tones(old) == old


@pytest.mark.parametrize(
    "same",
    ["quý", "Quý", "QUÝ", "quỳnh", "quả", "quốc", "hoàng", "Hoàng", "thuở", "khuỷu",
     "ngoài", "khuya", "khuyến", "hòa", "thủy", "", "Quảng Ngãi"],
)
def test_normalize_tones_unchanged(same):
    assert normalize_tones(same) == same


def test_normalize_tones_nfd_input():
    assert normalize_tones(unicodedata.normalize("NFD", "hoà")) == "hòa"


# ---------------------------------------------------------------- fold and key


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Đắk Hà", "dak ha"),
        ("Đắk", "dak"),
        ("Tịnh Hòa", "tinh hoa"),
        ("Tinh Hoa", "tinh hoa"),
        ("TỊNH HOÀ", "tinh hoa"),
        ("  Ba   Tơ ", "ba to"),
        ("Ba Tô", "ba to"),
        ("ĐĂK GLEI", "dak glei"),
        ("Hội Liên hiệp Phụ nữ", "hoi lien hiep phu nu"),
        (unicodedata.normalize("NFD", "Quảng Ngãi"), "quang ngai"),
        ("Sơn Tịnh – Tư Nghĩa", "son tinh - tu nghia"),
        (None, ""),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tịnh Hoà", "tịnh hòa"),
        ("TỊNH HÒA", "tịnh hòa"),
        ("Xã  Tịnh Hoà ", "xã tịnh hòa"),
        ("Đắk Hà", "đắk hà"),
        ("THUỶ", "thủy"),
        (unicodedata.normalize("NFD", "Tịnh Hòa"), "tịnh hòa"),
        (None, ""),
    ],
)
def test_key(text, expected):
    assert key(text) == expected


@pytest.mark.parametrize(
    "a, b",
    [
        ("Xã Tịnh Hoà", "Xã Tịnh Hòa"),
        ("Tịnh Hoà", "TỊNH HÒA"),
        ("Khoẻ", "khỏe"),
        ("Thuỷ", "THỦY"),
        ("Ba Tơ", unicodedata.normalize("NFD", "ba tơ")),
    ],
)
def test_key_equal(a, b):
    assert key(a) == key(b)


@pytest.mark.parametrize("a, b", [("Ba Tô", "Ba Tơ"), ("Tịnh Hòa", "Tịnh Hóa"), ("Đắk", "Dak")])
def test_key_keeps_diacritics_fold_does_not(a, b):
    assert key(a) != key(b)
    assert fold(a) == fold(b)


# ---------------------------------------------------------------- font names


@pytest.mark.parametrize(
    "font, expected",
    [
        (".VnTime", "tcvn3"),
        (".VnArial", "tcvn3"),
        (".vntime", "tcvn3"),
        (".VnArial Narrow", "tcvn3"),
        (".VnTimeH", "tcvn3h"),
        (".VnArialH", "tcvn3h"),
        (".VNTIMEH", "tcvn3h"),
        ("VNI-Times", "vni"),
        ("VNI-Helve", "vni"),
        ("vni-times", "vni"),
        ("VNI Times", "vni"),
        ("Times New Roman", None),
        ("Calibri", None),
        ("VnTime", None),
        ("", None),
        (None, None),
    ],
)
def test_legacy_encoding(font, expected):
    assert legacy_encoding(font) == expected


# ---------------------------------------------------------------- TCVN3

# Byte strings written out by hand from the TCVN3 table, read as Latin-1.
TCVN3_SAMPLES = [
    ("Qu\xb6ng Ng\xb7i", "Quảng Ngãi"),
    ("T\xdenh H\xdfa", "Tịnh Hòa"),
    ("\xa7\xbek H\xb5", "Đắk Hà"),
    ("S\xeb V\xa8n h\xe3a, Th\xd3 thao v\xb5 Du l\xdech", "Sở Văn hóa, Thể thao và Du lịch"),
    ("M\xab h\xd7nh", "Mô hình"),
    ("Kinh t\xd5", "Kinh tế"),
    ("Vi\xd6t Nam", "Việt Nam"),
    ("Tr\xad\xeang", "Trường"),
    ("H\xe9i Li\xaan hi\xd6p Ph\xf4 n\xf7", "Hội Liên hiệp Phụ nữ"),
    ("\xa7o\xb5n Thanh ni\xaan", "Đoàn Thanh niên"),
    ("N\xa9ng cao ch\xcat l\xad\xeeng", "Nâng cao chất lượng"),
    ("\xa1n u\xe8ng", "Ăn uống"),
    ("\xa6u ti\xaan", "Ưu tiên"),
    ("Hu\xfanh, Qu\xfd, th\xf9c, h\xe7 tr\xee", "Huỳnh, Quý, thực, hỗ trợ"),
    ("1.234 ABC", "1.234 ABC"),
]


@pytest.mark.parametrize("tcvn3, uni", TCVN3_SAMPLES)
def test_tcvn3_to_unicode(tcvn3, uni):
    assert tcvn3_to_unicode(tcvn3) == uni


@pytest.mark.parametrize("tcvn3, uni", TCVN3_SAMPLES)
def test_unicode_to_tcvn3(tcvn3, uni):
    assert unicode_to_tcvn3(uni) == tcvn3


@pytest.mark.parametrize(
    "tcvn3, uni",
    [
        ("UBND x\xb7 T\xdeNH HO\xb5", "UBND XÃ TỊNH HOÀ"),
        ("S\xeb v\xa8n h\xe3a", "SỞ VĂN HÓA"),
        ("\xa7\xbeK H\xb5", "ĐẮK HÀ"),
        ("tr\xad\xeang", "TRƯỜNG"),
        ("\xa7o\xb5n", "ĐOÀN"),
    ],
)
def test_tcvn3_capitals_font(tcvn3, uni):
    assert tcvn3_to_unicode(tcvn3, capitals=True) == uni
    assert decode_legacy(tcvn3, ".VnTimeH") == uni


def test_unicode_to_tcvn3_toned_capitals_fall_back_to_lowercase():
    assert unicode_to_tcvn3("XÃ TỊNH HÒA") == "X\xb7 T\xdeNH H\xdfA"
    assert tcvn3_to_unicode(unicode_to_tcvn3("XÃ TỊNH HÒA"), capitals=True) == "XÃ TỊNH HÒA"


@pytest.mark.parametrize("letter", LOWER + TCVN3_CAPITALS)
def test_tcvn3_round_trip(letter):
    encoded = unicode_to_tcvn3(letter)
    if letter not in "aeiouy":
        assert len(encoded) == 1 and "\xa1" <= encoded <= "\xfe"
    assert tcvn3_to_unicode(encoded) == letter


@pytest.mark.parametrize("letter", UPPER)
def test_tcvn3_round_trip_capitals_font(letter):
    assert tcvn3_to_unicode(unicode_to_tcvn3(letter), capitals=True) == letter


def test_tcvn3_table_is_one_to_one():
    codes = [unicode_to_tcvn3(c) for c in LOWER + TCVN3_CAPITALS]
    assert len(set(codes)) == len(LOWER) + len(TCVN3_CAPITALS) == 80


# ---------------------------------------------------------------- VNI

VNI_SAMPLES = [
    ("Vieät Nam", "Việt Nam"),
    ("Quaûng Ngaõi", "Quảng Ngãi"),
    ("Tònh Hoøa", "Tịnh Hòa"),
    ("Ñaék Haø", "Đắk Hà"),
    ("Sôû Vaên hoùa, Theå thao vaø Du lòch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Tröôøng", "Trường"),
    ("thuôû", "thuở"),
    ("Moâ hình", "Mô hình"),
    ("Kinh teá", "Kinh tế"),
    ("Hoäi Lieân hieäp Phuï nöõ", "Hội Liên hiệp Phụ nữ"),
    ("kyû yeáu, mæ, nghóa, lyù, hî", "kỷ yếu, mỉ, nghĩa, lý, hỵ"),
    ("VIEÄT NAM", "VIỆT NAM"),
    ("TRÖÔØNG ÑAÏI HOÏC", "TRƯỜNG ĐẠI HỌC"),
    ("AÊN UOÁNG, ÔÛ, ÖU", "ĂN UỐNG, Ở, ƯU"),
    ("Ì Í Æ Ó Ò Î", "Ì Í Ỉ Ĩ Ị Ỵ"),
]


@pytest.mark.parametrize("vni, uni", VNI_SAMPLES)
def test_vni_to_unicode(vni, uni):
    assert vni_to_unicode(vni) == uni


@pytest.mark.parametrize("vni, uni", VNI_SAMPLES)
def test_unicode_to_vni(vni, uni):
    assert unicode_to_vni(uni) == vni


def test_vni_mark_in_other_case_is_accepted():
    assert vni_to_unicode("Haø NOäI") == "Hà NỘI"


@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_vni_round_trip(letter):
    encoded = unicode_to_vni(letter)
    assert encoded.encode("cp1252")  # VNI text is plain cp1252
    assert vni_to_unicode(encoded) == letter


def test_vni_table_is_one_to_one():
    codes = [unicode_to_vni(c) for c in LOWER + UPPER]
    assert len(set(codes)) == len(LOWER) + len(UPPER) == 146


# ---------------------------------------------------------------- heuristics


@pytest.mark.parametrize("tcvn3, _uni", TCVN3_SAMPLES[:-1])
def test_looks_like_tcvn3_true(tcvn3, _uni):
    assert looks_like_tcvn3(tcvn3) is True


@pytest.mark.parametrize(
    "text",
    [
        "Tịnh Hòa",
        "Đắk Hà",
        "Quảng Ngãi",
        "Hội Liên hiệp Phụ nữ",
        "Sở Văn hóa, Thể thao và Du lịch",
        unicodedata.normalize("NFD", "Tịnh Hòa"),
        "Thái Bình",
        "Cà Mau",
        "Tân An",
        "TRƯỜNG",
        "UBND",
        "Quang Ngai",
        "",
        "123",
        "1.234",
        "1,5",
        "12/03/2024",
        "2024-03-12 00:00:00",
        "30°C",
        "2 × 3",
        "§ 5",
        "© 2024",
        "Café",
        "n/a",
    ],
)
def test_looks_like_tcvn3_false(text):
    assert looks_like_tcvn3(text) is False


@pytest.mark.parametrize(
    "text, font, expected",
    [
        ("Qu\xb6ng Ng\xb7i", ".VnTime", "Quảng Ngãi"),
        ("Qu\xb6ng Ng\xb7i", None, "Quảng Ngãi"),
        ("Qu\xb6ng Ng\xb7i", "Arial", "Quảng Ngãi"),
        ("Kinh t\xd5", ".VnArial", "Kinh tế"),
        ("Kinh t\xd5", None, "Kinh tế"),
        ("Ph\xf4 n\xf7", ".VnTime", "Phụ nữ"),
        ("QU\xb6NG NG\xb7I", None, "QUẢNG NGÃI"),
        ("QU\xb6NG NG\xb7I", ".VnTimeH", "QUẢNG NGÃI"),
        ("Vieät Nam", "VNI-Times", "Việt Nam"),
        ("Quaûng Ngaõi", "VNI-Helve", "Quảng Ngãi"),
        # Unicode pasted into an old template stays as it is.
        ("Quảng Ngãi", ".VnTime", "Quảng Ngãi"),
        ("Tịnh Hòa", ".VnTimeH", "Tịnh Hòa"),
        ("Đắk Hà", "VNI-Times", "Đắk Hà"),
        ("Tân An", ".VnTime", "Tân An"),
        ("Tịnh Hòa", None, "Tịnh Hòa"),
        # Nothing to do.
        ("Quang Ngai", ".VnTime", "Quang Ngai"),
        ("1.234", None, "1.234"),
        ("30°C", "Calibri", "30°C"),
        ("Café", None, "Café"),
        ("", ".VnTime", ""),
    ],
)
def test_decode_legacy(text, font, expected):
    assert decode_legacy(text, font) == expected
