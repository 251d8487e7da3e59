"""Every Vietnamese text the user sees: messages of the ETL and the command line, labels of the app.

Code, tables and columns are in English; this module is where the product speaks Vietnamese. Messages are
format strings filled with str.format.
"""

# --- Problems found in a submitted file (each reported with sheet, row and column) ---
ERR_NOT_EXCEL = "Tệp không phải là bảng tính Excel (.xlsx, .xls) hoặc .ods, hoặc tệp đã bị hỏng: {detail}. Hãy mở tệp bằng Excel, lưu lại đúng định dạng rồi gửi lại."
ERR_EXTENSION = "Định dạng tệp '{ext}' không được hỗ trợ. Chỉ nhận .xlsx, .xls hoặc .ods."
ERR_TOO_BIG = "Tệp quá lớn ({size_mb:.1f} MB, tối đa {limit_mb} MB)."
ERR_SHEET_TOO_LARGE = "Tệp có một trang tính quá lớn (hơn {limit} ô, thường do định dạng kéo đến cuối trang). Hãy xóa các dòng, cột thừa rồi lưu lại."
ERR_EMPTY_FILE = "Tệp không có dữ liệu: không tìm thấy bảng mô hình hay khen thưởng nào có tiêu đề cột hợp lệ. Hãy dùng biểu mẫu chính thức của Ban Tuyên giáo và Dân vận Tỉnh ủy."
ERR_NO_ROWS = "Tệp không có dòng dữ liệu nào và không ghi đơn vị, năm báo cáo ở trang \"Thông tin\"."
ERR_MISSING_COLUMN = "Thiếu cột bắt buộc \"{header}\"."
ERR_REQUIRED = "Ô \"{header}\" đang trống; cột này là bắt buộc."
ERR_ENUM = "Giá trị \"{value}\" không hợp lệ cho cột \"{header}\". Giá trị cho phép: {allowed}."
ERR_YEAR = "Năm \"{value}\" không hợp lệ: năm phải từ {first} đến {last}."
ERR_DATE = "Ngày \"{value}\" không đọc được: hãy ghi theo dạng ngày/tháng/năm (ví dụ 21/11/2026), tháng/năm (11/2026), quý (Quý IV/2026) hoặc chỉ ghi năm."
ERR_DATE_RANGE = "Ngày {value} nằm ngoài khoảng hợp lý (năm {first} đến {last}); hãy kiểm tra lại."
ERR_UNIT_UNKNOWN = "Không tìm thấy đơn vị \"{value}\" trong danh mục đơn vị."
ERR_UNIT_SUGGEST = " Có phải là: {suggestions}?"
ERR_UNIT_AMBIGUOUS = "Tên đơn vị \"{value}\" trùng với nhiều đơn vị: {candidates}. Hãy ghi rõ mã đơn vị hoặc ghi kèm tên huyện, ví dụ \"{example}\"."
ERR_UNIT_ENDED = "Đơn vị \"{name}\" không còn tồn tại trong năm {year} (hoạt động đến {valid_to})."
ERR_UNIT_SUCCESSOR = " Đơn vị kế thừa: {successors}; hãy báo cáo dưới tên đơn vị kế thừa."
ERR_UNIT_NOT_YET = "Đơn vị \"{name}\" chưa được thành lập trong năm {year} (hoạt động từ {valid_from})."
WARN_UNIT_CLOSE_SPELLING = ("\"{value}\" được hiểu là {unit}, đơn vị hoạt động đến {valid_to}; nhưng ngày 31/12/{year} có "
                            "đơn vị tên gần giống: {others}. Nếu báo cáo là của đơn vị này, hãy ghi mã đơn vị ({codes}) "
                            "hoặc tên đúng chính tả rồi gửi lại.")
ERR_CODE_UNKNOWN = "Mã đơn vị \"{value}\" không có trong danh mục đơn vị của năm {year}."
ERR_DISTRICT_LEVEL = "Cấp công nhận \"Huyện\" chỉ áp dụng trước 01/07/2025; từ đó không còn cấp huyện."
ERR_DISTRICT_AWARD = "\"Giấy khen của Chủ tịch UBND cấp huyện\" chỉ có trước 01/07/2025 (ngày quyết định {date})."
ERR_DISTRICT_AWARD_YEAR = "\"Giấy khen của Chủ tịch UBND cấp huyện\" không còn từ 01/07/2025 (năm {year})."
ERR_FORMULA_ERROR = "Ô chứa lỗi công thức Excel \"{value}\"."
# An optional value that cannot be read does not sink its row: the problem's text, then what was done.
WARN_OPTIONAL_KEPT = " Dòng vẫn được nạp: cột này {used}; giá trị gốc được giữ ở cột \"{kept_in}\"."
USED_DEFAULT = "tạm ghi \"{value}\" (giá trị mặc định khi để trống)"
USED_EMPTY = "để trống"
ERR_REPEATED_COLUMN = ("Cột bắt buộc \"{header}\" xuất hiện lần nữa: bảng có nhiều khối cột đặt cạnh nhau (ví dụ mỗi năm một "
                       "khối), mỗi dòng chỉ ghi được một mô hình hay một khen thưởng. Hãy đặt mỗi khối thành một bảng riêng "
                       "(một trang) hoặc dùng biểu mẫu chính thức.")
ERR_SHEET_NOT_READ = "Không nhận ra hàng tiêu đề của trang này (cần ít nhất cột \"Tên mô hình, điển hình\" hoặc \"Tập thể, cá nhân được khen\" và một cột khác của biểu mẫu). Hãy dùng tiêu đề cột của biểu mẫu chính thức."
WARN_COLUMN_NOT_READ = ("Cột \"{header}\" không có trong biểu mẫu nên không được nạp. Nếu nội dung cột này cần lưu, hãy "
                        "chuyển sang cột phù hợp của biểu mẫu (ví dụ \"Ghi chú\").")
WARN_AS_TYPED = ("Ô này đọc được cả như chữ gõ bằng bảng mã cũ (TCVN3, VNI) lẫn như chữ Unicode, nên được giữ nguyên như "
                 "đã gõ. Nếu chữ hiển thị sai, hãy chuyển ô sang Unicode (Unikey: Công cụ chuyển mã) rồi gửi lại.")
WARN_AS_TYPED_MORE = "Còn {n} ô khác của trang này cũng được giữ nguyên như đã gõ vì không rõ bảng mã."
WARN_FROM_TITLE = ("Bảng không có cột {what} và tệp không có trang \"Thông tin\": {what} được lấy từ tiêu đề \"{text}\". "
                   "Hãy kiểm tra lại; để chắc chắn, hãy ghi ở trang \"Thông tin\" của biểu mẫu chính thức.")
FROM_TITLE_UNIT, FROM_TITLE_YEAR = "đơn vị", "năm báo cáo"
WARN_SHEET_IGNORED = "Trang này không có bảng mô hình hay khen thưởng nào nhận ra được nên được bỏ qua."
WARN_MODEL_NOT_FOUND = "Không tìm thấy mô hình \"{value}\" của đơn vị này; khen thưởng vẫn được nạp nhưng không gắn với mô hình."

# --- Results of loading a file ---
RESULT_LOADED = "ĐÃ NẠP"
RESULT_DRY_RUN = "KIỂM TRA (không ghi)"
RESULT_UNCHANGED = "KHÔNG ĐỔI"
RESULT_REJECTED = "BỊ TỪ CHỐI"
SUMMARY_ROWS = "{models} mô hình, {commendations} khen thưởng; {unit_years} đơn vị-năm ({new} mới, {replaced} thay thế)"
SUMMARY_UNCHANGED = "tệp này đã được nạp trước đó (SHA-256 trùng, lần tải lên số {upload_id}); không thay đổi gì."
SUMMARY_REJECTED = "{n} lỗi; không có dữ liệu nào của tệp được ghi."
PROBLEM_LINE = "  - [{sheet}, dòng {row}, cột {column}] {message}"
PROBLEM_LINE_FILE = "  - {message}"
WARNING_PREFIX = "(cảnh báo) "
CLI_TOTAL = "Tổng: {loaded} tệp đã nạp, {unchanged} không đổi, {rejected} bị từ chối."
CLI_NO_FILES = "Không tìm thấy tệp .xlsx, .xls hoặc .ods nào trong: {paths}"
CLI_NOT_FOUND = "Không tìm thấy tệp hoặc thư mục: {path}"
CLI_INIT_DONE = "Cơ sở dữ liệu {db}: danh mục {units} đơn vị ({added} mới)."
CLI_TEMPLATE_DONE = "Đã ghi biểu mẫu: {path}"
CLI_DEMO_DONE = "Đã tạo dữ liệu mẫu: {files} tệp báo cáo, {models} mô hình, {commendations} khen thưởng → {db}"
CLI_DEMO_EXISTS = "Cơ sở dữ liệu {db} đã có báo cáo; dữ liệu mẫu chỉ tạo vào cơ sở dữ liệu mới. Hãy chọn --db khác hoặc xóa tệp đó."
CLI_RESTORED = "[KHÔI PHỤC] {path}: đã thay toàn bộ dữ liệu bằng bản sao lưu ({rows} dòng)."
CLI_BACKUP_IN_FOLDER = "[BỊ TỪ CHỐI] {path}: đây là bản sao lưu toàn bộ dữ liệu; chỉ khôi phục khi ghi đích danh tệp này trong lệnh, không khôi phục khi nạp cả thư mục."
CLI_BACKUP_DRY_RUN = "[KIỂM TRA (không ghi)] {path}: bản sao lưu hợp lệ; khi nạp thật sẽ thay toàn bộ dữ liệu hiện có."
CLI_BACKUP_FAILED = "[BỊ TỪ CHỐI] {path}: không khôi phục được bản sao lưu, dữ liệu giữ nguyên ({detail})."
CLI_PASSWORD = "Mật khẩu (ít nhất 8 ký tự): "
CLI_PASSWORD_AGAIN = "Nhập lại mật khẩu: "
CLI_PASSWORD_MISMATCH = "Hai lần nhập mật khẩu không khớp; chưa tạo tài khoản."
CLI_PASSWORD_WEAK = "Mật khẩu phải có ít nhất 8 ký tự; chưa tạo tài khoản."
CLI_USER_DONE = "Đã lưu tài khoản {user} (vai trò {role}) vào {path}."
CLI_REPORT_DONE = "Đã lập báo cáo năm {year}: {paths}"
CLI_REPORT_UNKNOWN = "Không có {name} \"{value}\" trong cơ sở dữ liệu. Các giá trị có: {known}."
CLI_EXPORT_DONE = "Đã sao lưu {tables} bảng vào {path}"
CLI_DB_LOCKED = ("Không mở được cơ sở dữ liệu {db}: sau {seconds} giây chờ, tệp vẫn đang được một chương trình khác "
                 "ghi ({detail}). Hãy thử lại khi lần nạp kia xong, hoặc đặt DVK_LOCK_WAIT dài hơn.")
CLI_DB_WAITING = "Cơ sở dữ liệu {db} đang được ứng dụng hoặc một lần nạp khác sử dụng; đang chờ (tối đa {seconds} giây)…"
CLI_DB_READ_ONLY = ("Không ghi được vào cơ sở dữ liệu {db}: ổ đĩa hoặc thư mục chỉ cho phép đọc ({detail}). "
                    "Hãy chép tệp sang nơi ghi được, hoặc dùng export / load --dry-run (chỉ đọc).")
CLI_EXPORT_ORIGINAL_MISSING = ("Cảnh báo: tệp gốc đã lưu của \"{file}\" bị hỏng hoặc không còn nên không có trong "
                               "bản sao lưu (bảng dữ liệu vẫn đủ; chỉ không hoàn tác được về tệp này).")
CLI_DB_MISSING = "Không có cơ sở dữ liệu {db}. Hãy kiểm tra đường dẫn --db, hoặc tạo mới bằng: python -m etl init --db {db}"
ERR_REGISTRY_COLUMNS = "Tệp danh mục đơn vị thiếu cột: {missing}."
ERR_EXPORT_FORMAT = "Định dạng sao lưu không hỗ trợ: hãy dùng đuôi .xlsx hoặc một thư mục (Parquet)."

# --- The yearly report pack (Báo cáo): the document, in the layout of Nghị định 30/2020/NĐ-CP ---
REPORT_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
REPORT_MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"
REPORT_NUMBER = "Số: ……/BC-{code}"
REPORT_PLACE_DATE = "{place}, ngày …… tháng …… năm {year}"
REPORT_KIND = "BÁO CÁO"
REPORT_SUBJECT = "Kết quả thực hiện phong trào thi đua “Dân vận khéo” năm {year}"
REPORT_INTRO = ("Căn cứ báo cáo của các cơ quan, đơn vị, địa phương, kết quả thực hiện phong trào thi đua “Dân vận khéo” "
                "năm {year} như sau:")
REPORT_SCOPE = ("Phạm vi số liệu: {area}; {group}; {field}{province}; {boundary}. Số liệu tổng hợp từ báo cáo các đơn vị "
                "gửi về hệ thống theo dõi phong trào, tính đến ngày {date}.")
REPORT_SCOPE_AREA = "khu vực {district}"
REPORT_SCOPE_ALL_AREAS = "toàn tỉnh"
REPORT_SCOPE_GROUP = "khối {group}"
REPORT_SCOPE_ALL_GROUPS = "tất cả các khối"
REPORT_SCOPE_FIELD = "lĩnh vực {field} (chỉ áp dụng cho số mô hình và khen thưởng)"
REPORT_SCOPE_ALL_FIELDS = "tất cả lĩnh vực"
REPORT_SCOPE_PROVINCE = "; tỉnh cũ {province}"
REPORT_SCOPE_BOUNDARY = {"reported": "theo địa giới khi báo cáo", "today": "quy đổi theo địa giới hiện nay"}
REPORT_PART_RESULTS = "I. KẾT QUẢ THỰC HIỆN"
REPORT_SECTION_UNITS = "1. Đơn vị báo cáo và kết quả thực hiện chỉ tiêu"
REPORT_UNITS = ("Năm {year}, có {expected} cơ quan, đơn vị, địa phương phải báo cáo; {submitted} đơn vị đã báo cáo "
                "({submitted_rate}); {met} đơn vị đạt chỉ tiêu xây dựng, nhân rộng từ {min} đến {max} mô hình trong năm, "
                "chiếm {met_rate} số đơn vị phải báo cáo.")
REPORT_RATE_CHANGE = ("So với {previous}, tỷ lệ đơn vị đạt chỉ tiêu {direction} ({previous}: {met_before}/"
                      "{expected_before} đơn vị, {rate_before}).")
REPORT_YEAR = "năm {year}"
REPORT_SAME_DAY = "cùng kỳ năm {year} (tính đến {day})"
REPORT_UP, REPORT_DOWN, REPORT_SAME = "tăng {points} điểm phần trăm", "giảm {points} điểm phần trăm", "không đổi"
REPORT_UNIT_COUNT = "Số đơn vị phải báo cáo năm {year} là {now} (năm {previous}: {before})"
REPORT_UNIT_COUNT_REORG = (", thay đổi do sắp xếp đơn vị hành chính và tổ chức bộ máy từ {date} (không còn cấp huyện, "
                           "các xã và nhiều cơ quan được hợp nhất); vì vậy báo cáo so sánh theo tỷ lệ, không theo số "
                           "đơn vị.")
REPORT_UNIT_COUNT_OTHER = "; vì vậy báo cáo so sánh theo tỷ lệ."
REPORT_NO_PREVIOUS = "Chưa có số liệu năm {previous} để so sánh."
REPORT_SECTION_MODELS = "2. Mô hình, điển hình theo lĩnh vực và hình thức"
REPORT_MODELS = ("Trong năm, các đơn vị báo cáo {total} mô hình, điển hình; trong đó {counted} mô hình được tính vào chỉ "
                 "tiêu (hình thức {forms}{excluded}){previous}.")
REPORT_MODELS_PREVIOUS = "; {previous} có {counted} mô hình được tính"
REPORT_BY_FIELD = "Theo lĩnh vực: {parts}."
REPORT_BY_FORM = "Theo hình thức: {parts}."
REPORT_PART = "{name} {n} ({share})"
REPORT_NO_MODELS = "Chưa có mô hình nào được báo cáo trong năm."
REPORT_SECTION_AWARDS = "3. Khen thưởng"
REPORT_AWARDS = ("Có {n} lượt tập thể, cá nhân được khen thưởng ({collective} lượt tập thể, {individual} lượt cá nhân); "
                 "theo cấp khen: {levels}. Danh sách tại Phụ lục 4.")
REPORT_AWARD_LEVEL = "cấp {level} {n}"
REPORT_PRAISE = " Ngoài ra có {n} lượt biểu dương (biểu dương không phải hình thức khen thưởng nên không tính ở trên)."
REPORT_NO_AWARDS = "Chưa có khen thưởng nào được báo cáo trong năm."
REPORT_SECTION_LAGGING = "4. Đơn vị chưa nộp báo cáo, chưa đạt chỉ tiêu"
REPORT_LAGGING = ("Còn {not_submitted} đơn vị chưa nộp báo cáo và {below} đơn vị đã báo cáo nhưng chưa đạt chỉ tiêu "
                  "(danh sách tại Phụ lục 3).")
REPORT_EXTREMES = " Khu vực có tỷ lệ đạt chỉ tiêu thấp nhất: {low} ({low_rate}); cao nhất: {high} ({high_rate})."
REPORT_NO_LAGGING = "Tất cả đơn vị phải báo cáo đều đã nộp báo cáo và đạt chỉ tiêu."
REPORT_PART_ASSESSMENT = "II. NHẬN XÉT, ĐÁNH GIÁ"
REPORT_PART_NEXT = "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year}"
REPORT_FILL_IN = "[Cơ quan soạn thảo bổ sung nội dung phần này.]"
REPORT_CLOSING = "Trên đây là báo cáo kết quả thực hiện phong trào thi đua “Dân vận khéo” năm {year}./."
REPORT_RECIPIENTS = "Nơi nhận:"
REPORT_SIGNATURE_NOTE = "(Ký, ghi rõ họ tên, đóng dấu)"
REPORT_APPENDIX = "PHỤ LỤC {n}"
REPORT_APPENDIX_NOTE = "(Kèm theo Báo cáo số ……/BC-{code} ngày …… tháng …… năm {year})"
REPORT_APPENDIX_TITLES = {
    1: "KẾT QUẢ THEO KHU VỰC (HUYỆN CŨ), NĂM {year}", 2: "KẾT QUẢ THEO KHỐI, NĂM {year}",
    3: "ĐƠN VỊ CHƯA NỘP BÁO CÁO HOẶC CHƯA ĐẠT CHỈ TIÊU, NĂM {year}",
    4: "TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG, NĂM {year}",
}
REPORT_COL_NO = "STT"
REPORT_COL_SUBMITTED = "Đã báo cáo"
REPORT_COL_MET = "Đạt chỉ tiêu"
REPORT_COL_MET_RATE = "Tỷ lệ đạt (%)"
REPORT_COL_COUNTED = "Số mô hình được tính"
REPORT_TOTAL = "Tổng cộng"
REPORT_EMPTY_TABLE = "Không có."
PAGE_REPORT = "Báo cáo"
REPORT_PAGE_TITLE = "Báo cáo kết quả năm {year}"
REPORT_PAGE_CAPTION = ("Báo cáo theo thể thức Nghị định 30/2020/NĐ-CP, lập từ số liệu đang hiển thị với các bộ lọc đã chọn. "
                       "Tải bản Word để điền số, ngày và bổ sung phần nhận xét, phương hướng; bản PDF để gửi ngay; "
                       "phụ lục Excel để tính toán tiếp.")
REPORT_RANGE_NOTE = "Báo cáo lập cho từng năm: đang lập cho năm {year}, năm cuối của khoảng đã chọn."
REPORT_PREVIEW = "Xem trước"
DOWNLOAD_REPORT_DOCX = "Tải báo cáo (Word)"
DOWNLOAD_REPORT_PDF = "Tải báo cáo (PDF)"
DOWNLOAD_REPORT_XLSX = "Tải phụ lục (Excel)"
REPORT_APPENDIX_SHEET = "Phụ lục {n}"

# --- App ---
APP_TITLE = "Dân vận khéo"
APP_ICON = "🤝"
DB_BUSY = "Dữ liệu đang được cập nhật (đang nạp báo cáo). Hãy tải lại trang sau ít giây."
BUILDING_DEMO = "Đang tạo cơ sở dữ liệu mẫu lần đầu (vài phút; những người mở trang lúc này cùng chờ)…"
UNEXPECTED_ERROR = ("Trang này gặp lỗi ngoài dự kiến nên chưa hiển thị được. Hãy tải lại trang; nếu lỗi vẫn còn, "
                    "báo cho quản trị viên thời điểm xảy ra lỗi (chi tiết đã được ghi vào nhật ký máy chủ).")
PAGE_OVERVIEW = "Tổng quan"
OVERVIEW_HEADER = "Phong trào thi đua \"Dân vận khéo\" tỉnh {province}"
FILTER_YEAR = "Năm"
FILTER_DISTRICT = "Khu vực (huyện cũ)"
FILTER_GROUP = "Khối"
FILTER_FIELD = "Lĩnh vực"
ALL_GROUPS = "Tất cả các khối"
ALL_FIELDS = "Tất cả lĩnh vực"
FILTER_PROVINCE = "Tỉnh cũ"
ALL_PROVINCES = "Cả hai tỉnh cũ"
FILTER_BOUNDARY = "Địa giới"
BOUNDARY_LABELS = {"reported": "Theo địa giới khi báo cáo", "today": "Quy đổi theo địa giới hiện nay"}
FILTER_BOUNDARY_HELP = ("Khi báo cáo: mỗi số liệu nằm ở đơn vị và huyện đã báo cáo. Quy đổi: số liệu các năm trước "
                        "01/07/2025 được cộng vào xã, phường và cơ quan hiện nay (sáp nhập, hợp nhất); xã cũ bị chia "
                        "tách hiện ở mọi đơn vị kế thừa nhưng chỉ tính một lần trong tổng.")
FILTER_YEAR_HELP = ("Một năm: số liệu của năm đó (mặc định là năm gần nhất đã đến hạn báo cáo). Nhiều năm: thẻ số "
                    "liệu cộng dồn cả khoảng năm (mỗi đơn vị tính một lượt cho mỗi năm); biểu đồ theo khu vực và danh "
                    "sách đơn vị chưa đạt vẫn tính cho năm cuối của khoảng.")
NOTICE_BAD_FILTER = "Bỏ qua giá trị không hợp lệ trong đường dẫn: {name} = \"{value}\"."
ALL_DISTRICTS = "Tất cả khu vực"
PROVINCIAL_LEVEL = "Cấp tỉnh"
KPI_EXPECTED = "Đơn vị phải báo cáo"
KPI_SUBMITTED = "Đơn vị đã báo cáo"
KPI_MODELS = "Mô hình được tính"
KPI_MET = "Tỷ lệ đơn vị đạt chỉ tiêu"
KPI_COMMENDATIONS = "Khen thưởng"
KPI_COMMENDATIONS_HELP = "Bằng khen, giấy khen trong năm; không tính {praise} lượt biểu dương (biểu dương không phải hình thức khen thưởng)."
PAGE_UNITS = "Đơn vị"
PAGE_PROFILE = "Hồ sơ đơn vị"
PAGE_FIELDS = "Lĩnh vực"
PAGE_COMMENDATIONS = "Khen thưởng"
KPI_MET_HELP = "Đơn vị có từ {min} mô hình trở lên (hình thức {forms}{excluded}) trên số đơn vị phải báo cáo."
# Parts of the counting rule as configured (DVK_COUNTED_FORMS, DVK_EXCLUDED_STATUSES), filled into KPI_MET_HELP and RULES.
RULE_EXCLUDED = ", kết quả khác {statuses}"
RULE_NOT_COUNTED = " (mô hình {forms} được thống kê ở trang Lĩnh vực nhưng không tính vào chỉ tiêu)"
RULE_OR = " hoặc "
CHART_MODELS_PER_YEAR = "Số mô hình được tính theo năm"
CHART_ATTAINMENT = "Kết quả thực hiện chỉ tiêu theo khu vực"
LAGGING_TITLE = "Đơn vị chưa nộp hoặc chưa đạt chỉ tiêu, năm {year}"
NO_REPORTS_YET = "Chưa có đơn vị nào nộp báo cáo năm {year}: các đơn vị dưới đây đều đang ở trạng thái \"Chưa nộp\"."
NO_LAGGING = "Tất cả đơn vị trong lựa chọn này đều đã đạt chỉ tiêu."
DATA_UPDATED = "Dữ liệu cập nhật lúc {when}"
DOWNLOAD_CSV = "Tải CSV"
DOWNLOAD_XLSX = "Tải Excel"
LIST_PAGE = "Trang (trong {pages})"
LIST_ROWS_SHOWN = "Đang hiển thị dòng {first}–{last} trong {total} dòng. Tải Excel hoặc CSV để có toàn bộ danh sách."
NO_THEME = "(không ghi chủ đề)"
# A unit-year's attainment: the views of schema.sql write these words, the queries, colours and legend read them.
NOT_SUBMITTED, BELOW_TARGET, ON_TARGET, ABOVE_TARGET = "Chưa nộp", "Chưa đạt", "Đạt", "Vượt"
ATTAINMENT_LEVELS = [NOT_SUBMITTED, BELOW_TARGET, ON_TARGET, ABOVE_TARGET]

# Column labels of every table shown or downloaded (SQL column names are English and unique in meaning).
COLUMN_LABELS = {
    "unit": "Đơn vị", "code": "Mã", "unit_group": "Khối", "district": "Khu vực (huyện cũ)", "year": "Năm",
    "attainment": "Kết quả", "n_models": "Số mô hình được tính", "submitted": "Đã nộp", "models": "Số mô hình",
    "units": "Số đơn vị", "model": "Mô hình", "kind": "Loại", "field": "Lĩnh vực", "form": "Hình thức",
    "status": "Kết quả đánh giá", "level": "Cấp", "theme": "Chủ đề", "recipient": "Tập thể, cá nhân được khen",
    "recipient_type": "Đối tượng", "award": "Hình thức khen thưởng", "decision_no": "Số quyết định",
    "decision_date": "Ngày quyết định", "reason": "Thành tích", "uploaded_at": "Thời điểm tải lên",
    "file_name": "Tệp", "upload_status": "Trạng thái", "uploaded_by": "Người tải lên", "sha256": "SHA-256",
    "n": "Số lượt", "share": "Tỷ lệ", "level_award": "Cấp khen", "action": "Sẽ làm gì", "commendations": "Số khen thưởng",
    "upload_id": "Số", "unit_years": "Số đơn vị-năm", "report_author": "Người lập biểu",
    "rolled_back_by": "Người hoàn tác", "rolled_back_at": "Lúc hoàn tác", "part": "Phần",
    "expected": "Phải báo cáo", "rate": "Tỷ lệ nộp (%)", "contact_person": "Người liên hệ",
    "phone": "Điện thoại", "email": "Thư điện tử", "reminder": "Nội dung nhắc",
    "target_min": "Chỉ tiêu tối thiểu", "target_max": "Chỉ tiêu tối đa", "members": "Số đơn vị hợp thành",
    "reported_unit": "Đơn vị báo cáo", "unit_names": "Các đơn vị báo cáo", "area": "Đơn vị hiện nay", "former": "Quy đổi từ",
}
BOUNDARY_NOTE_TODAY = (":material/merge: Đang quy đổi theo địa giới hiện nay: số liệu của các đơn vị trước sắp xếp năm 2025 "
                       "được cộng vào đơn vị hiện nay; chỉ tiêu của đơn vị gộp bằng số đơn vị còn hoạt động ngày 31/12 "
                       "của năm × {min}–{max}.")
TRACKING_MISSING_NOTE = "Danh sách nhắc luôn theo đơn vị phải báo cáo của năm đó (địa giới khi báo cáo), để gửi đúng nơi."
FORMER_UNITS = "Gộp số liệu {n} đơn vị"
FORMER_SHARED = "dùng chung số liệu xã cũ bị chia tách"
UPLOAD_STATUS = {"applied": "Đang áp dụng", "superseded": "Đã được thay thế", "rolled_back": "Đã hoàn tác",
                 "rejected": "Bị từ chối"}
LINEAGE_SUCCESSOR = "Sáp nhập vào **{name}** (mã {code}) từ {date}{split}{resolution}."
LINEAGE_PREDECESSOR = "Tiếp nhận **{name}** (mã {code}) từ {date}{split}{resolution}."
LINEAGE_SPLIT = " (một phần địa bàn, do chia tách)"
LINEAGE_RESOLUTION = " theo Nghị quyết {number}"
RESOLUTION = "Nghị quyết {number}"
TIMELINE_TITLE = "Quá trình sắp xếp"
TIMELINE_BEFORE = "Đơn vị trước sắp xếp"
TIMELINE_SELF = "Đơn vị này"
TIMELINE_AFTER = "Đơn vị sau sắp xếp"
TIMELINE_PART = " (một phần)"
TIMELINE_PERIOD = "Thời gian"
TIMELINE_NONE = "Đơn vị không thay đổi trong đợt sắp xếp năm 2025."
PROFILE_POOLED = "Quy đổi theo địa giới hiện nay: mỗi năm cộng số liệu của các đơn vị trong quá trình sắp xếp ở trên (nhiều nhất {n} đơn vị trong một năm)."
UNITS_TITLE = "Bảng theo dõi đơn vị"
UNITS_CAPTION = "Số mô hình được tính của mỗi đơn vị, năm {years}; màu theo kết quả thực hiện chỉ tiêu. Chọn một dòng để mở hồ sơ đơn vị."
UNITS_SEARCH = "Tìm đơn vị"
UNITS_SEARCH_HINT = "Gõ tên, có dấu hoặc không dấu: tinh hoa, dak to, 21187…"
UNITS_NO_MATCH = "Không có đơn vị nào khớp với \"{text}\" trong lựa chọn này."
UNITS_COUNT = "{n} đơn vị. Ô trống: đơn vị chưa thành lập hoặc đã sáp nhập trong năm đó."
PROFILE_PICK = "Chọn đơn vị"
PROFILE_PICK_HINT = "Gõ để tìm đơn vị…"
PROFILE_EMPTY = "Chọn một đơn vị ở ô trên, hoặc chọn một dòng ở trang \"Đơn vị\"."
PROFILE_YEARS = "Theo năm"
PROFILE_MODELS = "Mô hình"
PROFILE_COMMENDATIONS = "Khen thưởng"
PROFILE_UPLOADS = "Lịch sử nộp báo cáo"
PROFILE_NONE = "Chưa có dữ liệu."
PROFILE_FACTS = "**Mã:** {code} · **Khối:** {group} · **Khu vực (huyện cũ):** {district} · **Tỉnh cũ:** {province} · **Hoạt động:** {period}"
PROFILE_PERIOD_OPEN = "từ {start}"
PROFILE_PERIOD = "{start} – {end}"
FIELDS_TITLE = "Mô hình theo lĩnh vực"
FIELDS_CAPTION = "Mọi mô hình, điển hình được báo cáo năm {years} (kể cả hình thức duy trì và chưa đạt)."
CHART_FIELD_YEAR = "Lĩnh vực theo năm"
CHART_YEARS = "Năm {years}"  # under a chart's title: the years it counts
CHART_YEARS_UP_TO = "Các năm đến {year}"  # a trend chart of one chosen year shows the years before it too
CHART_FORM_YEAR = "Xây dựng mới, nhân rộng, duy trì"
CHART_FIELD_DISTRICT = "Lĩnh vực theo khu vực"
THEMES_TITLE = "Chủ đề nhiều mô hình nhất"
COMMENDATIONS_TITLE = "Khen thưởng"
COMMENDATIONS_CAPTION = "Khen thưởng tập thể, cá nhân năm {year_from}–{year_to}. \"Biểu dương\" là ghi nhận, không phải hình thức khen thưởng, được thống kê riêng."
CHART_AWARD_YEAR = "Hình thức khen thưởng theo năm"
CHART_AWARD_LEVEL = "Theo cấp khen, tập thể và cá nhân"
CHART_AWARD_DISTRICT = "Theo khu vực"
ERROR_SHEET = "Danh sách lỗi"
ERROR_SHEET_TITLE = ("Các lỗi cần sửa trước khi gửi lại báo cáo (ô lỗi tô đỏ: dòng chưa được nạp; ô tô vàng: cảnh báo, "
                     "dòng vẫn được nạp nhưng nên kiểm tra lại; chi tiết ở cột \"Lỗi\" cuối mỗi trang):")
ERROR_SHEET_HEADERS = ["Trang", "Dòng", "Cột", "Mức", "Nội dung"]
LEVEL_ERROR, LEVEL_WARNING = "Lỗi", "Cảnh báo"
ACTION_ADD = "Thêm mới"
ACTION_REPLACE = "Thay thế báo cáo trước"
ACTION_UNCHANGED = "Không đổi (đã nạp)"
ROLLBACK_NOTHING = "Lần tải lên này không còn áp dụng cho đơn vị-năm nào (đã bị thay thế hoặc đã hoàn tác)."
ROLLBACK_NO_ARCHIVE = "Không tìm thấy tệp gốc đã lưu của \"{file}\" nên không khôi phục được báo cáo trước đó."
ROLLBACK_REPARSE_FAILED = "Tệp gốc \"{file}\" không còn hợp lệ với danh mục đơn vị hiện tại nên không khôi phục được."
PAGE_SIGNIN = "Đăng nhập"
PAGE_UPLOAD = "Tải lên báo cáo"
PAGE_HISTORY = "Lịch sử tải lên"
PAGE_TRACKING = "Tiến độ nộp báo cáo"
PAGE_MY_REPORT = "Báo cáo của đơn vị"
PAGE_REVIEW = "Duyệt báo cáo"
PAGE_CYCLE = "Kỳ báo cáo và chốt số liệu"
PAGE_ACCOUNTS = "Tài khoản"
PAGE_AUDIT = "Nhật ký"
SIGNIN_TITLE = "Đăng nhập dành cho cán bộ"
SIGNIN_HELP = "Xem số liệu không cần đăng nhập. Tải lên, hoàn tác và theo dõi tiến độ nộp báo cáo cần tài khoản cán bộ do quản trị viên cấp."
SIGNIN_USER = "Tên đăng nhập"
SIGNIN_PASSWORD = "Mật khẩu"
SIGNIN_BUTTON = "Đăng nhập"
SIGNIN_OIDC = "Đăng nhập bằng tài khoản công vụ"
SIGNIN_FAILED = "Sai tên đăng nhập hoặc mật khẩu."
SIGNIN_LOCKED = "Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Hãy thử lại sau khoảng {minutes} phút."
SIGNED_IN_AS = "Đang đăng nhập: {name} ({role})"
SIGNOUT = "Đăng xuất"
ROLE_NAMES = {"staff": "cán bộ", "admin": "quản trị", "reviewer": "người duyệt", "unit": "đơn vị"}
STAFF_ONLY = "Chức năng này chỉ dành cho cán bộ đã đăng nhập. Hãy đăng nhập ở trang \"Đăng nhập\"."
NAV_DASHBOARD = "Bảng theo dõi"
NAV_STAFF = "Dành cho cán bộ"
SIGNIN_ALREADY = "Bạn đã đăng nhập với tên {name}. Các chức năng dành cho cán bộ ở thanh bên."
UPLOAD_TITLE = "Tải lên báo cáo của các đơn vị"
UPLOAD_HELP = "Kéo thả nhiều tệp cùng lúc (.xlsx, .xls, .ods), tối đa {mb} MB mỗi tệp. Chưa có gì được ghi cho đến khi bấm \"Nạp các tệp đã chọn\"."
UPLOAD_LABEL = "Chọn hoặc kéo thả tệp báo cáo"
UPLOAD_EMPTY = "Chưa chọn tệp nào. Đơn vị chưa có biểu mẫu? Tải biểu mẫu chính thức ở nút trên."
UPLOAD_TEMPLATE = "Tải biểu mẫu báo cáo chính thức"
UPLOAD_CHECKING = "Đang kiểm tra {done}/{total} tệp…"
UPLOAD_SUMMARY = "{ok} tệp hợp lệ, {bad} tệp có lỗi, {same} tệp đã nạp trước đó."
UPLOAD_FILE_OK = "{name}: hợp lệ, {models} mô hình, {commendations} khen thưởng"
UPLOAD_FILE_WARNED = " · {n} cảnh báo cần xem"
UPLOAD_FILE_BAD = "{name}: {n} lỗi, không thể nạp"
UPLOAD_FILE_SAME = "{name}: đã nạp trước đó, không có gì thay đổi"
UPLOAD_INCLUDE = "Nạp tệp này"
UPLOAD_ERRORS = "Các lỗi (trang, dòng, cột, lý do):"
UPLOAD_WARNINGS = "Cảnh báo (không chặn việc nạp):"
UPLOAD_ERROR_REPORT = "Tải tệp báo lỗi để gửi lại đơn vị"
UPLOAD_COMMIT = "Nạp các tệp đã chọn"
UPLOAD_COMMITTING = "Đang nạp {done}/{total} tệp…"
UPLOAD_DONE = "Đã nạp {n} tệp. Bảng theo dõi đã cập nhật."
UPLOAD_BUSY = "Cơ sở dữ liệu đang bận (một lần nạp khác đang chạy). Hãy thử lại sau ít giây."
HISTORY_TITLE = "Lịch sử tải lên"
HISTORY_EMPTY = "Chưa có lần tải lên nào."
HISTORY_DETAIL = "Chi tiết một lần tải lên"
HISTORY_PICK = "Chọn lần tải lên"
HISTORY_ORIGINAL = "Tải tệp gốc"
HISTORY_CONFIRM = "Tôi muốn hoàn tác \"{file}\": dữ liệu của tệp này bị gỡ và các đơn vị-năm trở về báo cáo trước đó."
HISTORY_ROLLBACK = "Hoàn tác lần tải lên này"
HISTORY_ROLLED_BACK = "Đã hoàn tác \"{file}\". Báo cáo được áp dụng lại: {restored}."
HISTORY_NONE_RESTORED = "không có (các đơn vị-năm này trở lại trạng thái chưa nộp)"
TRACKING_TITLE = "Tiến độ nộp báo cáo năm {year}"
TRACKING_RATE = "Tỷ lệ đã nộp"
TRACKING_BY_DISTRICT = "Theo khu vực"
TRACKING_BY_GROUP = "Theo khối"
TRACKING_MISSING = "Đơn vị chưa nộp báo cáo ({n})"
TRACKING_CO_REPORTED = "Ghi chú chất lượng dữ liệu: mô hình cùng tên do nhiều đơn vị báo cáo ({n})"
TRACKING_CO_REPORTED_NOTE = ("Cùng một tên mô hình (không phân biệt hoa thường, dấu) có trong báo cáo năm {year} của "
                             "nhiều đơn vị. Đây có thể là mô hình các đơn vị cùng làm (đồng báo cáo): mỗi đơn vị vẫn "
                             "được tính cho chỉ tiêu của mình. Nếu là nhập nhầm, hãy đề nghị đơn vị gửi lại báo cáo.")
TRACKING_NO_CO_REPORTED = "Không có mô hình nào trùng tên giữa các đơn vị trong năm {year}."
TRACKING_ALL_IN = "Tất cả đơn vị trong lựa chọn này đã nộp báo cáo."
REMINDER = "Kính gửi {unit}: Ban Tuyên giáo và Dân vận Tỉnh ủy chưa nhận được báo cáo kết quả xây dựng, nhân rộng mô hình \"Dân vận khéo\" năm {year} của đơn vị. Đề nghị đơn vị hoàn thành biểu mẫu chính thức và gửi về trước ngày {due}. Trân trọng."
REMINDER_LATE = "Kính gửi {unit}: Ban Tuyên giáo và Dân vận Tỉnh ủy chưa nhận được báo cáo kết quả xây dựng, nhân rộng mô hình \"Dân vận khéo\" năm {year} của đơn vị, đã quá hạn nộp ngày {year_due}. Đề nghị đơn vị khẩn trương hoàn thành biểu mẫu chính thức và gửi về trước ngày {due}. Trân trọng."
PART_NAMES = {"models": "Mô hình", "commendations": "Khen thưởng"}
MAP_TITLE = "Bản đồ {n} xã, phường, đặc khu hiện nay"
MAP_COLOUR = "Tô màu theo"
MAP_BY_ATTAINMENT = "Kết quả chỉ tiêu"
MAP_BY_MODELS = "Số mô hình bình quân mỗi đơn vị"
MAP_NOTE_BEFORE = "Năm {year} còn cấp huyện và các xã cũ: số liệu được quy về {n} xã, phường hiện nay theo Nghị quyết 1677/NQ-UBTVQH15 (cộng các xã cũ hợp thành). Xã cũ bị chia tách được hiển thị ở mỗi xã kế thừa (\"Có phần chia tách\"), nên không cộng các ô bản đồ để lấy tổng toàn tỉnh. Kết quả chỉ tiêu của năm này: mỗi xã cũ phải có {min}–{max} mô hình, nên xã hiện nay gộp k xã cũ cần k × {min}–{max} mô hình và đủ báo cáo của cả k xã cũ."
MAP_NOTE_AFTER = "Bấm vào một xã để mở hồ sơ đơn vị. Bản đồ chỉ có đường ranh giới (không tải bản đồ nền)."
MAP_SHARED = "Có xã cũ bị chia tách: số liệu của xã đó cũng hiện ở xã kế thừa còn lại"
MAP_LABELS = {"units": "Số đơn vị", "submitted": "Đã nộp", "models": "Mô hình được tính", "per_unit": "Mô hình/đơn vị",
              "shared": "Có phần chia tách", "attainment": "Kết quả", "note": "Lưu ý"}
RULES_TITLE = "Cách tính"
RULES = """
- **Chỉ tiêu**: mỗi cơ quan, đơn vị xây dựng hoặc nhân rộng từ {min} đến {max} mô hình mỗi năm.
- **Mô hình được tính**: hình thức {forms}{excluded}{not_counted}.
- **Kết quả**: *{not_submitted}* (không có báo cáo, không bao giờ tính là 0) · *{below_target}* (đã nộp, dưới {min} mô
  hình) · *{on_target}* ({min}–{max}) · *{above_target}* (trên {max}).
- **Đơn vị phải báo cáo**: đơn vị còn hoạt động ngày 31/12 của năm. Năm 2025: đơn vị cũ đã báo cáo được tính dưới tên
  đơn vị cũ, và xã mới kế thừa không bị tính thêm là "chưa nộp" cho cùng địa bàn.
- **Khu vực (huyện cũ)**: huyện cũ của đơn vị trước 01/07/2025; với xã, phường từ 01/07/2025 là huyện cũ mà phần lớn
  các xã hợp thành thuộc về; cơ quan cấp tỉnh ghi "Cấp tỉnh".
- **Khen thưởng**: bằng khen, giấy khen; "Biểu dương" được thống kê riêng.
- **Địa giới "Theo địa giới khi báo cáo"**: mỗi số liệu nằm ở đơn vị và khu vực đã báo cáo nó.
- **Địa giới "Quy đổi theo địa giới hiện nay"**: số liệu của xã cũ được cộng vào xã, phường mới từ 01/07/2025
  (Nghị quyết 1677/NQ-UBTVQH15), của sở, ban cũ vào cơ quan hợp nhất từ 01/03/2025, của cơ quan tỉnh Kon Tum cũ vào
  cơ quan tỉnh hiện nay; cơ quan cấp huyện (không có đơn vị kế thừa) giữ tên cũ. Xã cũ bị chia tách hiện ở mọi xã
  kế thừa, ghi "dùng chung", nhưng chỉ được tính một lần trong tổng số mô hình và khen thưởng (toàn tỉnh như nhau ở
  hai cách xem; biểu đồ theo khu vực hiện xã đó ở khu vực của mỗi xã kế thừa). Số đơn vị thì khác nhau: khi quy đổi,
  mỗi đơn vị hiện nay là một đơn vị. Bộ lọc khu vực và tỉnh cũ áp dụng cho đơn vị hiển thị: khi quy đổi, số liệu sở
  ngành tỉnh Kon Tum cũ thuộc cơ quan hiện nay (tỉnh cũ Quảng Ngãi).
- **Chỉ tiêu qua đợt sắp xếp** (khi quy đổi): mỗi đơn vị còn hoạt động ngày 31/12 của năm phải có {min}–{max} mô
  hình năm đó, nên đơn vị hiện nay gộp k đơn vị như vậy cần k × {min}–{max} và đủ báo cáo của cả k đơn vị (thiếu thì
  *Chưa đạt*). Đơn vị kết thúc trong năm (xã cũ năm 2025, sở hợp nhất từ 01/03/2025) được cộng mô hình nếu đã báo
  cáo nhưng không cộng thêm chỉ tiêu: xã, phường mới năm 2025 chỉ phải có {min}–{max} mô hình, không phải tổng chỉ
  tiêu của các xã cũ.
"""

# --- load and rollback ---
ERR_NAME_CODE_CONFLICT = ("Tên đơn vị và mã đơn vị không khớp: tên ghi \"{name}\", còn mã \"{code}\" là của "
                          "\"{code_unit}\". Hãy sửa tên hoặc mã cho đúng.")
WARN_DUPLICATE_MODEL = ("Dòng {row} trùng với dòng {first} của trang \"{first_sheet}\" (cùng đơn vị, năm, tên mô hình, "
                        "lĩnh vực và hình thức): mô hình chỉ được tính một lần, dòng {row} bị bỏ qua.")
WARN_DUPLICATE_COMMENDATION = ("Dòng {row} trùng với dòng {first} của trang \"{first_sheet}\" (cùng đơn vị, năm, người "
                               "được khen, hình thức khen thưởng và số quyết định): khen thưởng chỉ được tính một lần, "
                               "dòng {row} bị bỏ qua.")
ROLLBACK_ARCHIVE_DAMAGED = ("Tệp gốc đã lưu của \"{file}\" bị hỏng (mã SHA-256 không khớp với lúc tải lên) nên không "
                            "khôi phục được báo cáo trước đó. Hãy khôi phục thư mục archive từ bản sao lưu.")
ORIGINAL_DAMAGED = ("Tệp gốc đã lưu của lần tải lên này bị hỏng (mã SHA-256 không khớp với lúc tải lên) nên không "
                    "tải xuống được. Hãy khôi phục thư mục archive từ bản sao lưu.")
# --- sign-in ---
SIGNIN_FOR_PAGE = "Hãy đăng nhập để mở trang \"{page}\"."
# --- hostile files ---
# Why a file is refused before it is read: each says what is wrong and what the unit should do.
DETAIL_NOT_SPREADSHEET = "nội dung không phải bảng tính"
DETAIL_ZIP_BROKEN = "tệp nén bị hỏng hoặc không đầy đủ"
DETAIL_UNZIPPED = "dung lượng giải nén bất thường (hơn {limit_mb} MB)"
DETAIL_ENTRIES = "tệp nén chứa quá nhiều thành phần ({n}, tối đa {limit})"
DETAIL_SIZE_LIE = "kích thước khai báo của phần \"{part}\" không khớp với nội dung"
DETAIL_COMPRESSION = "phần \"{part}\" dùng cách nén hoặc mã hóa không được hỗ trợ"
DETAIL_XML = "phần \"{part}\" không phải XML hợp lệ"
DETAIL_XLSB = "định dạng Excel nhị phân (.xlsb) không được hỗ trợ"
DETAIL_OLE = "tệp Office không chứa bảng tính (có thể là tệp Word hoặc tệp khác bị đổi đuôi)"
DETAIL_XLS_BROKEN = "cấu trúc tệp .xls không hợp lệ"
ERR_XML_ENTITY = ("Tệp chứa khai báo thực thể XML (DOCTYPE/ENTITY) trong phần \"{part}\": Excel và LibreOffice không "
                  "bao giờ ghi như vậy, tệp có thể đã bị sửa để gây hại nên không được đọc. Hãy mở báo cáo gốc bằng "
                  "Excel, lưu thành tệp mới rồi gửi lại.")
ERR_PASSWORD = ("Tệp được đặt mật khẩu nên không đọc được. Hãy mở tệp bằng Excel, bỏ mật khẩu (Tệp > Thông tin > "
                "Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi gửi lại.")
ERR_BOOK_TOO_LARGE = ("Tệp có quá nhiều ô (tổng các trang hơn {limit} ô, thường do định dạng hoặc dữ liệu thừa kéo "
                      "đến cuối trang). Hãy xóa các dòng, cột, trang thừa rồi lưu lại.")
ERR_TOO_COMPLEX = ("Tệp có cấu trúc quá lớn (hơn {limit} thẻ XML) so với một báo cáo. Hãy xóa các dòng, cột, trang và "
                   "định dạng thừa rồi lưu lại.")
ERR_TOO_MUCH_TEXT = ("Tệp chứa quá nhiều chữ (hơn {limit} ký tự trong các ô, tính cả các ô lặp lại cùng một nội "
                     "dung). Hãy xóa nội dung thừa rồi lưu lại.")

# --- Phone first (dashboard/phone.py, dashboard/drill.py): the filter chips, the shared link, the drill-down ---
CHIPS_LABEL = "Đang xem"
CHIP_YEAR = "Năm {years}"
CHIP_FILTER = "{name}: {value}"
COPY_LINK = "Sao chép liên kết"
COPY_LINK_DONE = "Đã sao chép"
COPY_LINK_PROMPT = "Sao chép liên kết này:"
OPEN_FILTERS = "Bộ lọc"
DRILL_HINT = "Bấm vào thanh của một khu vực để xem danh sách đơn vị của khu vực đó."
SEE_UNITS = "Xem danh sách đơn vị"

# --- the year picker and the KPI cards over a year, a range, or an unfinished year (issue 14 §2) ---
YEAR_MODE_ONE, YEAR_MODE_RANGE = "Một năm", "Nhiều năm"
FILTER_YEAR_ONE = "Chọn năm"
FILTER_YEAR_RANGE = "Khoảng năm"
YEAR_NOT_DUE = "{year} (chưa đến hạn)"
KPI_EXPECTED_RANGE = "Lượt phải báo cáo"
KPI_SUBMITTED_RANGE = "Lượt đã báo cáo"
KPI_MET_ALL_FIELDS = "Tỷ lệ đơn vị đạt chỉ tiêu (mọi lĩnh vực)"
KPI_RANGE_HELP = "Cộng của từng năm {years}: một đơn vị tính một lượt cho mỗi năm nó phải báo cáo."
KPI_EXPECTED_HELP = "Mũi tên xám: số đơn vị phải báo cáo thay đổi theo danh sách đơn vị, không phải kết quả tốt hay xấu."
KPI_SUBMITTED_HELP = ("Tỷ lệ đã báo cáo: {now} ({before} ở kỳ so sánh). Mũi tên là thay đổi của tỷ lệ này (điểm phần "
                      "trăm), vì số đơn vị phải báo cáo có thể khác nhau giữa hai kỳ.")
KPI_SUBMITTED_HELP_ALONE = "Tỷ lệ đã báo cáo: {now} số phải báo cáo."
KPI_MET_RANGE_HELP = "Số lượt đơn vị đạt chỉ tiêu trên số lượt phải báo cáo, cộng các năm {years}."
KPI_MET_FIELD_NOTE = ("Chỉ tiêu {min}–{max} mô hình tính trên mọi lĩnh vực, nên tỷ lệ này không lọc theo lĩnh vực "
                      "\"{field}\" đang chọn.")
KPI_COMMENDATIONS_RANGE_HELP = ("Bằng khen, giấy khen các năm {years}; không tính {praise} lượt biểu dương (biểu "
                                "dương không phải hình thức khen thưởng).")
KPI_REORG_NOTE = ("Số đơn vị giảm do sắp xếp đơn vị hành chính từ {day} (xã mới, không còn cấp huyện): so sánh hai kỳ "
                  "theo tỷ lệ (điểm %), còn số đơn vị, số mô hình và khen thưởng thay đổi một phần vì số đơn vị.")
KPI_NOW_ONE = "Số liệu năm {year}."
KPI_NOW_RANGE = "Số liệu cộng dồn các năm {years} (mỗi đơn vị tính một lượt cho mỗi năm)."
KPI_NOW_OPEN = "Năm {year} chưa đến hạn báo cáo ({due}): số liệu tính đến {today}."
KPI_NOW_OPEN_ONE = "Số liệu năm {year} tính đến {today} (chưa đến hạn báo cáo {due})."
KPI_VS_YEAR = "Mũi tên là thay đổi so với năm {years}."
KPI_VS_RANGE = "Mũi tên là thay đổi so với các năm {years}."
KPI_VS_SAME_DAY = "So với cùng kỳ năm {year} (tính đến {day}: chỉ các báo cáo đã tải lên đến ngày đó)."
KPI_VS_RANGE_SAME_DAY = "So với các năm {years} (năm {year} tính đến {day}: chỉ các báo cáo đã tải lên đến ngày đó)."
KPI_VS_NONE_YEAR = "Không có số liệu năm {years} để so sánh."
KPI_VS_NONE_RANGE = "Không có đủ số liệu các năm {years} trước đó để so sánh."
KPI_FIELD_NOTE = ("Lĩnh vực \"{field}\" áp dụng cho số mô hình và khen thưởng; số đơn vị và tỷ lệ đạt chỉ tiêu tính "
                  "trên mọi lĩnh vực.")
LAST_YEAR_OF_RANGE = " (năm cuối của khoảng {years})"
# A chart of one year: the year under its title (a title with it was cut short with "…" on a phone).
CHART_YEAR = "Năm {year}"
LAST_YEAR_OF_RANGE_CHART = "Năm {year}, năm cuối của khoảng {years}"
COMMENDATIONS_CAPTION_ONE = ("Khen thưởng tập thể, cá nhân năm {year}. \"Biểu dương\" là ghi nhận, không phải hình "
                             "thức khen thưởng, được thống kê riêng.")
COMMENDATIONS_LIST_SPLIT = "Danh sách khen thưởng ({awards} lượt khen thưởng, {praise} lượt biểu dương)"
COMMENDATIONS_LIST_SPLIT_HELP = ("Thẻ \"Khen thưởng\" ở trang Tổng quan đếm {awards} lượt khen thưởng (bằng khen, "
                                 "giấy khen) và không tính {praise} lượt biểu dương; danh sách dưới đây gồm cả hai.")
KPI_DELTA_VS_SAME_DAY = "cùng kỳ {year}"  # under a card's change; short: five cards share a desktop row
KPI_DELTA_REORG = "do sắp xếp ĐVHC"

# --- Streamlit's own controls, said in Vietnamese by dashboard/style.py (CSS content; the English is hidden) ---
UI_UPLOAD_BUTTON = "Chọn tệp"
UI_UPLOAD_HINT = "Kéo thả tệp vào đây · tối đa {mb} MB mỗi tệp"
UI_NO_RESULTS = "Không tìm thấy; hãy gõ ít chữ hơn"
UI_SKIP_TO_CONTENT = "Đến nội dung chính"
UI_RUNNING = "Đang tải…"
# --- unit picker (Hồ sơ đơn vị): a unit that no longer exists points to where its history continues ---
PICK_MERGED = " → sáp nhập vào {successors} từ {date}"
PICK_SPLIT = " → chia tách vào {successors} từ {date}"
# --- empty states: what is empty, for which filters, in plain words ---
EMPTY_FOR = "Chưa có {what} {scope}. Hãy chọn năm, khu vực hoặc khối khác."
EMPTY_STAFF_HINT = " Báo cáo của các đơn vị được nạp ở trang \"Tải lên báo cáo\"."
EMPTY_SCOPE_YEAR = "năm {year}"
EMPTY_SCOPE_YEARS = "các năm {year_from}–{year_to}"
EMPTY_SCOPE_PARTS = {"district": "khu vực {}", "unit_group": "khối {}", "field": "lĩnh vực {}",
                     "old_province": "tỉnh cũ {}"}
EMPTY_UNITS = "đơn vị nào phải báo cáo"
EMPTY_EXPECTED = "đơn vị nào phải báo cáo"
EMPTY_THEMES = "mô hình nào ghi chủ đề"
EMPTY_TABLE = "Không có dòng nào."
PROFILE_NONE_TABS = ("Đơn vị không phải báo cáo năm nào trong kế hoạch.", "Đơn vị chưa báo cáo mô hình nào.",
                     "Đơn vị chưa báo cáo khen thưởng nào.", "Chưa có tệp báo cáo nào của đơn vị.")
EMPTY_MODELS = "mô hình nào được báo cáo"
EMPTY_COMMENDATIONS = "khen thưởng nào được báo cáo"
TRACKING_OWN = ("Chưa có báo cáo năm {year} của {units}: đây là Ban (hoặc đơn vị nay thuộc Ban) gửi lời nhắc, nên không "
                "có trong danh sách nhắc dưới đây; hãy tự hoàn thành báo cáo của Ban.")
HISTORY_SEARCH = "Tìm theo đơn vị, tệp hoặc người tải lên"
HISTORY_SEARCH_HINT = "Gõ có dấu hoặc không dấu: tinh hoa, dak to, Nguyễn Thị Lan…"
HISTORY_NO_MATCH = "Không có lần tải lên nào khớp với \"{text}\"."
UI_PRESS_ENTER = "Nhấn Enter để áp dụng"

# --- The reporting cycle (core/scope.py, etl/cycle.py) ---
SCOPE_ALL = "toàn tỉnh"
NOT_ALLOWED = "Tài khoản của bạn không có quyền thực hiện việc này."
STATE_NAMES = {"none": "Chưa nộp", "submitted": "Chờ duyệt", "returned": "Trả lại", "approved": "Đã duyệt",
               "locked": "Đã chốt"}
ACTION_NAMES = {"submit": "Nộp báo cáo", "approve": "Duyệt", "return": "Trả lại", "rollback": "Hoàn tác",
                "lock": "Chốt số liệu", "unlock": "Mở chốt", "period": "Đặt kỳ báo cáo"}
CYCLE_OUT_OF_SCOPE = ("Tệp có báo cáo của {unit}, ngoài phạm vi tài khoản của bạn ({scope}). "
                      "Chỉ nộp báo cáo của đơn vị mình; báo cáo của đơn vị khác do đơn vị đó nộp.")
CYCLE_LOCKED = ("Số liệu năm {year} của {unit} đã chốt, không thể thay. "
                "Nếu cần sửa, đề nghị quản trị viên mở chốt (ghi rõ lý do).")
CYCLE_APPROVED = ("Báo cáo năm {year} của {unit} đã được duyệt, không thể nộp đè. "
                  "Nếu cần sửa, đề nghị người duyệt trả lại báo cáo trước.")
CYCLE_NOT_OPEN = "Kỳ báo cáo năm {year} mở từ ngày {opens}; chưa thể nộp."
CYCLE_CLOSED = "Kỳ báo cáo năm {year} đã đóng ngày {closes}; liên hệ Ban Tuyên giáo và Dân vận để được hướng dẫn."
CYCLE_NOT_PENDING = "Báo cáo năm {year} của {unit} không ở trạng thái chờ duyệt (hiện: {state})."
CYCLE_NOTHING_TO_RETURN = "Báo cáo năm {year} của {unit} chưa nộp hoặc đã trả lại, không có gì để trả lại."
CYCLE_REASON_REQUIRED = "Cần ghi lý do."
CYCLE_REASON_TOO_LONG = "Lý do dài quá {n} ký tự; hãy viết ngắn gọn hơn."
CYCLE_PENDING_BLOCKS_LOCK = ("Còn {n} báo cáo chờ duyệt trong phạm vi chốt ({where}). "
                             "Hãy duyệt hoặc trả lại trước khi chốt.")
CYCLE_ALREADY_LOCKED = "Năm {year} ({where}) đã chốt trước đó."
CYCLE_NOT_LOCKED = "Năm {year} ({where}) chưa chốt."
CYCLE_WHOLE_YEAR = "cả năm"
CYCLE_PERIOD_ORDER = "Ngày mở kỳ, hạn nộp và ngày đóng kỳ phải theo thứ tự: mở ≤ hạn nộp ≤ đóng."
CYCLE_AUTO_APPROVED = "nạp khi chưa bật duyệt báo cáo"
CYCLE_ROLLBACK_LOCKED = "Lần tải lên này có số liệu đã chốt ({unit}, năm {year}); mở chốt trước khi hoàn tác."

# --- Issue 13, part b: the unit's page (Báo cáo của đơn vị) and the review queue (Duyệt báo cáo) ---
MY_UNKNOWN_UNIT = ("Mã đơn vị \"{code}\" của tài khoản không có trong danh mục đơn vị. Hãy báo quản trị viên kiểm tra lại "
                   "tài khoản.")
MY_YEAR = "Năm báo cáo"
MY_UNIT = "{unit} (mã {code})"
MY_STATE = "Trạng thái báo cáo năm {year}: **{state}**"
MY_RETURNED = "Báo cáo bị trả lại. Lý do: {reason}. Hãy sửa theo yêu cầu rồi nộp lại."
MY_LOCKED = "Số liệu năm {year} đã chốt: không nộp thêm hay sửa được nữa."
MY_DUE = "Hạn nộp: **{due}** · {timeliness}"
MY_NOT_SUBMITTED = "chưa nộp"
MY_ON_TIME = "nộp đúng hạn (lần đầu ngày {day})"
MY_LATE = "nộp trễ hạn (lần đầu ngày {day})"
MY_APPROVAL_OFF = "Hiện chưa bật duyệt báo cáo: báo cáo nộp xong được áp dụng ngay vào số liệu chung."
MY_TEMPLATE = "Tải biểu mẫu năm {year} đã ghi sẵn đơn vị"
MY_TEMPLATE_HELP = ("Biểu mẫu đã ghi tên, mã đơn vị và năm ở trang \"Thông tin\", và liệt kê các mô hình của năm trước "
                    "với hình thức \"Duy trì\": giữ dòng của mô hình đơn vị còn duy trì, xóa dòng không còn, thêm các mô "
                    "hình xây dựng mới, nhân rộng và khen thưởng của năm.")
MY_UPLOAD_LABEL = "Chọn hoặc kéo thả tệp báo cáo của đơn vị"
MY_ERROR_REPORT = "Tải tệp báo lỗi (các ô cần sửa được tô màu)"
MY_SUBMIT = "Nộp báo cáo"
MY_SUBMITTED = "Đã nộp báo cáo. Báo cáo đang chờ duyệt; kết quả duyệt sẽ hiện ở trang này."
MY_SUBMITTED_APPLIED = "Đã nộp báo cáo; số liệu đã được áp dụng."
MY_REFUSED = "Báo cáo chưa được nộp: {reasons}"
MY_YEARS_TITLE = "Các năm báo cáo của đơn vị"
MY_YEAR_COLUMNS = {"year": "Năm", "unit": "Đơn vị", "state": "Trạng thái", "reason": "Lý do trả lại",
                   "due": "Hạn nộp", "timeliness": "Thời hạn"}
REVIEW_SCOPE = "Phạm vi duyệt của bạn: {scope}."
REVIEW_ALL_YEARS = "Tất cả các năm"
REVIEW_TAB_PENDING = "Chờ duyệt ({n})"
REVIEW_TAB_APPROVED = "Đã duyệt ({n})"
REVIEW_EMPTY = "Không có báo cáo nào chờ duyệt trong phạm vi của bạn."
REVIEW_HOW = ("Mở \"Xem chi tiết\" để xem số liệu, thay đổi so với lần nộp trước và năm trước, rồi duyệt hoặc trả lại. "
              "Đánh dấu nhiều báo cáo không có cảnh báo để duyệt cùng lúc.")
REVIEW_HEADLINE = "**{unit}** ({district}) · năm {year} · {models} mô hình, {commendations} khen thưởng"
REVIEW_HEADLINE_WARNED = " · :orange[{n} cảnh báo]"
REVIEW_HEADLINE_UNREAD = " · :orange[không đọc lại được tệp gốc]"
REVIEW_NOT_CLEAN = "Báo cáo có cảnh báo (hoặc không đọc lại được tệp): hãy mở chi tiết, xem rồi duyệt riêng."
REVIEW_DETAILS = "Xem chi tiết"
REVIEW_SUBMITTED = "Tệp {file}, nộp lúc {at}, người nộp: {by}."
REVIEW_TABS = ["Số liệu", "So với lần nộp trước", "So với năm trước", "Cảnh báo"]
REVIEW_MODELS = "**Mô hình, điển hình** ({n})"
REVIEW_COMMENDATIONS = "**Khen thưởng** ({n})"
REVIEW_MODELS_WORD = "Mô hình"
REVIEW_COMMENDATIONS_WORD = "Khen thưởng"
REVIEW_NO_WARNINGS = "Tệp không có cảnh báo nào."
REVIEW_FILE_MISSING = "Không còn tệp gốc {file} trong kho lưu trữ: không kiểm tra lại được cảnh báo và thay đổi của tệp."
REVIEW_FILE_DAMAGED = "Tệp gốc {file} trong kho lưu trữ đã bị hỏng (không khớp SHA-256): không kiểm tra lại được."
REVIEW_FILE_CHANGED = ("Tệp {file} nay không còn đọc được như lúc nạp (danh mục đơn vị đã thay đổi): hãy xem kỹ số liệu "
                       "trước khi duyệt.")
REVIEW_NO_PREVIOUS = "Đây là lần nộp đầu tiên báo cáo năm {year} của đơn vị: không có lần nộp trước để so sánh."
REVIEW_PREVIOUS = "So với lần nộp trước: tệp {file}, nộp lúc {at}."
REVIEW_NO_LAST_YEAR = "Đơn vị không có báo cáo năm {year} để so sánh."
REVIEW_LAST_YEAR = "So với báo cáo năm {year} của đơn vị."
REVIEW_DIFF = "{what}: {before} → {now} (thêm {added}, bỏ {removed}, sửa {changed})."
REVIEW_COUNTS = "{what}: {before} → {now}."
REVIEW_CHANGES = {"added": "Thêm", "removed": "Bỏ", "changed": "Sửa"}
REVIEW_CHANGE_COLUMNS = {"change": "Thay đổi", "name": "Mô hình, khen thưởng", "details": "Chi tiết"}
REVIEW_AWARD_NAME = "{recipient} ({award})"
REVIEW_FIELD_CHANGE = "{field}: {before} → {after}"
REVIEW_APPROVE = "Duyệt"
REVIEW_APPROVE_SELECTED = "Duyệt các báo cáo đã chọn ({n})"
REVIEW_RETURN = "Trả lại"
REVIEW_REASON = "Lý do trả lại (đơn vị sẽ thấy)"
REVIEW_REASON_HINT = "Ví dụ: Mô hình thứ 2 thiếu lĩnh vực; đề nghị bổ sung quyết định khen thưởng…"
REVIEW_APPROVED = "Đã duyệt {n} báo cáo."
REVIEW_RETURNED = "Đã trả lại báo cáo năm {year} của {unit}; đơn vị sẽ thấy lý do ở trang của mình."
REVIEW_APPROVED_HOW = "Các báo cáo đã duyệt, chưa chốt, trong phạm vi của bạn. Trả lại một báo cáo để đơn vị sửa và nộp lại."
REVIEW_NONE_APPROVED = "Không có báo cáo đã duyệt (chưa chốt) nào trong phạm vi của bạn."
REVIEW_REOPEN_PICK = "Báo cáo cần trả lại"
REVIEW_REOPEN_LABEL = "{unit} ({code}) · năm {year}"
REVIEW_REOPEN = "Trả lại báo cáo đã duyệt"

# --- Accounts (issue 13, part a: core/auth.py, etl/accounts.py, the Tài khoản and Đổi mật khẩu pages) ---
ACCOUNT_UNKNOWN_ROLE = "Không có vai trò \"{role}\". Các vai trò: admin, reviewer, staff, unit."
ACCOUNT_UNIT_SCOPE = "Tài khoản đơn vị phải gắn với đúng một đơn vị (một mã đơn vị), không kèm khu vực hay khối."
ACCOUNT_ADMIN_SCOPE = "Quản trị viên có phạm vi toàn tỉnh: hãy bỏ khu vực, khối và đơn vị."
ACCOUNT_BAD_USERNAME = ("Tên đăng nhập gồm 2–64 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới "
                        "hoặc @, bắt đầu bằng chữ hoặc số (ví dụ: lan.nguyen).")
ACCOUNT_EXISTS = "Đã có tài khoản \"{user}\". Hãy chọn tên đăng nhập khác, hoặc đặt lại mật khẩu của tài khoản đó."
ACCOUNT_UNKNOWN = "Không có tài khoản \"{user}\"."
ACCOUNT_SELF_DISABLE = "Bạn không thể tự khóa tài khoản của chính mình; nếu cần, hãy nhờ một quản trị viên khác."
ACCOUNT_SELF_DEMOTE = ("Bạn không thể tự bỏ vai trò quản trị của chính mình; nếu cần, hãy nhờ một quản trị viên "
                       "khác.")
ACCOUNT_PASSWORD_MISMATCH = "Hai lần nhập mật khẩu mới không khớp. Hãy nhập lại."
ACCOUNT_PASSWORD_SHORT = "Mật khẩu mới phải có ít nhất {n} ký tự."
ACCOUNT_PASSWORD_SAME = "Mật khẩu mới phải khác mật khẩu cũ."
ACCOUNT_OLD_PASSWORD_WRONG = "Mật khẩu hiện tại không đúng. Hãy nhập lại (mật khẩu dùng một lần nếu vừa được cấp)."
ACCOUNT_SCOPE_UNKNOWN = "Không có {name} \"{value}\" trong cơ sở dữ liệu. Gần giống: {known}."
ACCOUNT_UNIT_UNKNOWN = "Không có mã đơn vị \"{code}\" trong danh mục. Gần giống: {known}."
ACCOUNT_UNIT_INACTIVE = ("Đơn vị {unit} không còn hoạt động (đã sáp nhập hoặc giải thể): tài khoản đơn vị chỉ cấp cho "
                         "đơn vị đang hoạt động.")
UNIT_ACCOUNTS_SHEET = "Tài khoản đơn vị"
UNIT_ACCOUNTS_TITLE = ("Tài khoản đơn vị và mật khẩu dùng một lần ({n} tài khoản, lập ngày {date}). Giao riêng cho "
                       "từng đơn vị; đơn vị phải đổi mật khẩu ở lần đăng nhập đầu.")
UNIT_ACCOUNTS_COLUMNS = ["STT", "Đơn vị", "Mã", "Khu vực", "Khối", "Tên đăng nhập", "Mật khẩu dùng một lần"]
CLI_USER_HELP = ("tạo tài khoản hoặc đổi mật khẩu (nhập từ bàn phím), vai trò, phạm vi; khóa hoặc mở khóa tài "
                 "khoản")
CLI_USER_CHANGED = "Đã cập nhật tài khoản {user}: vai trò {role}, phạm vi {scope}."
CLI_USER_DISABLED = "Đã khóa tài khoản {user}; mọi phiên đăng nhập của tài khoản đã kết thúc."
CLI_USER_ENABLED = "Đã mở khóa tài khoản {user}."
CLI_USER_KEEP_NEW = "Chưa có tài khoản {user}; tài khoản mới cần mật khẩu, hãy bỏ --keep-password."
CLI_UNIT_ACCOUNTS_HELP = ("tạo tài khoản cho mọi đơn vị đang hoạt động chưa có tài khoản; ghi mật khẩu dùng một lần "
                          "vào tệp .xlsx")
CLI_UNIT_ACCOUNTS_EXISTS = "Tệp {path} đã có; hãy chọn tên khác (tệp cũ có thể đang giữ mật khẩu chưa giao)."
CLI_UNIT_ACCOUNTS_DONE = ("Đã tạo {n} tài khoản đơn vị. Mật khẩu dùng một lần chỉ có trong {path}: giao riêng cho "
                          "từng đơn vị rồi xóa tệp.")
CLI_UNIT_ACCOUNTS_NONE = "Mọi đơn vị đang hoạt động đã có tài khoản; không ghi tệp."
ACCOUNT_SCOPE_DISTRICT = "khu vực"
ACCOUNT_SCOPE_GROUP = "khối"
ACCOUNT_STATES = {False: "Đang dùng", True: "Đã khóa"}
ACCOUNT_MUST_CHANGE = {False: "Không", True: "Có"}
ACCOUNT_COLUMNS = ["Tên đăng nhập", "Tên hiển thị", "Vai trò", "Phạm vi", "Trạng thái", "Phải đổi mật khẩu"]
PAGE_PASSWORD = "Đổi mật khẩu"
PASSWORD_TITLE = "Đổi mật khẩu"
PASSWORD_MUST_CHANGE = ("Chào {name}. Bạn đang dùng mật khẩu dùng một lần do quản trị viên cấp: hãy đặt mật khẩu của "
                        "riêng mình trước khi dùng các chức năng khác.")
PASSWORD_HELP = "Đổi mật khẩu sẽ đăng xuất tài khoản của bạn ở mọi trình duyệt khác."
PASSWORD_CHANGE_FIRST = "Hãy đổi mật khẩu dùng một lần ở trang \"Đổi mật khẩu\" trước."
PASSWORD_OLD = "Mật khẩu hiện tại"
PASSWORD_OLD_ONE_TIME = "Mật khẩu dùng một lần (do quản trị viên cấp)"
PASSWORD_NEW = "Mật khẩu mới (ít nhất {n} ký tự)"
PASSWORD_AGAIN = "Nhập lại mật khẩu mới"
PASSWORD_BUTTON = "Đổi mật khẩu"
PASSWORD_DONE = "Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã kết thúc."
ACCOUNTS_TITLE = "Quản lý tài khoản"
ACCOUNTS_SEARCH = "Tìm tài khoản"
ACCOUNTS_SEARCH_HINT = "Gõ có dấu hoặc không dấu: tên đăng nhập, tên, vai trò, phạm vi…"
ACCOUNTS_NO_MATCH = "Không có tài khoản nào khớp với \"{text}\"."
ACCOUNTS_COUNT = "{shown} trên {n} tài khoản."
ACCOUNT_ACTIONS = "Khóa, đặt lại mật khẩu, đổi vai trò và phạm vi"
ACCOUNT_PICK = "Tài khoản"
ACCOUNT_PICK_HINT = "Chọn hoặc gõ để tìm một tài khoản"
ACCOUNT_DISABLE = "Khóa tài khoản"
ACCOUNT_ENABLE = "Mở khóa tài khoản"
ACCOUNT_RESET = "Đặt lại mật khẩu"
ACCOUNT_RESET_HELP = ("Cấp mật khẩu dùng một lần mới; tài khoản bị đăng xuất ở mọi nơi và phải đổi mật khẩu khi đăng "
                      "nhập lại.")
ACCOUNT_DISABLED = "Đã khóa tài khoản {user}; mọi phiên đăng nhập của tài khoản đã kết thúc."
ACCOUNT_ENABLED = "Đã mở khóa tài khoản {user}."
ACCOUNT_SAVE = "Lưu vai trò, phạm vi và tên"
ACCOUNT_SAVED = "Đã lưu thay đổi của tài khoản {user}."
ACCOUNT_UNCHANGED = "Tài khoản {user} không có gì thay đổi."
ACCOUNT_CREATE = "Tạo tài khoản"
ACCOUNT_USERNAME = "Tên đăng nhập"
ACCOUNT_USERNAME_HELP = "Chữ thường không dấu, chữ số, dấu chấm, gạch ngang; ví dụ: lan.nguyen"
ACCOUNT_DISPLAY_NAME = "Tên hiển thị"
ACCOUNT_ROLE = "Vai trò"
ACCOUNT_CREATE_BUTTON = "Tạo tài khoản"
ACCOUNT_ADMIN_WHOLE = "Quản trị viên làm việc trên toàn tỉnh."
ACCOUNT_PICK_UNIT = "Đơn vị của tài khoản"
ACCOUNT_PICK_UNIT_HINT = "Gõ để tìm theo tên hoặc mã đơn vị"
ACCOUNT_PICK_DISTRICTS = "Khu vực trong phạm vi"
ACCOUNT_PICK_GROUPS = "Khối trong phạm vi"
ACCOUNT_PICK_UNITS = "Đơn vị trong phạm vi"
ACCOUNT_PICK_NONE = "Không chọn"
ACCOUNT_PICK_UNITS_HINT = "Gõ để tìm theo tên hoặc mã đơn vị"
ACCOUNT_SCOPE_HELP = ("Phạm vi gồm mọi đơn vị của các khu vực, các khối và các đơn vị đã chọn; không chọn gì là toàn "
                      "tỉnh.")
ONE_TIME_SHOWN = ("Mật khẩu dùng một lần của {user}, chỉ hiện một lần này: hãy giao riêng cho người dùng (gặp trực "
                  "tiếp hoặc gọi điện), không gửi vào nhóm chung. Người dùng phải đổi mật khẩu ở lần đăng nhập đầu.")
UNIT_ACCOUNTS_HEADING = "Tài khoản đơn vị hàng loạt"
UNIT_ACCOUNTS_HELP = ("{n} trên {total} đơn vị đang hoạt động chưa có tài khoản. Mỗi đơn vị được một tài khoản, tên "
                      "đăng nhập là mã đơn vị, mật khẩu dùng một lần chỉ có trong tệp Excel tải về.")
UNIT_ACCOUNTS_BUTTON = "Tạo tài khoản cho các đơn vị chưa có"
UNIT_ACCOUNTS_MAKING = "Đang tạo {n} tài khoản…"
UNIT_ACCOUNTS_READY = ("Đã tạo {n} tài khoản đơn vị. Hãy tải tệp mật khẩu dùng một lần ngay: tệp chỉ giữ trong phiên "
                       "làm việc này và không hiện lại trên màn hình. Giao riêng cho từng đơn vị rồi xóa tệp.")
UNIT_ACCOUNTS_DOWNLOAD = "Tải tệp mật khẩu dùng một lần (.xlsx)"
UNIT_ACCOUNTS_FORGET = "Đã tải xong, xóa tệp khỏi phiên làm việc"
UNIT_ACCOUNTS_NONE = "Mọi đơn vị đang hoạt động đã có tài khoản."

# --- Issue 13, part c: the cycle page (kỳ báo cáo, chốt số liệu), the audit page, the approved figures, timeliness ---
FILTER_FIGURES = "Số liệu"
FIGURES_LABELS = {"approved": "Chỉ số liệu đã duyệt", "all": "Tất cả số liệu đã nộp"}
FILTER_FIGURES_HELP = ("Chỉ số liệu đã duyệt: chỉ tính các báo cáo người duyệt đã duyệt. Tất cả số liệu đã nộp: tính cả "
                       "báo cáo đang chờ duyệt và báo cáo bị trả lại để sửa.")
KPI_PENDING_LEFT_OUT = ":material/pending_actions: {n} báo cáo chờ duyệt (chưa tính)"
KPI_PENDING_COUNTED = ":material/pending_actions: {n} báo cáo chờ duyệt (đã tính)"
KPI_PENDING_HELP = ("Báo cáo của các năm, khu vực, khối đang chọn đã nộp nhưng chưa được duyệt. Ở thanh bên, \"Tất cả số "
                    "liệu đã nộp\" tính cả các báo cáo này; \"Chỉ số liệu đã duyệt\" thì chưa.")
TRACKING_ALL_SUBMITTED = "Trang này tính mọi báo cáo đã nộp, kể cả báo cáo đang chờ duyệt."
ON_TIME_LINE = (":material/schedule: Nộp đúng hạn năm {year} (hạn {due}): {rate}, {on_time}/{expected} đơn vị; "
                "{late} nộp muộn, {not_submitted} chưa nộp.")
ON_TIME_HELP = ("Đúng hạn: lần nộp đầu tiên của báo cáo (không tính lần đã hoàn tác) vào hoặc trước ngày hạn nộp; muộn: "
                "sau ngày đó. Hạn nộp do quản trị viên đặt cho từng năm, nếu chưa đặt là ngày {day} của năm. Tính theo "
                "các đơn vị phải báo cáo của năm (địa giới khi báo cáo), gồm cả báo cáo đang chờ duyệt.")
ON_TIME_TITLE = "Nộp đúng hạn năm {year} (hạn nộp {due})"
ON_TIME_SUMMARY = "{on_time}/{expected} đơn vị nộp đúng hạn ({rate}); {late} nộp muộn; {not_submitted} chưa nộp."
LATE_TITLE = "Đơn vị nộp muộn ({n})"
LATE_NONE = "Không có đơn vị nào nộp báo cáo năm {year} sau hạn."
LATE_NOTE = "Lần nộp đầu tiên sau hạn nộp. Các đơn vị này đã nộp nên không có trong danh sách nhắc ở trên."
COLUMN_LABELS.update({
    "due": "Hạn nộp", "first_upload": "Lần nộp đầu", "days_late": "Số ngày muộn", "on_time": "Đúng hạn",
    "late": "Nộp muộn", "not_submitted": "Chưa nộp", "on_time_rate": "Tỷ lệ đúng hạn (%)", "pending": "Chờ duyệt",
    "returned": "Trả lại", "approved": "Đã duyệt", "locked": "Chốt số liệu"})
AUDIT_CAPTION = ("Mọi lần nộp, duyệt, trả lại, hoàn tác, chốt, mở chốt, đặt kỳ báo cáo, đăng nhập và thay đổi tài khoản: "
                 "ai, lúc nào, việc gì, vì sao. Nhật ký chỉ được ghi thêm, không bao giờ sửa hay xóa.")
AUDIT_EMPTY = "Nhật ký chưa có sự kiện nào."
AUDIT_COLUMNS = {"happened_at": "Thời gian", "person": "Người thực hiện", "event": "Việc", "unit": "Đơn vị",
                 "code": "Mã", "year": "Năm báo cáo", "district": "Khu vực (huyện cũ)", "file_name": "Tệp",
                 "state": "Trạng thái sau đó", "note": "Lý do, chi tiết", "client": "Truy cập từ"}
ACCOUNT_EVENT_NAMES = {"signin": "Đăng nhập", "signin_failed": "Đăng nhập không thành công",
                       "lockout": "Tạm khóa đăng nhập", "signout": "Đăng xuất", "account_saved": "Lưu tài khoản",
                       "backup_restored": "Khôi phục bản sao lưu", "account_created": "Tạo tài khoản",
                       "account_disabled": "Khóa tài khoản", "account_enabled": "Mở khóa tài khoản",
                       "password_reset": "Đặt lại mật khẩu", "password_changed": "Đổi mật khẩu",
                       "role_changed": "Đổi vai trò", "scope_changed": "Đổi phạm vi",
                       "name_changed": "Đổi tên hiển thị"}
AUDIT_WHOLE_YEAR = "Cả năm"
AUDIT_COMMAND_LINE = "dòng lệnh trên máy chủ"
AUDIT_DETAIL_LOCKED = "đang tạm khóa, còn {s} giây"
AUDIT_DETAIL_LOCKOUT = "tạm khóa {s} giây"
AUDIT_DETAIL_RESTORED = "{path}: {n} dòng"
AUDIT_YEAR = "Năm báo cáo"
AUDIT_ALL_YEARS = "Tất cả các năm"
AUDIT_YEAR_HELP = ("Năm của báo cáo được nộp, duyệt, chốt… Việc đăng nhập và tài khoản không gắn với năm nào nên không "
                   "hiện khi chọn một năm.")
AUDIT_KINDS = "Loại việc"
AUDIT_KINDS_ALL = "Tất cả các việc"
AUDIT_PERSON = "Người thực hiện"
AUDIT_ALL_PEOPLE = "Tất cả mọi người"
AUDIT_SEARCH = "Tìm trong nhật ký"
AUDIT_SEARCH_HINT = "Gõ có dấu hoặc không dấu: tinh hoa, tra lai, Nguyễn Thị Lan…"
AUDIT_NO_MATCH = "Không có sự kiện nào khớp với các điều kiện đã chọn."
AUDIT_COUNT = "{n} sự kiện, mới nhất trước."
CYCLE_PICK_YEAR = "Năm báo cáo"
CYCLE_PERIOD_TITLE = "Kỳ báo cáo năm {year}"
CYCLE_PERIOD_SET = "Đã đặt: mở kỳ {opens} · hạn nộp {due} · đóng kỳ {closes} (người đặt: {by}, lúc {at})."
CYCLE_PERIOD_DEFAULT = "Chưa đặt kỳ báo cáo năm {year}: hạn nộp mặc định {due}; đơn vị tự nộp lúc nào cũng được."
CYCLE_OPENS = "Mở kỳ"
CYCLE_DUE = "Hạn nộp"
CYCLE_CLOSES = "Đóng kỳ"
CYCLE_PERIOD_HELP = ("Đơn vị tự nộp được từ ngày mở kỳ đến ngày đóng kỳ (để trống: không giới hạn). Hạn nộp dùng để tính "
                     "nộp đúng hạn hay muộn.")
CYCLE_SAVE_PERIOD = "Lưu kỳ báo cáo"
CYCLE_DUE_REQUIRED = "Cần chọn hạn nộp."
CYCLE_PERIOD_SAVED = "Đã lưu kỳ báo cáo năm {year}."
CYCLE_STATES_TITLE = "Tình hình báo cáo năm {year} theo khu vực"
CYCLE_STATES_EMPTY = "Năm {year} chưa có đơn vị nào phải báo cáo."
CYCLE_LOCK_STATES = {True: "Đã chốt", False: "Chưa chốt"}
CYCLE_LOCK_TITLE = "Chốt số liệu"
CYCLE_WHERE = "Phạm vi chốt"
CYCLE_WHOLE_YEAR_OPTION = "Cả năm (toàn tỉnh)"
CYCLE_LOCK_NOTE = ("Khi đã chốt, báo cáo trong phạm vi này không thể nộp thay, hoàn tác, duyệt hay trả lại cho đến khi "
                   "mở chốt. Chỉ chốt được khi không còn báo cáo chờ duyệt.")
CYCLE_LOCK_BUTTON = "Chốt số liệu"
CYCLE_LOCK_DONE = "Đã chốt số liệu năm {year} ({where})."
CYCLE_LOCKED_BY = "Số liệu năm {year} ({where}) đã chốt (người chốt: {by}, lúc {at})."
CYCLE_UNLOCK_REASON = "Lý do mở chốt (bắt buộc)"
CYCLE_UNLOCK_BUTTON = "Mở chốt"
CYCLE_UNLOCK_DONE = "Đã mở chốt số liệu năm {year} ({where})."

# --- Part d: what a first look at the reporting cycle found (audit's account events, a multiselect, unit page) ---
# An account change in the audit record, said as who did what to which account (dashboard/audit_log.py).
AUDIT_ON_ACCOUNT = "tài khoản {account}"
AUDIT_NOTE_CREATED = "tài khoản {account}: vai trò {role}, phạm vi {scope}"
AUDIT_NOTE_BULK = "tài khoản {account}: vai trò {role}, tạo hàng loạt, phạm vi {scope}"
AUDIT_NOTE_SAVED = "tài khoản {account}: {what}, vai trò {role}{scope}"
AUDIT_NOTE_SCOPE = ", phạm vi {scope}"
AUDIT_NOTE_CHANGED = "tài khoản {account}: {was} → {now}"
AUDIT_SAVED_WHAT = {"created": "tạo mới", "password changed": "đặt mật khẩu mới"}
# A multiselect's first option (dashboard/style.py): Streamlit writes "Select all", or "Select 3 matches" while filtering.
UI_SELECT_ALL = "Chọn tất cả"
UI_SELECT_MATCHES = "Chọn mọi mục khớp"
# The unit's page once its year's report is approved (approval on): no uploader, and why.
MY_APPROVED_NO_UPLOAD = ("Báo cáo năm {year} đã được duyệt. Nếu cần sửa, đề nghị người duyệt trả lại báo cáo; khi đó "
                         "đơn vị nộp lại được ở trang này.")
