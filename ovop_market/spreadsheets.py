"""Reading and writing the programme offices' spreadsheets (CSV and XLSX).

Reading turns an uploaded file into a header row and data rows of text, refusing what is not a
spreadsheet, too large, wrongly encoded or shaped with a ``SpreadsheetError`` carrying a message the
officer can act on. Writing streams rows out, with every text cell that a spreadsheet program would
run as a formula neutralised.
"""
import csv
import datetime
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_BYTES = 5 * 1024 * 1024
# An import runs every row through the services (about 28 queries a row) twice, for the preview and
# for real, within the request: 2,000 rows keep each step well under a web server's timeout.
MAX_ROWS = 2000
# An XLSX is a zip of XML: refuse one that would inflate far beyond its size (a zip bomb).
MAX_XLSX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)

# Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def import_max_rows() -> int:
    """Rows one import takes; a deployment with a longer request timeout may raise it."""
    from django.conf import settings

    return getattr(settings, "SPREADSHEET_IMPORT_MAX_ROWS", MAX_ROWS)


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; ``message`` is translated and says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """A sheet's normalised column names and its non-empty data rows as ``(row number, {column: text})``;
    the row number is the one the officer sees in their program (the header is row 1)."""

    columns: list[str]
    rows: list[tuple[int, dict]] = field(default_factory=list)


def column_key(header) -> str:
    """"Women members " → "women_members": headers are matched loosely."""
    return "_".join(str(header or "").strip().lower().replace("-", " ").split())


def table_read(upload, *, allowed_columns, required_columns=(), max_bytes: int = MAX_BYTES,
               max_rows: int = MAX_ROWS) -> Table:
    """Read an uploaded CSV or XLSX file. The format is told by the content, not the name."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise SpreadsheetError(_too_large(max_bytes))
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SpreadsheetError(_too_large(max_bytes))
    if not data.strip():
        raise SpreadsheetError(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        header, rows = _xlsx_rows(data, max_rows)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError(
            _("This is an old Excel file (.xls). Save it as .xlsx or as CSV UTF-8 and upload it again.")
        )
    else:
        header, rows = _csv_rows(data, max_rows)
    return _table(header, rows, allowed_columns=allowed_columns, required_columns=required_columns)


def _too_large(max_bytes: int) -> str:
    return _("The file is larger than %(size)d MB. Split it into smaller files.") % {"size": max_bytes // (1024 * 1024)}


def _too_many_rows(max_rows: int) -> str:
    return _("The file has more than %(rows)d rows. Split it into smaller files.") % {"rows": max_rows}


def _csv_rows(data: bytes, max_rows: int):
    if b"\x00" in data[:4096]:
        raise SpreadsheetError(_("This file is not a spreadsheet. Upload a CSV or XLSX file."))
    try:
        text = data.decode("utf-8-sig")  # with or without the byte-order mark Excel adds
    except UnicodeDecodeError:
        raise SpreadsheetError(_(
            "The file is not in UTF-8, so Vietnamese or Thai letters would be garbled. In your spreadsheet "
            "program choose “Save as” → “CSV UTF-8”, or upload an .xlsx file."
        )) from None
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader, None)
        rows = []
        for number, values in enumerate(reader, start=2):
            if len(rows) >= max_rows:
                raise SpreadsheetError(_too_many_rows(max_rows))
            rows.append((number, values))
    except csv.Error:
        raise SpreadsheetError(_("This file is not a readable CSV file. Upload a CSV or XLSX file.")) from None
    return header, rows


def _xlsx_rows(data: bytes, max_rows: int):
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNCOMPRESSED_BYTES:
            raise SpreadsheetError(_("This spreadsheet is too large once opened. Split it into smaller files."))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except SpreadsheetError:
        raise
    except Exception:  # openpyxl raises many kinds (zip, XML, KeyError) for damaged or foreign files
        raise SpreadsheetError(_("This file is not a readable XLSX spreadsheet. Upload a CSV or XLSX file.")) from None
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None)
        rows = []
        for number, values in enumerate(lines, start=2):
            if not any(value not in (None, "") for value in values):
                continue
            if len(rows) >= max_rows:
                raise SpreadsheetError(_too_many_rows(max_rows))
            rows.append((number, [cell_text(value) for value in values]))
    except SpreadsheetError:
        raise
    except Exception:
        raise SpreadsheetError(_("This file is not a readable XLSX spreadsheet. Upload a CSV or XLSX file.")) from None
    finally:
        workbook.close()
    return header, rows


def cell_text(value) -> str:
    """A cell as the text an officer typed: 12.0 → "12", a date → "2024-05-01"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _table(header, rows, *, allowed_columns, required_columns) -> Table:
    if not header or not any(str(value or "").strip() for value in header):
        raise SpreadsheetError(_("The first row must hold the column names. Start from the template."))
    columns = [column_key(value) for value in header]
    named = [name for name in columns if name]
    duplicates = sorted({name for name in named if named.count(name) > 1})
    if duplicates:
        raise SpreadsheetError(_("These columns appear twice: %(columns)s.") % {"columns": ", ".join(duplicates)})
    unknown = [name for name in named if name not in allowed_columns]
    if unknown:
        raise SpreadsheetError(
            ngettext("Unknown column: %(columns)s. Use the column names of the template.",
                     "Unknown columns: %(columns)s. Use the column names of the template.", len(unknown))
            % {"columns": ", ".join(unknown)}
        )
    missing = [name for name in required_columns if name not in named]
    if missing:
        raise SpreadsheetError(
            ngettext("Missing column: %(columns)s.", "Missing columns: %(columns)s.", len(missing))
            % {"columns": ", ".join(missing)}
        )
    table = Table(columns=named)
    for number, values in rows:
        record = {
            name: unneutralise(str(values[index]).strip()) if index < len(values) and values[index] is not None else ""
            for index, name in enumerate(columns) if name
        }
        if any(record.values()):
            table.rows.append((number, record))
    if not table.rows:
        raise SpreadsheetError(_("The file has column names but no rows to import."))
    return table


# --- writing ---------------------------------------------------------------------------------------

def neutralise(value):
    """A value safe to put in a cell: text that a spreadsheet would run as a formula gets a leading
    quote (shown as text, never executed); numbers, dates and empty cells stay as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | Decimal | datetime.date):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """Undo ``neutralise`` on a cell read back: an exported sheet imports unchanged."""
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


class _Echo:
    """A file-like object whose ``write`` hands back what it was given, for streaming CSV."""

    def write(self, value):
        return value


def _csv_cell(value):
    value = neutralise(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def csv_response(*, filename: str, header, rows) -> StreamingHttpResponse:
    """Stream ``rows`` as CSV UTF-8 with a byte-order mark (so Excel shows Vietnamese and Thai right)."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([_csv_cell(value) for value in header])
        for row in rows:
            yield writer.writerow([_csv_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_write(*, header, rows, sheet_title: str = "Sheet1", stream=None):
    """Write ``rows`` to an XLSX workbook in openpyxl's write-only mode (rows go to disk as they
    come, so a large export does not sit in memory). Returns the stream, rewound."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31] or "Sheet1")
    bold = Font(bold=True)

    def cells(values, *, font=None):
        for value in values:
            value = neutralise(value)
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters XLSX cannot hold
            if isinstance(value, datetime.datetime) and value.tzinfo is not None:
                value = value.replace(tzinfo=None)  # Excel has no time zones
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text is text, even where openpyxl would guess a formula
            if font:
                cell.font = font
            yield cell

    sheet.append(list(cells(header, font=bold)))
    for row in rows:
        sheet.append(list(cells(row)))
    stream = stream or tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    workbook.save(stream)
    stream.seek(0)
    return stream


def xlsx_response(*, filename: str, header, rows, sheet_title: str = "Sheet1") -> FileResponse:
    stream = xlsx_write(header=header, rows=rows, sheet_title=sheet_title)
    return FileResponse(stream, as_attachment=True, filename=f"{filename}.xlsx", content_type=CONTENT_TYPES["xlsx"])


def spreadsheet_response(*, fmt: str, filename: str, header, rows, sheet_title: str = "Sheet1"):
    if fmt == "xlsx":
        return xlsx_response(filename=filename, header=header, rows=rows, sheet_title=sheet_title)
    return csv_response(filename=filename, header=header, rows=rows)


# --- importing -------------------------------------------------------------------------------------

@dataclass
class Column:
    """One column of an import sheet, as the template describes it."""

    name: str
    help: str
    required: bool = False  # required when a row creates something
    example: str = ""


@dataclass
class RowError:
    row: int
    column: str  # "" when the message is about the whole row
    message: str


@dataclass
class RowOutcome:
    row: int
    action: str  # "create" or "update"
    key: str
    values: dict


@dataclass
class ImportResult:
    outcomes: list[RowOutcome]
    errors: list[RowError]
    dry_run: bool

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def created(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == "create")

    @property
    def updated(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == "update")


class RowInvalid(Exception):
    """One row's errors, found before anything is written for it."""

    def __init__(self, errors: list[RowError]):
        super().__init__(errors)
        self.errors = errors


class Cells:
    """A row's cells with parsers that collect errors instead of stopping at the first."""

    def __init__(self, number: int, record: dict):
        self.number, self.record, self.errors = number, record, []

    def text(self, name: str) -> str:
        return self.record.get(name, "")

    def has(self, name: str) -> bool:
        return bool(self.record.get(name, ""))

    def error(self, name: str, message: str) -> None:
        self.errors.append(RowError(self.number, name, str(message)))

    def check(self) -> None:
        if self.errors:
            raise RowInvalid(self.errors)

    def require(self, *names: str) -> None:
        for name in names:
            if not self.has(name):
                self.error(name, _("This column is required."))

    def decimal(self, name: str):
        text = self.text(name).replace(" ", "").replace("\u00a0", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")  # "12,5": a decimal comma
        try:
            value = Decimal(text)
            if not value.is_finite():
                raise ArithmeticError
        except (ArithmeticError, ValueError):
            self.error(name, _("“%(value)s” is not a number. Write it like 125000 or 12.50.")
                       % {"value": self.text(name)})
            return None
        return value

    def integer(self, name: str):
        value = self.decimal(name)
        if value is None:
            return None
        if value != value.to_integral_value():
            self.error(name, _("“%(value)s” is not a whole number.") % {"value": self.text(name)})
            return None
        return int(value)

    TRUE = {"yes", "y", "true", "1", "x", "có", "co", "ใช่"}
    FALSE = {"no", "n", "false", "0", "không", "khong", "ไม่", "ไม่ใช่"}

    def boolean(self, name: str):
        text = self.text(name).lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        self.error(name, _("Write yes or no (not “%(value)s”).") % {"value": self.text(name)})
        return None

    def date(self, name: str):
        text = self.text(name)
        for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S"):
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        self.error(name, _("“%(value)s” is not a date. Write it as 2024-05-31 or 31/05/2024.") % {"value": text})
        return None

    def choice(self, name: str, choices):
        """A value of a TextChoices, by its code or its (English or translated) label."""
        text = self.text(name).strip().lower()
        for value, label in choices:
            if text in (str(value).lower(), str(label).lower()):
                return value
        self.error(name, _("“%(value)s” is not one of: %(choices)s.") % {
            "value": self.text(name), "choices": ", ".join(str(value) for value, _label in choices),
        })
        return None


class Importer:
    """Runs a sheet's rows through the services in one transaction: any bad row and nothing stays.

    A dry run does exactly the same work and rolls it back, so the preview finds every error the
    real import would (the services' own checks included) and writes nothing. Subclasses give the
    ``columns``, resolve the sheet's natural keys in a few queries (``prepare``) and import one row
    (``import_row``), raising ``RowInvalid`` or the service's ``ValidationError``.
    """

    columns: tuple[Column, ...] = ()
    # Columns an export adds for reading (e.g. the status): accepted on import and ignored.
    export_only_columns: tuple[str, ...] = ()
    key_column = "slug"
    filename = "import"

    @classmethod
    def column_names(cls) -> list[str]:
        return [column.name for column in cls.columns]

    def prepare(self, rows: list[tuple[int, dict]]) -> None:
        pass

    def import_row(self, cells: Cells, *, by) -> RowOutcome:
        raise NotImplementedError

    def table_read(self, upload) -> Table:
        """The sheet, checked for its columns: those a new row needs must be there, unless the sheet
        has the key column (then its rows may only update, and each row is checked by itself)."""
        table = table_read(upload, allowed_columns=[*self.column_names(), *self.export_only_columns],
                           max_rows=import_max_rows())
        missing = [column.name for column in self.columns if column.required and column.name not in table.columns]
        if missing and self.key_column not in table.columns:
            raise SpreadsheetError(
                ngettext("Missing column: %(columns)s.", "Missing columns: %(columns)s.", len(missing))
                % {"columns": ", ".join(missing)}
            )
        return table

    def run(self, table: Table, *, by, dry_run: bool) -> ImportResult:
        from django.core.exceptions import ValidationError
        from django.db import DatabaseError, transaction

        outcomes, errors, seen = [], [], {}
        with transaction.atomic():
            self.prepare(table.rows)
            for number, record in table.rows:
                key = record.get(self.key_column, "").lower()
                if key and key in seen:
                    errors.append(RowError(number, self.key_column, _("The same %(column)s is on row %(row)d.") % {
                        "column": self.key_column, "row": seen[key]}))
                    continue
                if key:
                    seen[key] = number
                cells = Cells(number, record)
                try:
                    with transaction.atomic():
                        outcomes.append(self.import_row(cells, by=by))
                except RowInvalid as invalid:
                    errors.extend(invalid.errors)
                except ValidationError as error:
                    errors.extend(self._service_errors(number, error))
                except DatabaseError:
                    errors.append(RowError(number, "", _("This row could not be saved: it conflicts with data already "
                                                         "in the marketplace.")))
            if errors or dry_run:
                transaction.set_rollback(True)
        return ImportResult(outcomes=outcomes, errors=errors, dry_run=dry_run)

    def _service_errors(self, number: int, error) -> list[RowError]:
        names = set(self.column_names())
        if hasattr(error, "error_dict"):
            return [
                RowError(number, name if name in names else "", " ".join(str(m) for m in messages))
                for name, messages in error.message_dict.items()
            ]
        return [RowError(number, "", message) for message in error.messages]

    scope_models: dict = {}  # keyword → model: the admin passes the officer's queryset of each

    @classmethod
    def template_rows(cls):
        """The template: column names, then one example row."""
        return [[column.example for column in cls.columns]]


@dataclass
class Sheet:
    """What an admin changelist exports (and, with an ``importer``, imports): ``header()`` gives the
    column names, ``rows(queryset)`` yields a list of values per object."""

    name: str
    header: object
    rows: object
    importer: type[Importer] | None = None
