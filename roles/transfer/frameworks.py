"""Competency frameworks and the competencies roles require, in and out of role-profile JSON.

A file's `frameworks` list states each framework whole: its proficiency levels in order, lowest
first (the order is the list's, never read from the labels), and its competencies in order.
A file without it (version 1) only names proficiencies in what roles require; those the database
does not know are added above the framework's known levels, in the order the file first names
them, and the import report says so, since nothing in such a file states the order.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max, Prefetch, ProtectedError

from competencies.models import (
    Competency,
    CompetencyDescriptor,
    CompetencyFramework,
    ProficiencyLevel,
)
from core import history
from roles.models import Level, RoleCompetency
from roles.transfer.parsed import ImportProblem, ParsedCompetency, ParsedFile


@dataclass
class ParsedDescriptor:
    proficiency: str
    where: str
    text: str = ""
    positive_indicators: list[str] = field(default_factory=list)
    negative_indicators: list[str] = field(default_factory=list)


@dataclass
class ParsedFrameworkCompetency:
    name: str
    description: str = ""
    # None: the file does not list them, so leave them as they are.
    descriptors: list[ParsedDescriptor] | None = None


@dataclass
class ParsedProficiency:
    name: str
    description: str = ""


@dataclass
class ParsedFramework:
    name: str
    where: str  # "$.frameworks[0]", for messages
    description: str | None = None  # None: the file does not say, so leave it as it is
    # None: the file does not list them, so leave them as they are.
    proficiency_levels: list[ParsedProficiency] | None = None
    competencies: list[ParsedFrameworkCompetency] | None = None


# Writing


def frameworks_to_json(roles) -> list[dict]:
    """Every framework the roles require a competency of, whole; `roles` as exported."""
    ids = {rc.competency.framework_id for role in roles for rc in role.role_competencies.all()}
    frameworks = CompetencyFramework.objects.filter(pk__in=ids).prefetch_related(
        "proficiency_levels",
        "competencies",
        Prefetch(
            "competencies__descriptors",
            queryset=CompetencyDescriptor.objects.select_related("proficiency"),
        ),
    )
    return [
        {
            "name": framework.name,
            "description": framework.description,
            "proficiency_levels": [
                {"name": p.name, "description": p.description}
                for p in framework.proficiency_levels.all()
            ],
            "competencies": [
                {
                    "name": c.name,
                    "description": c.description,
                    "descriptors": [
                        {
                            "proficiency": d.proficiency.name,
                            "descriptor": d.text,
                            "positive_indicators": d.positive_indicator_list,
                            "negative_indicators": d.negative_indicator_list,
                        }
                        for d in c.descriptors.all()
                    ],
                }
                for c in framework.competencies.all()
            ],
        }
        for framework in frameworks
    ]


def role_competencies_to_json(role) -> list[dict]:
    return [
        {
            "framework": rc.competency.framework.name,
            "competency": rc.competency.name,
            "proficiency": rc.proficiency.name,
            "level": rc.level.code if rc.level_id else "",
        }
        for rc in role.role_competencies.all()
    ]


# Reading


def parse_frameworks(reader, document: dict) -> list[ParsedFramework]:
    """The document's `frameworks` list; `reader` is json_format's schema checker."""
    frameworks, seen = [], {}
    for path, obj in reader.objects(document, "frameworks", "$", required=False) or []:
        name = reader.text(obj, "name", path)
        if not name:
            reader.fail(f"{path}.name", "must not be empty.")
        if name in seen:
            reader.fail(f"{path}.name", f'framework "{name}" appears twice; first at {seen[name]}.')
        seen[name] = path
        framework = ParsedFramework(name=name, where=path)
        if "description" in obj:
            framework.description = reader.text(obj, "description", path, required=False)
        levels = reader.objects(obj, "proficiency_levels", path, required=False)
        if levels is not None:
            framework.proficiency_levels = [
                ParsedProficiency(
                    name=_name(reader, level, p_path, "proficiency level"),
                    description=reader.text(level, "description", p_path, required=False),
                )
                for p_path, level in levels
            ]
            _no_repeats(reader, levels, framework.proficiency_levels, "proficiency level")
        competencies = reader.objects(obj, "competencies", path, required=False)
        if competencies is not None:
            framework.competencies = [
                ParsedFrameworkCompetency(
                    name=_name(reader, c, c_path, "competency"),
                    description=reader.text(c, "description", c_path, required=False),
                    descriptors=_parse_descriptors(reader, c, c_path),
                )
                for c_path, c in competencies
            ]
            _no_repeats(reader, competencies, framework.competencies, "competency")
        frameworks.append(framework)
    return frameworks


def _parse_descriptors(reader, obj: dict, path: str) -> list[ParsedDescriptor] | None:
    descriptors = reader.objects(obj, "descriptors", path, required=False)
    if descriptors is None:
        return None
    parsed, seen = [], {}
    for d_path, d in descriptors:
        proficiency = reader.text(d, "proficiency", d_path)
        if proficiency in seen:
            reader.fail(
                f"{d_path}.proficiency",
                f'"{proficiency}" has two descriptors here; the first at {seen[proficiency]}.',
            )
        seen[proficiency] = d_path
        parsed.append(
            ParsedDescriptor(
                proficiency=proficiency,
                where=d_path,
                text=reader.text(d, "descriptor", d_path, required=False),
                positive_indicators=reader.strings(d, "positive_indicators", d_path),
                negative_indicators=reader.strings(d, "negative_indicators", d_path),
            )
        )
    return parsed


def _name(reader, obj: dict, path: str, what: str) -> str:
    name = reader.text(obj, "name", path)
    if not name:
        reader.fail(f"{path}.name", f"the {what} needs a name.")
    return name


def _no_repeats(reader, paths: list[tuple[str, dict]], parsed: list, what: str) -> None:
    seen = {}
    for (path, _), item in zip(paths, parsed, strict=True):
        if item.name in seen:
            reader.fail(
                f"{path}.name", f'{what} "{item.name}" appears twice; first at {seen[item.name]}.'
            )
        seen[item.name] = path


def parse_role_competencies(
    reader, obj: dict, path: str, *, level_codes: set[str]
) -> list[ParsedCompetency] | None:
    """A role's `competencies`; `level_codes` are the codes of the role's levels in the file."""
    competencies = reader.objects(obj, "competencies", path, required=False)
    if competencies is None:
        return None
    parsed, seen = [], {}
    for c_path, c in competencies:
        competency = ParsedCompetency(
            framework=reader.text(c, "framework", c_path),
            competency=reader.text(c, "competency", c_path),
            proficiency=reader.text(c, "proficiency", c_path),
            level=reader.text(c, "level", c_path, required=False),
            where=c_path,
        )
        for key in ("framework", "competency", "proficiency"):
            if not getattr(competency, key):
                reader.fail(f"{c_path}.{key}", "must not be empty.")
        if competency.level and competency.level not in level_codes:
            reader.fail(f"{c_path}.level", f'this role has no level "{competency.level}".')
        key = (competency.framework, competency.competency, competency.level)
        if key in seen:
            at = f'level "{competency.level}"' if competency.level else "every level"
            reader.fail(
                c_path,
                f'"{competency.competency}" is required at {at} twice; first at {seen[key]}.',
            )
        seen[key] = c_path
        parsed.append(competency)
    return parsed


# Importing


class _Vocabulary:
    """Frameworks, competencies and proficiency levels by name, as the import leaves them."""

    def __init__(self, framework_names: set[str], file: str):
        self.file = file
        self.frameworks = {
            f.name: f for f in CompetencyFramework.objects.filter(name__in=framework_names)
        }
        self.competencies = {
            (c.framework.name, c.name): c
            for c in Competency.objects.filter(framework__name__in=framework_names).select_related(
                "framework"
            )
        }
        self.proficiencies = {
            (p.framework.name, p.name): p
            for p in ProficiencyLevel.objects.filter(
                framework__name__in=framework_names
            ).select_related("framework")
        }

    def framework(self, name: str) -> CompetencyFramework:
        if name not in self.frameworks:
            self.frameworks[name] = CompetencyFramework.objects.create(name=name)
        return self.frameworks[name]


def frameworks_import(*, parsed: ParsedFile, pairs: list, notes: list[str]) -> None:
    """Write the file's frameworks, then the competencies each role requires.

    `pairs` are the importer's (parsed role, role, change) triples, roles already saved.
    Levels and competencies a framework in the file no longer lists are removed last, once the
    roles in the file have let go of them; one that other roles still require stops the import.
    """
    _check_lengths(parsed)
    given = [(p, role, c) for p, role, c in pairs if p.competencies is not None]
    names = {f.name for f in parsed.frameworks}
    names |= {c.framework for p, _, _ in given for c in p.competencies}
    if not names:
        return
    vocabulary = _Vocabulary(names, parsed.name)
    leftovers = [_framework_write(f, vocabulary, notes) for f in parsed.frameworks]
    _unknown_names(given, vocabulary, parsed, notes)
    _role_competencies(given, vocabulary)
    for framework, stale in zip(parsed.frameworks, leftovers, strict=True):
        for obj in stale:
            try:
                with transaction.atomic():
                    obj.delete()
            except ProtectedError:
                what = obj._meta.verbose_name
                raise ImportProblem(
                    f'{framework.where}: the {what} "{obj.name}" of "{framework.name}" is not in '
                    "the file, but roles not in the file require it, so it cannot be removed.",
                    file=parsed.name,
                ) from None


def _check_lengths(parsed: ParsedFile) -> None:
    """Refuse a name or text longer than its field holds, naming where it is: bulk writes skip
    validation, and PostgreSQL would refuse it with an error, not a message."""

    def check(model, field_name: str, value: str, where: str) -> None:
        model_field = model._meta.get_field(field_name)
        limit = model_field.max_length
        if value and len(value) > limit:
            raise ImportProblem(
                f"{where}: the {model._meta.verbose_name}'s {model_field.verbose_name} is "
                f"{len(value)} characters long; at most {limit} fit.",
                file=parsed.name,
            )

    for framework in parsed.frameworks:
        check(CompetencyFramework, "name", framework.name, framework.where)
        check(CompetencyFramework, "description", framework.description, framework.where)
        for model, rows in [
            (ProficiencyLevel, framework.proficiency_levels),
            (Competency, framework.competencies),
        ]:
            for row in rows or []:
                check(model, "name", row.name, framework.where)
                check(model, "description", row.description, framework.where)
        for competency in framework.competencies or []:
            for d in competency.descriptors or []:
                check(CompetencyDescriptor, "text", d.text, d.where)
                for name in ("positive_indicators", "negative_indicators"):
                    check(CompetencyDescriptor, name, "\n".join(getattr(d, name)), d.where)
    for role in parsed.roles:
        where = f"{role.where} ({role.label[:80]})"
        for c in role.competencies or []:
            check(CompetencyFramework, "name", c.framework, where)
            check(Competency, "name", c.competency, where)
            check(ProficiencyLevel, "name", c.proficiency, where)


def _framework_write(parsed: ParsedFramework, vocabulary: _Vocabulary, notes: list) -> list:
    """Create or update one framework as the file states it, noting for the report what
    changed; return what it no longer lists."""
    created = parsed.name not in vocabulary.frameworks
    framework = vocabulary.framework(parsed.name)
    changes = ["created"] if created else []
    if parsed.description is not None and framework.description != parsed.description:
        framework.description = parsed.description
        framework.save(update_fields=["description"])
        changes += [] if created else ["description changed"]
    stale = []
    if parsed.proficiency_levels is not None:
        levels = _ordered_write(
            ProficiencyLevel, framework, parsed.proficiency_levels, vocabulary.proficiencies
        )
        stale += levels[-1]
        changes += _counted("proficiency levels", *map(len, levels))
    if parsed.competencies is not None:
        competencies = _ordered_write(
            Competency, framework, parsed.competencies, vocabulary.competencies
        )
        stale += competencies[-1]
        changes += _counted("competencies", *map(len, competencies))
        changes += _counted("descriptors", *_descriptors_write(parsed, vocabulary))
    if changes:
        notes.append(f'Competency framework "{parsed.name}": {"; ".join(changes)}.')
    return stale


def _counted(what: str, new: int, changed: int, removed: int) -> list[str]:
    counts = [(new, "new"), (changed, "moved or changed"), (removed, "removed")]
    counted = ", ".join(f"{n} {label}" for n, label in counts if n)
    return [f"{what}: {counted}"] if counted else []


def _ordered_write(model, framework, wanted: list, known: dict) -> tuple[list, list, list]:
    """Make `framework`'s rows of `model` the `wanted` ones, in that order, matched by name;
    return the rows created, those moved or changed, and those it no longer lists."""
    current = {name: obj for (f, name), obj in known.items() if f == framework.name}
    changed, new = [], []
    for order, item in enumerate(wanted, start=1):
        obj = current.pop(item.name, None)
        if obj is None:
            obj = model(framework=framework, name=item.name, order=order)
            new.append(obj)
            known[(framework.name, item.name)] = obj
        if (obj.order, obj.description) != (order, item.description):
            obj.order, obj.description = order, item.description
            if obj.pk:
                changed.append(obj)
    # Orders are unique per framework: step the changed and the leftovers out of the way first,
    # far above any real position.
    aside = changed + list(current.values())
    final = {id(obj): obj.order for obj in changed}
    for position, obj in enumerate(aside, start=1):
        obj.order = 1_000_000 + position
    model.objects.bulk_update(aside, ["order"])
    for obj in changed:
        obj.order = final[id(obj)]
    model.objects.bulk_update(changed, ["order", "description"])
    model.objects.bulk_create(new)
    for name in current:
        del known[(framework.name, name)]
    return new, changed, list(current.values())


def _descriptors_write(parsed: ParsedFramework, vocabulary: _Vocabulary) -> tuple[int, int, int]:
    """Make each listed competency's descriptors those the file gives, matched by level;
    return how many were created, changed and removed."""
    listed = [c for c in parsed.competencies if c.descriptors is not None]
    competencies = {c.name: vocabulary.competencies[(parsed.name, c.name)] for c in listed}
    current = {
        (d.competency_id, d.proficiency_id): d
        for d in CompetencyDescriptor.objects.filter(competency__in=competencies.values())
    }
    changed, new = [], []
    for c in listed:
        competency = competencies[c.name]
        for d in c.descriptors:
            proficiency = vocabulary.proficiencies.get((parsed.name, d.proficiency))
            if proficiency is None:
                raise ImportProblem(
                    f'{d.where}.proficiency: "{d.proficiency}" is not a proficiency level of '
                    f'"{parsed.name}".',
                    file=vocabulary.file,
                )
            values = (d.text, "\n".join(d.positive_indicators), "\n".join(d.negative_indicators))
            descriptor = current.pop((competency.pk, proficiency.pk), None)
            if descriptor is None:
                descriptor = CompetencyDescriptor(competency=competency, proficiency=proficiency)
                new.append(descriptor)
            elif (
                descriptor.text,
                descriptor.positive_indicators,
                descriptor.negative_indicators,
            ) != values:
                changed.append(descriptor)
            (
                descriptor.text,
                descriptor.positive_indicators,
                descriptor.negative_indicators,
            ) = values
    CompetencyDescriptor.objects.filter(pk__in=[d.pk for d in current.values()]).delete()
    CompetencyDescriptor.objects.bulk_update(
        changed, ["text", "positive_indicators", "negative_indicators"]
    )
    CompetencyDescriptor.objects.bulk_create(new)
    return len(new), len(changed), len(current)


def _unknown_names(given: list, vocabulary: _Vocabulary, parsed: ParsedFile, notes: list) -> None:
    """Competencies and proficiencies roles name that the framework does not have yet.

    A framework the file lists must have them; one it does not list gets them added, above its
    known levels in the order the file first names them, with a note for HR to check it.
    """
    stated = {f.name: f for f in parsed.frameworks}
    kinds = [
        (Competency, vocabulary.competencies, "competencies"),
        (ProficiencyLevel, vocabulary.proficiencies, "proficiency_levels"),
    ]
    new: dict[type, list] = {Competency: [], ProficiencyLevel: []}
    for parsed_role, _, _ in given:
        for c in parsed_role.competencies:
            for model, known, listed in kinds:
                key = "competency" if model is Competency else "proficiency"
                name = getattr(c, key)
                if (c.framework, name) in known:
                    continue
                framework = stated.get(c.framework)
                if framework is not None and getattr(framework, listed) is not None:
                    raise ImportProblem(
                        f'{c.where}.{key}: "{name}" is not one of the {listed.replace("_", " ")} '
                        f'{framework.where} lists for "{c.framework}".',
                        file=parsed.name,
                    )
                obj = model(framework=vocabulary.framework(c.framework), name=name)
                known[(c.framework, name)] = obj
                new[model].append(obj)
    added: dict[str, list[str]] = {}
    for level in new[ProficiencyLevel]:
        added.setdefault(level.framework.name, []).append(level.name)
    _place_on_top(new[Competency])
    _place_on_top(new[ProficiencyLevel])
    for framework_name, levels in added.items():
        notes.append(
            f'Proficiency levels added to "{framework_name}" above its known ones, in the order '
            f"the file first names them: {', '.join(levels)}. The file does not state their "
            'order; check it in the admin, or list the framework under "frameworks".'
        )


def _place_on_top(objects: list) -> None:
    """Save new rows above their framework's known ones, in the order given."""
    if not objects:
        return
    model = type(objects[0])
    tops = dict(
        model.objects.filter(framework__in={o.framework_id for o in objects})
        .values("framework")
        .annotate(top=Max("order"))
        .values_list("framework", "top")
    )
    for obj in objects:
        tops[obj.framework_id] = obj.order = tops.get(obj.framework_id, 0) + 1
    model.objects.bulk_create(objects)


def _role_competencies(given: list, vocabulary: _Vocabulary) -> None:
    if not given:
        return
    roles = [r for _, r, _ in given]
    levels = {(lv.role_id, lv.code): lv.pk for lv in Level.objects.filter(role__in=roles)}
    current: dict[int, set] = {}
    for rc in RoleCompetency.objects.filter(role__in=roles):
        current.setdefault(rc.role_id, set()).add(
            (rc.competency_id, rc.proficiency_id, rc.level_id)
        )
    replace, new = [], []
    for parsed_role, role, change in given:
        wanted = {
            (
                vocabulary.competencies[(c.framework, c.competency)].pk,
                vocabulary.proficiencies[(c.framework, c.proficiency)].pk,
                levels[(role.pk, c.level)] if c.level else None,
            )
            for c in parsed_role.competencies
        }
        if wanted == current.get(role.pk, set()):
            continue
        replace.append(role.pk)
        if change.outcome != "created":
            change.fields_changed.append("competencies")
        new += [
            RoleCompetency(role=role, competency_id=c, proficiency_id=p, level_id=lv)
            for c, p, lv in wanted
        ]
    RoleCompetency.objects.filter(role_id__in=replace).delete()
    history.bulk_create(RoleCompetency, new)
