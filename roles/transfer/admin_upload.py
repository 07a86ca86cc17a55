"""HR's upload of role-profile files in the admin: upload, preview what would change, confirm.

`RoleImportAdminMixin` adds the pages to the role admin (URLs and a button on the list). A
table or JSON file waits in a temporary folder between the preview and the confirmation; the
session remembers whose it is, so nobody can confirm another person's upload. A document (Word,
PDF, text) is read at once and its reading waits in a `PendingRoleImport` row, where HR corrects
it over as many visits as it takes (`document_import`), then confirms it.
"""

import time
import uuid
from pathlib import Path
from tempfile import gettempdir

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from competencies.models import RequirementCategory
from core.dates import written_date
from roles.levels_grid import build_grid
from roles.models import Grade, Level, PendingRoleImport, RequirementItem, Role
from roles.transfer import document_import, documents
from roles.transfer.importing import check_size, parse_file, role_profiles_import
from roles.transfer.parsed import ImportProblem, ParsedFile, ParsedRole

UPLOADS = Path(gettempdir()) / "role-profile-imports"
SESSION_KEY = "role_profile_import"
ACCEPTED = ".docx,.pdf,.html,.htm,.txt,.md,.tsv,.csv,.xlsx,.json"
STALE_AFTER_SECONDS = 24 * 60 * 60


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One file, or several role-profile documents at once (Django's documented recipe)."""

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class RoleProfileUploadForm(forms.Form):
    file = MultipleFileField(
        help_text="A role profile as a Word document, PDF, web page, text or Markdown file "
        "(several at once if you like), a flat list of items (.csv, .xlsx), a career-grade "
        "table (.tsv, .csv, .xlsx) or role profiles as JSON; at most "
        f"{settings.MAX_UPLOAD_SIZE // (1024 * 1024)} MB each.",
        widget=MultipleFileInput(attrs={"accept": ACCEPTED}),
    )

    def clean_file(self):
        uploads = self.cleaned_data["file"]
        try:
            # Refused on the size the browser declared, before the file is read.
            for upload in uploads:
                check_size(name=upload.name, size=upload.size)
        except ImportProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        if len(uploads) > 1 and not all(_is_document_name(u.name) for u in uploads):
            raise forms.ValidationError(
                "Several files at once must all be role-profile documents (.docx, .pdf, .html, "
                ".txt, .md); import tables and JSON one file at a time."
            )
        return uploads


def _is_document_name(name: str) -> bool:
    return documents.is_document(name) and not name.lower().endswith(documents.SPREADSHEETS)


class RoleImportAdminMixin:
    """Add to the role ModelAdmin: `class RoleAdmin(RoleImportAdminMixin, admin.ModelAdmin)`."""

    change_list_template = "admin/roles/role/change_list.html"

    def get_urls(self):
        page = self.admin_site.admin_view(self.import_profiles_view)
        pending = self.admin_site.admin_view(self.pending_import_view)
        return [
            path("import-profiles/", page, name="roles_role_import_profiles"),
            path("import-profiles/<int:pk>/", pending, name="roles_role_import_pending"),
            *super().get_urls(),
        ]

    def import_profiles_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        return role_profiles_upload(request, self)

    def pending_import_view(self, request, pk: int):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        # Someone else's import is not found: each person's readings are their own.
        pending = get_object_or_404(PendingRoleImport, pk=pk, created_by=request.user)
        return pending_import_page(request, self, pending)


def role_profiles_upload(request, model_admin):
    """One page, three steps: upload (GET, POST file), then confirm or cancel (POST action)."""
    changelist = reverse("admin:roles_role_changelist")
    action = request.POST.get("action")
    if action in ("confirm", "cancel"):
        waiting = _take_waiting_upload(request)
        if waiting is None:
            messages.error(request, "That upload has expired or was not yours; upload it again.")
            return redirect("admin:roles_role_import_profiles")
        name, stored = waiting
        if action == "cancel":
            stored.unlink(missing_ok=True)
            messages.info(request, f"Import of {name} cancelled; nothing was saved.")
            return redirect(changelist)
        try:
            report = role_profiles_import(
                parsed=parse_file(name=name, data=stored.read_bytes()), dry_run=False
            )
        except ImportProblem as problem:
            messages.error(request, f"Nothing was saved. {problem}")
            return redirect("admin:roles_role_import_profiles")
        finally:
            stored.unlink(missing_ok=True)
        messages.success(request, " ".join(report.lines()[:1]))
        return redirect(changelist)

    form = RoleProfileUploadForm(request.POST or None, request.FILES or None)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Import role profiles",
        "form": form,
        "waiting": PendingRoleImport.objects.filter(created_by=request.user),
    }
    if request.method == "POST" and form.is_valid() and len(form.cleaned_data["file"]) > 1:
        try:
            created = document_import.pending_imports_create(
                user=request.user,
                files=[(upload.name, upload.read()) for upload in form.cleaned_data["file"]],
            )
        except ImportProblem as problem:
            form.add_error("file", f"None of the files was read. {problem}")
        else:
            messages.info(
                request,
                f"{len(created)} documents read; check and confirm each reading below. "
                "Nothing is saved until you do.",
            )
            return redirect("admin:roles_role_import_profiles")
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"][0]
        data = upload.read()
        if _is_document_name(upload.name):
            # A document's reading waits for corrections; a flat spreadsheet (perhaps of many
            # roles) is previewed and confirmed as a table is.
            try:
                pending = document_import.pending_import_create(
                    user=request.user, name=upload.name, data=data
                )
            except ImportProblem as problem:
                form.add_error("file", str(problem))
                return TemplateResponse(request, "admin/roles/role/import_upload.html", context)
            return redirect("admin:roles_role_import_pending", pk=pending.pk)
        try:
            parsed = parse_file(name=upload.name, data=data)
            report = role_profiles_import(parsed=parsed, dry_run=True)
        except ImportProblem as problem:
            form.add_error("file", str(problem))
        else:
            token = _keep_upload(request, upload.name, data)
            context |= {
                "title": f"Preview of {upload.name}",
                "report": report,
                "previews": role_previews(parsed, report),
                "token": token,
            }
            return TemplateResponse(request, "admin/roles/role/import_preview.html", context)
    return TemplateResponse(request, "admin/roles/role/import_upload.html", context)


def role_previews(parsed: ParsedFile, report) -> list[dict]:
    """Each parsed role laid out as the catalogue lays it out, from objects not yet saved."""
    categories = {c.name.lower(): c for c in RequirementCategory.objects.all()}
    next_order = RequirementCategory.next_order()
    grades = {}
    previews = []
    for role, change in zip(parsed.roles, report.roles, strict=True):
        levels = []
        for order, parsed_level in enumerate(role.levels, start=1):
            grade = grades.setdefault(parsed_level.grade, Grade(name=parsed_level.grade))
            level = Level(
                code=parsed_level.code,
                name=parsed_level.name,
                description=parsed_level.description,
                order=order,
            )
            level.grade = grade if parsed_level.grade else None
            items = []
            for parsed_item in parsed_level.requirements:
                key = parsed_item.category.lower()
                if key not in categories:
                    categories[key] = RequirementCategory(
                        name=parsed_item.category, order=next_order
                    )
                    next_order += 10
                items.append(
                    RequirementItem(
                        category=categories[key],
                        text=parsed_item.text,
                        is_essential=parsed_item.essential,
                        sub_points="\n".join(parsed_item.sub_points),
                    )
                )
            levels.append((level, items))
        previews.append(
            {
                "role": role,
                "change": change,
                "arrival": role_arrival(role, change),
                "grid": build_grid(
                    levels,
                    structure=role.attributes.get(
                        "level_structure", Role.LevelStructure.CUMULATIVE
                    ),
                ),
            }
        )
    return previews


def role_arrival(role: ParsedRole, change) -> str:
    """The state the import leaves a role in, from what the file gives: a new role is a draft
    (HR alone sees it until it is published) and has no job family or review dates unless the
    file names them; a role already here keeps its own where the file is silent."""
    new = change.outcome == "created"
    status = role.attributes.get("status") or ("draft" if new else None)
    parts = [f"arrives as a {Role.Status(status).label.lower()}" if status else "keeps its status"]
    if role.job_family:
        parts.append(f"has the job family {role.job_family}")
    else:
        parts.append("has no job family" if new else "keeps its job family")
    dates = [
        f"{label} {written_date(role.attributes[name], role.attributes.get(f'{name}_precision'))}"
        for name, label in (("last_reviewed", "last reviewed"), ("next_review", "next review"))
        if role.attributes.get(name)
    ]
    if dates:
        parts.append(f"has the review dates {' and '.join(dates)}")
    else:
        parts.append("has no review dates" if new else "keeps its review dates")
    return f"{parts[0]}, {parts[1]} and {parts[2]}."


def _keep_upload(request, name: str, data: bytes) -> str:
    UPLOADS.mkdir(mode=0o700, exist_ok=True)
    now = time.time()
    for old in UPLOADS.iterdir():
        if now - old.stat().st_mtime > STALE_AFTER_SECONDS:
            old.unlink(missing_ok=True)
    token = uuid.uuid4().hex
    (UPLOADS / token).write_bytes(data)
    request.session[SESSION_KEY] = {"token": token, "name": name}
    return token


def _take_waiting_upload(request) -> tuple[str, Path] | None:
    waiting = request.session.pop(SESSION_KEY, None)
    if not waiting or request.POST.get("token") != waiting["token"]:
        return None
    stored = UPLOADS / waiting["token"]
    return (waiting["name"], stored) if stored.is_file() else None


def pending_import_page(request, model_admin, pending: PendingRoleImport):
    """The reading of one document: check it, correct it (as often as needed), confirm it."""
    action = request.POST.get("action")
    if action == "cancel":
        pending.delete()
        messages.info(request, f"Import of {pending.file_name} cancelled; nothing was saved.")
        return redirect("admin:roles_role_changelist")
    problem = None
    if action in ("correct", "flip", "confirm"):
        try:
            corrections = _corrections(request.POST, pending, flip=action == "flip")
            document_import.pending_import_correct(pending=pending, corrections=corrections)
            if action == "confirm":
                report = document_import.pending_import_confirm(pending=pending)
                messages.success(request, report.lines()[0])
                return redirect("admin:roles_role_changelist")
        except ImportProblem as error:
            problem = f"Nothing was saved. {error}"
        else:
            messages.info(request, "Corrections kept; nothing is imported until you confirm.")
            return redirect("admin:roles_role_import_pending", pk=pending.pk)
    outline = document_import.pending_outline(pending)
    report = previews = None
    try:
        report = document_import.pending_import_preview(pending)
    except ImportProblem as error:
        problem = problem or str(error)
    else:
        parsed, _ = documents.parse_document_outline(pending.file_name, outline)
        previews = role_previews(parsed, report)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": f"Reading of {pending.file_name}",
        "pending": pending,
        "outline": outline,
        "levels": _levels_lowest_first(outline),
        "groups": document_import.keyed_groups(outline),
        "roles": Role.objects.select_related("grade", "top_grade").order_by("title"),
        "report": report,
        "previews": previews,
        "problem": problem,
    }
    return TemplateResponse(request, "admin/roles/role/import_document.html", context)


def _levels_lowest_first(outline) -> list[dict]:
    """The levels as the role will have them, lowest first, each with its groups' keys."""
    order = list(range(len(outline.levels)))
    if outline.direction == "down":
        order.reverse()
    return [
        {
            "index": index,
            "level": outline.levels[index],
            "groups": [
                (document_import.group_key(index, g), group)
                for g, group in enumerate(outline.levels[index].groups)
            ],
        }
        for index in order
    ]


def _corrections(post, pending: PendingRoleImport, *, flip: bool):
    outline = document_import.pending_outline(pending)
    headings = {
        key: post[f"heading-{key}"]
        for key, _, _ in document_import.keyed_groups(outline)
        if f"heading-{key}" in post
    }
    moves = {
        name.removeprefix("move-"): value
        for name, value in post.items()
        if name.startswith("move-") and value
    }
    shown = [entry["index"] for entry in _levels_lowest_first(outline)]
    try:
        positions = {index: int(post.get(f"order-{index}", n)) for n, index in enumerate(shown)}
    except ValueError:
        raise ImportProblem(
            "a level's position must be a number.", file=pending.file_name
        ) from None
    order = sorted(shown, key=lambda index: (positions[index], shown.index(index)))
    if flip:
        order.reverse()
    role = None
    if post.get("role"):
        role = Role.objects.filter(pk=post["role"]).first()
        if role is None:
            raise ImportProblem(
                "the role chosen to update no longer exists.", file=pending.file_name
            )
    return document_import.Corrections(
        headings=headings,
        moves=moves,
        level_order=order,
        cumulative=post.get("cumulative") == "yes",
        role=role,
    )
