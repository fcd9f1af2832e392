"""Reading and writing the spreadsheets of the customer import.

The file type is told from the content, never from the name alone, and every
refusal is a translated ``UserError`` that names what to fix.
"""
import codecs
import csv
import functools
import io
import re
import zipfile

import openpyxl
import xlrd
import xlsxwriter
from lxml import etree
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from odoo.exceptions import UserError

MAX_FILE_SIZE = 20 * 1024 * 1024
MAX_ROWS = 100_000
# Columns read from an .xlsx: a cell further right is refused, not padded to.
MAX_COLUMNS = 1000
# An .xlsx is a zip: refuse one that unpacks to far more than any real sheet.
MAX_UNPACKED_SIZE = 400 * 1024 * 1024

XLSX, XLS, CSV = "xlsx", "xls", "csv"
XLSX_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
XLSX_VALUE = f"{XLSX_NS}v"
XLSX_TEXT = f"{XLSX_NS}t"
XLSX_INLINE_STRING = f"{XLSX_NS}is"
XLSX_FORMULA = f"{XLSX_NS}f"
RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XLSX_MAX_CELL_LENGTH = 32_767
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A note in brackets ("手机（必填）"), a "*" or a colon in a column title.
TITLE_NOTE = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]|[*:：]")
ZIP_MAGIC = b"PK\x03\x04"


def comparison_key(text):
    """Comparison form of a name: case and spacing do not matter."""
    return " ".join(str(text).split()).casefold()


def title_key(title):
    """Comparison form of a column title, without its "*", colon or note in brackets."""
    return comparison_key(TITLE_NOTE.sub("", title))


def column_titles(columns, synonyms):
    """{comparison form of a title: column key} of ``columns`` ((key,
    Chinese title, English title, required)) and their ``synonyms`` ({key:
    other titles})."""
    by_title = {}
    for key, chinese, english, _required in columns:
        for title in (key, chinese, english, f"{chinese} / {english}", f"{chinese}/{english}", *synonyms.get(key, ())):
            by_title[title_key(title)] = key
    return by_title


def column_of(title, by_title):
    """The column key a title names, whole or by one of its parts around a
    slash ("客户名称 / Customer Name"), or None."""
    normalized = title_key(title)
    return by_title.get(normalized) or next(
        (by_title[part] for part in map(comparison_key, re.split(r"[/／]", normalized)) if part in by_title), None
    )


def match_columns(env, header, columns, by_title):
    """{column key: index in the row} from the titles of the first row; of
    two columns with the same key, the first is read. A required column
    missing is a UserError."""
    indexes = {}
    for index, title in enumerate(header):
        key = column_of(title, by_title)
        if key and key not in indexes:
            indexes[key] = index
    missing = [f"{chinese} / {english}" for key, chinese, english, required in columns
               if required and key not in indexes]
    if missing:
        raise UserError(env._(
            "The column %(columns)s is missing. Download the template to see the expected columns.",
            columns=", ".join(missing),
        ))
    return indexes


def detect_kind(env, content, filename):
    """The kind of spreadsheet ``content`` is, checked against ``filename``."""
    extension = filename.rsplit(".", 1)[-1].lower() if filename and "." in filename else ""
    if extension not in (XLSX, XLS, CSV):
        raise UserError(env._("Only .xlsx, .xls and .csv files can be imported, not “%(name)s”.", name=filename or ""))
    if content.startswith(ZIP_MAGIC):
        kind = XLSX
    elif content.startswith(OLE2_MAGIC):
        kind = XLS
    elif b"\x00" in content[:4096]:
        raise UserError(env._("“%(name)s” is not a spreadsheet: its content is binary data of another kind.", name=filename))
    else:
        kind = CSV
    if kind != extension:
        raise UserError(env._(
            "“%(name)s” is named as a .%(extension)s file but its content is a .%(kind)s file. "
            "Save it again as .%(extension)s, or rename it.",
            name=filename, extension=extension, kind=kind,
        ))
    return kind


def read_rows(env, content, filename, empty_message=None):
    """Header and data rows of the first sheet of a spreadsheet.

    Returns ``(header, rows)``: ``header`` a list of strings, ``rows`` a list
    of ``(row_number, values)`` where values are strings (empty for blank
    cells) and row numbers are those the user sees in the spreadsheet.
    Blank rows are dropped. A sheet without data rows is refused with
    ``empty_message``, if given.
    """
    if not content:
        raise UserError(env._("The file is empty."))
    if len(content) > MAX_FILE_SIZE:
        raise UserError(env._(
            "The file is %(size).1f MB; at most %(limit)d MB can be imported at once. Split it into several files.",
            size=len(content) / 1024 / 1024, limit=MAX_FILE_SIZE // 1024 // 1024,
        ))
    kind = detect_kind(env, content, filename)
    reader = {XLSX: _read_xlsx, XLS: _read_xls, CSV: _read_csv}[kind]
    # The readers yield their rows: blank ones are dropped and the rows
    # counted as they come, never all held first.
    table = reader(env, content, filename)
    header, rows = None, []
    for row_number, values in table:
        values = [_cell_text(value) for value in values]
        if not any(values):
            continue
        if header is None:
            header = values
            continue
        rows.append((row_number, values[:len(header)]))
        if len(rows) > MAX_ROWS:
            raise UserError(env._(
                "The file has more than %(limit)s rows; import at most %(limit)s at once.", limit=f"{MAX_ROWS:,}",
            ))
    if header is None or not rows:
        raise UserError(empty_message or env._(
            "The sheet is empty: put the column titles in the first row and one customer a row below."))
    width = len(header)
    return header, [(number, (values + [""] * width)[:width]) for number, values in rows]


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _corrupt(env, filename):
    return UserError(env._(
        "“%(name)s” cannot be read: the file is damaged or not really a spreadsheet. "
        "Open it in Excel or WPS, save it again and retry.",
        name=filename,
    ))


def _read_xlsx(env, content, filename):
    """Rows of the first sheet, read straight from the sheet's XML with lxml:
    about ten times faster than openpyxl on large sheets."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_SIZE:
            raise UserError(env._("“%(name)s” unpacks to an abnormally large size and is refused.", name=filename))
        sheet_xml = archive.read(_first_sheet_path(archive))
        if b"<mergeCell " in sheet_xml:
            raise UserError(env._("The sheet has merged cells. Unmerge them (one value a cell) and import again."))
        shared = _shared_strings(archive)
        count = 0
        for _event, row in etree.iterparse(io.BytesIO(sheet_xml), tag=f"{XLSX_NS}row", huge_tree=True,
                                           resolve_entities=False, no_network=True):
            values = []
            for cell in row.iterchildren(f"{XLSX_NS}c"):
                reference = cell.get("r")
                if reference:
                    index = _column_index(reference)
                    if index >= MAX_COLUMNS:
                        raise UserError(env._(
                            "Cell %(cell)s is beyond the %(count)s columns a sheet may have here: delete the "
                            "columns right of your data and import again.", cell=reference[:20], count=MAX_COLUMNS))
                    values.extend([None] * (index - len(values)))
                values.append(_xlsx_value(env, cell, shared))
            count += 1
            yield int(row.get("r") or count), values
            row.clear()
    except UserError:
        raise
    except Exception as error:
        raise _corrupt(env, filename) from error


def _first_sheet_path(archive):
    workbook = etree.fromstring(archive.read("xl/workbook.xml"))
    first = workbook.find(f"{XLSX_NS}sheets/{XLSX_NS}sheet")
    relation_id = first.get(f"{{{RELATIONSHIPS_NS}}}id")
    relations = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next(rel.get("Target") for rel in relations if rel.get("Id") == relation_id)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _shared_strings(archive):
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = []
    for _event, item in etree.iterparse(archive.open("xl/sharedStrings.xml"), tag=f"{XLSX_NS}si", huge_tree=True,
                                        resolve_entities=False, no_network=True):
        strings.append(_text_of(item))
        item.clear()
    return strings


def _text_of(element):
    """Text of a string item, without its phonetic guides."""
    if len(element) == 1 and element[0].tag == XLSX_TEXT:
        return element[0].text or ""
    return "".join(
        text.text or "" for text in element.iter(f"{XLSX_NS}t")
        if text.getparent().tag != f"{XLSX_NS}rPh"
    )


@functools.lru_cache(maxsize=1024)
def _column_number(letters):
    index = 0
    for char in letters:
        index = index * 26 + ord(char.upper()) - 64
    return index - 1


def _column_index(reference):
    """Index of a cell reference's column, from 0: "C7" → 2."""
    return _column_number(reference.rstrip("0123456789"))


def _xlsx_value(env, cell, shared):
    value = inline = None
    for child in cell:
        if child.tag == XLSX_VALUE:
            value = child.text
        elif child.tag == XLSX_INLINE_STRING:
            inline = child
        elif child.tag == XLSX_FORMULA:
            raise UserError(env._(
                "Cell %(cell)s holds a formula. Copy the sheet and paste it as values only, then import again.",
                cell=cell.get("r"),
            ))
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return _text_of(inline) if inline is not None else None
    if value is None or kind == "e":
        return None
    if kind == "s":
        return shared[int(value)]
    if kind == "b":
        return value == "1"
    if kind == "n":
        number = float(value)
        return int(number) if number.is_integer() else number
    return value


def _read_xls(env, content, filename):
    try:
        book = xlrd.open_workbook(file_contents=content, formatting_info=True)
        sheet = book.sheet_by_index(0)
    except Exception as error:
        raise _corrupt(env, filename) from error
    if sheet.merged_cells:
        raise UserError(env._("The sheet has merged cells. Unmerge them (one value a cell) and import again."))
    for index in range(sheet.nrows):
        values = []
        for cell in sheet.row(index):
            if cell.ctype == xlrd.XL_CELL_DATE:
                values.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode).date().isoformat())
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                values.append("")
            else:
                values.append(cell.value)
        yield index + 1, values


def _read_csv(env, content, filename):
    text = None
    if content.startswith(codecs.BOM_UTF8):
        text = content[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    else:
        for encoding in ("utf-8", "gb18030"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        raise UserError(env._("“%(name)s” is neither UTF-8 nor GBK text. Save it again as CSV (UTF-8).", name=filename))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        yield from enumerate(csv.reader(io.StringIO(text), dialect), start=1)
    except csv.Error as error:
        raise _corrupt(env, filename) from error


def write_xlsx(header, rows):
    """An .xlsx file (bytes) with a bold header row and the given rows.

    Every string is written as text, never as a formula: a customer named
    ``=cmd|' /C calc'!A0`` stays that name in Excel and WPS.
    """
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    bold = openpyxl.styles.Font(bold=True)
    header_cells = []
    for title in header:
        cell = _write_only_cell(sheet, title)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_write_only_cell(sheet, value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def set_cell(cell, value):
    """Put ``value`` into an openpyxl ``cell``, a string as text (never a
    formula), and return the cell."""
    if isinstance(value, str):
        cell.value = xlsx_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def xlsx_text(value):
    """``value`` as a cell can hold it: without the control characters XML
    forbids, and within Excel's 32,767 characters a cell."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_MAX_CELL_LENGTH]


def _write_only_cell(sheet, value):
    return set_cell(openpyxl.cell.WriteOnlyCell(sheet), value)


def patch_xlsxwriter():
    """Odoo's list, grouped and pivot exports write through xlsxwriter,
    which turns any string starting with ``=`` into a formula unless told
    otherwise: a customer named ``=cmd|' /C calc'!A0`` would run in the
    reader's spreadsheet. Every workbook of the process writes strings as
    text, unless its caller asks for formulas; the same way Odoo patches
    xlsxwriter for sheet names (``odoo/_monkeypatches/xlsxwriter.py``)."""
    if getattr(xlsxwriter.Workbook, "_dealer_strings_as_text", False):
        return

    class TextWorkbook(xlsxwriter.Workbook):
        _dealer_strings_as_text = True

        def __init__(self, filename=None, options=None):
            super().__init__(filename, {"strings_to_formulas": False, **(options or {})})

    xlsxwriter.Workbook = TextWorkbook
