"""A made-up organisation of any size, for the page benchmark (`make bench`).

The shape is that of a 10,000-person organisation (issue 14): a management tree in six tiers,
about 500 roles of two to four levels (five big ones of four levels with 80 items each), staff
who progressed through approved assessments, an assessment in every state, evidence and
self-ratings. Everything is written in bulk, through the audit trail's bulk helpers
(core.history), in the order the workflow writes it (an approved assessment's items exist
before it is approved, as the database's guard insists), so the rules hold on the result:
each person's stored level is the level in force computed from their history, a person has
at most one assessment in progress, nobody assesses or approves themselves.
"""

import datetime
import random
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.db import connection, transaction
from django.utils import timezone

from competencies.models import (
    Competency,
    CompetencyFramework,
    ProficiencyLevel,
    RequirementCategory,
)
from core import history
from core.access import HR_GROUP_NAME
from roles.models import (
    Grade,
    GradingScheme,
    JobFamily,
    Level,
    RequirementGroup,
    RequirementItem,
    Responsibility,
    Role,
    RoleCompetency,
)
from staff.models import (
    Assessment,
    AssessmentEvent,
    AssessmentItem,
    Evidence,
    LevelChange,
    Rating,
    SelfRating,
    StaffProfile,
)
from staff.summaries import refresh_out_of_date

# The logins the benchmark signs in as; the rest of the organisation cannot sign in.
PASSWORD = "bench-password"
HR, SENIOR, MANAGER, EMPLOYEE = "bench-hr", "bench-senior", "bench-manager", "bench-employee"
# In the benchmark manager's team: a draft of 80 items is open about them.
ASSESSED = "bench-assessed"
BIG_ROLE_TITLE = "Big role"
PATH_FAMILY = "Family 1"
BIG_ROLES, BIG_LEVELS, BIG_ITEMS_PER_LEVEL = 5, 4, 80
TEAM_SIZE = 15
# Share of the organisation at each management tier below the top one (the rest are not
# managers): 6, 36, 216 and 1,020 managers in 10,000 people.
TIER_SHARES = (0.0006, 0.0036, 0.0216, 0.102)
CATEGORIES = ("Qualifications", "Knowledge", "Experience", "Skills", "Behaviours")
WORDS = [
    "case",
    "records",
    "statutory",
    "guidance",
    "client",
    "budgets",
    "claims",
    "policy",
    "renewals",
    "safeguarding",
    "tribunal",
    "reporting",
    "partners",
    "audit",
    "procurement",
    "risk",
    "contracts",
    "data",
    "insurance",
    "legal",
    "evidence",
    "training",
    "supervision",
    "planning",
    "service",
    "standards",
    "performance",
    "stakeholders",
]
FIRST = [
    "Alex",
    "Sam",
    "Jo",
    "Chris",
    "Pat",
    "Robin",
    "Kim",
    "Lee",
    "Max",
    "Nic",
    "Ash",
    "Jamie",
    "Ali",
    "Dee",
    "Sky",
    "Ray",
    "Mo",
    "Viv",
]
LAST = [
    "Smith",
    "Jones",
    "Patel",
    "Brown",
    "Khan",
    "Taylor",
    "Evans",
    "Wilson",
    "Ahmed",
    "Clarke",
    "Hall",
    "Wood",
    "Green",
]
BATCH = 5000


@dataclass
class Tally:
    counts: dict = field(default_factory=lambda: defaultdict(int))

    def add(self, name, rows):
        self.counts[name] += len(rows)
        return rows


@contextmanager
def _dates_as_given(*fields):
    """Let bulk writes keep the dates the generator gives (a history spread over years)
    instead of the time of the write that auto_now_add would stamp."""
    saved = [(f, f.auto_now_add, f.auto_now) for f in fields]
    for f in fields:
        f.auto_now_add = f.auto_now = False
    try:
        yield
    finally:
        for f, add, now in saved:
            f.auto_now_add, f.auto_now = add, now


def _sentence(rng, words=8) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def organisation_generate(*, staff: int, seed: int = 14) -> dict:
    """Generate an organisation of `staff` people into an empty database; returns counts."""
    if StaffProfile.objects.exists():
        raise ValueError("The database already holds staff; generate into an empty one.")
    rng = random.Random(seed)
    tally = Tally()
    with history.history_source("generated organisation"), transaction.atomic():
        levels_by_role = _roles(rng, tally, staff)
        _organisation(rng, tally, staff, levels_by_role)
        # Written from each person's standing, as the workflow would have left them.
        tally.counts["standing summaries"] += refresh_out_of_date(everyone=True)
    with connection.cursor() as cursor:
        # As autovacuum would soon after: the planner needs the tables' real sizes.
        cursor.execute("ANALYZE")
    return dict(tally.counts)


# Roles ----------------------------------------------------------------------------------


def _roles(rng, tally, staff):
    scheme = GradingScheme.objects.create(name="Bands")
    grades = tally.add(
        "grades",
        Grade.objects.bulk_create(
            Grade(scheme=scheme, name=f"Band {n}", order=n) for n in range(1, 11)
        ),
    )
    categories = [
        RequirementCategory.objects.get_or_create(
            name=name, defaults={"order": RequirementCategory.next_order()}
        )[0]
        for name in CATEGORIES
    ]
    framework = CompetencyFramework.objects.create(name="Core behaviours")
    proficiencies = ProficiencyLevel.objects.bulk_create(
        ProficiencyLevel(framework=framework, name=name, order=n)
        for n, name in enumerate(("Awareness", "Working", "Practitioner", "Expert"), start=1)
    )
    competencies = Competency.objects.bulk_create(
        Competency(framework=framework, name=f"Behaviour {n}", order=n, description=_sentence(rng))
        for n in range(1, 9)
    )
    normal = max(20, round(staff * 0.0501))
    total = normal + BIG_ROLES
    families = JobFamily.objects.bulk_create(
        JobFamily(name=f"Family {n}", description=_sentence(rng))
        for n in range(1, max(2, total // 20) + 1)
    )
    roles = []
    for n in range(total):
        big = n < BIG_ROLES
        # The first family holds the big roles and twenty others: the family path's 25 roles.
        family = families[0] if n < 25 else families[1 + n % (len(families) - 1)]
        grade = grades[n % 8]
        roles.append(
            Role(
                title=f"{BIG_ROLE_TITLE} {n + 1}" if big else f"Role {n + 1}",
                job_family=family,
                grade=grade,
                top_grade=grades[n % 8 + 2],
                job_reference=f"JR{n + 1:04d}",
                purpose=_sentence(rng, 30),
                duties_html="".join(f"<p>{_sentence(rng, 20)}</p>" for _ in range(4)),
                department=f"Department {n % 12 + 1}",
                reports_to="Head of service",
                direct_reports="None",
                status=Role.Status.PUBLISHED,
                date_developed=datetime.date(2024, 1, 1),
            )
        )
    roles = tally.add("roles", history.bulk_create(Role, roles, batch_size=BATCH))
    levels, plan = [], {}
    for n, role in enumerate(roles):
        count = BIG_LEVELS if n < BIG_ROLES else rng.choice((2, 3, 3, 4))
        for order in range(1, count + 1):
            levels.append(Level(role=role, code=chr(64 + order), name=f"Step {order}", order=order))
        plan[role.pk] = n < BIG_ROLES
    levels = tally.add("levels", history.bulk_create(Level, levels, batch_size=BATCH))
    groups = tally.add(
        "requirement groups",
        history.bulk_create(
            RequirementGroup,
            (
                RequirementGroup(level=level, order=n, heading=category.name, category=category)
                for level in levels
                for n, category in enumerate(categories, start=1)
            ),
            batch_size=BATCH,
        ),
    )
    groups_of = defaultdict(list)
    for group in groups:
        groups_of[group.level_id].append(group)
    items = []
    for level in levels:
        per_level = BIG_ITEMS_PER_LEVEL if plan[level.role_id] else rng.randint(20, 32)
        for position in range(per_level):
            items.append(
                RequirementItem(
                    level=level,
                    group=groups_of[level.pk][position % len(categories)],
                    order=position // len(categories) + 1,
                    text=_sentence(rng, 12),
                    is_essential=rng.random() < 0.8,
                    sub_points="\n".join(_sentence(rng, 4) for _ in range(3))
                    if rng.random() < 0.1
                    else "",
                )
            )
    tally.add("requirement items", history.bulk_create(RequirementItem, items, batch_size=BATCH))
    tally.add(
        "responsibilities",
        history.bulk_create(
            Responsibility,
            (
                Responsibility(
                    role=role,
                    order=k,
                    heading=rng.choice(WORDS).capitalize(),
                    text=_sentence(rng, 20),
                    share_of_time=20,
                    measures_of_success="\n".join(_sentence(rng, 6) for _ in range(2)),
                )
                for role in roles
                for k in range(1, 6)
            ),
            batch_size=BATCH,
        ),
    )
    tally.add(
        "role competencies",
        history.bulk_create(
            RoleCompetency,
            (
                RoleCompetency(
                    role=role, competency=competency, proficiency=rng.choice(proficiencies)
                )
                for role in roles
                for competency in rng.sample(competencies, 4)
            ),
            batch_size=BATCH,
        ),
    )
    levels_by_role = defaultdict(list)
    for level in levels:
        levels_by_role[level.role_id].append(level)
    requirements = defaultdict(list)
    items = RequirementItem.objects.select_related("level", "group")
    for item in items.order_by("level_id", "group__order", "order"):
        requirements[item.level_id].append(item)
    for role_levels in levels_by_role.values():
        for level in role_levels:
            level.items = requirements[level.pk]
    return [levels_by_role[role.pk] for role in roles]


# People ---------------------------------------------------------------------------------


def _tiers(staff):
    sizes = [1, *(max(2 + k, round(staff * share)) for k, share in enumerate(TIER_SHARES))]
    sizes.append(staff - sum(sizes))
    return sizes


def _organisation(rng, tally, staff, levels_by_role):
    today = timezone.localdate()
    password = make_password(PASSWORD)
    sizes = _tiers(staff)
    tiers, start = [], 0
    for size in sizes:
        tiers.append(list(range(start, start + size)))
        start += size
    manager_of = {}
    for upper, lower in zip(tiers, tiers[1:], strict=False):
        for k, person in enumerate(lower):
            manager_of[person] = upper[k % len(upper)]
    # The benchmark's manager leads exactly TEAM_SIZE people; the others share the rest.
    leaves, tier4 = tiers[-1], tiers[-2]
    for k, person in enumerate(leaves):
        manager_of[person] = tier4[0] if k < TEAM_SIZE else tier4[1 + k % (len(tier4) - 1)]
    names = {tiers[1][0]: SENIOR, tier4[0]: MANAGER, leaves[0]: EMPLOYEE, leaves[1]: ASSESSED}

    users = [
        User(
            username=names.get(n, f"p{n:05d}"),
            first_name=rng.choice(FIRST),
            last_name=rng.choice(LAST),
            email=f"p{n:05d}@example.org",
            password=password if n in names else "!",
        )
        for n in range(staff)
    ]
    hr = User(username=HR, first_name="Harriet", last_name="Rees", is_staff=True, password=password)
    users = tally.add("users", User.objects.bulk_create([*users, hr], batch_size=BATCH))
    hr = users.pop()
    Group.objects.get(name=HR_GROUP_NAME).user_set.add(hr)

    big = levels_by_role[:BIG_ROLES]
    # Where each person stands: a role and a level in it; the benchmark's employee and the
    # one whose assessment the benchmark opens sit in big roles.
    placed = []
    for _ in range(staff):
        role_levels = rng.choice(big) if rng.random() < 0.02 else rng.choice(levels_by_role)
        placed.append((role_levels, rng.randrange(len(role_levels))))
    placed[leaves[0]] = (big[0], 0)
    placed[leaves[1]] = (big[0], 1)
    profiles = [
        StaffProfile(
            user=users[n],
            employee_number=f"E{n:06d}",
            level=placed[n][0][placed[n][1]],
            level_reached_on=today - datetime.timedelta(days=rng.randint(30, 700)),
        )
        for n in range(staff)
    ]
    profiles = tally.add("staff", history.bulk_create(StaffProfile, profiles, batch_size=BATCH))
    for n, profile in enumerate(profiles):
        if n in manager_of:
            profile.line_manager = profiles[manager_of[n]]
    history.bulk_update(
        StaffProfile, [p for p in profiles if p.line_manager_id], ["line_manager"], batch_size=BATCH
    )
    _assessments(
        rng, tally, profiles, placed, hr, today, roles=levels_by_role, draft_for={leaves[1]}
    )
    _own_records(rng, tally, profiles, placed)


@dataclass
class Planned:
    assessment: Assessment
    items: list
    final: str  # the status it ends in
    events: list


STATES = (
    (Assessment.Status.DRAFT, 25),
    (Assessment.Status.SUBMITTED, 15),
    (Assessment.Status.ACKNOWLEDGED, 15),
    (Assessment.Status.RETURNED, 10),
    (Assessment.Status.CLOSED, 5),
    (Assessment.Status.APPROVED, 30),
)
WORKFLOW = (
    Assessment.Status.DRAFT,
    Assessment.Status.SUBMITTED,
    Assessment.Status.ACKNOWLEDGED,
    Assessment.Status.APPROVED,
)


def _at(day: datetime.date, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _assessments(rng, tally, profiles, placed, hr, today, *, roles, draft_for):
    """Each person's progressions, each through an approved assessment and a level change,
    then at most one more assessment, in any state (one in progress at most). The workflow
    closes an assessment only when its person moves to another role, so a closed one is
    against the role the person held before they moved into theirs."""
    planned, changes = [], []
    user_of = {profile.pk: profile.user for profile in profiles}
    for n, profile in enumerate(profiles):
        if not profile.line_manager_id:
            continue  # the top of the tree has nobody to assess them
        assessor = user_of[profile.line_manager_id]
        role_levels, k = placed[n]
        met = set()  # ratings shown so far: met items carry forward
        for step in range(1, k + 1):
            effective = profile.level_reached_on - datetime.timedelta(days=365 * (k - step))
            target = role_levels[step]
            items = [
                i
                for i in _cumulative(role_levels, step)
                if i.level_id == target.pk or i.pk not in met
            ]
            ratings = {i.pk: Rating.MET for i in items}
            met |= set(ratings)
            planned.append(
                _plan(
                    profile,
                    assessor,
                    target,
                    items,
                    ratings,
                    Assessment.Status.APPROVED,
                    effective - datetime.timedelta(days=60),
                    hr,
                    recommendation=Assessment.Recommendation.PROGRESS,
                    effective_date=effective,
                )
            )
            changes.append(
                LevelChange(
                    staff=profile,
                    from_level=role_levels[step - 1],
                    to_level=target,
                    effective_date=effective,
                    note="Progression approved",
                    recorded_by=hr,
                    recorded_at=_at(effective),
                )
            )
            changes[-1].planned = planned[-1]
        if rng.random() < 0.9 or n in draft_for:
            target = role_levels[min(k + 1, len(role_levels) - 1)]
            items = [
                i
                for i in _cumulative(role_levels, role_levels.index(target))
                if i.level_id == target.pk or i.pk not in met
            ]
            final = rng.choices([s for s, _ in STATES], [w for _, w in STATES])[0]
            if n in draft_for:
                final = Assessment.Status.DRAFT
            if final == Assessment.Status.CLOSED:
                # They moved into their role a year before their first step in it.
                moved = profile.level_reached_on - datetime.timedelta(days=365 * k)
                before = rng.choice([r for r in roles if r is not role_levels])
                planned.append(
                    _plan(
                        profile,
                        assessor,
                        before[1],
                        _cumulative(before, 1),
                        {i.pk: rng.choice(Rating.values) for i in _cumulative(before, 1)},
                        final,
                        moved - datetime.timedelta(days=7),
                        hr,
                        recommendation=Assessment.Recommendation.NOT_YET,
                    )
                )
                changes.append(
                    LevelChange(
                        staff=profile,
                        from_level=before[0],
                        to_level=role_levels[0],
                        effective_date=moved,
                        note="Moved role",
                        recorded_by=hr,
                        recorded_at=_at(moved),
                    )
                )
                changes[-1].planned = None
                continue
            rated = final != Assessment.Status.DRAFT
            ratings = {
                i.pk: rng.choice(Rating.values) if rated or rng.random() < 0.5 else ""
                for i in items
            }
            started = today - datetime.timedelta(days=rng.randint(1, 90))
            planned.append(
                _plan(
                    profile,
                    assessor,
                    target,
                    items,
                    ratings,
                    final,
                    started,
                    hr,
                    recommendation=Assessment.Recommendation.NOT_YET if rated else "",
                    effective_date=started + datetime.timedelta(days=30)
                    if final == Assessment.Status.APPROVED
                    else None,
                )
            )
    # Written as the workflow writes: the assessment in its last state before approval, its
    # items, then the approval (an approved assessment's items are read-only).
    fields = [Assessment._meta.get_field(f) for f in ("created_at", "updated_at")]
    with _dates_as_given(*fields):
        tally.add(
            "assessments",
            history.bulk_create(Assessment, [p.assessment for p in planned], batch_size=BATCH),
        )
    for p in planned:
        for item in p.items:
            item.assessment = p.assessment
    tally.add(
        "assessment items",
        history.bulk_create(
            AssessmentItem, (i for p in planned for i in p.items), batch_size=BATCH
        ),
    )
    approved = [p.assessment.pk for p in planned if p.final == Assessment.Status.APPROVED]
    for start in range(0, len(approved), BATCH):
        chunk = approved[start : start + BATCH]
        Assessment.objects.filter(pk__in=chunk).update(status=Assessment.Status.APPROVED)
        history.record(Assessment, Assessment.objects.filter(pk__in=chunk))
    with _dates_as_given(AssessmentEvent._meta.get_field("at")):
        events = [
            AssessmentEvent(assessment=p.assessment, **event) for p in planned for event in p.events
        ]
        tally.add(
            "assessment events", AssessmentEvent.objects.bulk_create(events, batch_size=BATCH)
        )
    for change in changes:
        change.assessment = change.planned.assessment if change.planned else None
    with _dates_as_given(LevelChange._meta.get_field("recorded_at")):
        tally.add("level changes", LevelChange.objects.bulk_create(changes, batch_size=BATCH))


def _cumulative(role_levels, index):
    return [i for level in role_levels[: index + 1] for i in level.items]


def _plan(profile, assessor, target, items, ratings, final, started, hr, **fields) -> Planned:
    path = WORKFLOW[: WORKFLOW.index(final) + 1] if final in WORKFLOW else None
    if final == Assessment.Status.RETURNED:
        path = (Assessment.Status.DRAFT, Assessment.Status.SUBMITTED, Assessment.Status.RETURNED)
    if final == Assessment.Status.CLOSED:
        path = (Assessment.Status.DRAFT, Assessment.Status.CLOSED)
    events, previous = [], ""
    for day, status in enumerate(path):
        decided = (Assessment.Status.APPROVED, Assessment.Status.RETURNED, Assessment.Status.CLOSED)
        actor = hr if status in decided else assessor
        if status == Assessment.Status.ACKNOWLEDGED:
            actor = profile.user
        events.append(
            {
                "from_status": previous,
                "to_status": status,
                "actor": actor,
                "at": _at(started + datetime.timedelta(days=7 * day)),
                "note": "Started"
                if not previous
                else "Closed: moved to another role"
                if status == Assessment.Status.CLOSED
                else "",
            }
        )
        previous = status
    created = _at(started)
    # Approved ones are written one step short of approval; the approval follows the items.
    written = Assessment.Status.ACKNOWLEDGED if final == Assessment.Status.APPROVED else final
    assessment = Assessment(
        staff=profile,
        assessor=assessor,
        target_level=target,
        status=written,
        summary="Generated assessment." if final != Assessment.Status.DRAFT else "",
        return_reason="Please add evidence for the skills items."
        if final == Assessment.Status.RETURNED
        else "",
        created_at=created,
        updated_at=events[-1]["at"],
        version=len(events),
        **fields,
    )
    return Planned(
        assessment=assessment,
        items=[
            AssessmentItem.snapshot_of(item, order=position, rating=ratings[item.pk])
            for position, item in enumerate(items, start=1)
        ],
        final=final,
        events=events,
    )


def _own_records(rng, tally, profiles, placed):
    """About ten self-ratings and five pieces of evidence each, on their level and the next."""
    ratings, evidence, links = [], [], []
    for n, profile in enumerate(profiles):
        role_levels, k = placed[n]
        pool = _cumulative(role_levels, min(k + 1, len(role_levels) - 1))
        for item in rng.sample(pool, min(10, len(pool))):
            ratings.append(
                SelfRating(staff=profile, requirement=item, rating=rng.choice(Rating.values))
            )
        for _ in range(5):
            evidence.append(
                Evidence(
                    staff=profile,
                    text=_sentence(rng, 15),
                    added_by_id=profile.user_id,
                )
            )
            links.append(rng.sample(pool, min(2, len(pool))))
    tally.add("self-ratings", SelfRating.objects.bulk_create(ratings, batch_size=BATCH))
    evidence = tally.add("evidence", Evidence.objects.bulk_create(evidence, batch_size=BATCH))
    through = Evidence.requirements.through
    tally.add(
        "evidence links",
        through.objects.bulk_create(
            (
                through(evidence_id=record.pk, requirementitem_id=item.pk)
                for record, items in zip(evidence, links, strict=True)
                for item in items
            ),
            batch_size=BATCH,
        ),
    )
