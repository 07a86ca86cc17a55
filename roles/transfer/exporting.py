"""Exporting role profiles: JSON for other tools, and the career-grade table as .xlsx or .tsv."""

import csv
import io

from django.db.models import F, Prefetch

from roles.models import Level, RequirementItem, RoleCompetency
from roles.transfer import career_grade_table, json_format

FORMATS = ("json", "xlsx", "tsv")


def roles_for_export(roles, *, title: str | None = None):
    """`roles` (a Role queryset) with everything an export writes, in a fixed number of queries.

    Callers pass the roles the person may see: `Role.objects.visible_to(user)`.
    """
    roles = (
        roles.select_related("job_family", "grade", "top_grade")
        .prefetch_related(
            Prefetch("levels", queryset=Level.objects.select_related("grade").order_by("order")),
            Prefetch(
                "levels__requirement_items",
                queryset=RequirementItem.objects.select_related(
                    "category", "replaces__level"
                ).order_by("category__order", "order", "pk"),
            ),
            "responsibilities",
            "sections",
            "facts",
            "sign_offs",
            Prefetch(
                "role_competencies",
                queryset=RoleCompetency.objects.select_related(
                    "competency__framework", "proficiency", "level"
                ).order_by(
                    "competency__framework__name",
                    "competency__order",
                    "competency__name",
                    F("level__order").asc(nulls_first=True),
                ),
            ),
        )
        .order_by("title", "grade__order", "pk")
    )
    return roles.filter(title=title) if title else roles


def export_roles(roles, *, file_format: str) -> bytes:
    if file_format == "json":
        return json_format.roles_to_json(roles).encode("utf-8")
    rows = []
    for role in roles:
        if rows:
            rows.append([])
        rows += [career_grade_table.safe_row(row) for row in career_grade_table.role_rows(role)]
    if file_format == "tsv":
        out = io.StringIO(newline="")
        csv.writer(out, delimiter="\t", lineterminator="\n").writerows(rows)
        return out.getvalue().encode("utf-8")
    if file_format == "xlsx":
        return _xlsx(rows)
    raise ValueError(f"Unknown export format {file_format!r}; use one of {', '.join(FORMATS)}.")


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Role profiles"
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:
            # Escaped text never starts with a formula trigger, but say it is text regardless.
            if cell.value is not None:
                cell.data_type = "s"
            cell.alignment = wrap
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
