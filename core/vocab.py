"""The vocabulary of the submission workbook: columns, enumerations and their synonyms.

This is the one place where the contract's tables (DATA_CONTRACT §1) live in code. Matching is done on
folded text (no case, no accents, đ→d), which is safe here because each list is small and closed.
"""
import re

from core.vntext import PASTED_ENCODINGS, decode_as, fold

FIELDS = ["Kinh tế", "Văn hóa - Xã hội", "Quốc phòng - An ninh", "Xây dựng hệ thống chính trị"]
KINDS = ["Mô hình", "Điển hình"]
SUBJECTS = ["Tập thể", "Cá nhân"]
FORMS = ["Xây dựng mới", "Nhân rộng", "Duy trì"]
STATUSES = ["Đăng ký", "Đang thực hiện", "Được công nhận", "Tiêu biểu", "Chưa đạt"]
LEVELS = ["Cơ sở", "Huyện", "Tỉnh", "Trung ương"]
AWARDS = [
    "Bằng khen của Thủ tướng Chính phủ",
    "Bằng khen của Chủ tịch UBND tỉnh",
    "Bằng khen của Ban Thường vụ Tỉnh ủy",
    "Giấy khen của Ban Dân vận Tỉnh ủy",
    "Giấy khen của Chủ tịch UBND cấp huyện",
    "Giấy khen của cấp sở, ngành",
    "Giấy khen của Chủ tịch UBND cấp xã",
    "Biểu dương",
]
PRAISE = "Biểu dương"  # not a legal award: counted apart
# The level of the body that grants each award, for charts and tables.
AWARD_LEVELS = {
    "Bằng khen của Thủ tướng Chính phủ": "Trung ương",
    "Bằng khen của Chủ tịch UBND tỉnh": "Tỉnh", "Bằng khen của Ban Thường vụ Tỉnh ủy": "Tỉnh",
    "Giấy khen của Ban Dân vận Tỉnh ủy": "Tỉnh", "Giấy khen của cấp sở, ngành": "Sở, ngành",
    "Giấy khen của Chủ tịch UBND cấp huyện": "Huyện", "Giấy khen của Chủ tịch UBND cấp xã": "Xã",
    "Biểu dương": "Biểu dương",
}
DISTRICT_LEVEL = "Huyện"  # a level and an award that exist only before the 2025 reorganisation
DISTRICT_AWARD = "Giấy khen của Chủ tịch UBND cấp huyện"

DEFAULTS = {"kind": "Mô hình", "subject": "Tập thể", "form": "Xây dựng mới", "status": "Được công nhận"}

# Synonyms seen in real reports → canonical value. Canonical values match themselves.
SYNONYMS = {
    "field": {
        "Lĩnh vực kinh tế": "Kinh tế", "KT": "Kinh tế", "Phát triển kinh tế": "Kinh tế",
        "VH-XH": "Văn hóa - Xã hội", "VHXH": "Văn hóa - Xã hội", "Văn hóa xã hội": "Văn hóa - Xã hội",
        "Lĩnh vực văn hóa - xã hội": "Văn hóa - Xã hội", "Văn hóa, xã hội": "Văn hóa - Xã hội",
        "QP-AN": "Quốc phòng - An ninh", "QPAN": "Quốc phòng - An ninh", "Quốc phòng, an ninh": "Quốc phòng - An ninh",
        "Quốc phòng an ninh": "Quốc phòng - An ninh", "Lĩnh vực quốc phòng - an ninh": "Quốc phòng - An ninh",
        "XD HTCT": "Xây dựng hệ thống chính trị", "XDHTCT": "Xây dựng hệ thống chính trị",
        "Xây dựng Đảng, chính quyền, MTTQ và các đoàn thể": "Xây dựng hệ thống chính trị",
        "Xây dựng Đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể": "Xây dựng hệ thống chính trị",
        "Lĩnh vực xây dựng hệ thống chính trị": "Xây dựng hệ thống chính trị",
        "Hệ thống chính trị": "Xây dựng hệ thống chính trị",
    },
    "kind": {"MH": "Mô hình", "ĐH": "Điển hình", "Điển hình tiên tiến": "Điển hình", "Gương điển hình": "Điển hình"},
    "subject": {"Tập thể": "Tập thể", "TT": "Tập thể", "Cá nhân": "Cá nhân", "CN": "Cá nhân"},
    "form": {
        "Xây dựng": "Xây dựng mới", "Mới": "Xây dựng mới", "Xây dựng mô hình mới": "Xây dựng mới",
        "Nhân rộng mô hình": "Nhân rộng", "Nhân rộng điển hình": "Nhân rộng",
        "Duy trì mô hình": "Duy trì", "Tiếp tục duy trì": "Duy trì",
    },
    "status": {
        "Đã đăng ký": "Đăng ký", "Đang triển khai": "Đang thực hiện",
        "Công nhận": "Được công nhận", "Đã công nhận": "Được công nhận", "Đạt": "Được công nhận",
        "Tiêu biểu xuất sắc": "Tiêu biểu", "Không đạt": "Chưa đạt",
    },
    "level": {
        "Xã": "Cơ sở", "Cấp xã": "Cơ sở", "Cấp cơ sở": "Cơ sở", "Cấp huyện": "Huyện",
        "Cấp tỉnh": "Tỉnh", "Cấp Trung ương": "Trung ương", "TW": "Trung ương", "Toàn quốc": "Trung ương",
    },
    "recipient_type": {"TT": "Tập thể", "CN": "Cá nhân"},
    "award": {
        "Bằng khen Thủ tướng": "Bằng khen của Thủ tướng Chính phủ",
        "Bằng khen của Thủ tướng": "Bằng khen của Thủ tướng Chính phủ",
        "Bằng khen UBND tỉnh": "Bằng khen của Chủ tịch UBND tỉnh",
        "Bằng khen Chủ tịch UBND tỉnh": "Bằng khen của Chủ tịch UBND tỉnh",
        "Bằng khen của UBND tỉnh": "Bằng khen của Chủ tịch UBND tỉnh",
        "Bằng khen Ban Thường vụ Tỉnh ủy": "Bằng khen của Ban Thường vụ Tỉnh ủy",
        "Bằng khen BTV Tỉnh ủy": "Bằng khen của Ban Thường vụ Tỉnh ủy",
        "Giấy khen Ban Dân vận Tỉnh ủy": "Giấy khen của Ban Dân vận Tỉnh ủy",
        "Giấy khen của Ban Tuyên giáo và Dân vận Tỉnh ủy": "Giấy khen của Ban Dân vận Tỉnh ủy",
        "Giấy khen UBND huyện": "Giấy khen của Chủ tịch UBND cấp huyện",
        "Giấy khen Chủ tịch UBND huyện": "Giấy khen của Chủ tịch UBND cấp huyện",
        "Giấy khen của UBND huyện": "Giấy khen của Chủ tịch UBND cấp huyện",
        "Giấy khen sở, ngành": "Giấy khen của cấp sở, ngành",
        "Giấy khen của Giám đốc sở": "Giấy khen của cấp sở, ngành",
        "Giấy khen UBND xã": "Giấy khen của Chủ tịch UBND cấp xã",
        "Giấy khen Chủ tịch UBND xã": "Giấy khen của Chủ tịch UBND cấp xã",
        "Giấy khen của UBND xã": "Giấy khen của Chủ tịch UBND cấp xã",
        "Tuyên dương": "Biểu dương",
    },
}

ENUMS = {
    "field": FIELDS, "kind": KINDS, "subject": SUBJECTS, "form": FORMS, "status": STATUSES,
    "level": LEVELS, "recipient_type": SUBJECTS, "award": AWARDS,
}


_FOOTNOTE_MARK = re.compile(r"\s*(?:\(\s*(?:\*+|\d{1,2})\s*\)|\*+)$")  # "Duy trì (*)", "Kinh tế (1)"
_SPACED_DASH = re.compile(r"\s*-\s*")  # "VH - XH" is "VH-XH"


# How offices write the same award many ways ("Giấy khen của Chủ tịch UBND thị trấn", "Bằng khen của Chủ tịch Ủy
# ban nhân dân tỉnh Quảng Ngãi", "Giấy khen Giám đốc Sở"): rewrites of the folded text that make them meet.
_AWARD_WORDS = [
    (r"[^a-z0-9 ]+", " "), (r"\buy ban nhan dan\b", "ubnd"), (r"\bchu tich ubnd\b", "ubnd"), (r"\b(cua|cap)\b", " "),
    (r"\b(thi tran|phuong)\b", "xa"), (r"\b(thi xa|thanh pho)\b", "huyen"),
    (r"\b(giam doc|thu truong) so( nganh)?\b|\bso nganh\b", "so nganh"),
    (r"\btinh (?!uy\b)[a-z ]+$", "tinh"), (r"\btinh uy [a-z ]+$", "tinh uy"), (r"\b(huyen|xa) [a-z ]+$", r"\1"),
    (r"\s+", " "),
]


def _value_key(text: str, key: str = "") -> str:
    folded = _SPACED_DASH.sub("-", _FOOTNOTE_MARK.sub("", fold(text)))
    if key == "award":
        for pattern, replacement in _AWARD_WORDS:
            folded = re.sub(pattern, replacement, folded)
    return folded.strip()


def _lookup_table(key: str) -> dict[str, str]:
    table = {_value_key(v, key): v for v in ENUMS[key]}
    table.update({_value_key(k, key): v for k, v in SYNONYMS.get(key, {}).items()})
    return table


_LOOKUP = {key: _lookup_table(key) for key in ENUMS}


def canonical(key: str, raw: str) -> str | None:
    """The canonical value of an enumerated column, or None when the text is not one of its values. Text that
    stayed in a legacy encoding (too short to tell, "KINH TÕ") is the value its decoding names, if one does."""
    value = _LOOKUP[key].get(_value_key(raw, key))
    if value is None and not raw.isascii():
        value = next((v for e in PASTED_ENCODINGS if (v := _LOOKUP[key].get(_value_key(decode_as(raw, e), key)))), None)
    return value


# Headers of the row-number column: its values tell section rows (I, II, A, 1 above 1.1) from records.
NUMBER_HEADERS = ["STT", "TT", "Số TT", "Số thứ tự", "Thứ tự"]

# Columns of each sheet: key → (official header, required, synonyms of the header).
MODEL_COLUMNS = {
    "unit": ("Đơn vị thực hiện", True, ["Đơn vị", "Tên đơn vị", "Cơ quan, đơn vị", "Đơn vị báo cáo"]),
    "year": ("Năm", True, ["Năm thực hiện", "Năm báo cáo", "Năm xây dựng"]),
    "name": ("Tên mô hình, điển hình", True, ["Tên mô hình", "Tên mô hình/điển hình", "Mô hình, điển hình",
                                              "Tên mô hình điển hình", "Tên mô hình \"Dân vận khéo\""]),
    "kind": ("Loại", False, ["Loại hình", "Mô hình/Điển hình"]),
    "subject": ("Chủ thể", False, ["Tập thể/Cá nhân"]),
    "field": ("Lĩnh vực", True, ["Lĩnh vực thực hiện", "Lĩnh vực hoạt động"]),
    "theme": ("Chủ đề", False, ["Nội dung", "Chủ đề mô hình"]),
    "form": ("Hình thức", False, ["Hình thức thực hiện", "Xây dựng mới/Nhân rộng", "Mô hình mới/nhân rộng",
                                  "Mới/nhân rộng"]),
    "status": ("Kết quả đánh giá", False, ["Kết quả", "Đánh giá", "Tình trạng", "Kết quả thực hiện"]),
    "level": ("Cấp công nhận", False, ["Cấp công nhận, đánh giá", "Cấp đánh giá"]),
    "start": ("Thời gian bắt đầu", False, ["Thời gian thực hiện", "Bắt đầu", "Ngày bắt đầu", "Thời gian xây dựng",
                                           "Thời gian triển khai", "Thời điểm bắt đầu"]),
    "place": ("Địa bàn thực hiện", False, ["Địa bàn", "Địa điểm"]),
    "result": ("Hiệu quả", False, ["Hiệu quả mô hình", "Kết quả, hiệu quả", "Kết quả đạt được", "Hiệu quả đạt được",
                                   "Kết quả, hiệu quả đạt được"]),
    "note": ("Ghi chú", False, []),
}
COMMENDATION_COLUMNS = {
    "unit": ("Đơn vị", True, ["Đơn vị thực hiện", "Tên đơn vị", "Đơn vị đề nghị", "Đơn vị báo cáo", "Cơ quan, đơn vị"]),
    "year": ("Năm", True, ["Năm khen thưởng", "Năm báo cáo"]),
    "recipient": ("Tập thể, cá nhân được khen", True, ["Tập thể, cá nhân được khen thưởng",
                                                        "Họ và tên (tập thể/cá nhân)", "Tên tập thể, cá nhân được khen",
                                                        "Tập thể/cá nhân được khen", "Tên tập thể, cá nhân",
                                                        "Người được khen", "Đối tượng được khen"]),
    "recipient_type": ("Đối tượng", True, ["Tập thể/Cá nhân", "Loại đối tượng"]),
    "award": ("Hình thức khen thưởng", True, ["Hình thức khen", "Khen thưởng", "Danh hiệu, hình thức"]),
    "decision_no": ("Số quyết định", False, ["Số QĐ", "Quyết định số", "Số quyết định khen thưởng",
                                             "Số, ngày quyết định", "Số, ngày QĐ", "Số và ngày quyết định"]),
    "decision_date": ("Ngày quyết định", False, ["Ngày QĐ", "Ngày ký", "Ngày ký quyết định"]),
    "model": ("Mô hình liên quan", False, ["Mô hình", "Tên mô hình"]),
    "reason": ("Thành tích", False, ["Thành tích đạt được", "Lý do khen"]),
}
# Labels of the "Thông tin" header block (column A → value in column B).
INFO_LABELS = {
    "unit": ["Đơn vị báo cáo", "Đơn vị", "Tên đơn vị"],
    "code": ["Mã đơn vị", "Mã"],
    "year": ["Năm báo cáo", "Năm"],
    "author": ["Người lập", "Người lập biểu", "Người báo cáo"],
    "phone": ["Điện thoại", "Số điện thoại", "SĐT"],
    "date": ["Ngày lập", "Ngày báo cáo"],
}
SHEET_MODELS, SHEET_COMMENDATIONS, SHEET_INFO, SHEET_GUIDE = "Mô hình", "Khen thưởng", "Thông tin", "Hướng dẫn"
