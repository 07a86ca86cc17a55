"""Career-grade tables written for tests, in the shape of HR's converter output."""

import csv
import io

HEADER = ["Job Title", "Range", "Duties", "Level A (Developing)", "Level B (Practising)"]


def cell(heading: str | None, *items: str, sub_points: tuple[str, ...] = ()) -> str:
    """A level cell as the converter writes it: `<p>` heading, `•` items, `○` sub-points."""
    html = f"<p>{heading}</p> " if heading else ""
    if items:
        html += '<ul style="list-style-type: none"> ' + " ".join(f"• {i}" for i in items)
        if sub_points:
            html += ' <ul style="list-style-type: none"> ' + " ".join(f"○ {s}" for s in sub_points)
    return html


def role_block(title="Claims Handler", grade="Band 2", duties="<p>Handles claims.</p>", rows=()):
    first = [title, grade, duties, "Required for this level", "In addition to level A"]
    return [first, *rows]


def tsv(*rows: list[str], header=HEADER, delimiter="\t") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows([header, *rows])
    return out.getvalue().encode("utf-8")


def xlsx(*rows: list[str], header=HEADER) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in [header, *rows]:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def simple_table(title="Claims Handler", grade="Band 2") -> bytes:
    return tsv(*simple_rows(title, grade))


def simple_rows(title="Claims Handler", grade="Band 2") -> list[list[str]]:
    """One role, two levels, two categories, four items."""
    return role_block(
        title,
        grade,
        rows=[
            ["", "", "", cell("Knowledge", "Knows the claims process"), cell("Knowledge")],
            [
                "",
                "",
                "",
                cell("Skills", "Writes clear letters", "Uses the claims system"),
                cell("Skills", "Coaches new starters"),
            ],
        ],
    )
