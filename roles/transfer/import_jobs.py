"""A table or JSON file of role profiles, previewed and then imported by the task worker.

The admin upload (`admin_upload`) starts the preview; the preview job reads the file, does a dry
run and lays out each role as the catalogue will show it, keeping a summary (counts per role)
for the page and each role's layout as a detail shown on request. Confirming runs the import on
the same job, from the same file, all or nothing. Both report their progress (core.jobs).
"""

from django.template.loader import render_to_string

from core.jobs import JobRefused, background_job, job_upload
from roles.transfer.importing import ImportReport, parse_file, role_profiles_import
from roles.transfer.parsed import ImportProblem, ParsedFile


def _read(job, progress) -> ParsedFile:
    progress(f"Reading {job.upload_name}")
    return parse_file(name=job.upload_name, data=job_upload(job))


@background_job
def role_import_preview(job, progress) -> dict:
    """What the import would change, role by role, with each role laid out as a detail."""
    # The admin page's own layout of unsaved roles; that module starts these jobs.
    from roles.transfer.admin_upload import role_previews

    try:
        parsed = _read(job, progress)
        progress(f"Checking what would change in {len(parsed.roles)} roles")
        report = role_profiles_import(parsed=parsed, dry_run=True)
    except ImportProblem as problem:
        raise JobRefused(str(problem)) from None
    previews = role_previews(parsed, report)
    job.details = []
    for number, preview in enumerate(previews, start=1):
        job.details.append(
            render_to_string("admin/roles/role/import_role.html", {"preview": preview})
        )
        progress("Laying out each role", number, len(previews))
    progress.keep_upload = True  # for the import, once confirmed
    return import_summary(parsed, report)


def import_summary(parsed: ParsedFile, report: ImportReport) -> dict:
    """The preview page's figures: the report's lines about the whole file, and per role the
    counts HR weighs before confirming."""
    per_role = {change.describe() for change in report.roles}
    return {
        "file": parsed.name,
        "lines": [line for line in report.lines() if line not in per_role],
        "new_categories": report.new_categories,
        "created": report.count("created"),
        "changed": report.count("changed"),
        "unchanged": report.count("unchanged"),
        "roles": [
            {
                "label": change.label,
                "outcome": change.outcome,
                "levels": len(role.levels),
                "levels_added": len(change.levels_created),
                "levels_removed": len(change.levels_removed),
                "items_added": change.items_created,
                "items_changed": change.items_changed,
                "items_removed": change.items_removed,
                "items_retired": len(change.items_retired),
                "ratings_affected": change.ratings_affected,
                "fields_changed": change.fields_changed,
            }
            for role, change in zip(parsed.roles, report.roles, strict=True)
        ],
    }


@background_job
def role_import(job, progress) -> dict:
    """The confirmed import: every role or none."""
    try:
        parsed = _read(job, progress)
        progress(f"Saving {len(parsed.roles)} roles")
        report = role_profiles_import(parsed=parsed, dry_run=False)
    except ImportProblem as problem:
        raise JobRefused(f"Nothing was saved. {problem}") from None
    return {"lines": report.lines()[:1]}
