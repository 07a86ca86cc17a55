"""HR's upload of role-profile files in the admin: upload, preview what would change, confirm.

`RoleImportAdminMixin` adds the page to the role admin (a URL and a button on the list). The
uploaded file waits in a temporary folder between the preview and the confirmation; the
session remembers whose it is, so nobody can confirm another person's upload.
"""

import time
import uuid
from pathlib import Path
from tempfile import gettempdir

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from competencies.models import RequirementCategory
from roles.levels_grid import build_grid
from roles.models import Grade, Level, RequirementItem, Role
from roles.transfer.importing import check_size, parse_file, role_profiles_import
from roles.transfer.parsed import ImportProblem, ParsedFile, ParsedRole

UPLOADS = Path(gettempdir()) / "role-profile-imports"
SESSION_KEY = "role_profile_import"
ACCEPTED = ".tsv,.csv,.xlsx,.json"
STALE_AFTER_SECONDS = 24 * 60 * 60


class RoleProfileUploadForm(forms.Form):
    file = forms.FileField(
        help_text="A career-grade table (.tsv, .csv, .xlsx) or role profiles as JSON; "
        f"at most {settings.MAX_UPLOAD_SIZE // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            # Refused on the size the browser declared, before the file is read.
            check_size(name=upload.name, size=upload.size)
        except ImportProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return upload


class RoleImportAdminMixin:
    """Add to the role ModelAdmin: `class RoleAdmin(RoleImportAdminMixin, admin.ModelAdmin)`."""

    change_list_template = "admin/roles/role/change_list.html"

    def get_urls(self):
        page = self.admin_site.admin_view(self.import_profiles_view)
        return [
            path("import-profiles/", page, name="roles_role_import_profiles"),
            *super().get_urls(),
        ]

    def import_profiles_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        return role_profiles_upload(request, self)


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
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
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
            level = Level(code=parsed_level.code, name=parsed_level.name, order=order)
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
                "grid": build_grid(levels),
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
        f"{label} {role.attributes[name]:%-d %B %Y}"
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
