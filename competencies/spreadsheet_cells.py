"""Keeping exported spreadsheet cells from running as formulas, and reading them back exactly.

It lives in the lowest app because every app's exports (role tables, flat lists) use it.
"""

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
