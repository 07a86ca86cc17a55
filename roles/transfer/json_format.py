"""Role profiles as JSON, for other tools: the format `docs/role-profile-json.md` describes.

Writing and reading are kept side by side so that a file this module writes always reads back
into the same data: export, import into an empty database, export again gives the same file.
"""

import json
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from core.dates import DatePrecision
from roles.models import Responsibility, Role, check_shares_of_time
from roles.transfer import frameworks
from roles.transfer.parsed import (
    NUL_MESSAGE,
    ImportProblem,
    ItemReference,
    ParsedFact,
    ParsedFile,
    ParsedLevel,
    ParsedRequirement,
    ParsedResponsibility,
    ParsedRole,
    ParsedSection,
    ParsedSignOff,
)

FORMAT = "role-profiles"
VERSION = 2
# Version 1 files (before the frameworks list) still import.
READ_VERSIONS = (1, VERSION)

# Role fields written as plain strings ("" when empty), in this order after the core keys.
TEXT_FIELDS = [
    "job_reference",
    "department",
    "division",
    "service_area",
    "reports_to",
    "direct_reports",
    "scope",
    "budget",
    "regulated_functions",
]
DATE_FIELDS = ["date_developed", "last_reviewed", "next_review"]
# From version 2: "day" or "month" beside each date ("month": the profile gives only a month).
PRECISION_FIELDS = [f"{name}_precision" for name in DATE_FIELDS]


def roles_to_json(roles) -> str:
    """`roles` must come from `roles.exporting.roles_for_export` (everything prefetched)."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "frameworks": frameworks.frameworks_to_json(roles),
        "roles": [_role(r) for r in roles],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _role(role: Role) -> dict[str, Any]:
    data = {
        "title": role.title,
        "job_family": role.job_family.name if role.job_family_id else "",
        "grade": role.grade.name if role.grade_id else "",
        "top_grade": role.top_grade.name if role.top_grade_id else "",
        "status": role.status,
        "level_structure": role.level_structure,
        "purpose": role.purpose,
        "duties_html": role.duties_html,
    }
    data |= {name: getattr(role, name) for name in TEXT_FIELDS}
    data |= {name: _date(getattr(role, name)) for name in DATE_FIELDS}
    data |= {name: getattr(role, name) for name in PRECISION_FIELDS}
    data["levels"] = [
        {
            "code": level.code,
            "name": level.name,
            "grade": level.grade.name if level.grade_id else "",
            "description": level.description,
            "requirements": [
                {
                    "category": item.category.name,
                    "text": item.text,
                    "essential": item.is_essential,
                    "sub_points": item.sub_point_list,
                    "replaces": (
                        {"level": item.replaces.level.code, "text": item.replaces.text}
                        if item.replaces_id
                        else None
                    ),
                }
                for item in level.requirement_items.all()
            ],
        }
        for level in role.levels.all()
    ]
    data["responsibilities"] = [
        {
            "heading": r.heading,
            "text": r.text,
            "share_of_time": r.share_of_time,
            "measures_of_success": r.measure_list,
            "items": r.item_list,
            "function": r.function,
        }
        for r in role.responsibilities.all()
    ]
    data["sections"] = [{"title": s.title, "html": s.body_html} for s in role.sections.all()]
    data["facts"] = [{"label": f.label, "value": f.value} for f in role.facts.all()]
    data["sign_off"] = [
        {
            "name": s.name,
            "role": s.signer_role,
            "date": _date(s.signed_on),
            "date_precision": s.signed_on_precision,
        }
        for s in role.sign_offs.all()
    ]
    data["competencies"] = frameworks.role_competencies_to_json(role)
    return data


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


class _Reader:
    """Checks a decoded document against the schema, naming the JSON path of each problem."""

    def __init__(self, name: str):
        self.name = name

    def fail(self, path: str, message: str):
        raise ImportProblem(f"{path}: {message}", file=self.name)

    def get(self, obj: dict, key: str, path: str, kind: type, *, required=True, default=None):
        if key not in obj:
            if required:
                self.fail(f"{path}.{key}", "is missing.")
            return default
        value = obj[key]
        if kind is int and isinstance(value, bool):
            self.fail(f"{path}.{key}", "must be a whole number.")
        if value is None and not required:
            return default
        if not isinstance(value, kind):
            names = {
                str: "text",
                bool: "true or false",
                int: "a whole number",
                list: "a list",
                dict: "an object",
            }
            self.fail(f"{path}.{key}", f"must be {names.get(kind, kind.__name__)}.")
        return value

    def text(self, obj, key, path, *, required=True) -> str:
        return self.get(obj, key, path, str, required=required, default="").strip()

    def strings(self, obj: dict, key: str, path: str) -> list[str]:
        """A list of text, blank entries dropped; left out: an empty list."""
        values = self.get(obj, key, path, list, required=False, default=[])
        for index, value in enumerate(values):
            if not isinstance(value, str):
                self.fail(f"{path}.{key}[{index}]", "must be text.")
        return [v.strip() for v in values if v.strip()]

    def objects(self, obj, key, path, *, required=True) -> list[tuple[str, dict]]:
        values = self.get(obj, key, path, list, required=required, default=None)
        if values is None:
            return None
        for index, value in enumerate(values):
            if not isinstance(value, dict):
                self.fail(f"{path}.{key}[{index}]", "must be an object.")
        return [(f"{path}.{key}[{i}]", v) for i, v in enumerate(values)]


def parse_json(name: str, data: bytes) -> ParsedFile:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportProblem("is not UTF-8 text; JSON files must be UTF-8.", file=name) from None
    except json.JSONDecodeError as error:
        raise ImportProblem(
            f"is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno}).",
            file=name,
        ) from None
    except RecursionError:
        raise ImportProblem(
            "is nested too deeply (lists or objects inside each other hundreds of levels "
            "down); a role-profiles file goes five levels down.",
            file=name,
        ) from None
    reader = _Reader(name)
    _refuse_nul_characters(reader, document)
    if not isinstance(document, dict):
        reader.fail("(top level)", 'must be an object with a "roles" list.')
    if document.get("format", FORMAT) != FORMAT:
        reader.fail("$.format", f'must be "{FORMAT}".')
    if document.get("version", VERSION) not in READ_VERSIONS:
        versions = " or ".join(str(v) for v in READ_VERSIONS)
        reader.fail("$.version", f"must be {versions}: the versions the importer reads.")
    roles, seen = [], {}
    for path, obj in reader.objects(document, "roles", "$"):
        role = _parse_role(reader, path, obj)
        key = (role.title, role.grade)
        if key in seen:
            reader.fail(path, f'role "{role.label}" appears twice; first at {seen[key]}.')
        seen[key] = path
        roles.append(role)
    if not roles:
        raise ImportProblem("has no roles in it.", file=name)
    return ParsedFile(
        name=name, roles=roles, frameworks=frameworks.parse_frameworks(reader, document)
    )


def _refuse_nul_characters(reader: _Reader, document) -> None:
    """A NUL anywhere is refused naming its path: PostgreSQL refuses it with an error."""
    waiting = [("$", document)]
    while waiting:  # not recursive: a document may be nested almost as deep as Python allows
        path, value = waiting.pop()
        if isinstance(value, str) and "\x00" in value:
            reader.fail(path, NUL_MESSAGE)
        elif isinstance(value, dict):
            waiting += [(f"{path}.{key}", item) for key, item in value.items()]
        elif isinstance(value, list):
            waiting += [(f"{path}[{index}]", item) for index, item in enumerate(value)]


def _parse_role(reader: _Reader, path: str, obj: dict) -> ParsedRole:
    title = reader.text(obj, "title", path)
    if not title:
        reader.fail(f"{path}.title", "must not be empty.")
    role = ParsedRole(title=title, grade=reader.text(obj, "grade", path), where=path)
    if "job_family" in obj:
        role.job_family = reader.text(obj, "job_family", path)
    if "top_grade" in obj:
        role.top_grade = reader.text(obj, "top_grade", path, required=False)
    status = reader.text(obj, "status", path, required=False)
    if status:
        if status not in Role.Status.values:
            reader.fail(f"{path}.status", f"must be one of {', '.join(Role.Status.values)}.")
        role.attributes["status"] = status
    structure = reader.text(obj, "level_structure", path, required=False)
    if structure:
        if structure not in Role.LevelStructure.values:
            reader.fail(
                f"{path}.level_structure",
                f"must be one of {', '.join(Role.LevelStructure.values)}.",
            )
        role.attributes["level_structure"] = structure
    for key in ["purpose", "duties_html", *TEXT_FIELDS]:
        if key in obj:
            role.attributes[key] = reader.text(obj, key, path, required=False)
    for key in DATE_FIELDS:
        if key in obj:
            role.attributes[key] = _parse_date(reader, obj, key, path)
    for key in PRECISION_FIELDS:
        if key in obj:
            role.attributes[key] = _precision(reader, obj, key, path)
    levels = reader.objects(obj, "levels", path)
    if not levels:
        reader.fail(f"{path}.levels", "must list at least one level.")
    codes = set()
    written = set()  # (level code, text) of every item so far, for `replaces`
    for level_path, level_obj in levels:
        level = ParsedLevel(
            code=reader.text(level_obj, "code", level_path),
            name=reader.text(level_obj, "name", level_path, required=False),
            grade=reader.text(level_obj, "grade", level_path, required=False),
            description=reader.text(level_obj, "description", level_path, required=False),
        )
        if not level.code and len(levels) > 1:
            reader.fail(
                f"{level_path}.code",
                "must not be empty: only a role written without levels (one level) has a "
                "level with no code.",
            )
        if level.code in codes:
            reader.fail(f"{level_path}.code", f'level "{level.code}" appears twice in this role.')
        codes.add(level.code)
        for item_path, item in reader.objects(level_obj, "requirements", level_path):
            requirement = ParsedRequirement(
                category=reader.text(item, "category", item_path),
                text=reader.text(item, "text", item_path),
                essential=reader.get(
                    item, "essential", item_path, bool, required=False, default=True
                ),
                sub_points=_strings(reader, item, "sub_points", item_path),
                replaces=_item_reference(reader, item, item_path, written, level.code),
            )
            if not requirement.category or not requirement.text:
                reader.fail(item_path, "needs a category and a text.")
            level.requirements.append(requirement)
            if requirement.category not in level.categories:
                level.categories.append(requirement.category)
        role.levels.append(level)
        written |= {(level.code, r.text) for r in level.requirements}
    responsibilities = reader.objects(obj, "responsibilities", path, required=False)
    if responsibilities is not None:
        role.responsibilities = []
        for r_path, r in responsibilities:
            share = reader.get(r, "share_of_time", r_path, int, required=False)
            if share is not None and not 0 <= share <= 100:
                reader.fail(f"{r_path}.share_of_time", "must be between 0 and 100.")
            function = reader.text(r, "function", r_path, required=False)
            if function not in Responsibility.Function.values:
                reader.fail(f"{r_path}.function", 'must be "essential", "marginal" or "".')
            responsibility = ParsedResponsibility(
                # Version 1 requires a text; from version 2 a group may have only items.
                text=reader.text(r, "text", r_path, required="items" not in r),
                heading=reader.text(r, "heading", r_path, required=False),
                share_of_time=share,
                measures_of_success=_strings(reader, r, "measures_of_success", r_path),
                items=_strings(reader, r, "items", r_path),
                function=function,
            )
            if not (responsibility.text or responsibility.heading or responsibility.items):
                reader.fail(f"{r_path}.text", "must not be empty without a heading or items.")
            role.responsibilities.append(responsibility)
        try:
            check_shares_of_time(r.share_of_time for r in role.responsibilities)
        except ValidationError as error:
            reader.fail(f"{path}.responsibilities", error.messages[0])
    role.competencies = frameworks.parse_role_competencies(reader, obj, path, level_codes=codes)
    _parse_sections_facts_sign_off(reader, obj, path, role)
    return role


def _parse_date(reader: _Reader, obj: dict, key: str, path: str) -> date | None:
    value = reader.get(obj, key, path, str, required=False)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        reader.fail(f"{path}.{key}", "must be a date written as YYYY-MM-DD.")


def _precision(reader: _Reader, obj: dict, key: str, path: str) -> str:
    value = reader.text(obj, key, path, required=False) or DatePrecision.DAY
    if value not in DatePrecision.values:
        reader.fail(f"{path}.{key}", 'must be "day" or "month".')
    return value


def _parse_sections_facts_sign_off(reader: _Reader, obj: dict, path: str, role) -> None:
    """Version 2's sections, facts and sign-off block; each left out: left as it is."""
    sections = reader.objects(obj, "sections", path, required=False)
    if sections is not None:
        role.sections = []
        for s_path, s in sections:
            title = reader.text(s, "title", s_path)
            if not title:
                reader.fail(f"{s_path}.title", "must not be empty.")
            role.sections.append(
                ParsedSection(title=title, html=reader.text(s, "html", s_path, required=False))
            )
    facts = reader.objects(obj, "facts", path, required=False)
    if facts is not None:
        role.facts = []
        for f_path, f in facts:
            label = reader.text(f, "label", f_path)
            if not label:
                reader.fail(f"{f_path}.label", "must not be empty.")
            role.facts.append(ParsedFact(label=label, value=reader.text(f, "value", f_path)))
    sign_offs = reader.objects(obj, "sign_off", path, required=False)
    if sign_offs is not None:
        role.sign_offs = []
        for s_path, s in sign_offs:
            sign_off = ParsedSignOff(
                name=reader.text(s, "name", s_path, required=False),
                role=reader.text(s, "role", s_path, required=False),
                date=_parse_date(reader, s, "date", s_path),
                date_precision=_precision(reader, s, "date_precision", s_path),
            )
            if not (sign_off.name or sign_off.role):
                reader.fail(s_path, 'needs a "name" or a "role".')
            role.sign_offs.append(sign_off)


def _item_reference(
    reader: _Reader, item: dict, path: str, written: set, level_code: str
) -> ItemReference | None:
    """`replaces`: {"level": code, "text": words} of an item of a level above in the file."""
    value = reader.get(item, "replaces", path, dict, required=False)
    if value is None:
        return None
    reference = ItemReference(
        level=reader.text(value, "level", f"{path}.replaces"),
        text=reader.text(value, "text", f"{path}.replaces"),
    )
    if (reference.level, reference.text) not in written:
        reader.fail(
            f"{path}.replaces",
            f'names no item of a level before level "{level_code}": level '
            f'"{reference.level[:60]}" has no item "{reference.text[:80]}".',
        )
    return reference


def _strings(reader: _Reader, obj: dict, key: str, path: str) -> list[str]:
    return reader.strings(obj, key, path)
