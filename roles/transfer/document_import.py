"""Importing a role-profile document in steps: read it, let HR correct the reading, confirm.

The reading waits in a `PendingRoleImport` row between the steps (nothing of the role is saved
before the confirmation); the confirmation goes through the one importer, all or nothing.
"""

from dataclasses import dataclass

from django.db import transaction

from roles.models import PendingRoleImport, Role
from roles.transfer import documents
from roles.transfer.documents.adapter import outline_to_role
from roles.transfer.documents.outline import (
    Outline,
    OutlineGroup,
    outline_from_dict,
    outline_to_dict,
)
from roles.transfer.importing import ImportReport, role_profiles_import
from roles.transfer.parsed import ImportProblem, ParsedFile
from roles.transfer.role_choice import role_to_update

HEADING_MAX_LENGTH = 120


def pending_import_create(*, user, name: str, data: bytes) -> PendingRoleImport:
    """Read the document and keep the reading for HR to check; raises ImportProblem."""
    outline = documents.read_document(name=name, data=data)
    return PendingRoleImport.objects.create(
        created_by=user, file_name=name, outline=outline_to_dict(outline)
    )


@transaction.atomic
def pending_imports_create(*, user, files: list[tuple[str, bytes]]) -> list[PendingRoleImport]:
    """Read several documents, all or none: one that cannot be read keeps none of them."""
    return [pending_import_create(user=user, name=name, data=data) for name, data in files]


def pending_outline(pending: PendingRoleImport) -> Outline:
    return outline_from_dict(pending.outline)


def _parsed(pending: PendingRoleImport) -> ParsedFile:
    role, notes = outline_to_role(pending_outline(pending))
    parsed = ParsedFile(name=pending.file_name, roles=[role], notes=notes)
    role_to_update(parsed, pk=pending.role_id)
    return parsed


def pending_import_preview(pending: PendingRoleImport) -> ImportReport:
    """What confirming would do, worked out and rolled back; raises ImportProblem."""
    return role_profiles_import(parsed=_parsed(pending), dry_run=True)


@transaction.atomic
def pending_import_confirm(*, pending: PendingRoleImport) -> ImportReport:
    """Import the reading as corrected, all or nothing, and forget it."""
    report = role_profiles_import(parsed=_parsed(pending), dry_run=False)
    pending.delete()
    return report


@dataclass
class Corrections:
    """What HR changed on the preview's form."""

    headings: dict[str, str]  # group key -> new heading (equal headings in a level merge)
    moves: dict[str, str]  # item key -> group key
    level_order: list[int]  # the levels' positions in the document's list, in the new order
    cumulative: bool
    role: Role | None


def group_key(level_index: int | None, group_index: int) -> str:
    return f"{'x' if level_index is None else level_index}-{group_index}"


def keyed_groups(outline: Outline) -> list[tuple[str, object, OutlineGroup]]:
    """Every group with its key and its level (None for groups of no level)."""
    found = [(group_key(None, g), None, group) for g, group in enumerate(outline.groups)]
    for index, level in enumerate(outline.levels):
        found += [(group_key(index, g), level, group) for g, group in enumerate(level.groups)]
    return found


@transaction.atomic
def pending_import_correct(*, pending: PendingRoleImport, corrections: Corrections) -> None:
    """Apply HR's corrections to the waiting reading; raises ImportProblem naming the field."""
    outline = pending_outline(pending)
    groups = {key: group for key, _, group in keyed_groups(outline)}
    for key, heading in corrections.headings.items():
        heading = " ".join(heading.split())
        if key not in groups:
            continue
        if not heading:
            raise ImportProblem("a group's heading cannot be empty.", file=pending.file_name)
        if len(heading) > HEADING_MAX_LENGTH:
            raise ImportProblem(
                f"the heading “{heading[:40]}…” is {len(heading)} characters long; at most "
                f"{HEADING_MAX_LENGTH} fit.",
                file=pending.file_name,
            )
        groups[key].heading = heading
    moving = []
    for key, target in corrections.moves.items():
        source_key, _, index = key.rpartition("-")
        if target and target != source_key and source_key in groups and target in groups:
            moving.append((groups[source_key], int(index), groups[target]))
    # Take the items out from the back, so earlier positions stay right, then add them.
    taken = [
        (source.items.pop(index), target)
        for source, index, target in sorted(moving, key=lambda m: -m[1])
        if index < len(source.items)
    ]
    for item, target in reversed(taken):
        target.items.append(item)
    for holder in [outline, *outline.levels]:
        holder.groups[:] = _merged(holder.groups)
    if sorted(corrections.level_order) == list(range(len(outline.levels))):
        outline.levels = [outline.levels[i] for i in corrections.level_order]
    for position, level in enumerate(outline.levels):
        level.cumulative = corrections.cumulative and position > 0
    if corrections.cumulative and len(outline.levels) == 1:
        outline.levels[0].cumulative = True
    # HR has said which way the levels run: the list is now lowest first.
    outline.direction = "up" if outline.levels else ""
    outline.unsure = [doubt for doubt in outline.unsure if "which way" not in doubt]
    pending.outline = outline_to_dict(outline)
    pending.role = corrections.role
    pending.save()


def _merged(groups: list[OutlineGroup]) -> list[OutlineGroup]:
    """Groups that now share a heading and lead-in are one group, in the first one's place."""
    kept: dict[tuple[str, str], OutlineGroup] = {}
    for group in groups:
        same = kept.get((group.heading.lower(), group.lead_in.lower()))
        if same is None:
            kept[(group.heading.lower(), group.lead_in.lower())] = group
        else:
            same.items += group.items
    return [g for g in kept.values() if g.items]
