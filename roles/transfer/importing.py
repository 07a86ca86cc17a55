"""Importing role profiles: the one way in for the command, the admin upload and the tests.

A file is parsed into plain data (`roles.parsed`), then `role_profiles_import` writes it in one
transaction with bulk operations. Roles are matched by title and grade and updated in place;
requirement items whose text is unchanged keep their identity, so assessments that point at
them stay valid. A dry run does all the work and then rolls it back, so what it reports is
exactly what a real import would do.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, ProtectedError
from django.db.models.deletion import Collector
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from competencies.models import RequirementCategory
from core import history
from core.dates import as_precise_as
from core.html import sanitise_html
from roles.models import (
    RETIRED_ORDER_START,
    Grade,
    GradingScheme,
    JobFamily,
    Level,
    RequirementGroup,
    RequirementItem,
    Responsibility,
    Role,
    RoleFact,
    RoleSection,
    RoleSignOff,
    levels_retire,
    requirement_items_retire,
)
from roles.requirement_groups import heading_keys
from roles.transfer import career_grade_table, documents, frameworks, json_format
from roles.transfer.parsed import (
    ImportProblem,
    ParsedFile,
    ParsedGroup,
    ParsedLevel,
    ParsedRequirement,
    ParsedRole,
)

# Grades a file names that the database does not know go into this scheme, ordered by number.
IMPORTED_GRADES_SCHEME = "Imported grades"


def check_size(*, name: str, size: int) -> None:
    """Refuse a file over the upload limit before it is read into memory."""
    if size > settings.MAX_UPLOAD_SIZE:
        raise ImportProblem(
            f"is {filesizeformat(size)}; files over "
            f"{filesizeformat(settings.MAX_UPLOAD_SIZE)} are refused.",
            file=name,
        )


def parse_file(*, name: str, data: bytes) -> ParsedFile:
    """Read an uploaded or named file of any supported type into plain data."""
    check_size(name=name, size=len(data))
    if name.lower().endswith(".json"):
        return json_format.parse_json(name, data)
    if documents.is_document(name, data):
        return documents.parse_document(name=name, data=data)[0]
    return career_grade_table.parse_table(name, data)


@dataclass
class RoleChange:
    label: str
    outcome: str  # "created", "changed" or "unchanged"
    fields_changed: list[str] = field(default_factory=list)
    levels_created: list[str] = field(default_factory=list)
    levels_removed: list[str] = field(default_factory=list)
    items_created: int = 0
    items_changed: int = 0
    items_removed: int = 0
    items_retired: list[str] = field(default_factory=list)
    items_kept: int = 0
    # Ratings (managers' and people's own) of the retired items: kept, but no longer asked.
    ratings_affected: int = 0

    def describe(self) -> str:
        if self.outcome == "unchanged":
            return f"{self.label}: unchanged"
        parts = [f"{self.label}: {self.outcome}"]
        if self.fields_changed:
            parts.append(f"fields changed: {', '.join(self.fields_changed)}")
        if self.levels_created:
            parts.append(f"levels added: {', '.join(self.levels_created)}")
        if self.levels_removed:
            parts.append(f"levels removed: {', '.join(self.levels_removed)}")
        parts.append(
            f"requirement items: {self.items_created} new, {self.items_changed} changed, "
            f"{self.items_removed} removed, {self.items_kept} unchanged"
        )
        if self.items_retired:
            parts.append(
                f"{len(self.items_retired)} of the removed items retired, not deleted, because "
                "someone was rated against them, rated themselves against them or linked "
                "evidence to them: " + ", ".join(f"“{text}”" for text in self.items_retired)
            )
        return "; ".join(parts)


@dataclass
class ImportReport:
    file: str
    dry_run: bool
    roles: list[RoleChange] = field(default_factory=list)
    new_categories: list[str] = field(default_factory=list)
    new_grades: list[str] = field(default_factory=list)
    new_job_families: list[str] = field(default_factory=list)
    grade_scheme: str = IMPORTED_GRADES_SCHEME
    notes: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.roles if r.outcome == outcome)

    @property
    def has_changes(self) -> bool:
        return bool(
            self.new_categories
            or self.new_grades
            or self.new_job_families
            or any(r.outcome != "unchanged" for r in self.roles)
        )

    def lines(self) -> list[str]:
        verb = "would be" if self.dry_run else "were"
        lines = [
            f"{self.file}: {len(self.roles)} roles; {self.count('created')} {verb} created, "
            f"{self.count('changed')} {verb} changed, {self.count('unchanged')} unchanged."
        ]
        if self.new_categories:
            lines.append(f"New requirement categories: {', '.join(self.new_categories)}.")
        if self.new_grades:
            lines.append(
                f'New grades, in the grading scheme "{self.grade_scheme}": '
                f"{', '.join(self.new_grades)}."
            )
        if self.new_job_families:
            lines.append(f"New job families: {', '.join(self.new_job_families)}.")
        lines += [change.describe() for change in self.roles]
        lines += self.notes
        if self.dry_run:
            lines.append("Dry run: nothing was saved.")
        return lines


ROLE_ATTRIBUTES = [
    "purpose",
    "duties_html",
    "status",
    "level_structure",
    *json_format.TEXT_FIELDS,
    *json_format.DATE_FIELDS,
    *json_format.PRECISION_FIELDS,
]


@transaction.atomic
def role_profiles_import(*, parsed: ParsedFile, dry_run: bool) -> ImportReport:
    """Create or update every role in `parsed`; all or nothing. A dry run saves nothing.

    Every role, level, item, responsibility and competency it writes is in the audit trail,
    its change reason naming the import and the file.
    """
    # One time for all its records: the roles are written after their levels and items, and a
    # version of a role is what its records show up to its next version (role_restore_as_draft).
    now = timezone.now()
    source = f"import of {parsed.name}"[: history.REASON_MAX_LENGTH]
    with history.history_source(source, at=now):
        return _import(parsed=parsed, dry_run=dry_run, now=now)


def _import(*, parsed: ParsedFile, dry_run: bool, now) -> ImportReport:
    report = ImportReport(file=parsed.name, dry_run=dry_run, notes=list(parsed.notes))
    _check_lengths(parsed)
    categories = _categories(parsed, report)
    grades = _grades(parsed, report)
    families = _job_families(parsed, report)

    existing = {
        (role.title, role.grade_id): role
        for role in Role.objects.filter(title__in={r.title for r in parsed.roles}).select_related(
            "grade", "top_grade"
        )
    }
    to_create, to_update, pairs = [], [], []
    for parsed_role in parsed.roles:
        grade = grades.get(parsed_role.grade)
        role = existing.get((parsed_role.title, grade.pk if grade else None))
        change = RoleChange(parsed_role.label, "unchanged" if role else "created")
        if role is None:
            role = Role(title=parsed_role.title, grade=grade)
            to_create.append(role)
        wanted = _role_values(parsed_role, grades, families)
        for name, value in wanted.items():
            if getattr(role, name) != value:
                setattr(role, name, value)
                if role.pk:
                    change.fields_changed.append(Role._meta.get_field(name).verbose_name)
        role.keep_dates_as_written()  # bulk writes skip Role.save
        _check_role(parsed_role, role, parsed.name)
        report.roles.append(change)
        pairs.append((parsed_role, role, change))
    history.bulk_create(Role, to_create)

    _levels_and_items(pairs, categories, grades, parsed.name)
    _responsibilities(pairs)
    _sections_facts_sign_offs(pairs)
    frameworks.frameworks_import(parsed=parsed, pairs=pairs, notes=report.notes)
    for _, role, change in pairs:
        if change.outcome == "unchanged" and (
            change.fields_changed
            or change.levels_created
            or change.levels_removed
            or change.items_created
            or change.items_changed
            or change.items_removed
        ):
            change.outcome = "changed"
        if change.outcome == "changed":
            # A change to levels or items alone changes the role too: any page of it that HR
            # has open is now stale (see Role.version).
            role.updated_at = now
            role.version += 1
            to_update.append(role)
    history.bulk_update(
        Role, to_update, ["job_family", "top_grade", *ROLE_ATTRIBUTES, "updated_at", "version"]
    )
    if dry_run:
        transaction.set_rollback(True)
    return report


def _check_lengths(parsed: ParsedFile) -> None:
    """Refuse text longer than its field holds, naming the role and the field: bulk writes skip
    validation, and PostgreSQL would refuse it with an error, not a message. (Competencies'
    names are checked by `frameworks`.)"""

    def check(model, field_name: str, value, where: str, label: str | None = None) -> None:
        if not isinstance(value, str):
            return
        label = label or str(model._meta.get_field(field_name).verbose_name)
        limit = model._meta.get_field(field_name).max_length
        if limit is not None and len(value) > limit:
            raise ImportProblem(
                f"{where}: the {label} is {len(value)} characters long; at most {limit} fit.",
                file=parsed.name,
            )

    for role in parsed.roles:
        where = f"{role.where} ({role.label[:80]})"
        check(Role, "title", role.title, role.where)
        check(Grade, "name", role.grade, where, "grade")
        check(Grade, "name", role.top_grade, where, "top grade")
        check(JobFamily, "name", role.job_family, where, "job family")
        for name, value in role.attributes.items():
            check(Role, name, value, where)
        for level in role.levels:
            check(Level, "code", level.code, where, "level code")
            at = f"{where}, level {level.code[:30]}"
            check(Level, "name", level.name, at, "level name")
            check(Level, "description", level.description, at, "level description")
            check(Grade, "name", level.grade, at, "level grade")
            for group in level.groups:
                check(RequirementGroup, "heading", group.heading, at, "group heading")
                check(RequirementCategory, "name", group.category, at, "category")
                check(RequirementGroup, "lead_in", group.lead_in, at, "group lead-in")
            for requirement in level.requirements:
                check(RequirementItem, "text", requirement.text, at, "requirement")
                sub_points = "\n".join(requirement.sub_points)
                check(RequirementItem, "sub_points", sub_points, at, "sub-points")
        for responsibility in role.responsibilities or []:
            check(
                Responsibility, "heading", responsibility.heading, where, "responsibility heading"
            )
            check(Responsibility, "text", responsibility.text, where, "responsibility")
            measures = "\n".join(responsibility.measures_of_success)
            check(Responsibility, "measures_of_success", measures, where, "measures of success")
            items = "\n".join(responsibility.items)
            check(Responsibility, "items", items, where, "responsibility items")
        for section in role.sections or []:
            check(RoleSection, "title", section.title, where, "section title")
            check(RoleSection, "body_html", section.html, f"{where}, section {section.title}")
        for fact in role.facts or []:
            check(RoleFact, "label", fact.label, where, "fact label")
            check(RoleFact, "value", fact.value, f"{where}, fact {fact.label}", "fact")
        for sign_off in role.sign_offs or []:
            check(RoleSignOff, "name", sign_off.name, where, "sign-off name")
            check(RoleSignOff, "signer_role", sign_off.role, where, "sign-off role")


def _check_role(parsed_role: ParsedRole, role: Role, file: str) -> None:
    """The rules `Role.clean` keeps (review dates in order; a top grade in the grade's scheme,
    not below it): bulk writes skip it, and the database refuses the dates with an error."""
    try:
        role.clean()
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        label = Role._meta.get_field(name).verbose_name
        raise ImportProblem(
            f"{parsed_role.where} ({parsed_role.label[:80]}): {label}: {messages[0]}", file=file
        ) from None


def _role_values(parsed_role: ParsedRole, grades: dict, families: dict) -> dict:
    values = {}
    if parsed_role.job_family is not None:
        values["job_family"] = families.get(parsed_role.job_family)
    if parsed_role.top_grade is not None:
        values["top_grade"] = grades.get(parsed_role.top_grade)
    values |= parsed_role.attributes
    if "duties_html" in values:
        # bulk_create and bulk_update skip Role.save, which would otherwise sanitise.
        values["duties_html"] = sanitise_html(values["duties_html"])
    return values


def _categories(parsed: ParsedFile, report: ImportReport) -> dict[str, RequirementCategory]:
    known = {c.name.lower(): c for c in RequirementCategory.objects.all()}
    new = []
    for role in parsed.roles:
        for level in role.levels:
            for name in (group.category for group in level.groups if group.category):
                if name.lower() not in known:
                    known[name.lower()] = RequirementCategory(name=name)
                    new.append(known[name.lower()])
    start = RequirementCategory.next_order()
    for offset, category in enumerate(new):
        category.order = start + 10 * offset
    RequirementCategory.objects.bulk_create(new)
    report.new_categories = [c.name for c in new]
    return known


def _grade_sort_key(name: str):
    number = re.search(r"(\d+)\s*$", name)
    return (int(number.group(1)) if number else float("inf"), name.lower())


def _grades(parsed: ParsedFile, report: ImportReport) -> dict[str, Grade]:
    names = {r.grade for r in parsed.roles if r.grade}
    names |= {r.top_grade for r in parsed.roles if r.top_grade}
    names |= {lv.grade for r in parsed.roles for lv in r.levels if lv.grade}
    known: dict[str, Grade] = {}
    # The same grade name in two schemes: prefer the scheme imports create grades in.
    for grade in Grade.objects.filter(name__in=names).select_related("scheme"):
        if grade.name not in known or grade.scheme.name == IMPORTED_GRADES_SCHEME:
            known[grade.name] = grade
    missing = sorted(names - set(known), key=_grade_sort_key)
    if missing:
        scheme, _ = GradingScheme.objects.get_or_create(name=IMPORTED_GRADES_SCHEME)
        start = (scheme.grades.aggregate(Max("order"))["order__max"] or 0) + 1
        new = [Grade(scheme=scheme, name=n, order=start + i) for i, n in enumerate(missing)]
        Grade.objects.bulk_create(new)
        known |= {g.name: g for g in new}
        report.new_grades = missing
    return known


def _job_families(parsed: ParsedFile, report: ImportReport) -> dict[str, JobFamily | None]:
    names = {r.job_family for r in parsed.roles if r.job_family}
    known: dict[str, JobFamily | None] = {"": None}
    known |= {f.name: f for f in JobFamily.objects.filter(name__in=names)}
    new = [JobFamily(name=n) for n in sorted(names - set(known))]
    JobFamily.objects.bulk_create(new)
    known |= {f.name: f for f in new}
    report.new_job_families = [f.name for f in new]
    return known


def _levels_and_items(pairs: list, categories: dict, grades: dict, file: str) -> None:
    role_ids = [role.pk for _, role, _ in pairs]
    levels_by_role: dict[int, dict[str, Level]] = {}
    for level in Level.objects.filter(role_id__in=role_ids):
        levels_by_role.setdefault(level.role_id, {})[level.code] = level
    items_by_level: dict[int, list[RequirementItem]] = {}
    for item in RequirementItem.objects.filter(level__role_id__in=role_ids).order_by("pk"):
        items_by_level.setdefault(item.level_id, []).append(item)

    level_plan: list[tuple[ParsedLevel, Level, RoleChange]] = []
    new_levels, moved_levels, removed_levels = [], [], []
    for parsed_role, role, change in pairs:
        current = levels_by_role.get(role.pk, {})
        wanted_codes = {lv.code for lv in parsed_role.levels}
        for code, level in current.items():
            if code not in wanted_codes:
                removed_levels.append((parsed_role, level, change))
                change.levels_removed.append(code)
        for order, parsed_level in enumerate(parsed_role.levels, start=1):
            grade = grades.get(parsed_level.grade)
            level = current.get(parsed_level.code)
            if level is None:
                level = Level(role=role, code=parsed_level.code, order=order)
                new_levels.append(level)
                if change.outcome != "created":
                    change.levels_created.append(parsed_level.code)
            if (level.name, level.order, level.grade_id, level.description) != (
                parsed_level.name,
                order,
                grade and grade.pk,
                parsed_level.description,
            ):
                if level.pk:
                    moved_levels.append(level)
                    change.fields_changed.append(f"level {level.code}")
                level.name, level.order, level.grade = parsed_level.name, order, grade
                level.description = parsed_level.description
            level_plan.append((parsed_level, level, change))

    _remove_levels(removed_levels, items_by_level, file)
    # Orders are unique per role: move changed levels out of the way before placing them.
    _reorder(Level, moved_levels, ["name", "order", "grade", "description"])
    history.bulk_create(Level, new_levels)

    groups, gone_groups = _groups(level_plan, categories)

    new_items, moved_items, removed_items = [], [], []
    # Every item the file asks for, with its level and how the report counted it.
    placed: list[tuple[ParsedRequirement, RequirementItem, Level, RoleChange, str]] = []
    for parsed_level, level, change in level_plan:
        # Unchanged text keeps the same item (and its pk, so people's ratings) even if its
        # position or its group moved.
        unmatched: dict[str, list[RequirementItem]] = {}
        for item in items_by_level.get(level.pk, []) if level.pk else []:
            unmatched.setdefault(item.text, []).append(item)
        for parsed_group, group in zip(parsed_level.groups, groups[id(parsed_level)], strict=True):
            for order, parsed_item in enumerate(parsed_group.requirements, start=1):
                sub_points = "\n".join(parsed_item.sub_points)
                candidates = unmatched.get(parsed_item.text)
                if not candidates:
                    new_items.append(
                        RequirementItem(
                            level=level,
                            group=group,
                            order=order,
                            text=parsed_item.text,
                            is_essential=parsed_item.essential,
                            sub_points=sub_points,
                        )
                    )
                    placed.append((parsed_item, new_items[-1], level, change, "created"))
                    change.items_created += 1
                    continue
                item = candidates.pop(0)
                same = (item.is_essential, item.sub_points) == (parsed_item.essential, sub_points)
                if same:
                    change.items_kept += 1
                else:
                    change.items_changed += 1
                placed.append((parsed_item, item, level, change, "kept" if same else "changed"))
                if not same or (item.group_id, item.order) != (group.pk, order):
                    item.group, item.order = group, order
                    item.is_essential, item.sub_points = parsed_item.essential, sub_points
                    moved_items.append(item)
        for leftovers in unmatched.values():
            removed_items += [(item, change) for item in leftovers]
            change.items_removed += len(leftovers)

    _remove_items(removed_items)
    _reorder(RequirementItem, moved_items, ["group", "order", "is_essential", "sub_points"])
    history.bulk_create(RequirementItem, new_items, batch_size=2000)
    _replacements(placed)
    # Groups the file no longer has are empty now: their items moved, retired or went.
    RequirementGroup.objects.filter(pk__in=[group.pk for group in gone_groups]).delete()


def _groups(level_plan: list, categories: dict):
    """Each parsed level's groups, saved, by id() of the parsed level, and the groups the file
    no longer has (moved out of the way, for the caller to delete once their items are gone).
    A level's groups are matched to those it has by heading and occurrence
    (roles.requirement_groups): kept and updated where they match, made where they do not."""
    current: dict[int, list[RequirementGroup]] = {}
    for group in RequirementGroup.objects.filter(
        level__in=[level for _, level, _ in level_plan]
    ).order_by("order", "pk"):
        current.setdefault(group.level_id, []).append(group)
    saved: dict[int, list[RequirementGroup]] = {}
    new, changed, gone = [], [], []
    for parsed_level, level, change in level_plan:
        existing = current.get(level.pk, [])
        unmatched = dict(zip(heading_keys([existing])[0], existing, strict=True))
        keys = heading_keys([parsed_level.groups])[0]
        saved[id(parsed_level)] = []
        edits = 0
        for order, (parsed, key) in enumerate(zip(parsed_level.groups, keys, strict=True), 1):
            category = _category_of(parsed, categories)
            values = {
                "order": order,
                "heading": parsed.heading,
                "category_id": category.pk if category else None,
                "lead_in": parsed.lead_in,
                "weight": parsed.weight,
                "at_least": parsed.at_least,
            }
            group = unmatched.pop(key, None)
            if group is None:
                group = RequirementGroup(level=level, **values)
                new.append(group)
                edits += 1
            elif any(getattr(group, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(group, name, value)
                changed.append(group)
                edits += 1
            saved[id(parsed_level)].append(group)
        gone += unmatched.values()
        if (edits or unmatched) and existing and change.outcome != "created":
            change.fields_changed.append(f"groups of level {level.code}")
    for group in gone:
        group.order = RETIRED_ORDER_START + group.pk
    RequirementGroup.objects.bulk_update(gone, ["order"])
    fields = ["order", "heading", "category", "lead_in", "weight", "at_least"]
    _reorder(RequirementGroup, changed, fields)
    history.bulk_create(RequirementGroup, new)
    return saved, gone


def _category_of(group: ParsedGroup, categories: dict) -> RequirementCategory | None:
    """The group's category: None stands for one named as the heading, if there is one (the
    import made none for it)."""
    name = group.heading if group.category is None else group.category
    return categories.get(name.lower()) if name else None


def _replacements(placed: list) -> None:
    """Point each item at the lower level's item it replaces, now that both are saved."""
    by_words = {(level.role_id, level.code, item.text): item for _, item, level, _, _ in placed}
    changed = []
    for parsed_item, item, level, change, counted in placed:
        reference = parsed_item.replaces
        replaced = by_words[(level.role_id, reference.level, reference.text)] if reference else None
        if item.replaces_id != (replaced and replaced.pk):
            item.replaces = replaced
            changed.append(item)
            if counted == "kept":
                change.items_kept -= 1
                change.items_changed += 1
    history.bulk_update(RequirementItem, changed, ["replaces"], batch_size=1000)


def _remove_items(removed: list[tuple[RequirementItem, RoleChange]]) -> None:
    """Delete the items the file no longer has, retiring those that are in people's records."""
    if not removed:
        return
    in_use = _ratings_by_item(RequirementItem.objects.filter(pk__in=[i.pk for i, _ in removed]))
    for item, change in removed:
        if item.pk in in_use:
            change.items_retired.append(str(item))
            change.ratings_affected += in_use[item.pk]
    requirement_items_retire(item for item, _ in removed if item.pk in in_use)
    RequirementItem.objects.filter(
        pk__in=[item.pk for item, _ in removed if item.pk not in in_use]
    ).delete()


def _ratings_by_item(items) -> dict[int, int]:
    """Those of `items` in people's records, each with its count of ratings."""
    in_use = items.in_use().values("pk")
    return dict(
        RequirementItem.objects.filter(pk__in=in_use)
        .annotate(
            ratings=Count("assessment_items", distinct=True) + Count("self_ratings", distinct=True)
        )
        .values_list("pk", "ratings")
    )


def _reorder(model, objects: list, fields: list[str]) -> None:
    if not objects:
        return
    final = [obj.order for obj in objects]
    # Far above any real position, so no two rows ever share an order mid-way.
    for obj in objects:
        obj.order += 1_000_000
    model.objects.bulk_update(objects, ["order"], batch_size=1000)
    for obj, order in zip(objects, final, strict=True):
        obj.order = order
    # Only the final values are history: the step aside above is no change anyone made.
    history.bulk_update(model, objects, fields, batch_size=1000)


def _remove_levels(removed: list, items_by_level: dict, file: str) -> None:
    """Delete the levels the file no longer has; one with items in people's records is retired
    with those items instead (and its other items deleted)."""
    if not removed:
        return
    in_use = _ratings_by_item(
        RequirementItem.objects.filter(level__in=[level for _, level, _ in removed])
    )
    retiring_levels, retiring_items, deleting_items = [], [], []
    for parsed_role, level, change in removed:
        items = items_by_level.get(level.pk, [])
        change.items_removed += len(items)
        kept = [item for item in items if item.pk in in_use]
        try:
            if kept:
                # Refused like a delete when staff, their history or assessments use the level.
                Collector(using=Level.objects.db).collect([level])
            else:
                with transaction.atomic():
                    level.delete()
        except ProtectedError:
            raise ImportProblem(
                f'level {level.code} of "{parsed_role.label}" is not in the file, but staff '
                "or assessments use it, so it cannot be removed.",
                file=file,
            ) from None
        if kept:
            change.items_retired += [str(item) for item in kept]
            change.ratings_affected += sum(in_use[item.pk] for item in kept)
            retiring_levels.append(level)
            retiring_items += kept
            deleting_items += [item.pk for item in items if item.pk not in in_use]
    RequirementItem.objects.filter(pk__in=deleting_items).delete()
    requirement_items_retire(retiring_items)
    levels_retire(retiring_levels)


def _responsibilities(pairs: list) -> None:
    given = [(p, role, c) for p, role, c in pairs if p.responsibilities is not None]
    if not given:
        return
    current: dict[int, list] = {}
    for r in Responsibility.objects.filter(role__in=[role for _, role, _ in given]):
        current.setdefault(r.role_id, []).append(
            (r.heading, r.text, r.share_of_time, r.measures_of_success, r.items, r.function)
        )
    replace, new = [], []
    for parsed_role, role, change in given:
        wanted = [
            (
                r.heading,
                r.text,
                r.share_of_time,
                "\n".join(r.measures_of_success),
                "\n".join(r.items),
                r.function,
            )
            for r in parsed_role.responsibilities
        ]
        if wanted == current.get(role.pk, []):
            continue
        replace.append(role.pk)
        if change.outcome != "created":
            change.fields_changed.append("responsibilities")
        new += [
            Responsibility(
                role=role,
                order=i,
                heading=h,
                text=t,
                share_of_time=s,
                measures_of_success=m,
                items=items,
                function=function,
            )
            for i, (h, t, s, m, items, function) in enumerate(wanted, start=1)
        ]
    Responsibility.objects.filter(role_id__in=replace).delete()
    history.bulk_create(Responsibility, new)


# Each list a role may give whole (version 2): the model, the parsed role's attribute, the
# fields compared, and how a parsed entry becomes those fields' values.
_ROLE_LISTS = [
    (
        RoleSection,
        "sections",
        ("title", "body_html"),
        lambda s: (s.title, sanitise_html(s.html)),
    ),
    (RoleFact, "facts", ("label", "value"), lambda f: (f.label, f.value)),
    (
        RoleSignOff,
        "sign_offs",
        ("name", "signer_role", "signed_on", "signed_on_precision"),
        lambda s: (s.name, s.role, as_precise_as(s.date, s.date_precision), s.date_precision),
    ),
]


def _sections_facts_sign_offs(pairs: list) -> None:
    """A role's sections, facts and sign-off block, each replaced where the file gives it and
    it differs (bulk writes skip the models' save, so values are sanitised here)."""
    for model, attribute, fields, values_of in _ROLE_LISTS:
        given = [(p, role, c) for p, role, c in pairs if getattr(p, attribute) is not None]
        if not given:
            continue
        current: dict[int, list] = {}
        for row in model.objects.filter(role__in=[role for _, role, _ in given]):
            current.setdefault(row.role_id, []).append(tuple(getattr(row, f) for f in fields))
        replace, new = [], []
        for parsed_role, role, change in given:
            wanted = [values_of(entry) for entry in getattr(parsed_role, attribute)]
            if parsed_role.keeps_unnamed and model is not RoleSignOff:
                wanted = _with_unnamed(current.get(role.pk, []), wanted)
            if wanted == current.get(role.pk, []):
                continue
            replace.append(role.pk)
            if change.outcome != "created":
                change.fields_changed.append(str(model._meta.verbose_name_plural))
            new += [
                model(role=role, order=i, **dict(zip(fields, values, strict=True)))
                for i, values in enumerate(wanted, start=1)
            ]
        model.objects.filter(role_id__in=replace).delete()
        history.bulk_create(model, new)


def _with_unnamed(current: list[tuple], wanted: list[tuple]) -> list[tuple]:
    """The role's own entries, those of a title or label the file gives replaced in place by the
    file's, then the file's new ones: what HR recorded and the file does not name stays."""
    named: dict[str, list[tuple]] = {}
    for values in wanted:
        named.setdefault(values[0].lower(), []).append(values)
    merged, placed = [], set()
    for values in current:
        key = values[0].lower()
        if key not in named:
            merged.append(values)
        elif key not in placed:
            merged += named[key]
            placed.add(key)
    return merged + [values for values in wanted if values[0].lower() not in placed]
