"""Inspection of an .xls: BIFF records in a stream of an OLE compound file, walked once before calamine parses it.

Just enough of [MS-CFB] to find the Workbook stream, every sector chain bounded; then its records are checked as
calamine will read them: the cells each sheet would place, the dimensions it declares (calamine reserves them up
front), the text it would build (shared strings copied into every cell), and a password. The same walk finds the
text cells written in a TCVN3/VNI/VietWare font (BIFF8: FONT → XF → the cell's XF index), as `inspect_zip` does
for an .xlsx: most files of the TCVN3 years are .xls.
"""
import struct
from dataclasses import dataclass, field

from core import formats, texts
from core.vntext import legacy_encoding
from etl.inspect_limits import MAX_CELLS, Contents, FileProblem, Totals, Unsafe, not_excel

OLE_MAGIC = b"\xd0\xcf\x11\xe0"

_END_OF_CHAIN = 0xFFFFFFFA  # sector numbers from here on are markers, not sectors
_CELL_RECORDS = {0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x00BD, 0x00D6, 0x00FD, 0x0203, 0x0204, 0x0205, 0x0206,
                 0x027E, 0x0406}  # records calamine turns into a cell (BIFF2–8)
_TEXT_RECORDS = {0x0204: 6, 0x00D6: 6, 0x0207: 0}  # record → offset of its character count
_TEXT_CELLS = {0x00FD, 0x0204, 0x00D6, 0x0006}  # LABELSST, LABEL, RSTRING, FORMULA: cells that can hold text
_BIFF8 = 0x0600  # the BOF version of Excel 97–2003; font names are read from BIFF8 only


def inspect_ole(data: bytes) -> Contents:
    cfb = _Cfb(data)
    if {"EncryptedPackage", "EncryptionInfo"} & set(cfb.streams):  # an .xlsx saved with a password
        raise FileProblem(texts.ERR_PASSWORD)
    name = next((n for n in ("Workbook", "Book") if n in cfb.streams), None)
    if name is None:
        raise FileProblem(not_excel(texts.DETAIL_OLE))
    return _Biff(cfb.read(name)).check(Totals())


class _Cfb:
    """Just enough of [MS-CFB] to list an OLE file's streams and read one; every chain is bounded."""

    def __init__(self, data: bytes):
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 30) if len(data) >= 512 else (0, 0)
        if shift not in (9, 12) or mini_shift != 6:
            raise FileProblem(not_excel(texts.DETAIL_XLS_BROKEN))
        self.size = 1 << shift
        self.fat = self._table(self._fat_sectors())
        header = struct.unpack_from("<IIIII", data, 48)  # directory start, -, mini cutoff, mini FAT start, -
        entries = self.chain_bytes(header[0], self.fat, self.size)
        self.streams = {}
        for at in range(0, len(entries) - 127, 128):
            length, kind = struct.unpack_from("<HB", entries, at + 64)
            start, size = struct.unpack_from("<IQ", entries, at + 116)
            name = entries[at:at + max(0, min(length, 64) - 2)].decode("utf-16-le", "replace")
            self.streams.setdefault(name, (kind, start, size & (0xFFFFFFFF if shift == 9 else -1)))
        self.cutoff, root = header[2], self.streams.get("Root Entry", (5, _END_OF_CHAIN, 0))
        self.mini = self.chain_bytes(root[1], self.fat, self.size)[:root[2]]
        self.mini_fat = self._table(self.chain(header[3], self.fat))

    def sector(self, number: int) -> bytes:
        start = (number + 1) * self.size
        if start + self.size > len(self.data):
            raise FileProblem(not_excel(texts.DETAIL_XLS_BROKEN))
        return self.data[start:start + self.size]

    def _fat_sectors(self) -> list[int]:
        count = struct.unpack_from("<I", self.data, 44)[0]
        difat, difat_count = struct.unpack_from("<II", self.data, 68)
        numbers = list(struct.unpack_from("<109I", self.data, 76))
        for _ in range(min(difat_count, len(self.data) // self.size)):
            if difat >= _END_OF_CHAIN:
                break
            *more, difat = struct.unpack(f"<{self.size // 4}I", self.sector(difat))
            numbers += more
        return [n for n in numbers if n < _END_OF_CHAIN][:max(count, 1)]

    def _table(self, sectors: list[int]) -> list[int]:
        raw = b"".join(self.sector(n) for n in sectors)
        return list(struct.unpack(f"<{len(raw) // 4}I", raw))

    def chain(self, start: int, table: list[int]) -> list[int]:
        numbers = []
        while start < _END_OF_CHAIN:
            if start >= len(table) or len(numbers) > len(table):  # out of the table, or a loop
                raise FileProblem(not_excel(texts.DETAIL_XLS_BROKEN))
            numbers.append(start)
            start = table[start]
        return numbers

    def chain_bytes(self, start: int, table: list[int], sector_size: int) -> bytes:
        if sector_size == self.size:
            return b"".join(self.sector(n) for n in self.chain(start, table))
        return b"".join(self.mini[n * 64:n * 64 + 64] for n in self.chain(start, table))

    def read(self, name: str) -> bytes:
        kind, start, size = self.streams[name]
        small = size < self.cutoff
        data = self.chain_bytes(start, self.mini_fat if small else self.fat, 64 if small else self.size)
        return data[:size]


@dataclass
class _Segment:
    """One sheet's records (a BOF to its EOF): the cells calamine would place, the text it would build."""
    rows: int = 0
    cols: int = 0
    text: int = 0
    fonts: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → legacy font name

    def add_cell(self, kind: int, data: bytes) -> None:
        if len(data) < 4:
            return  # calamine refuses the record
        row, col = struct.unpack_from("<HH", data)
        if kind == 0x00BD:  # MULRK: one record, a run of cells
            col = max(col + (len(data) - 6) // 6 - 1, struct.unpack_from("<H", data, len(data) - 2)[0])
        self.rows, self.cols = max(self.rows, row + 1), max(self.cols, col + 1)


class _Biff:
    """The records of a Workbook stream, walked once and checked as calamine will read them."""

    def __init__(self, stream: bytes):
        self.stream, self.strings, self.sheets, self.segments = stream, [], [], {}
        self.current, self.depth, self.sst = _Segment(), 0, None
        self.names: dict[int, str] = {}  # sheet position → its name
        self.styles = _Styles()

    def check(self, totals: Totals) -> Contents:
        for at, kind, data in self._records():
            self._record(at, kind, data)
        contents = Contents()
        for position in self.sheets or list(self.segments):  # without a sheet list (BIFF2–4): every segment
            segment = self.segments.get(position)
            if segment is None:  # a sheet that does not start at a record: calamine would read anything there
                raise FileProblem(not_excel(texts.DETAIL_XLS_BROKEN))
            totals.add_sheet(segment.rows * segment.cols)
            totals.add_text(segment.text)
            if segment.fonts and position in self.names:
                contents.fonts[self.names[position]] = segment.fonts
        return contents

    def _records(self):
        at = 0
        while at + 4 <= len(self.stream):
            kind, size = struct.unpack_from("<HH", self.stream, at)
            yield at, kind, self.stream[at + 4:at + 4 + size]
            at += 4 + size

    def _record(self, at: int, kind: int, data: bytes) -> None:
        if self.sst is not None and kind != 0x003C:
            self.strings, self.sst = _sst_lengths(self.sst), None
        if kind == 0x0809:  # BOF: a sheet (or a chart inside one) starts
            if self.depth == 0:
                self.styles.begin(data, first=not self.segments)
                self.current = self.segments[at] = _Segment()
            self.depth += 1
        elif kind == 0x000A:
            self.depth = max(0, self.depth - 1)
        elif kind == 0x002F:  # FILEPASS
            raise FileProblem(texts.ERR_PASSWORD)
        elif kind == 0x0085 and len(data) >= 4:  # BOUNDSHEET: where a sheet's records start, and its name
            self.sheets.append(struct.unpack_from("<I", data)[0])
            if self.styles.biff8 and (name := _short_string(data, 6)) is not None:
                self.names[self.sheets[-1]] = name
        elif kind in (0x0031, 0x00E0):  # FONT, XF
            self.styles.add(kind, data)
        elif kind == 0x00FC:
            self.sst = [data]
        elif kind == 0x003C and self.sst is not None:
            self.sst.append(data)
        elif kind == 0x0200:
            _check_dimensions(data)
        self._cell(kind, data)

    def _cell(self, kind: int, data: bytes) -> None:
        if kind in _CELL_RECORDS:
            self.current.add_cell(kind, data)
            self.current.text += 4 * len(data) if kind in (0x0006, 0x0206, 0x0406) else 0  # formula text
        if kind in _TEXT_CELLS and len(data) >= 6 and self.styles.legacy:
            row, col, xf = struct.unpack_from("<HHH", data)
            if font := self.styles.legacy.get(xf):
                self.current.fonts[(row, col)] = font
        if kind in _TEXT_RECORDS and len(data) >= _TEXT_RECORDS[kind] + 2:
            self.current.text += struct.unpack_from("<H", data, _TEXT_RECORDS[kind])[0]
        elif kind == 0x00FD and len(data) >= 10:  # LABELSST: the shared string is copied into the cell
            index = struct.unpack_from("<I", data, 6)[0]
            self.current.text += self.strings[index] if index < len(self.strings) else 0


class _Styles:
    """BIFF8 fonts and cell formats (XF), in the workbook globals: which cell format writes in a legacy font."""

    def __init__(self):
        self.biff8 = self.done = False
        self.fonts: list[str] = []  # FONT records in order; the font index 4 is never written
        self.xf_fonts: list[int] = []  # font index of each XF
        self.legacy: dict[int, str] = {}  # XF index → legacy font name, once the globals are read

    def begin(self, bof: bytes, first: bool) -> None:
        """A BOF at the top level: the first is the globals' (its version tells BIFF8), the next ends them."""
        if first:
            self.biff8 = len(bof) >= 2 and struct.unpack_from("<H", bof)[0] == _BIFF8
        elif not self.done:
            self.done = True
            self.legacy = {xf: name for xf, index in enumerate(self.xf_fonts)
                           if (name := self.font(index)) and legacy_encoding(name)}

    def add(self, kind: int, data: bytes) -> None:
        if not self.biff8 or self.done:
            return
        if kind == 0x0031:
            self.fonts.append(_short_string(data, 14) or "")
        elif len(data) >= 2:
            self.xf_fonts.append(struct.unpack_from("<H", data)[0])

    def font(self, index: int) -> str:
        at = index if index < 4 else index - 1  # [MS-XLS] 2.5.129: font index 4 is skipped
        return self.fonts[at] if at < len(self.fonts) else ""


def _short_string(data: bytes, at: int) -> str | None:
    """A BIFF8 ShortXLUnicodeString at `at` (a count of characters, a flag byte, the characters); None if cut short."""
    if at + 2 > len(data):
        return None
    count, wide = data[at], data[at + 1] & 1
    raw = data[at + 2:at + 2 + count * (2 if wide else 1)]
    if len(raw) < count * (2 if wide else 1):
        return None
    return raw.decode("utf-16-le", "replace") if wide else raw.decode("latin-1")


def _check_dimensions(data: bytes) -> None:
    """calamine reserves the declared rows × columns of a sheet up front (u32 arithmetic that wraps)."""
    if len(data) not in (10, 14):
        return
    first, last, col_first, col_last = struct.unpack_from("<IIHH" if len(data) == 14 else "<HHHH", data)
    if col_first > 0xFF or col_last < col_first:
        col_first = 0
    if last >= 1 and col_last >= 1:
        rows, cols = (last - first) & 0xFFFFFFFF, (col_last - col_first) & 0xFFFFFFFF
        if rows * cols > MAX_CELLS:
            raise FileProblem(texts.ERR_SHEET_TOO_LARGE.format(limit=formats.number(MAX_CELLS)))


class _Continued:
    """Bytes of a record and its CONTINUE records, read on across them as calamine reads an SST."""

    def __init__(self, chunks: list[bytes], at: int):
        self.chunks, self.index, self.at = chunks, 0, at

    def more(self) -> bool:
        while self.index < len(self.chunks) and self.at >= len(self.chunks[self.index]):
            self.index, self.at = self.index + 1, 0
        return self.index < len(self.chunks)

    def header(self, fmt: str) -> tuple:
        chunk = self.chunks[self.index]
        if self.at + struct.calcsize(fmt) > len(chunk):
            raise Unsafe("short")  # calamine stops here too
        values, self.at = struct.unpack_from(fmt, chunk, self.at), self.at + struct.calcsize(fmt)
        return values

    def characters(self, count: int, wide: bool) -> None:
        while count > 0:
            chunk = self.chunks[self.index]
            taken = min(count, (len(chunk) - self.at) // (2 if wide else 1))
            self.at, count = self.at + taken * (2 if wide else 1), count - taken
            if count and not self._next():
                return
            if count:  # characters that run on: the next record says how wide they are
                wide, self.at = bool(self.chunks[self.index][0] & 1), 1

    def skip(self, size: int) -> None:
        while size > 0 and self.more():
            taken = min(size, len(self.chunks[self.index]) - self.at)
            self.at, size = self.at + taken, size - taken

    def _next(self) -> bool:
        self.index, self.at = self.index + 1, 0
        return self.index < len(self.chunks) and len(self.chunks[self.index]) > 0


def _sst_lengths(chunks: list[bytes]) -> list[int]:
    """Characters of every string of an SST record ([MS-XLS] 2.4.265)."""
    reader, lengths = _Continued(chunks, 8), []
    try:
        while reader.more():
            count, flags = reader.header("<HB")
            runs = reader.header("<H")[0] if flags & 8 else 0
            extra = reader.header("<i")[0] if flags & 4 else 0
            reader.characters(count, bool(flags & 1))
            reader.skip(4 * runs + max(extra, 0))
            lengths.append(count)
    except Unsafe:
        pass
    return lengths
