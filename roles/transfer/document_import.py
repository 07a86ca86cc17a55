"""Importing a role-profile document in steps: read it, let HR correct the reading, confirm.

The reading waits in a `PendingRoleImport` row between the steps (nothing of the role is saved
before the confirmation); the confirmation goes through the one importer, all or nothing.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Value

from core.fields import DESCRIPTION_MAX_LENGTH
from roles.models import PendingRoleImport, RequirementItem, Role
from roles.transfer import documents
from roles.transfer.documents import flat
from roles.transfer.documents.adapter import UNGROUPED, outline_to_role
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
NAMES_PER_ITEM = 10  # people named under each item; the rest are counted ("and 12 more")


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


def pending_spreadsheet_create(*, user, name: str, data: bytes) -> PendingRoleImport:
    """Keep a flat spreadsheet's rows, with its columns guessed from the header, for HR to say
    which column is which before it is read; raises ImportProblem."""
    rows = [row for row in flat.rows_of(name, data) if any(row)]
    if len(rows) < 2:
        raise ImportProblem("has no rows under its header row.", file=name)
    return PendingRoleImport.objects.create(
        created_by=user,
        file_name=name,
        outline=outline_to_dict(Outline(file=name)),
        rows=rows,
        columns=flat.guess_columns(rows[0]),
    )


def spreadsheet_outlines(pending: PendingRoleImport, columns: dict[str, int]) -> list[Outline]:
    """The roles the spreadsheet holds, read with these columns; raises ImportProblem."""
    return flat.outlines_from_rows(pending.file_name, pending.rows, columns)


@transaction.atomic
def pending_spreadsheet_read(
    *, pending: PendingRoleImport, columns: dict[str, int]
) -> list[PendingRoleImport]:
    """Read the spreadsheet with HR's columns: one reading per role it holds, each then checked
    and confirmed like a document's."""
    outlines = spreadsheet_outlines(pending, columns)
    pending.outline, pending.rows, pending.columns = outline_to_dict(outlines[0]), [], columns
    pending.save()
    return [pending] + [
        PendingRoleImport.objects.create(
            created_by=pending.created_by,
            file_name=pending.file_name,
            outline=outline_to_dict(outline),
            columns=columns,
        )
        for outline in outlines[1:]
    ]


def pending_imports_clear_stale() -> int:
    """Forget the readings nobody has touched for `PENDING_ROLE_IMPORT_DAYS` days."""
    return PendingRoleImport.objects.stale().delete()[0]


def pending_outline(pending: PendingRoleImport) -> Outline:
    return outline_from_dict(pending.outline)


def _parsed(pending: PendingRoleImport) -> ParsedFile:
    role, notes = outline_to_role(pending_outline(pending))
    parsed = ParsedFile(name=pending.file_name, roles=[role], notes=notes)
    role_to_update(parsed, pk=pending.role_id)
    return parsed


def pending_import_preview(
    pending: PendingRoleImport,
) -> tuple[ImportReport, "Affected | None", Role]:
    """What confirming would do, worked out and rolled back: the report; when it updates a role,
    whose records hold the items it would remove or reword; and the role as it would be saved,
    with its facts, sections and sign-off (those of its own the document does not name among
    them). Raises ImportProblem."""
    parsed = _parsed(pending)
    current = list(
        RequirementItem.objects.filter(level__role_id=pending.role_id).values_list("pk", flat=True)
    )
    # The importer alone decides which items keep their identity and which of the role's own
    # sections and facts stay: run it for real inside a savepoint, see which of the role's
    # items it retired (those in someone's record that it removes or rewords; the others it
    # deletes) and what the role holds, and roll it all back.
    with transaction.atomic():
        report = role_profiles_import(parsed=parsed, dry_run=False)
        retired = list(
            RequirementItem.all_objects.filter(pk__in=current, retired_at__isnull=False)
            .select_related("level")
            .order_by("level__order", "pk")
        )
        saved = _saved(parsed, pending.role_id)
        transaction.set_rollback(True)
    report.dry_run = True
    return report, people_affected(retired) if pending.role_id else None, saved


def _saved(parsed: ParsedFile, pk: int | None) -> Role:
    """The role just imported, with what its page shows beside its levels read in, so that it
    can be shown once the import is rolled back."""
    found = Role.objects.select_related("grade", "top_grade", "job_family").prefetch_related(
        "facts", "sections", "sign_offs"
    )
    if pk is not None:
        return found.get(pk=pk)
    role = parsed.roles[0]
    grade = {"grade__name": role.grade} if role.grade else {"grade__isnull": True}
    return found.filter(title=role.title, **grade).latest("pk")


@dataclass
class AffectedItem:
    """An item the update removes or rewords, and the people whose records hold it."""

    item: RequirementItem
    count: int  # everyone whose record holds it
    people: list[tuple[str, list[str]]]  # the first NAMES_PER_ITEM by name, with what they hold

    @property
    def more(self) -> int:
        return self.count - len(self.people)


@dataclass
class Affected:
    items: list[AffectedItem]
    total: int  # different people, over all the items


# What of a person's record points at an item (RequirementItemQuerySet.in_use), in HR's words.
RECORDS = {
    "a manager's assessment": "assessment_items__assessment__staff",
    "their own rating": "self_ratings__staff",
    "evidence": "evidence__staff",
}


def people_affected(items: list[RequirementItem]) -> Affected:
    """Who holds each item in their record, by name, in one query however many people."""
    if not items:
        return Affected(items=[], total=0)
    found = RequirementItem.all_objects.filter(pk__in=[item.pk for item in items]).order_by()
    rows = [
        found.filter(**{f"{path}__isnull": False})
        .annotate(record=Value(record))
        .values_list(
            "pk",
            path,
            f"{path}__user__last_name",
            f"{path}__user__first_name",
            f"{path}__user__username",
            "record",
        )
        for record, path in RECORDS.items()
    ]
    holders: dict[int, dict[int, tuple]] = {}
    for item_pk, staff_pk, last, first, username, record in rows[0].union(*rows[1:]):
        name = f"{first} {last}".strip() or username
        person = holders.setdefault(item_pk, {}).setdefault(
            staff_pk, ((last, first, username, staff_pk), name, [])
        )
        person[2].append(record)
    affected = []
    for item in items:
        people = sorted(holders.get(item.pk, {}).values())
        affected.append(
            AffectedItem(
                item=item,
                count=len(people),
                people=[
                    (name, [r for r in RECORDS if r in records])
                    for _, name, records in people[:NAMES_PER_ITEM]
                ],
            )
        )
    return Affected(
        items=affected, total=len({staff for by_item in holders.values() for staff in by_item})
    )


@transaction.atomic
def pending_import_confirm(*, pending: PendingRoleImport) -> ImportReport:
    """Import the reading as corrected, all or nothing, and forget it."""
    report = role_profiles_import(parsed=_parsed(pending), dry_run=False)
    pending.delete()
    return report


@dataclass
class Corrections:
    """What HR changed on the reading's page; keys name groups and items as the page shows them
    (`group_key`, `item_key`), before any of the changes."""

    headings: dict[str, str] = field(default_factory=dict)  # equal headings in a level merge
    moves: dict[str, str] = field(default_factory=dict)  # item key -> group key (any level)
    essential: dict[str, bool] = field(default_factory=dict)  # item key -> essential?
    sub_points: dict[str, str] = field(default_factory=dict)  # item key -> one per line
    split_at: str = ""  # item key: a new group starts at this item
    level_order: list[int] | None = None  # the levels' positions in the list, in the new order
    level_structure: str = ""  # "cumulative" or "standalone"; "" leaves it as it is
    role: Role | None = None


def group_key(level_index: int | None, group_index: int) -> str:
    return f"{'x' if level_index is None else level_index}-{group_index}"


def item_key(group: str, item_index: int) -> str:
    return f"{group}-{item_index}"


def keyed_groups(outline: Outline) -> list[tuple[str, object, OutlineGroup]]:
    """Every group with its key and its level (None for groups of no level)."""
    found = [(group_key(None, g), None, group) for g, group in enumerate(outline.groups)]
    for index, level in enumerate(outline.levels):
        found += [(group_key(index, g), level, group) for g, group in enumerate(level.groups)]
    return found


def where(level, group: OutlineGroup, item_index: int | None = None) -> str:
    """A group or item as HR finds it on the page: "Level 1, group “Skills”, item 2"."""
    place = f"{level.label}, " if level is not None else ""
    place += f"group “{group.heading or '(no heading)'}”"
    return place if item_index is None else f"{place}, item {item_index + 1}"


@transaction.atomic
def pending_import_correct(*, pending: PendingRoleImport, corrections: Corrections) -> None:
    """Apply HR's corrections to the waiting reading, all or none; raises ImportProblem naming
    the group or item."""
    outline = pending_outline(pending)
    name = pending.file_name
    groups = {key: (level, group) for key, level, group in keyed_groups(outline)}
    items = {
        item_key(key, i): (level, group, i, item)
        for key, (level, group) in groups.items()
        for i, item in enumerate(group.items)
    }
    for key, heading in corrections.headings.items():
        if key not in groups:
            continue
        level, group = groups[key]
        heading = " ".join(heading.split())
        if not heading and not group.heading:
            continue  # a group read without a heading, left so (its items go under UNGROUPED)
        if not heading:
            raise ImportProblem(
                f"{where(level, group)}: a group's heading cannot be empty.", file=name
            )
        if len(heading) > HEADING_MAX_LENGTH:
            raise ImportProblem(
                f"{where(level, group)}: the heading “{heading[:40]}…” is {len(heading)} "
                f"characters long; at most {HEADING_MAX_LENGTH} fit.",
                file=name,
            )
        group.heading = heading  # before a split, which names its new group after this one
    for key, essential in corrections.essential.items():
        if key in items:
            items[key][3].essential = essential
    for key, text in corrections.sub_points.items():
        if key not in items:
            continue
        points = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        length = len("\n".join(points))
        if length > DESCRIPTION_MAX_LENGTH:
            level, group, index, _ = items[key]
            raise ImportProblem(
                f"{where(level, group, index)}: the sub-points are {length} characters long; "
                f"at most {DESCRIPTION_MAX_LENGTH} fit.",
                file=name,
            )
        items[key][3].sub_points = points
    if corrections.split_at in items:
        _split(outline, *items[corrections.split_at][1:])
    # Moves name items and groups as the page showed them: find each item where it is now.
    for key, target in corrections.moves.items():
        if key in items and target in groups and groups[target][1] is not items[key][1]:
            item = items[key][3]
            for _, holder in groups.values():
                holder.items[:] = [i for i in holder.items if i is not item]
            groups[target][1].items.append(item)
    for holder in [outline, *outline.levels]:
        holder.groups[:] = _merged(holder.groups)
    order = corrections.level_order
    if order is not None and sorted(order) == list(range(len(outline.levels))):
        outline.levels = [outline.levels[i] for i in order]
        # HR has said which way the levels run: the list is now lowest first.
        outline.direction = "up" if outline.levels else ""
        outline.unsure = [doubt for doubt in outline.unsure if "which way" not in doubt]
    if corrections.level_structure:
        outline.level_structure = corrections.level_structure
        cumulative = corrections.level_structure == "cumulative"
        for position, level in enumerate(outline.levels):
            level.cumulative = cumulative and (position > 0 or len(outline.levels) == 1)
    pending.outline = outline_to_dict(outline)
    pending.role = corrections.role
    pending.save()


def _split(outline: Outline, group: OutlineGroup, index: int, item) -> None:
    """A new group, right after `group` in its level, starting at `item` (index in the page)."""
    if index == 0:
        return  # splitting at the first item would leave an empty group
    holder = next(h for h in [outline, *outline.levels] if any(g is group for g in h.groups))
    at = next(i for i, it in enumerate(group.items) if it is item)
    heading = f"{group.heading or UNGROUPED} (continued)"
    new = OutlineGroup(heading=heading[:HEADING_MAX_LENGTH], items=group.items[at:])
    del group.items[at:]
    holder.groups.insert(next(i for i, g in enumerate(holder.groups) if g is group) + 1, new)


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
