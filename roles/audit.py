"""What changed in the parts of a role (levels, items, responsibilities, sections, facts,
sign-off), for its history page."""

from dataclasses import dataclass, field
from datetime import datetime

from core import history
from roles.models import (
    Level,
    RequirementItem,
    Responsibility,
    RoleCompetency,
    RoleFact,
    RoleSection,
    RoleSignOff,
)

# A role's history page lists at most this many changes of its parts, the latest first.
LIMIT = 300


@dataclass
class PartChange:
    when: datetime
    who: object
    through: str
    what: str
    kind: str  # "Created", "Changed" or "Deleted"
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def role_part_changes(*, role_id: int) -> list[PartChange]:
    """The latest changes to the role's parts, each with its old and new values.

    A fixed number of queries: each model's records are read once and compared in memory.
    """
    level_records = list(_records(Level, role_id=role_id))
    level_codes = {record.id: record.code for record in level_records}
    item_records = _records(RequirementItem, level_id__in=list(level_codes))
    found: list[PartChange] = []
    found += _changes(level_records, lambda r: f"Level {r.code}")
    found += _changes(
        item_records,
        lambda r: f"Item “{_short(r.text)}” (level {level_codes.get(r.level_id, '?')})",
    )
    found += _changes(
        _records(Responsibility, role_id=role_id),
        lambda r: f"Responsibility “{_short(r.heading or r.text or r.items)}”",
    )
    found += _changes(
        _records(RoleSection, role_id=role_id), lambda r: f"Section “{_short(r.title)}”"
    )
    found += _changes(_records(RoleFact, role_id=role_id), lambda r: f"Fact “{_short(r.label)}”")
    found += _changes(
        _records(RoleSignOff, role_id=role_id),
        lambda r: f"Sign-off “{_short(r.name or r.signer_role)}”",
    )
    found += _changes(
        _records(RoleCompetency, role_id=role_id).select_related("competency"),
        lambda r: (
            f"Competency {r.competency}"
            + (f" (level {level_codes.get(r.level_id, '?')})" if r.level_id else "")
        ),
    )
    found.sort(key=lambda change: change.when, reverse=True)
    return found[:LIMIT]


def _records(model, **filters):
    return (
        model.history.filter(**filters)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )


def _short(text: str) -> str:
    return text if len(text) <= 60 else f"{text[:57]}..."


def _changes(records, label) -> list[PartChange]:
    found, deltas, previous = [], [], None
    for record in records:
        change = PartChange(
            when=record.history_date,
            who=record.history_user,
            through=record.history_change_reason or "",
            what=label(record),
            kind=record.get_history_type_display(),
        )
        if previous is not None and previous.id == record.id and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            if not delta.changes:
                previous = record
                continue
            deltas.append((change, delta))
        found.append(change)
        previous = record
    for (change, _), changes in zip(
        deltas, history.readable_changes([d for _, d in deltas]), strict=True
    ):
        change.changes = changes
    return found
