"""Small builders that make the objects tests need, in code, with readable defaults."""

import datetime
import itertools

import tablib
from django.contrib.auth.models import Group, User

from competencies.models import (
    Competency,
    CompetencyDescriptor,
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
    RoleFact,
    RoleSection,
    RoleSignOff,
)
from staff import progression
from staff.models import StaffProfile

PASSWORD = "a-test-password-42"
_numbers = itertools.count(1)

DEFAULT_CATEGORIES = ["Qualifications", "Knowledge", "Experience", "Skills"]


def category(name: str) -> RequirementCategory:
    existing = RequirementCategory.objects.filter(name=name).first()
    if existing:
        return existing
    return RequirementCategory.objects.create(name=name, order=RequirementCategory.next_order())


def group(level: Level, heading: str = "Knowledge", **fields) -> RequirementGroup:
    """The level's next group, headed `heading` and (unless `category` is given) linked to
    the category of that name."""
    fields.setdefault("category", category(heading) if heading else None)
    return RequirementGroup.objects.create(
        level=level, heading=heading, order=level.requirement_groups.count() + 1, **fields
    )


def item(group: RequirementGroup, text: str, **fields) -> RequirementItem:
    """The group's next item."""
    order = RequirementItem.all_objects.filter(group=group).count() + 1
    return RequirementItem.objects.create(group=group, order=order, text=text, **fields)


def grade(name: str = "Range 3", scheme: str = "Test ranges", order: int | None = None) -> Grade:
    scheme_obj, _ = GradingScheme.objects.get_or_create(name=scheme)
    existing = scheme_obj.grades.filter(name=name).first()
    if existing:
        return existing
    if order is None:
        order = scheme_obj.grades.count() + 1
    return Grade.objects.create(scheme=scheme_obj, name=name, order=order)


def role(
    title: str = "Insurance Officer",
    *,
    levels: tuple[str, ...] = ("A", "B", "C"),
    items_per_category: int = 1,
    categories: list[str] | None = None,
    status: str = Role.Status.PUBLISHED,
    grade_name: str = "Range 3",
    family: str = "Insurance",
    **fields,
) -> Role:
    """A role whose every level has `items_per_category` essential items in each category."""
    job_family, _ = JobFamily.objects.get_or_create(name=family)
    new_role = Role.objects.create(
        title=title, job_family=job_family, grade=grade(grade_name), status=status, **fields
    )
    cats = [category(name) for name in (categories or DEFAULT_CATEGORIES)]
    items = []
    for position, code in enumerate(levels, start=1):
        level = Level.objects.create(role=new_role, code=code, order=position)
        for cat in cats if items_per_category else []:
            made = group(level, cat.name)
            for n in range(1, items_per_category + 1):
                items.append(
                    RequirementItem(
                        level=level,
                        group=made,
                        order=n,
                        text=f"{cat.name} item {n} of {title} level {code}",
                    )
                )
    history.bulk_create(RequirementItem, items)  # as the app's own bulk writes do
    return new_role


def grouped_role(
    title: str = "Caseworker", *, structure: str = Role.LevelStructure.CUMULATIVE
) -> Role:
    """A role of levels A and B written in groups as organisations write them. Level A:
    "Knowledge" (two items), "Knowledge" again (one item), "Skills" (any 2 of three items, led
    in "With supervision:", 30% of time) and "Behaviours" with nothing under it. Level B:
    "Knowledge" and "Experience", one item each."""
    made = role(title, levels=("A", "B"), items_per_category=0, level_structure=structure)
    level_a, level_b = made.levels.order_by("order")
    written = {
        level_a: [
            ("Knowledge", {}, ["Knows the case rules", "Knows the filing system"]),
            ("Knowledge", {}, ["Knows the phone scripts"]),
            (
                "Skills",
                {"at_least": 2, "lead_in": "With supervision:", "weight": 30},
                ["Writes letters", "Takes statements", "Books visits"],
            ),
            ("Behaviours", {}, []),
        ],
        level_b: [
            ("Knowledge", {}, ["Knows the appeal rules"]),
            ("Experience", {}, ["Two years of casework"]),
        ],
    }
    for level, groups in written.items():
        for heading, fields, texts in groups:
            made_group = group(level, heading, **fields)
            for text in texts:
                item(made_group, text)
    return made


def full_role() -> Role:
    """A role with every field the files carry filled in: purpose, duties, review dates, a
    desirable item with sub-points, a responsibility and a competency."""
    made = role(
        "Claims Handler",
        items_per_category=2,
        grade_name="Band 2",
        family="Claims",
        purpose="Settles claims fairly.",
        duties_html="<p>Handles <b>claims</b>.</p><ul><li>Answers calls</li></ul>",
        last_reviewed=datetime.date(2025, 4, 1),
        next_review=datetime.date(2026, 4, 1),
    )
    item = made.levels.get(code="B").requirement_items.first()
    item.sub_points = "Claims handling\nRenewals"
    item.is_essential = False
    item.save()
    Responsibility.objects.create(
        role=made,
        order=1,
        heading="Financial",
        text="Pays claims",
        share_of_time=30,
        measures_of_success="Paid in 10 days\nNo errors",
    )
    framework = CompetencyFramework.objects.create(name="Leadership Framework")
    proficiency = ProficiencyLevel.objects.create(framework=framework, name="Leading Self", order=1)
    competency = Competency.objects.create(framework=framework, name="Fresh Thinking", order=1)
    RoleCompetency.objects.create(role=made, competency=competency, proficiency=proficiency)
    return made


def written_role() -> Role:
    """`full_role` with what organisations write beside requirements: free sections, labelled
    document facts, a sign-off block, month-only dates and responsibility groups (essential
    and marginal functions, with items)."""
    made = full_role()
    made.date_developed = datetime.date(2024, 11, 1)
    made.date_developed_precision = "month"
    made.next_review = datetime.date(2026, 3, 1)
    made.next_review_precision = "month"
    made.save()
    Responsibility.objects.create(
        role=made,
        order=2,
        heading="Customer contact",
        items="Answers calls from claimants\nWrites to claimants about their claims",
        share_of_time=60,
        function=Responsibility.Function.ESSENTIAL,
        measures_of_success="Calls answered within a minute",
    )
    Responsibility.objects.create(
        role=made,
        order=3,
        heading="Filing",
        items="Keeps the paper archive in order",
        share_of_time=10,
        function=Responsibility.Function.MARGINAL,
    )
    RoleSection.objects.create(
        role=made,
        order=1,
        title="Team purpose",
        body_html="<p>The claims team settles <strong>every</strong> claim fairly.</p>",
    )
    RoleSection.objects.create(
        role=made,
        order=2,
        title="Working conditions",
        body_html="<ul><li>Office based</li><li>Some evening work</li></ul>",
    )
    RoleFact.objects.create(role=made, order=1, label="Version", value="3.1")
    RoleFact.objects.create(role=made, order=2, label="Headcount", value="4")
    RoleFact.objects.create(role=made, order=3, label="Exempt status", value="Non-exempt")
    RoleSignOff.objects.create(
        role=made,
        order=1,
        name="Dana Price",
        signer_role="Head of Claims",
        signed_on=datetime.date(2025, 2, 1),
        signed_on_precision="month",
    )
    RoleSignOff.objects.create(role=made, order=2, signer_role="Post holder")
    return made


def framework(
    name: str = "Digital Skills",
    *,
    levels: tuple[str, ...] = ("Awareness", "Working", "Practitioner", "Expert"),
    competencies: tuple[str, ...] = ("Testing", "Coding"),
) -> CompetencyFramework:
    """A framework whose scale is `levels`, lowest first, and its competencies in order."""
    made = CompetencyFramework.objects.create(name=name)
    for order, level in enumerate(levels, start=1):
        ProficiencyLevel.objects.create(framework=made, name=level, order=order)
    for order, competency in enumerate(competencies, start=1):
        Competency.objects.create(framework=made, name=competency, order=order)
    return made


def descriptor(competency: Competency, proficiency: ProficiencyLevel) -> CompetencyDescriptor:
    """What `competency` looks like at `proficiency`, its negative indicators left empty."""
    return CompetencyDescriptor.objects.create(
        competency=competency,
        proficiency=proficiency,
        text="Finds new ways",
        positive_indicators="Suggests changes\nTries them out",
    )


def empty_catalogue() -> None:
    """Delete every role and everything roles are made of, as before a first import."""
    RoleCompetency.objects.all().delete()
    Role.objects.all().delete()
    for model in [Grade, GradingScheme, JobFamily, RequirementCategory, Competency]:
        model.objects.all().delete()
    ProficiencyLevel.objects.all().delete()
    CompetencyFramework.objects.all().delete()


def user(username: str, *, hr: bool = False, **fields) -> User:
    new_user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=fields.pop("first_name", username.title()),
        last_name=fields.pop("last_name", "Tester"),
        email=fields.pop("email", f"{username}@example.org"),
        is_staff=hr,
        **fields,
    )
    if hr:
        new_user.groups.add(Group.objects.get(name=HR_GROUP_NAME))
    return new_user


def staff(
    username: str,
    *,
    level: Level | None = None,
    manager: StaffProfile | None = None,
    hr: bool = False,
    **profile_fields,
) -> StaffProfile:
    return StaffProfile.objects.create(
        user=user(username, hr=hr),
        employee_number=profile_fields.pop("employee_number", f"E{next(_numbers):05d}"),
        level=level,
        line_manager=manager,
        **profile_fields,
    )


def assessment(
    staff_profile: StaffProfile,
    *,
    by: User,
    rating: str | None = "met",
    recommendation: str = "progress",
    until: str = "draft",
    hr_user: User | None = None,
):
    """An assessment of `staff_profile` by manager `by`, every item rated `rating`, taken
    through the real workflow as far as `until` (draft, submitted, acknowledged, approved)."""
    made = progression.assessment_start(staff=staff_profile, by=by)
    if rating is not None:
        made = progression.assessment_save(
            assessment=made,
            by=by,
            version=made.version,
            ratings=dict.fromkeys(made.items.values_list("pk", flat=True), rating),
            recommendation=recommendation,
        )
    steps = ["draft", "submitted", "acknowledged", "approved"]
    reached = steps.index(until)
    if reached >= 1:
        progression.assessment_submit(assessment=made, by=by)
    if reached >= 2:
        progression.assessment_acknowledge(assessment=made, by=staff_profile.user)
    if reached >= 3:
        progression.assessment_approve(
            assessment=made,
            by=hr_user or user(f"hr{next(_numbers)}", hr=True),
            effective_date=datetime.date(2026, 11, 1),
        )
    return made


# Flat lists HR loads in the admin (django-import-export resources)


def flat_list_load(resource, headers: list[str], *rows: list):
    """Import as the admin's confirm step does: everything rolls back if any row fails."""
    dataset = tablib.Dataset(*rows, headers=headers)
    return resource.import_data(
        dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=True
    )


def row_errors(result) -> list[tuple[int, str, str]]:
    """(row number, column, message) for every invalid row of an import's result."""
    return [
        (invalid.number, column, message)
        for invalid in result.invalid_rows
        for column, messages in invalid.error_dict.items()
        for message in messages
    ]
