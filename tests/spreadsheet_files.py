"""Spreadsheet files for the import and export tests, made as an officer's program would save them."""
import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_bytes(rows, *, bom=True, delimiter=",", encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom and encoding == "utf-8" else data


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(rows, fmt="csv", name=None, **options) -> SimpleUploadedFile:
    if fmt == "xlsx":
        return SimpleUploadedFile(name or "sheet.xlsx", xlsx_bytes(rows), content_type=XLSX_TYPE)
    return SimpleUploadedFile(name or "sheet.csv", csv_bytes(rows, **options), content_type="text/csv")


def response_bytes(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[list[str]]:
    text = response_bytes(response).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response_bytes(response))).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def xlsx_cells(response):
    """The first sheet's cells, to check their stored type (text, number, formula)."""
    return load_workbook(io.BytesIO(response_bytes(response))).worksheets[0]
