"""HR's pages for a document's reading in the admin: which column is which (a flat
spreadsheet), the reading to correct and confirm, and the readings waiting.

`DocumentImportAdminMixin` goes before `RoleImportAdminMixin` on the role admin: it sends a flat
spreadsheet to the column step instead of the table preview, and opens each reading for its
owner (and for a superuser, who sees everyone's). The steps themselves are in
`document_import`; nothing of a role is saved before HR confirms.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path

from roles.models import Level, PendingRoleImport, RequirementItem, Role
from roles.transfer import document_import, documents
from roles.transfer.admin_upload import RoleProfileUploadForm, role_previews
from roles.transfer.documents.adapter import fact_fills
from roles.transfer.documents.flat import PARTS
from roles.transfer.parsed import ImportProblem

READINGS_PER_PAGE = 50
PREVIEW_ROWS = 8  # rows of a spreadsheet shown under its column choices


class DocumentImportAdminMixin:
    def get_urls(self):
        waiting = self.admin_site.admin_view(self.waiting_imports_view)
        return [
            path("import-profiles/waiting/", waiting, name="roles_role_import_waiting"),
            *super().get_urls(),
        ]

    def _may_import(self, request) -> None:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied

    def import_profiles_view(self, request):
        """A single flat spreadsheet of items goes to the column step; the rest as before."""
        self._may_import(request)
        if request.method == "POST" and not request.POST.get("action"):
            form = RoleProfileUploadForm(request.POST, request.FILES)
            uploads = form.cleaned_data["file"] if form.is_valid() else []
            if len(uploads) == 1 and uploads[0].name.lower().endswith(documents.SPREADSHEETS):
                upload = uploads[0]
                data = upload.read()
                upload.seek(0)
                if documents.is_document(upload.name, data):
                    try:
                        pending = document_import.pending_spreadsheet_create(
                            user=request.user, name=upload.name, data=data
                        )
                    except ImportProblem:
                        pass  # the upload page says what is wrong with the file
                    else:
                        return redirect("admin:roles_role_import_pending", pk=pending.pk)
        return super().import_profiles_view(request)

    def pending_import_view(self, request, pk: int):
        self._may_import(request)
        # Someone else's reading is not found: each person's readings are their own.
        pending = get_object_or_404(PendingRoleImport.objects.visible_to(request.user), pk=pk)
        if pending.columns_to_choose:
            return spreadsheet_columns_page(request, self, pending)
        return reading_page(request, self, pending)

    def waiting_imports_view(self, request):
        self._may_import(request)
        readings = PendingRoleImport.objects.visible_to(request.user).select_related("created_by")
        page = Paginator(readings, READINGS_PER_PAGE).get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Readings waiting to be confirmed",
            "page": page,
            "everyone": request.user.is_superuser,
            "days": settings.PENDING_ROLE_IMPORT_DAYS,
        }
        return TemplateResponse(request, "admin/roles/role/import_waiting.html", context)


def _context(request, model_admin, pending, title: str) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
        "pending": pending,
    }


def spreadsheet_columns_page(request, model_admin, pending: PendingRoleImport):
    """Which column is the role, the level, the group, the item...: guessed from the header,
    changed by HR, the reading shown below as it would be with the columns chosen."""
    header = pending.rows[0]
    action = request.POST.get("action")
    if action == "cancel":
        return _cancel(request, pending)
    problem, columns, outlines = None, pending.columns, []
    chosen = [""] * len(header)
    for part, index in columns.items():
        if index < len(chosen):
            chosen[index] = part
    if request.method == "POST":
        chosen = [request.POST.get(f"column-{index}", "") for index in range(len(header))]
    try:
        if request.method == "POST":
            columns = documents.flat.columns_chosen(pending.file_name, header, chosen)
        outlines = document_import.spreadsheet_outlines(pending, columns)
        if action == "preview":
            pending.columns = columns  # kept, so that HR comes back to their own choice
            pending.save(update_fields=["columns", "updated_at"])
        if action == "read":
            readings = document_import.pending_spreadsheet_read(pending=pending, columns=columns)
            if len(readings) == 1:
                return redirect("admin:roles_role_import_pending", pk=pending.pk)
            messages.info(
                request,
                f"{pending.file_name} holds {len(readings)} roles; check and confirm each "
                "reading below. Nothing is saved until you do.",
            )
            return redirect("admin:roles_role_import_waiting")
    except ImportProblem as error:
        problem = str(error)
    context = _context(request, model_admin, pending, f"Columns of {pending.file_name}")
    context |= {
        "columns": [
            {"index": index, "heading": heading, "chosen": chosen[index]}
            for index, heading in enumerate(header)
        ],
        "parts": PARTS,
        "rows": [
            row + [""] * (len(header) - len(row)) for row in pending.rows[1 : PREVIEW_ROWS + 1]
        ],
        "more_rows": max(0, len(pending.rows) - 1 - PREVIEW_ROWS),
        "outlines": ["\n".join(outline.describe()) for outline in outlines],
        "problem": problem,
    }
    return TemplateResponse(request, "admin/roles/role/import_columns.html", context)


def _cancel(request, pending: PendingRoleImport):
    pending.delete()
    messages.info(request, f"Import of {pending.file_name} cancelled; nothing was saved.")
    return redirect("admin:roles_role_changelist")


def reading_page(request, model_admin, pending: PendingRoleImport):
    """The reading of one document: check it, correct it (as often as needed), confirm it.

    A correction HR's input cannot make is refused with the page as they typed it, saying what
    and where; nothing is kept of that POST.
    """
    action = request.POST.get("action")
    if action == "cancel":
        return _cancel(request, pending)
    problem = None
    typed = {}
    if request.method == "POST" and (
        action in ("correct", "flip", "confirm") or "split" in request.POST
    ):
        try:
            corrections = _corrections(request.POST, pending, flip=action == "flip")
            document_import.pending_import_correct(pending=pending, corrections=corrections)
            if action == "confirm":
                report = document_import.pending_import_confirm(pending=pending)
                messages.success(request, report.lines()[0])
                return redirect("admin:roles_role_changelist")
        except ImportProblem as error:
            problem = f"Nothing was saved. {error}"
            typed = request.POST
            pending.refresh_from_db()
        else:
            messages.info(request, "Corrections kept; nothing is imported until you confirm.")
            return redirect("admin:roles_role_import_pending", pk=pending.pk)
    outline = document_import.pending_outline(pending)
    report = previews = affected = saved = None
    try:
        report, affected, saved = document_import.pending_import_preview(pending)
    except ImportProblem as error:
        problem = problem or str(error)
    else:
        parsed, _ = documents.parse_document_outline(pending.file_name, outline)
        previews = role_previews(parsed, report)
    levels = _levels_lowest_first(outline)
    groups = document_import.keyed_groups(outline)
    role_id = typed.get("role", pending.role_id or "") if typed else pending.role_id or ""
    structure = typed.get("cumulative") if typed else None
    context = _context(request, model_admin, pending, f"Reading of {pending.file_name}")
    context |= {
        "records": _records_on(pending.role) if pending.role else None,
        "outline": outline,
        "fills": fact_fills(outline),
        "saved": saved,
        "groups": groups,
        "unplaced": [g for g in _form_groups(groups, typed) if g["level"] is None],
        "levels": [
            {
                **entry,
                "position": typed.get(f"order-{entry['index']}", position) if typed else position,
                "groups": [g for g in _form_groups(groups, typed) if g["level"] is entry["level"]],
            }
            for position, entry in enumerate(levels, start=1)
        ],
        "cumulative": structure == "yes" if structure else outline.cumulative,
        "role_id": str(role_id),
        "roles": Role.objects.select_related("grade", "top_grade").order_by("title"),
        "report": report,
        "affected": affected,
        "previews": previews,
        "problem": problem,
    }
    return TemplateResponse(request, "admin/roles/role/import_document.html", context)


def _records_on(role: Role) -> dict:
    """What of people's records the role to update holds: who is on it, and how many of its
    items someone was rated against, rated themselves against or linked evidence to."""
    return {
        "role": role,
        "people": Level.objects.filter(role=role).aggregate(n=Count("staff"))["n"],
        "items_in_use": RequirementItem.objects.filter(level__role=role).in_use().count(),
    }


def _form_groups(groups, typed) -> list[dict]:
    """Each group and item with the values its fields show: as typed when the page comes back
    with a problem, else as the reading has them."""

    def value(name: str, stored) -> str:
        return typed.get(name, stored) if typed else stored

    return [
        {
            "key": key,
            "level": level,
            "group": group,
            "heading": value(f"heading-{key}", group.heading),
            "items": [
                {
                    "key": document_import.item_key(key, i),
                    "item": item,
                    "desirable": value(
                        f"essential-{key}-{i}", "no" if item.essential is False else "yes"
                    )
                    == "no",
                    "sub_points": value(f"sub-points-{key}-{i}", "\n".join(item.sub_points)),
                    "move": value(f"move-{key}-{i}", ""),
                }
                for i, item in enumerate(group.items)
            ],
        }
        for key, level, group in groups
    ]


def _levels_lowest_first(outline) -> list[dict]:
    """The levels as the role will have them, lowest first."""
    order = list(range(len(outline.levels)))
    if outline.direction == "down":
        order.reverse()
    return [{"index": index, "level": outline.levels[index]} for index in order]


def _corrections(post, pending: PendingRoleImport, *, flip: bool):
    outline = document_import.pending_outline(pending)
    keys = [key for key, _, _ in document_import.keyed_groups(outline)]
    shown = [entry["index"] for entry in _levels_lowest_first(outline)]
    positions = {}
    for n, index in enumerate(shown):
        typed = post.get(f"order-{index}", str(n + 1)).strip()
        if not typed.isdigit():
            raise ImportProblem(
                f"{outline.levels[index].label}: its position must be a number, "
                f"not “{typed[:20]}”.",
                file=pending.file_name,
            )
        positions[index] = int(typed)
    order = sorted(shown, key=lambda index: (positions[index], shown.index(index)))
    if flip:
        order.reverse()
    role = None
    if post.get("role"):
        role = Role.objects.filter(pk=post["role"]).first() if post["role"].isdigit() else None
        if role is None:
            raise ImportProblem(
                "the role chosen to update no longer exists.", file=pending.file_name
            )
    structure = {"yes": "cumulative", "no": "standalone"}.get(post.get("cumulative", ""), "")

    def per_item(prefix: str) -> dict[str, str]:
        return {
            name.removeprefix(prefix): value
            for name, value in post.items()
            if name.startswith(prefix)
        }

    return document_import.Corrections(
        headings={key: post[f"heading-{key}"] for key in keys if f"heading-{key}" in post},
        moves={key: value for key, value in per_item("move-").items() if value},
        essential={key: value != "no" for key, value in per_item("essential-").items()},
        sub_points=per_item("sub-points-"),
        split_at=post.get("split", ""),
        level_order=order,
        level_structure=structure,
        role=role,
    )
