"""Spreadsheets every app exports and imports: cells that never run as formulas and read back
exactly, and the base of the flat lists HR loads in the admin."""

import csv
import io
import logging
import zipfile
from collections.abc import Iterable, Iterator
from xml.etree.ElementTree import ParseError

import tablib
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from import_export import resources, results, widgets
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats

logger = logging.getLogger(__name__)

# A cell starting with one of these is a formula, or becomes one, in Excel, LibreOffice or Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def escape_formula(value: str) -> str:
    """Prefix a leading apostrophe to text a spreadsheet would run.

    Text that already starts with an apostrophe is prefixed too, so that `unescape_formula`
    can always undo exactly what was done.
    """
    if value and value.startswith((*FORMULA_TRIGGERS, QUOTE)):
        return QUOTE + value
    return value


def unescape_formula(value: str) -> str:
    """Undo `escape_formula`; an apostrophe somebody typed before ordinary text is kept."""
    if value.startswith(QUOTE) and value[1:].startswith((*FORMULA_TRIGGERS, QUOTE)):
        return value[1:]
    return value


class SpreadsheetSafeResource(resources.ModelResource):
    """Exports cells a spreadsheet cannot run as formulas; imports undo exactly that.

    All or nothing: rows are checked with the model's own validation, and the admin offers to
    save only when no row has a problem (the whole import runs in one transaction).
    """

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return escape_formula(value) if isinstance(value, str) else value

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        try:
            super().import_field(field, instance, row, is_m2m, **kwargs)
        except ArithmeticError:
            # Number widgets fail with decimal errors; give the row a message a person can act on.
            raise ValueError(
                f'"{row.get(field.column_name)}" is not a number ({field.column_name}).'
            ) from None

    def get_error_result_class(self):
        return PlainError

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # What identifies a row (its import id columns) -> the first row with it, as written.
        self.first_rows: dict[tuple, tuple[int, list[str]]] = {}

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            if isinstance(value, str):
                if "\x00" in value:
                    # The database would refuse it mid-import, with an error, not a message.
                    message = (
                        "This cell holds a NUL character (a zero byte), which no text may hold."
                    )
                    raise ValidationError({column: message})
                row[column] = unescape_formula(value.strip())
        # An empty cell reads as nothing (None); text left empty is stored as "", not refused.
        for column in self._text_columns():
            if column in row and row[column] is None:
                row[column] = ""
        super().before_import_row(row, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        """Also refuse a row that repeats an earlier row's identity (the library would merge
        the two silently, the later row winning), naming both rows."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        id_fields = [self.fields[name] for name in self.get_import_id_fields()]
        values = [str(row.get(f.column_name) or "").strip() for f in id_fields]
        key = tuple(value.casefold() for value in values)
        if any(key) and key in self.first_rows:
            first, first_values = self.first_rows[key]
            names = " and ".join(f.column_name.replace("_", " ") for f in id_fields)
            errors.setdefault(id_fields[-1].attribute, []).append(
                f"Row {first} already has the {names} “{', '.join(first_values)}”: each may "
                "appear once in a file. Remove one of the two rows, or merge them."
            )
        elif any(key):
            self.first_rows[key] = (kwargs.get("row_number"), values)
        if errors:
            raise ValidationError(errors)

    def _text_columns(self) -> list[str]:
        columns = []
        for field in self.fields.values():
            try:
                model_field = self._meta.model._meta.get_field(field.attribute or "")
            except FieldDoesNotExist:
                continue
            if (
                isinstance(model_field, (models.CharField, models.TextField))
                and not model_field.null
            ):
                columns.append(field.column_name)
        return columns


class PlainError(results.Error):
    """A problem with an import as HR reads it: never a traceback, which names the server's
    files; an unexpected error is logged for the people who run the server, and HR reads a
    sentence instead of its text."""

    def __init__(self, error, row=None, number=None):
        if not isinstance(error, (ValueError, ValidationError)):
            logger.error("A flat-list import failed", exc_info=error)
            error = ValueError(
                "This could not be saved, because of a problem on the server (it has been "
                "logged); nothing was imported."
            )
        super().__init__(error, row=row, number=number)

    @property
    def traceback(self) -> str:
        return ""


class GetOrCreateWidget(widgets.ForeignKeyWidget):
    """A foreign key given by name; a name not known yet is created (a new framework, scheme)."""

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        instance, _ = self.model.objects.get_or_create(**{self.field: value})
        return instance


# What a spreadsheet may hold, checked before and while it is read: a .xlsx is a zip, and a few
# hundred kilobytes of it can unpack to gigabytes of XML. Far above any real staff list or
# role table, far below what would take the server down.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 100
MAX_CELL_CHARACTERS = 20_000  # the Medway table's longest cell is about 1,000


class SpreadsheetProblem(ValueError):
    """A spreadsheet that cannot be read; its message says why, for the person who sent it."""


class SpreadsheetTooBig(SpreadsheetProblem):
    """A spreadsheet over one of the limits; its message says which."""


def check_upload_size(data: bytes) -> None:
    if len(data) > settings.MAX_UPLOAD_SIZE:
        raise SpreadsheetTooBig(
            f"is {filesizeformat(len(data))}; files over "
            f"{filesizeformat(settings.MAX_UPLOAD_SIZE)} are refused."
        )


def check_unpacked_size(data: bytes) -> None:
    """Refuse a workbook whose parts unpack to more than MAX_UNPACKED_BYTES, before reading it.

    The sizes come from the zip's directory; Python's zip reader never unpacks a part beyond
    its stated size, so a part cannot lie its way past this check.
    """
    check_upload_size(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except zipfile.BadZipFile:
        return  # not a workbook at all: the reader says so
    if unpacked > MAX_UNPACKED_BYTES:
        raise SpreadsheetTooBig(
            f"unpacks to {filesizeformat(unpacked)} of data; workbooks over "
            f"{filesizeformat(MAX_UNPACKED_BYTES)} unpacked are refused. Is there a sheet "
            "with far more rows or columns than it seems?"
        )


def limited_rows(rows: Iterable[Iterable]) -> Iterator[list]:
    """The rows as lists, refused past MAX_ROWS rows, MAX_COLUMNS filled columns or
    MAX_CELL_CHARACTERS characters in a cell."""
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise SpreadsheetTooBig(f"has more than {MAX_ROWS} rows; split it into several files.")
        values = list(row)
        filled = len(_trimmed(values))
        if filled > MAX_COLUMNS:
            raise SpreadsheetTooBig(
                f"row {number} has {filled} columns; at most {MAX_COLUMNS} are read."
            )
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARACTERS:
                raise SpreadsheetTooBig(
                    f"row {number}, column {column} holds {len(value)} characters; "
                    f"a cell holds at most {MAX_CELL_CHARACTERS}."
                )
        yield values


def _trimmed(values: list) -> list:
    """The values without the empty cells at the end."""
    end = len(values)
    while end and values[end - 1] in (None, ""):
        end -= 1
    return values[:end]


# What openpyxl raises on a file that is not a workbook, or one whose parts are missing or cut.
UNREADABLE_WORKBOOK = (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, ParseError)
NOT_A_WORKBOOK = (
    "is not an Excel workbook (.xlsx) that can be read: is it damaged, or another kind of file?"
)


def xlsx_rows(data: bytes) -> Iterator[list]:
    """The first sheet's rows of cell values, within the limits above."""
    from openpyxl import load_workbook

    check_unpacked_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UNREADABLE_WORKBOOK:
        raise SpreadsheetProblem(NOT_A_WORKBOOK) from None
    try:
        if not workbook.worksheets:
            raise SpreadsheetProblem("is a workbook with no sheets in it.")
        sheet = workbook.worksheets[0]
        # Rows as long as their own cells, not as the size the file declares (which can be
        # anything): a cell far to the right is then seen, and refused, in its own row.
        sheet.reset_dimensions()
        yield from limited_rows(sheet.iter_rows(max_row=MAX_ROWS + 1, values_only=True))
    except SpreadsheetProblem:
        raise
    except UNREADABLE_WORKBOOK:
        raise SpreadsheetProblem(NOT_A_WORKBOOK) from None
    finally:
        workbook.close()


def csv_rows(text: str, *, delimiter: str = ",") -> Iterator[list]:
    """The rows of CSV (or tab-separated) text, within the limits above."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from limited_rows(reader)
    except csv.Error as error:
        # Python's reader stops at a cell over its own limit (128 KB), far above ours.
        if "field larger than field limit" in str(error):
            raise SpreadsheetTooBig(
                f"row {reader.line_num} has a cell of more than {MAX_CELL_CHARACTERS} "
                "characters; a cell holds at most that many."
            ) from None
        raise SpreadsheetProblem(f"row {reader.line_num} cannot be read: {error}.") from None


def _dataset(rows: Iterator[list]) -> tablib.Dataset:
    dataset = tablib.Dataset()
    headers = _trimmed(next(rows, []))
    dataset.headers = headers
    width = len(headers)
    ignore_blanks = getattr(settings, "IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES", False)
    for row in rows:
        values = _trimmed(row)
        if ignore_blanks and not values:
            continue
        # A value beyond the last header keeps the row too wide: the dataset refuses it.
        dataset.append([*values, *[None] * (width - len(values))])
    return dataset


class LimitedXLSX(base_formats.XLSX):
    """django-import-export's .xlsx reader, within the spreadsheet limits."""

    def create_dataset(self, in_stream):
        return _dataset(xlsx_rows(in_stream))


class LimitedCSV(base_formats.CSV):
    """django-import-export's .csv reader, within the spreadsheet limits."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            check_upload_size(in_stream)
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        else:
            check_upload_size(in_stream.encode())
        return _dataset(csv_rows(in_stream))


class FlatListAdmin(ImportExportModelAdmin):
    """The admin of a flat list: it reads .csv and .xlsx within the spreadsheet limits, and a
    file over them gets a message saying why. Exports keep every format."""

    @property
    def import_formats(self):
        return [LimitedCSV, LimitedXLSX]

    def add_data_read_fail_error_to_form(self, form, e):
        # In HR's words, never the exception's class or text (which can name server paths).
        if isinstance(e, SpreadsheetProblem):
            message = f"This file {e}"
        elif isinstance(e, UnicodeDecodeError):
            message = (
                "This file is not UTF-8 text: in Excel, save it as “CSV UTF-8”, "
                "then import it again."
            )
        else:
            logger.warning("A flat-list file could not be read", exc_info=e)
            message = (
                "This file could not be read: is it a .csv or .xlsx file of the format chosen?"
            )
        form.add_error("import_file", message)


# Downloads of a page's table ------------------------------------------------------------

DOWNLOAD_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_download(*, headers: list[str], rows: Iterable[Iterable], fmt: str, filename: str):
    """A table as a .csv or .xlsx download whose text cells, headings included (they can be
    headings HR typed), never run as formulas. `fmt` is one of DOWNLOAD_FORMATS (the view
    checks it)."""
    from django.http import HttpResponse

    def safe(values: Iterable) -> list:
        return [escape_formula(v) if isinstance(v, str) else v for v in values]

    dataset = tablib.Dataset(headers=safe(headers))
    for row in rows:
        dataset.append(safe(row))
    response = HttpResponse(dataset.export(fmt), content_type=DOWNLOAD_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
