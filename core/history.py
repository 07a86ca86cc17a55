"""The audit trail: who changed what, when, from which old value, and through which path.

Every audited model has `history = AuditedHistory()` (django-simple-history). Each historical
record's change reason says the path the change came through: "admin" or "page" for a
request (from the request the history middleware exposes), "command" for anything else (a
management command, the shell, a task), unless the code doing the write names it with
`history_source("import")`; an explicit `_change_reason` on the instance adds to it.

Bulk writes and `QuerySet.update` skip the model signals simple-history listens to, so the
code doing them calls `bulk_create`, `bulk_update` or `record` from here instead.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from simple_history.models import HistoricalRecords
from simple_history.utils import (
    bulk_create_with_history,
    bulk_update_with_history,
    get_change_reason_from_object,
    get_history_manager_for_model,
)

# simple-history keeps the change reason in a CharField of 100 characters.
REASON_MAX_LENGTH = 100

_source: ContextVar[str | None] = ContextVar("history_source", default=None)
_date: ContextVar[datetime | None] = ContextVar("history_date", default=None)


@contextmanager
def history_source(source: str, *, at: datetime | None = None) -> Iterator[None]:
    """Name the path of every change recorded inside the block ("import", "restore", ...).

    `at` dates the bulk writes' records, so that one operation's records share one time.
    """
    tokens = _source.set(source), _date.set(at)
    try:
        yield
    finally:
        _source.reset(tokens[0])
        _date.reset(tokens[1])


def current_source() -> str:
    named = _source.get()
    if named:
        return named
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return "command"
    match = getattr(request, "resolver_match", None)
    in_admin = (match and match.namespace == "admin") or request.path.startswith("/admin/")
    return "admin" if in_admin else "page"


def _reason(obj=None) -> str:
    source = current_source()
    detail = get_change_reason_from_object(obj) if obj is not None else None
    reason = f"{source}: {detail}" if detail else source
    return reason[:REASON_MAX_LENGTH]


class AuditedHistory(HistoricalRecords):
    """simple-history's records, with the path of the change as the change reason."""

    def get_change_reason_for_object(self, instance, history_type, using):
        return _reason(instance)


def bulk_create(model, objs: Iterable, **kwargs) -> list:
    """`bulk_create` that records a "created" history entry for each object."""
    objs = list(objs)
    if not objs:
        return []
    return bulk_create_with_history(
        objs, model, default_change_reason=_reason(), default_date=_date.get(), **kwargs
    )


def bulk_update(model, objs: Iterable, fields: list[str], **kwargs) -> None:
    """`bulk_update` that records a "changed" history entry for each object."""
    objs = list(objs)
    if objs:
        bulk_update_with_history(
            objs,
            model,
            fields,
            default_change_reason=_reason(),
            default_date=_date.get(),
            **kwargs,
        )


def record(model, objs: Iterable, *, update: bool = True) -> None:
    """Record the current state of objects written without `save()` (`QuerySet.update`).

    `objs` must hold the values as saved: read them back after the update.
    """
    objs = list(objs)
    if objs:
        get_history_manager_for_model(model).bulk_history_create(
            objs, update=update, default_change_reason=_reason(), default_date=_date.get()
        )


def readable_changes(deltas) -> list[list[tuple[str, str, str]]]:
    """Each delta's changes as (field, old value, new value) in words: a related object by its
    name, not its id (each related model read once for all the deltas), and one deleted since
    by the id it had."""
    wanted: dict = {}
    for delta in deltas:
        for change in delta.changes:
            field = _field(delta, change.field)
            if field.many_to_one:
                ids = wanted.setdefault(field.related_model, set())
                ids.update(v for v in (change.old, change.new) if v is not None)
    names = {
        # The base manager: retired items and levels are named too.
        model: {pk: str(obj) for pk, obj in model._base_manager.in_bulk(list(ids)).items()}
        for model, ids in wanted.items()
    }

    def word(field, value) -> str:
        if value is None:
            return ""
        if field.many_to_one:
            return names[field.related_model].get(value, f"(deleted, was #{value})")
        return str(value)

    readable = []
    for delta in deltas:
        fields = [(_field(delta, change.field), change) for change in delta.changes]
        readable.append(
            [
                (str(field.verbose_name), word(field, change.old), word(field, change.new))
                for field, change in fields
            ]
        )
    return readable


def _field(delta, name: str):
    return delta.new_record.instance_type._meta.get_field(name)
