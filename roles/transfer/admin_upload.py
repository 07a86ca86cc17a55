"""HR's upload of role-profile files in the admin: upload, preview what would change, confirm.

`RoleImportAdminMixin` adds the pages to the role admin (URLs and a button on the list). A
table or JSON file is read, previewed and then imported by the task worker
(`roles.transfer.import_jobs`): the upload returns at once to the job's page, which shows the
progress, then a summary of the preview (each role's layout on request), then the outcome. The
job is its uploader's: nobody else sees or confirms it. A document (Word, PDF, text) is read at
once and its reading waits in a `PendingRoleImport` row, where HR corrects it over as many visits
as it takes (`document_import`), then confirms it.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from competencies.models import RequirementCategory
from core import jobs
from core.dates import written_date
from core.models import BackgroundJob
from roles.levels_grid import build_grid
from roles.models import Grade, Level, PendingRoleImport, RequirementItem, Role
from roles.transfer import document_import, documents, import_jobs
from roles.transfer.importing import check_size
from roles.transfer.parsed import ImportProblem, ParsedFile, ParsedRole

ACCEPTED = ".docx,.pdf,.html,.htm,.txt,.md,.tsv,.csv,.xlsx,.json"
# Roles a page of the preview's summary lists.
PREVIEW_PAGE_SIZE = 50


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
        job = self.admin_site.admin_view(self.import_job_view)
        role = self.admin_site.admin_view(self.import_role_view)
        return [
            path("import-profiles/", page, name="roles_role_import_profiles"),
            path("import-profiles/<int:pk>/", pending, name="roles_role_import_pending"),
            path("import-profiles/job/<int:pk>/", job, name="roles_role_import_job"),
            path(
                "import-profiles/job/<int:pk>/role/<int:number>/",
                role,
                name="roles_role_import_role",
            ),
            *super().get_urls(),
        ]

    def import_profiles_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        return role_profiles_upload(request, self)

    def import_job_view(self, request, pk: int):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        job = jobs.job_of(request, pk, import_jobs.role_import_preview, import_jobs.role_import)
        return import_job_page(request, self, job)

    def import_role_view(self, request, pk: int, number: int):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        job = jobs.job_of(request, pk, import_jobs.role_import_preview)
        return import_role_page(request, self, job, number)


def role_profiles_upload(request, model_admin):
    """The upload form; a table or JSON file goes to the worker, a document to its reading."""
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
        job = jobs.job_start(
            work=import_jobs.role_import_preview,
            by=request.user,
            title=f"Preview of {upload.name}",
            upload=data,
            upload_name=upload.name,
        )
        return redirect("admin:roles_role_import_job", pk=job.pk)
    return TemplateResponse(request, "admin/roles/role/import_upload.html", context)


def _context(request, model_admin, title: str, **more) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
        **more,
    }


def import_job_page(request, model_admin, job: BackgroundJob):
    """An upload's job: its progress, then its preview (confirm or cancel), then the outcome."""
    action = request.POST.get("action")
    importing = job.kind == import_jobs.role_import.module_path
    if action == "cancel" and importing:
        messages.error(request, "The import is under way and cannot be cancelled.")
        return redirect("admin:roles_role_import_job", pk=job.pk)
    if action == "cancel":
        job.delete()
        messages.info(request, f"Import of {job.upload_name} cancelled; nothing was saved.")
        return redirect("admin:roles_role_changelist")
    if action == "confirm":
        if not jobs.job_continue(
            job,
            work=import_jobs.role_import,
            after=import_jobs.role_import_preview,
            title=f"Import of {job.upload_name}",
        ):
            messages.error(request, "That import has already been confirmed or has expired.")
        return redirect("admin:roles_role_import_job", pk=job.pk)

    if not job.finished:
        return TemplateResponse(
            request,
            "admin/roles/role/import_progress.html",
            _context(
                request, model_admin, job.title, job=job, refresh_seconds=jobs.REFRESH_SECONDS
            ),
        )
    if job.status == BackgroundJob.Status.FAILED:
        # The upload form again, with the file's problem where a synchronous upload showed it.
        return TemplateResponse(
            request,
            "admin/roles/role/import_upload.html",
            _context(
                request,
                model_admin,
                "Import role profiles",
                form=RoleProfileUploadForm(),
                problem=job.message,
                waiting=PendingRoleImport.objects.filter(created_by=request.user),
            ),
        )
    if importing:
        messages.success(request, " ".join(job.summary["lines"]))
        return redirect("admin:roles_role_changelist")
    rows = list(enumerate(job.summary["roles"]))
    page = Paginator(rows, PREVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "admin/roles/role/import_preview.html",
        _context(request, model_admin, job.title, job=job, summary=job.summary, page_obj=page),
    )


def import_role_page(request, model_admin, job: BackgroundJob, number: int):
    """One role of a finished preview, laid out as the catalogue will show it."""
    detail = jobs.job_detail(job, number) if job.status == BackgroundJob.Status.DONE else None
    if detail is None:
        raise Http404("No such role in this preview.")
    page = number // PREVIEW_PAGE_SIZE + 1
    back = reverse("admin:roles_role_import_job", args=[job.pk]) + f"?page={page}"
    label = job.summary["roles"][number]["label"]
    return TemplateResponse(
        request,
        "admin/roles/role/import_role_detail.html",
        _context(request, model_admin, f"{label}: preview", job=job, detail=detail, back=back),
    )


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
