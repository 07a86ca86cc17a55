"""Where a person stands: the one computation every page, PDF and email shows.

`standings_of(people)` answers for many people in a fixed number of queries; `standing_of`
is the same for one. Nothing else computes a level in force, a current rating or readiness.

The rules, in one place:
- The level in force is the last level change whose effective date has come; a change with
  a later date is scheduled and takes effect on its date by itself (no job runs).
- A requirement's current rating is its latest rating in an assessment the person has been
  shown (submitted, acknowledged or approved; never a draft, never one returned to the
  manager until it is submitted again). Ratings carry forward: a later assessment that does
  not cover an item leaves that item's rating as it was.
- Own ratings are shown beside, never counted.
- Readiness for the next level applies that level's rule to every item it asks
  (`Level.asks`: in a cumulative role its own and lower levels' items, less the replaced ones;
  in a standalone role its own); an "at least N of" group counts as one: met when N of its
  items are (see `_counted`).
"""

import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from roles.models import Level, RequirementGroup, RequirementItem, Role
from roles.requirement_groups import (
    GroupSection,
    by_group,
    groups_listed,
    groups_written_empty,
    names_levels,
)
from staff.models import (
    Assessment,
    AssessmentItem,
    Evidence,
    LevelChange,
    Rating,
    SelfRating,
    StaffProfile,
)

User = get_user_model()

# The rule ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Readiness:
    """Where a person stands against a level's progression rule.

    The rule: every essential item met, and at least `desirable_required` desirable items met.
    Items rated not applicable count neither for nor against.
    """

    counted: int
    met: int
    essential_outstanding: list[str] = field(default_factory=list)
    desirable_not_met: list[str] = field(default_factory=list)
    desirable_total: int = 0
    desirable_met: int = 0
    desirable_required: int = 0
    level: Level | None = None

    @property
    def percent_met(self) -> int:
        return round(100 * self.met / self.counted) if self.counted else 0

    @property
    def desirable_short_by(self) -> int:
        return max(0, self.desirable_required - self.desirable_met)

    @property
    def rule_met(self) -> bool:
        return not self.essential_outstanding and self.desirable_short_by == 0

    @property
    def blocking_items(self) -> list[str]:
        """The items that stand between the person and the level, by text."""
        short = self.desirable_not_met if self.desirable_short_by else []
        return [*self.essential_outstanding, *short]

    def explanation(self) -> str:
        """The rule in words: "2 essential items outstanding; 3 of 5 desirable met, the rule
        asks for 4"."""
        outstanding = len(self.essential_outstanding)
        parts = [
            "all essential items met"
            if outstanding == 0
            else f"{outstanding} essential item{'s' if outstanding != 1 else ''} outstanding"
        ]
        if self.desirable_total:
            desirable = f"{self.desirable_met} of {self.desirable_total} desirable met"
            if self.desirable_short_by:
                desirable += f", the rule asks for {self.desirable_required}"
            parts.append(desirable)
        return "; ".join(parts)

    @property
    def verdict(self) -> str:
        """ "Ready for Level C" or "Not ready: 2 essential items outstanding; ..."."""
        if self.rule_met:
            return f"Ready for {self.level}" if self.level else "Ready"
        return f"Not ready: {self.explanation()}"


@dataclass(frozen=True)
class _Counted:
    """One thing the rule counts: an item, or an "at least N of" group as a whole."""

    text: str
    is_essential: bool
    is_met: bool


def _counted(items: Iterable) -> list[_Counted]:
    """What the rule counts, in order: each item rated other than not applicable, except that
    the items of an "at least N of" group count together, as one: met when at least N of
    them are met (of those not rated not applicable: min(N, how many are left)), essential
    when any of them is, listed as "at least N of: <heading>"."""
    counted: list = []
    pooled: dict[int, list] = {}
    for item in items:
        group = getattr(item, "group", None)
        if group is not None and group.at_least:
            if group.pk not in pooled:
                pooled[group.pk] = []
                counted.append((group, pooled[group.pk]))
            pooled[group.pk].append(item)
        elif item.rating != Rating.NOT_APPLICABLE:
            counted.append(_Counted(item.text, item.is_essential, item.rating == Rating.MET))
    result = []
    for entry in counted:
        if isinstance(entry, _Counted):
            result.append(entry)
            continue
        group, members = entry
        members = [m for m in members if m.rating != Rating.NOT_APPLICABLE]
        if not members:
            continue
        required = min(group.at_least, len(members))
        result.append(
            _Counted(
                f"at least {required} of: {group}",
                any(m.is_essential for m in members),
                sum(m.rating == Rating.MET for m in members) >= required,
            )
        )
    return result


def readiness(items: Iterable, *, desirable_required: int | None, level=None) -> Readiness:
    """Measure rated items (anything with `text`, `is_essential` and `rating`, and `group`
    where it is in one) against a level's rule (`desirable_required` None means all)."""
    counted = met = desirable_total = desirable_met = 0
    essential_outstanding = []
    desirable_not_met = []
    for unit in _counted(items):
        counted += 1
        met += unit.is_met
        if unit.is_essential:
            if not unit.is_met:
                essential_outstanding.append(unit.text)
        else:
            desirable_total += 1
            desirable_met += unit.is_met
            if not unit.is_met:
                desirable_not_met.append(unit.text)
    required = desirable_total if desirable_required is None else desirable_required
    return Readiness(
        counted=counted,
        met=met,
        essential_outstanding=essential_outstanding,
        desirable_not_met=desirable_not_met,
        desirable_total=desirable_total,
        desirable_met=desirable_met,
        desirable_required=min(required, desirable_total),
        level=level,
    )


def rule_in_words(level: Level) -> str:
    """The level's progression rule as HR set it: "every essential item met, and at least 4
    of its desirable items"."""
    wanted = level.min_desirable_met
    if wanted == 0:
        return f"To reach {level}: every essential item met; no desirable items are required."
    desirable = "all" if wanted is None else f"at least {wanted}"
    return f"To reach {level}: every essential item met, and {desirable} of its desirable items."


# The level in force --------------------------------------------------------------------


def _today() -> datetime.date:
    return timezone.localdate()


def _when(change: LevelChange):
    return (change.effective_date, change.recorded_at, change.pk)


def _in_force(changes: list[LevelChange], day: datetime.date) -> LevelChange | None:
    """The change in force on `day` among a person's changes (any order), or None."""
    return max((c for c in changes if c.effective_date <= day), key=_when, default=None)


def _level_id_on(profile: StaffProfile, changes: list[LevelChange], day: datetime.date):
    """The id of the level in force on `day`: the last change whose date has come; before
    the first change, the level that change started from; with no history, the recorded
    level."""
    change = _in_force(changes, day)
    if change is not None:
        return change.to_level_id
    if changes:
        return min(changes, key=_when).from_level_id
    return profile.level_id


def level_in_force(profile: StaffProfile, day: datetime.date | None = None) -> Level | None:
    """The person's level on `day` (today by default)."""
    changes = list(profile.level_changes.all())
    level_id = _level_id_on(profile, changes, day or _today())
    return Level.objects.select_related("role").filter(pk=level_id).first() if level_id else None


# A person's standing -------------------------------------------------------------------


@dataclass
class RequirementStanding:
    """One requirement with its current rating, where that came from, the person's own
    rating and evidence. Has `text`, `is_essential`, `rating` and `group`, so `readiness()` measures
    a list of them."""

    item: RequirementItem
    rating: str = ""
    rated_in: Assessment | None = None
    self_rating: str = ""
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.item.text

    @property
    def is_essential(self) -> bool:
        return self.item.is_essential

    @property
    def group(self):
        return self.item.group

    @property
    def rating_label(self) -> str:
        return Rating(self.rating).label if self.rating else "Not yet assessed"

    @property
    def self_rating_label(self) -> str:
        return Rating(self.self_rating).label if self.self_rating else ""

    @property
    def source(self) -> str:
        """Where the rating came from: "assessment against Level B, 3 March 2026, by Ann"."""
        if self.rated_in is None:
            return ""
        who = self.rated_in.assessor.get_full_name() or self.rated_in.assessor.get_username()
        return (
            f"assessment against {self.rated_in.target_level}, "
            f"{timezone.localtime(self.rated_in.created_at):%-d %B %Y}, by {who}"
        )


@dataclass
class Standing:
    profile: StaffProfile
    level: Level | None
    since: datetime.date | None
    next_level: Level | None
    scheduled: LevelChange | None
    entries: list[RequirementStanding]
    shown_assessment: Assessment | None
    # A summary (`summaries_of`) holds the items up to this level order only.
    entries_through: int | None = None
    # The role's groups written with no items, each with its level (none in a summary).
    empty_groups: list[RequirementGroup] = field(default_factory=list)

    def _entries_of(self, items) -> list[RequirementStanding]:
        """The entries of `items`, in the entries' (display) order."""
        wanted = {item.pk for item in items}
        return [e for e in self.entries if e.item.pk in wanted]

    # A standing is never changed once built, so what follows from its entries is worked out
    # once: pages read `current` and `next_additions` several times, and `all_items` both.
    @cached_property
    def _items(self) -> list[RequirementItem]:
        return [e.item for e in self.entries]

    def sections_for(self, level: Level, *, beyond: Level | None = None) -> list[GroupSection]:
        """What `level` asks (beyond what `beyond` asks), under the role's own groups."""
        items = level.adds_to(beyond, self._items) if beyond else level.asks(self._items)
        return by_group(
            self._entries_of(items),
            empty=groups_listed(self.empty_groups, level, beyond=beyond),
            name_level=names_levels(level.role),
        )

    @cached_property
    def current(self) -> list[GroupSection]:
        """What the level in force asks, under its groups."""
        return [] if self.level is None else self.sections_for(self.level)

    @cached_property
    def next_additions(self) -> list[GroupSection]:
        """What the next level asks beyond the level in force, under its groups."""
        if self.level is None or self.next_level is None:
            return []
        return self.sections_for(self.next_level, beyond=self.level)

    @property
    def all_items(self) -> list[RequirementStanding]:
        return [entry for group in self.current + self.next_additions for entry in group.items]

    def readiness_for(self, level: Level) -> Readiness:
        """Readiness for `level` of the person's role from the current ratings."""
        if self.entries_through is not None and level.order > self.entries_through:
            raise ValueError(f"A summary of a standing stops before {level}: use standing_of.")
        return readiness(
            self._entries_of(level.asks(self._items)),
            desirable_required=level.min_desirable_met,
            level=level,
        )

    @cached_property
    def towards_next(self) -> Readiness | None:
        if self.next_level is None:
            return None
        return self.readiness_for(self.next_level)

    @property
    def verdict(self) -> str:
        if self.level is None:
            return "No level recorded"
        if self.next_level is None:
            return f"At the top level ({self.level})"
        return self.towards_next.verdict

    @property
    def rule(self) -> str:
        return rule_in_words(self.next_level) if self.next_level else ""

    @property
    def scheduled_words(self) -> str:
        """ "Level B from 1 December 2026" when a change is scheduled, else ""."""
        if self.scheduled is None:
            return ""
        return f"{self.scheduled.to_level} from {self.scheduled.effective_date:%-d %B %Y}"


def shown_assessments(profile: StaffProfile):
    """The person's assessments they have been shown, newest first."""
    return (
        Assessment.objects.filter(staff=profile)
        .shown()
        .select_related("target_level", "assessor")
        .order_by("-created_at", "-pk")
    )


def standing_of(profile: StaffProfile, *, today: datetime.date | None = None) -> Standing:
    """One person's standing (see the module's docstring)."""
    return standings_of([profile], today=today)[profile.pk]


def standing_version(profile: StaffProfile, standing: Standing | None = None) -> str:
    """A digest of the person's standing as their requirements page prints it (and its PDF):
    it moves on with anything that page shows. What comes from the role (item texts,
    headings, levels, grades, rules) is the role's `version`; what is the person's is below."""
    standing = standing or standing_of(profile)
    level, shown = standing.level, standing.shown_assessment
    printed = [
        profile.name,
        str(profile.line_manager or ""),
        level and [level.pk, level.role.version],
        standing.since,
        standing.scheduled_words,
        shown and [timezone.localtime(shown.created_at).date(), shown.status],
        [
            [e.item.pk, e.rating, e.source, e.self_rating, [[v.text, v.link] for v in e.evidence]]
            for e in standing.all_items
        ],
    ]
    return hashlib.sha256(json.dumps(printed, default=str).encode()).hexdigest()


def standings_of(
    profiles: Iterable[StaffProfile],
    *,
    today: datetime.date | None = None,
    sources: bool = True,
    own_ratings: bool = True,
    evidence: bool = True,
) -> dict[int, Standing]:
    """Standings of many people, by profile id, in the same number of queries however many.

    Everything a person's page shows by default. Lists ask for less (`summaries_of`):
    `sources=False` leaves out where each rating came from (`rated_in`), and with it every
    item beyond the next level; `own_ratings` and `evidence` the person's own view."""
    profiles = list(profiles)
    today = today or _today()
    ids = [p.pk for p in profiles]
    in_force = _levels_in_force(profiles, today)
    levels = _levels_of_roles({level_id for level_id, _, _ in in_force.values() if level_id})
    levels_by_role: dict[int, list[Level]] = {}
    for level in sorted(levels.values(), key=lambda lv: lv.order):
        levels_by_role.setdefault(level.role_id, []).append(level)
    items_by_role = _items_of_roles(levels)
    empty_by_role = _empty_groups_of_roles(levels) if sources else {}
    latest, shown_latest = _current_ratings(ids, sources=sources)
    own = _own_ratings(ids) if own_ratings else {}
    shown_evidence = _evidence(ids) if evidence else {}

    # Each role's items up to a level, worked out once for everyone in that role.
    items_through: dict[tuple[int, int | None], list[RequirementItem]] = {}
    summary_items: dict[tuple[int, int | None], list[tuple[int, _SharedEntries]]] = {}
    result = {}
    for profile in profiles:
        level_id, since, scheduled = in_force[profile.pk]
        level = levels.get(level_id)
        entries, next_level, through = [], None, None
        if level is not None:
            role_levels = levels_by_role[level.role_id]
            next_level = next((lv for lv in role_levels if lv.order > level.order), None)
            # Every level's items, so readiness for any target level of the role is at hand;
            # a list needs them only up to the next level.
            through = None if sources else (next_level or level).order
            key = (level.role_id, through)
            items = items_through.get(key)
            if items is None:
                items = items_through[key] = [
                    item
                    for item in items_by_role.get(level.role_id, [])
                    if through is None or levels[item.level_id].order <= through
                ]
            pk = profile.pk
            mine = latest.get(pk, {})
            if own or shown_evidence:
                entries = [
                    RequirementStanding(
                        item=item,
                        rating=rating,
                        rated_in=rated_in,
                        self_rating=own.get((pk, item.id), ""),
                        evidence=shown_evidence.get((pk, item.id), []),
                    )
                    for item in items
                    for rating, rated_in in [mine.get(item.id, _UNRATED)]
                ]
            elif sources:
                entries = [
                    RequirementStanding(item=item, rating=rating, rated_in=rated_in)
                    for item in items
                    for rating, rated_in in [mine.get(item.id, _UNRATED)]
                ]
            else:
                # Nothing in a summary's entry is the person's but the rating: everyone with
                # the same rating of an item shares one entry (nothing changes an entry).
                shared = summary_items.get(key)
                if shared is None:
                    shared = summary_items[key] = [(i.id, _SharedEntries(i)) for i in items]
                entries = [
                    by_rating[mine.get(item_id, _UNRATED)[0]] for item_id, by_rating in shared
                ]
        result[profile.pk] = Standing(
            profile=profile,
            level=level,
            since=since,
            next_level=next_level,
            scheduled=scheduled,
            entries=entries,
            shown_assessment=shown_latest.get(profile.pk),
            entries_through=through,
            empty_groups=empty_by_role.get(level.role_id, []) if level else [],
        )
    return result


def summaries_of(
    profiles: Iterable[StaffProfile],
    *,
    today: datetime.date | None = None,
    own_ratings: bool = False,
) -> dict[int, Standing]:
    """Standings for lists of people (the team page, approvals, HR's dashboard): level, next
    level, current ratings and readiness for the next level exactly as `standings_of` gives
    them, without where each rating came from, the items beyond the next level, evidence,
    and (unless asked for) the person's own ratings."""
    return standings_of(
        profiles, today=today, sources=False, own_ratings=own_ratings, evidence=False
    )


# Loading: what a standing is built from, read in a fixed number of queries -------------
#
# Rows by the thousand (every item of each role, the latest rating of each): each level,
# category and assessment is made once and shared, not once per row, and only the latest
# rating of each requirement leaves the database. What comes from the role (its items and
# their groups) is kept per role version, so only the first reader after an edit reads it.

_UNRATED = ("", None)


class _SharedEntries(dict):
    """One item's entries in summaries, by rating, each made when first wanted."""

    def __init__(self, item: RequirementItem):
        super().__init__()
        self.item = item

    def __missing__(self, rating: str) -> RequirementStanding:
        entry = self[rating] = RequirementStanding(item=self.item, rating=rating)
        return entry


_ITEM_LEVEL = RequirementItem._meta.get_field("level")
_ITEM_GROUP = RequirementItem._meta.get_field("group")
_ITEM_FIELDS = [f.attname for f in RequirementItem._meta.concrete_fields]
# What pages and the rule read of an item's group, loaded with the item.
_GROUP_FIELDS = ("heading", "order", "lead_in", "weight", "at_least", "category_id")

# What a rating's source says of its assessment: its assessor and target level.
_RATED_IN = (
    "assessor__username",
    "assessor__first_name",
    "assessor__last_name",
    "target_level__role_id",
    "target_level__code",
    "target_level__name",
    "target_level__order",
)


def _loaded(model, **values):
    """An instance of `model` as read from the database with only these fields (by attname);
    the others are deferred, read if ever asked for."""
    fields = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(None, fields, [values[name] for name in fields])


def _levels_in_force(profiles, today):
    """Each person's (level id in force, since, scheduled change), by profile id."""
    changes: dict[int, list[LevelChange]] = {}
    for change in LevelChange.objects.filter(staff__in=[p.pk for p in profiles]).select_related(
        "to_level"
    ):
        changes.setdefault(change.staff_id, []).append(change)
    in_force = {}
    for profile in profiles:
        mine = changes.get(profile.pk, [])
        change = _in_force(mine, today)
        level_id = _level_id_on(profile, mine, today)
        since = change.effective_date if change else profile.level_reached_on
        scheduled = max((c for c in mine if c.effective_date > today), key=_when, default=None)
        in_force[profile.pk] = (level_id, since, scheduled)
    return in_force


def _levels_of_roles(level_ids) -> dict[int, Level]:
    """Every level of the roles of these levels, by id."""
    return {
        level.pk: level
        for level in Level.objects.filter(
            role__in=Level.objects.filter(pk__in=level_ids).values("role_id")
        ).select_related("role__grade", "grade")
    }


def _kept_per_role(kind: str, roles: dict, read) -> dict:
    """What `read(role ids)` gives (by role id) for each of `roles` (role objects by id), kept
    until the role's version moves on (every save of the role, its levels or items, and of the
    names it shows: `Role.bump_versions`), as the role page keeps its rendered profile: a
    person's page then reads only what is the person's. Only roles not kept are read.

    The key names the role's creation too: an id and version given out again (a transaction
    rolled back, as tests do) never finds another role's items."""
    keys = {
        pk: f"standing-{kind}:{pk}:{role.version}:{role.created_at.timestamp()}"
        for pk, role in roles.items()
    }
    kept = cache.get_many(list(keys.values()))
    found = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [pk for pk in keys if pk not in found]
    if missing:
        fresh = read(missing)
        found.update({pk: fresh.get(pk, []) for pk in missing})
        cache.set_many({keys[pk]: found[pk] for pk in missing}, Role.KEPT_PER_VERSION_SECONDS)
    return found


def _item_rows(role_ids) -> dict[int, list[tuple]]:
    """Each role's current items as rows (the item's fields, then its group's), by role id, in
    the order pages show them."""
    rows: dict[int, list[tuple]] = {}
    for role_id, *row in (
        RequirementItem.objects.filter(level__role__in=role_ids)
        .order_by(*RequirementItem.DISPLAY_ORDER)
        .values_list("level__role_id", *_ITEM_FIELDS, *(f"group__{name}" for name in _GROUP_FIELDS))
    ):
        rows.setdefault(role_id, []).append(tuple(row))
    return rows


def _items_of_roles(levels: dict[int, Level]) -> dict[int, list[RequirementItem]]:
    """Every requirement item of the levels' roles, by role id, in the order pages show them.
    Rows by the thousand: each level and group is made once and shared, not once per row."""
    rows = _kept_per_role("items", {lv.role_id: lv.role for lv in levels.values()}, _item_rows)
    width = len(_ITEM_FIELDS)
    groups: dict[int, RequirementGroup] = {}
    items_by_role: dict[int, list[RequirementItem]] = {}
    for role_id, role_rows in rows.items():
        items = items_by_role[role_id] = []
        for row in role_rows:
            item = RequirementItem.from_db(None, _ITEM_FIELDS, row[:width])
            # Straight into the relations' caches: the descriptors' checks cost more than the rest.
            _ITEM_LEVEL.set_cached_value(item, levels[item.level_id])
            group = groups.get(item.group_id)
            if group is None:
                group = groups[item.group_id] = _loaded(
                    RequirementGroup,
                    id=item.group_id,
                    level_id=item.level_id,
                    **dict(zip(_GROUP_FIELDS, row[width:], strict=True)),
                )
            _ITEM_GROUP.set_cached_value(item, group)
            items.append(item)
    return items_by_role


def _empty_groups_of_roles(levels: dict[int, Level]) -> dict[int, list[RequirementGroup]]:
    """The groups of the levels' roles written with no items, each with its level, by role."""

    def read(role_ids):
        found: dict[int, list[RequirementGroup]] = {}
        for group in groups_written_empty(
            [pk for pk, lv in levels.items() if lv.role_id in role_ids]
        ):
            found.setdefault(levels[group.level_id].role_id, []).append(group)
        return found

    empty = _kept_per_role("empty-groups", {lv.role_id: lv.role for lv in levels.values()}, read)
    for groups in empty.values():
        for group in groups:
            group.level = levels[group.level_id]
    return empty


def _current_ratings(ids, *, sources: bool):
    """The current rating of each requirement (by person, then requirement) with the
    assessment it came from, and each person's latest assessment shown to them that rated
    anything.

    The database picks the latest rating of each requirement (a window function), so a
    person assessed every year costs one row per requirement, not one per rating ever
    given; each assessment is then read once. With `sources`, each also carries its
    assessor and target level."""
    rows = list(
        AssessmentItem.objects.filter(
            assessment__staff__in=ids,
            assessment__status__in=Assessment.SHOWN,
            requirement__isnull=False,
        )
        .exclude(rating="")
        .annotate(
            newest=Window(
                RowNumber(),
                partition_by=[F("assessment__staff_id"), F("requirement_id")],
                order_by=[F("assessment__created_at").desc(), F("assessment_id").desc()],
            )
        )
        .filter(newest=1)
        .values_list("assessment__staff_id", "requirement_id", "rating", "assessment_id")
    )
    assessments = _assessments({row[3] for row in rows}, sources=sources)
    latest: dict[int, dict[int, tuple[str, Assessment | None]]] = {}
    shown_latest: dict[int, Assessment] = {}
    for staff_id, requirement_id, rating, assessment_id in rows:
        latest.setdefault(staff_id, {})[requirement_id] = (
            rating,
            assessments[assessment_id] if sources else None,
        )
    # The newest assessment that rated anything holds the latest rating of what it rated.
    for assessment in assessments.values():
        shown = shown_latest.get(assessment.staff_id)
        if shown is None or (assessment.created_at, assessment.pk) > (shown.created_at, shown.pk):
            shown_latest[assessment.staff_id] = assessment
    return latest, shown_latest


def _assessments(ids, *, sources: bool) -> dict[int, Assessment]:
    """The assessments by id, with their person, date and state (and with `sources`, their
    assessor's name and target level) loaded, the rest deferred."""
    fields = ["id", "staff_id", "created_at", "status"]
    found = Assessment.objects.filter(pk__in=ids)
    if not sources:
        return {a.pk: a for a in found.only(*fields)}
    assessments = {}
    for *values, username, first, last, role_id, code, name, order in found.values_list(
        *fields, "assessor_id", "target_level_id", *_RATED_IN
    ):
        assessment = _loaded(
            Assessment,
            **dict(zip([*fields, "assessor_id", "target_level_id"], values, strict=True)),
        )
        assessment.assessor = _loaded(
            User,
            id=assessment.assessor_id,
            username=username,
            first_name=first,
            last_name=last,
        )
        assessment.target_level = _loaded(
            Level,
            id=assessment.target_level_id,
            role_id=role_id,
            code=code,
            name=name,
            order=order,
        )
        assessments[assessment.pk] = assessment
    return assessments


def _own_ratings(ids) -> dict[tuple[int, int], str]:
    return {
        (staff_id, requirement_id): rating
        for staff_id, requirement_id, rating in SelfRating.objects.filter(
            staff__in=ids
        ).values_list("staff_id", "requirement_id", "rating")
    }


def _evidence(ids) -> dict[tuple[int, int], list[Evidence]]:
    """Each person's evidence by requirement, newest first."""
    evidence: dict[tuple[int, int], list[Evidence]] = {}
    for link in (
        Evidence.requirements.through.objects.filter(evidence__staff__in=ids)
        .select_related("evidence")
        .order_by("-evidence__added_at", "-evidence__pk")
    ):
        evidence.setdefault((link.evidence.staff_id, link.requirementitem_id), []).append(
            link.evidence
        )
    return evidence
