"""Inspection of an .xlsx, .xlsm or .ods: a zip of XML parts, walked in one bounded pass before calamine parses it.

Every part is inflated once, its real bytes counted under a cap whatever sizes the archive declares, and parsed as
XML when it is XML, by an expat that never expands an entity nor fetches anything. Cells are placed as calamine
places them, so the rows × columns it would allocate, and the text it would build (shared strings at every cell
using them, .ods repeats expanded), are known before it runs. The same pass finds the cells holding an Excel error
(calamine reads them as empty) and the cells written in a TCVN3/VNI font.
"""
import io
import re
import struct
import zipfile
import zlib
from pathlib import PurePath
from xml.parsers import expat

from core import formats, texts
from core.vntext import legacy_encoding
from etl.inspect_limits import (
    MAX_BOOK_CELLS,
    MAX_CELLS,
    MAX_EDIT_CELLS,
    MAX_ELEMENTS,
    MAX_ENTRIES,
    MAX_TEXT,
    Contents,
    FileProblem,
    Totals,
    Unsafe,
    not_excel,
)

ZIP_MAGIC = b"PK\x03\x04"
ODS_ROWS, ODS_COLUMNS = 1_048_576, 16_384  # calamine caps .ods repeats at these
_CHUNK = 1 << 16

_FIRST = ("manifest.xml", "styles.xml", "sharedstrings.xml")  # read before the sheets that refer to them
_SHEET_MARKERS = tuple(m.encode(enc) for m in ("sheetData", "table-row") for enc in ("utf-8", "utf-16-le"))


class Book:
    """One pass over every part of a zip: each inflated once, under a cap, and parsed as XML when it is XML."""

    def __init__(self, data: bytes):
        self.data, self.totals = data, Totals()
        self.fonts: list[str] = []  # font names of the styles part, by index
        self.xf_fonts: list[int] = []  # font index of each cell format (the `s` of a cell)
        self.legacy: dict[int, str] = {}  # cell format → legacy font name
        self.strings: list[int] = []  # characters of each shared string
        self.sheets: dict[str, list[tuple[str, str]]] = {}  # workbook part → [(sheet name, relationship id)]
        self.rels: dict[str, dict[str, tuple[str, str]]] = {}  # rels part → {id: (target, type)}
        self.parts: dict[str, _Part] = {}
        self.edit = 0
        self.tables = 0

    def inspect(self) -> Contents:
        archive = _open_zip(self.data)
        names = {_key(i.filename) for i in archive.infolist()}
        if names & {"xl/workbook.bin", "xl/_rels/workbook.bin.rels"}:
            raise FileProblem(not_excel(texts.DETAIL_XLSB))
        for info in sorted(archive.infolist(), key=lambda i: PurePath(_key(i.filename)).name not in _FIRST):
            self.scan(info)
        if not self.sheets and not self.tables:
            raise FileProblem(not_excel(texts.DETAIL_NOT_SPREADSHEET))
        return self._contents()

    def scan(self, info: zipfile.ZipInfo) -> None:
        part = _Part(info.filename, self)
        for chunk in _inflate(self.data, info, self.totals):
            part.feed(chunk)
        part.close()
        self.parts[part.name] = part

    def _contents(self) -> Contents:
        contents = Contents(editable=bool(self.sheets) and self.edit <= MAX_EDIT_CELLS)
        for sheet, path in _sheet_parts(self.sheets, self.rels).items():
            if part := self.parts.get(path):
                contents.errors[sheet], contents.fonts[sheet] = part.errors, part.fonts
        for part in self.parts.values():  # .ods: the tables of content.xml, by name
            contents.merges.update(part.merges)
        return contents

    def styles_done(self) -> None:
        self.legacy = {i: self.fonts[f] for i, f in enumerate(self.xf_fonts)
                       if 0 <= f < len(self.fonts) and legacy_encoding(self.fonts[f])}

    def string_length(self, text: str) -> int:
        index = int(text) if text.strip().isdigit() else -1
        return self.strings[index] if 0 <= index < len(self.strings) else 0


def sheet_names(data: bytes) -> list[str]:
    """The sheet names an .xlsx lists, from its workbook part alone (cheap, bounded); [] for anything else."""
    try:
        book, archive = Book(data), _open_zip(data)
        for info in archive.infolist():
            if _key(info.filename).endswith("workbook.xml"):
                book.scan(info)
    except FileProblem:
        return []
    return [name for listed in book.sheets.values() for name, _ in listed]


def _key(name: str) -> str:
    """A part's name as calamine looks it up: case-insensitive, with forward slashes."""
    return name.replace("\\", "/").lower()


def _open_zip(data: bytes) -> zipfile.ZipFile:
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    declared = int.from_bytes(data[end + 10:end + 12], "little") if end >= 0 else 0
    if declared > MAX_ENTRIES and declared != 0xFFFF:  # counted before zipfile builds an object per entry
        raise FileProblem(not_excel(texts.DETAIL_ENTRIES.format(n=declared, limit=MAX_ENTRIES)))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, struct.error) as exc:
        raise FileProblem(not_excel(texts.DETAIL_ZIP_BROKEN)) from exc
    if len(archive.infolist()) > MAX_ENTRIES:
        raise FileProblem(not_excel(texts.DETAIL_ENTRIES.format(n=len(archive.infolist()), limit=MAX_ENTRIES)))
    return archive


def _inflate(data: bytes, info: zipfile.ZipInfo, totals: Totals):
    """The part's bytes as its compressed data really inflate, whatever sizes the archive declares."""
    raw = _compressed(data, info)
    if info.compress_type == zipfile.ZIP_STORED:
        chunks = (raw[i:i + _CHUNK] for i in range(0, len(raw), _CHUNK))
    else:
        chunks = _deflate_chunks(raw)
    size = crc = 0
    for chunk in chunks:
        totals.add_inflated(len(chunk))
        size, crc = size + len(chunk), zlib.crc32(chunk, crc)
        yield chunk
    if size != info.file_size or crc != info.CRC:  # calamine's zip reader would trust the declared size
        raise FileProblem(not_excel(texts.DETAIL_SIZE_LIE.format(part=info.filename[:80])))


def _compressed(data: bytes, info: zipfile.ZipInfo) -> bytes:
    unsupported = info.flag_bits & 1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
    if unsupported:  # encrypted, or compressed in a way Excel never uses
        raise FileProblem(not_excel(texts.DETAIL_COMPRESSION.format(part=info.filename[:80])))
    start = info.header_offset
    if start < 0 or data[start:start + 4] != ZIP_MAGIC or start + 30 > len(data):
        raise FileProblem(not_excel(texts.DETAIL_ZIP_BROKEN))
    name_len, extra_len = struct.unpack_from("<HH", data, start + 26)
    start += 30 + name_len + extra_len
    if start + info.compress_size > len(data):
        raise FileProblem(not_excel(texts.DETAIL_ZIP_BROKEN))
    return data[start:start + info.compress_size]


def _deflate_chunks(raw: bytes):
    inflater, pending = zlib.decompressobj(-15), raw
    try:
        while True:
            chunk = inflater.decompress(pending, _CHUNK)  # never more than a chunk at once: no bomb in memory
            pending = inflater.unconsumed_tail
            if not chunk:
                break
            yield chunk
    except zlib.error as exc:
        raise FileProblem(not_excel(texts.DETAIL_ZIP_BROKEN)) from exc
    if not inflater.eof:
        raise FileProblem(not_excel(texts.DETAIL_ZIP_BROKEN))


def _sheet_parts(sheets: dict, rels: dict) -> dict[str, str]:
    """Sheet name → part name, resolved as calamine does: from the package's officeDocument relationship."""
    document = next((t for t, typ in rels.get("_rels/.rels", {}).values() if typ.endswith("/officeDocument")),
                    "xl/workbook.xml").lstrip("/")
    folder = document.rpartition("/")[0] + "/" if "/" in document else ""
    targets = rels.get(_key(f"{folder}_rels/workbook.xml.rels"), {})
    found = {}
    for name, rel_id in sheets.get(_key(f"{folder}workbook.xml"), []):
        target = targets.get(rel_id, ("", ""))[0]
        found[name] = _key(target[1:] if target.startswith("/") else folder + target)
    return found


_ODS_EMPTY = {"table:style-name", "table:number-columns-repeated", "table:number-columns-spanned",
              "table:number-rows-spanned", "table:content-validation-name", "table:protect", "table:protected",
              "xml:id"}  # attributes an empty .ods cell carries; any other may give it a value
_CONTROLS = bytes(set(range(32)) - {9, 10, 13})
_CONTROL = bytes.maketrans(_CONTROLS, b" " * len(_CONTROLS))  # expat refuses control characters calamine accepts
_CELL_REF = re.compile(r"([A-Za-z]*)([0-9]+)")
_CONTAINERS = ("sheetData", "fonts", "cellXfs")  # elements whose children mean something only inside them


_NOT_XML = (expat.ExpatError, LookupError, ValueError)  # malformed, or declaring an encoding expat cannot read



class _Part:
    """One zip part streamed through expat. Cells are placed as calamine places them, so the rows × columns it
    would allocate are known before it runs: a cell with `r` goes there, one without follows the previous cell,
    a row without `r` follows the previous row; a cell counts only when it has a value (a child element)."""

    def __init__(self, label: str, book: Book):
        self.name, self.label, self.book, self.elements, self.broken = _key(label), label[:80], book, 0, False
        self.budget = MAX_ELEMENTS - book.totals.elements
        self.errors, self.fonts, self.merges = {}, {}, {}
        self.parser = _safe_parser(self._start, self._end)
        self.inside: set[str] = set()  # the containers open: sheetData, fonts, cellXfs
        self.row = self.col = self.max_row = self.max_col = 0
        self.cell, self.closer, self.child, self.chars, self.kept, self.valued = None, None, False, 0, [], False
        self.sst_index, self.edit, self.text, self.tail, self.wide = 0, 0, 0, b"", None
        self.table_name = ""
        self._new_table()
        self.starts = {"row": self._row, "c": self._c, "v": self._v, "table": self._table,
                       "table-row": self._table_row, "table-cell": self._table_cell,
                       "covered-table-cell": self._table_cell, "styleSheet": self._style_sheet, "font": self._font,
                       "name": self._font_name, "xf": self._xf, "sst": self._sst, "si": self._si, "sheet": self._sheet,
                       "Relationship": self._relationship, "mergeCell": self._area, "hyperlink": self._area,
                       "col": self._col, "encryption-data": self._encrypted}
        self.ends = {"row": self._row_end, "c": self._c_end, "table": self._table_end,
                     "table-row": self._table_row_end, "table-cell": self._table_cell_end,
                     "covered-table-cell": self._table_cell_end, "styleSheet": self.book.styles_done,
                     "si": self._si_end}
        for name in _CONTAINERS:
            self.starts[name] = lambda attrs, name=name: self.inside.add(name)
            self.ends[name] = lambda name=name: self.inside.discard(name)

    def feed(self, chunk: bytes) -> None:
        if self.wide is None:  # UTF-16 (with its byte order mark) is full of bytes that look like controls
            self.wide = chunk.startswith((b"\xff\xfe", b"\xfe\xff"))
        if not self.broken:
            try:
                self.parser.Parse(chunk if self.wide else chunk.translate(_CONTROL), False)
            except _NOT_XML:
                self.broken = True
            except Unsafe as exc:
                self._refuse_unsafe(exc)
        if self.broken:  # not XML: harmless unless calamine could still read a sheet out of it
            if any(marker in self.tail + chunk for marker in _SHEET_MARKERS):
                raise FileProblem(not_excel(texts.DETAIL_XML.format(part=self.label)))
            self.tail = chunk[-32:]

    def close(self) -> None:
        if not self.broken:
            self._finish()
        if self.broken and self.name.endswith((".xml", ".rels")):  # a part every reader parses must be XML
            raise FileProblem(not_excel(texts.DETAIL_XML.format(part=self.label)))
        totals = self.book.totals
        totals.elements += self.elements
        self.book.edit += self.edit
        totals.add_sheet((self.max_row + 1) * (self.max_col + 1) if self.valued else 0)
        self._table_end()
        totals.add_text(self.text)

    def _finish(self) -> None:
        try:
            self.parser.Parse(b"", True)
        except _NOT_XML:
            self.broken = True
        except Unsafe as exc:
            self._refuse_unsafe(exc)

    def _refuse_unsafe(self, exc: Unsafe):
        if self.name.endswith((".xml", ".rels")):
            raise FileProblem(texts.ERR_XML_ENTITY.format(part=self.label)) from exc
        self.broken = True  # an image (SVG) with a DTD: nobody parses it as a sheet unless it says sheetData

    def _start(self, name: str, attrs: dict) -> None:
        self.elements += 1
        if self.elements > self.budget:
            raise FileProblem(texts.ERR_TOO_COMPLEX.format(limit=formats.number(MAX_ELEMENTS)))
        if self.cell is not None:
            self.child = True
        handler = self.starts.get(name) or self.starts.get(name[name.find(":") + 1:])
        if handler is not None:
            handler(attrs)

    def _end(self, name: str) -> None:
        handler = self.ends.get(name) or self.ends.get(name[name.find(":") + 1:])
        if handler is not None:
            handler()

    def _text(self, data: str) -> None:
        self.chars += len(data)
        if self.kept is not None:
            self.kept.append(data)

    def _open_cell(self, cell, closer, keep: bool = False) -> None:
        if self.cell is not None:
            self.closer()  # a cell inside a cell: the outer one has a child, so a value, and ends here
        self.cell, self.closer, self.child, self.chars = cell, closer, False, 0
        self.kept = [] if keep else None
        self.parser.CharacterDataHandler = self._text

    def _close_cell(self):
        cell, self.cell = self.cell, None
        self.parser.CharacterDataHandler = None
        return cell

    # .xlsx worksheets
    def _v(self, attrs) -> None:
        if self.kept is not None:
            self.kept = []  # the cached value comes after the formula; only the value is wanted

    def _row(self, attrs) -> None:
        self.edit += 1  # openpyxl keeps a row object
        row = _row_number(attrs.get("r"))
        if row is not None and "sheetData" in self.inside:
            self.row = row

    def _row_end(self) -> None:
        if "sheetData" in self.inside:
            self.row, self.col = self.row + 1, 0

    def _c(self, attrs) -> None:
        self.edit += 1
        if "sheetData" not in self.inside:
            return
        ref = attrs.get("r")
        position = _cell_position(ref) if ref else None
        if position is None:
            position = (self.row, self.col)
        self.col = position[1]
        kind = attrs.get("t")
        self._open_cell((position, kind, attrs.get("s")), self._c_end, keep=kind == "s" or kind == "e")

    def _c_end(self) -> None:
        if self.cell.__class__ is not tuple:
            return
        (row, col), kind, style = self._close_cell()
        self.col += 1
        if not self.child:
            return
        self.valued, self.text = True, self.text + self.chars
        if row > self.max_row:
            self.max_row = row
        if col > self.max_col:
            self.max_col = col
        if kind or style:
            self._special(row, col, kind, style)

    def _special(self, row: int, col: int, kind: str | None, style: str | None) -> None:
        """A shared string (copied into the cell), an error value, or a cell in a legacy font."""
        if kind == "s":
            self.text += self.book.string_length("".join(self.kept))
        elif kind == "e":
            self.errors[(row, col)] = "".join(self.kept).strip()
        if self.book.legacy and (font := self.book.legacy.get(int(style) if style and style.isdigit() else 0)):
            self.fonts[(row, col)] = font
        if self.text > MAX_TEXT:
            self.book.totals.add_text(self.text)

    # .ods tables: repeats are expanded as calamine expands them (capped like it), trailing empty ones dropped
    def _new_table(self) -> None:
        self.rows_done = self.rows_valued = self.table_cols = self.table_pushed = 0
        self.row_repeat = self.pushed = self.pending = self.row_valued = self.row_text = 0
        self.repeat = 1

    def _table(self, attrs) -> None:
        self._table_end()  # a table inside a table ends calamine's read of the outer one
        self.book.tables += 1
        self.table_name = attrs.get("table:name", "")

    def _table_end(self) -> None:
        self.book.totals.add_sheet(max(self.rows_valued * self.table_cols, self.table_pushed))
        self._new_table()

    def _table_row(self, attrs) -> None:
        repeat = _count(attrs.get("table:number-rows-repeated"))
        self.row_repeat = min(repeat, max(0, ODS_ROWS - self.rows_done))
        self.pushed = self.pending = self.row_valued = self.row_text = 0

    def _table_row_end(self) -> None:
        self._table_cell_end()
        if self.row_valued and self.row_repeat:
            self.rows_valued = self.rows_done + self.row_repeat
            self.table_cols = max(self.table_cols, self.row_valued)
        self.table_pushed += self.pushed  # calamine keeps every row element's cells, even past the row cap
        self.text += self.row_text * (self.row_repeat + 1)
        self.rows_done += self.row_repeat
        cells = max(self.rows_valued * self.table_cols, self.table_pushed)
        if cells > MAX_CELLS:  # refused now rather than after the rest of the table
            self.book.totals.add_sheet(cells)
        if self.text > MAX_TEXT:
            self.book.totals.add_text(self.text)

    def _table_cell(self, attrs) -> None:
        self._merged_range(attrs)
        self.repeat = _count(attrs.get("table:number-columns-repeated"))
        self._open_cell("ods", self._table_cell_end)
        self.child = any(k not in _ODS_EMPTY for k in attrs)  # a value in an attribute (number, date, formula)
        self.chars = sum(len(v) for k, v in attrs.items() if k.endswith(("string-value", "formula")))

    def _table_cell_end(self) -> None:
        if self.cell != "ods":
            return
        self._close_cell()
        self.pushed += min(self.pending, ODS_COLUMNS - self.pushed)  # empty cells before a value are kept
        self.pending = 0
        repeat = min(self.repeat, ODS_COLUMNS - self.pushed)
        if not self.child:
            self.pending = repeat
        elif repeat:
            self.pushed += repeat
            self.row_valued, self.row_text = self.pushed, self.row_text + self.chars * repeat

    def _merged_range(self, attrs) -> None:
        """A cell spanning others (.ods writes the span on its first cell; the rest are covered cells)."""
        rows, cols = (_count(attrs.get(f"table:number-{kind}-spanned")) for kind in ("rows", "columns"))
        if rows > 1 or cols > 1:
            row, col = self.rows_done, self.pushed + self.pending  # the empty cells before it are still pending
            self.merges.setdefault(self.table_name, []).append(((row, col), (row + rows - 1, col + cols - 1)))

    # styles: which cell formats use a TCVN3/VNI font
    def _style_sheet(self, attrs) -> None:
        self.book.fonts, self.book.xf_fonts = [], []

    def _font(self, attrs) -> None:
        if "fonts" in self.inside:
            self.book.fonts.append("")

    def _font_name(self, attrs) -> None:
        if "fonts" in self.inside and self.book.fonts:
            self.book.fonts[-1] = attrs.get("val", "")

    def _xf(self, attrs) -> None:
        if "cellXfs" in self.inside:
            self.book.xf_fonts.append(_count(attrs.get("fontId"), 0))

    # shared strings: calamine reserves `uniqueCount` strings, and copies a string into every cell using it
    def _sst(self, attrs) -> None:
        if _count(attrs.get("uniqueCount"), 0) > MAX_BOOK_CELLS:
            raise FileProblem(texts.ERR_BOOK_TOO_LARGE.format(limit=formats.number(MAX_BOOK_CELLS)))
        self.sst_index = 0

    def _si(self, attrs) -> None:
        self._open_cell("si", self._si_end)

    def _si_end(self) -> None:
        if self.cell != "si":
            return
        self._close_cell()
        strings, index = self.book.strings, self.sst_index
        if index >= MAX_BOOK_CELLS:
            raise FileProblem(texts.ERR_BOOK_TOO_LARGE.format(limit=formats.number(MAX_BOOK_CELLS)))
        if index < len(strings):  # a second strings part: keep the longer, whichever calamine reads
            strings[index] = max(strings[index], self.chars)
        else:
            strings.append(self.chars)
        self.sst_index += 1

    # the workbook, its relationships, and what openpyxl would expand
    def _sheet(self, attrs) -> None:
        rel_id = next((v for k, v in attrs.items() if k.rpartition(":")[2] == "id"), "")
        self.book.sheets.setdefault(self.name, []).append((attrs.get("name", ""), rel_id))

    def _relationship(self, attrs) -> None:
        self.book.rels.setdefault(self.name, {})[attrs.get("Id", "")] = (attrs.get("Target", ""),
                                                                         attrs.get("Type", ""))

    def _area(self, attrs) -> None:
        self.edit += sum(_area(ref) for ref in attrs.get("ref", "").split())

    def _col(self, attrs) -> None:
        self.edit += 1

    def _encrypted(self, attrs) -> None:
        raise FileProblem(texts.ERR_PASSWORD)


def _safe_parser(start, end):
    """expat that never expands an entity nor fetches anything: a DTD with an internal subset or an external
    entity raises Unsafe (Office files have neither; billion laughs and XXE need one)."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def doctype(name, system_id, public_id, has_internal_subset):
        if has_internal_subset:
            raise Unsafe(name)

    def entity(*args):
        raise Unsafe(str(args[:1]))

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ExternalEntityRefHandler = entity
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.buffer_text = True
    return parser


def _count(value: str | None, default: int = 1) -> int:
    return int(value) if value and value.strip().isdigit() else default


def _row_number(ref: str | None) -> int | None:
    """Zero-based row of an `r` (letters ignored), as calamine reads it; None where calamine would fail."""
    match = _CELL_REF.fullmatch(ref or "")
    return int(match[2]) - 1 if match and int(match[2]) > 0 else None


_COLUMNS: dict[str, int] = {}  # column letters → zero-based number, as met


def _cell_position(ref: str) -> tuple[int, int] | None:
    """Zero-based (row, column) of a reference like "B7", as calamine reads it; None where calamine fails."""
    letters = ref.rstrip("0123456789")
    column = _COLUMNS.get(letters)
    if column is None:
        if not letters.isascii() or not letters.isalpha():
            return None
        column = 0
        for letter in letters.upper():
            column = column * 26 + ord(letter) - 64
        column -= 1
        if len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = column
    row = ref[len(letters):]
    return (int(row) - 1, column) if row and row != "0" * len(row) else None


def _area(ref: str) -> int:
    """Cells in a range like "A1:C3" (a merged or linked range openpyxl fills cell by cell)."""
    corners = [_cell_position(p.replace("$", "")) if p else None for p in ref.split(":")]
    if None in corners:
        return MAX_EDIT_CELLS + 1  # unreadable: too risky to give to openpyxl
    (r1, c1), (r2, c2) = corners[0], corners[-1]
    return (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)
