"""Small builders that make the objects tests need, in code, with readable defaults."""

import datetime
import itertools

from django.contrib.auth.models import Group, User

from competencies.models import RequirementCategory
from core import history
from core.access import HR_GROUP_NAME
from roles.models import Grade, GradingScheme, JobFamily, Level, RequirementItem, Role
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
        for cat in cats:
            for n in range(1, items_per_category + 1):
                items.append(
                    RequirementItem(
                        level=level,
                        category=cat,
                        order=n,
                        text=f"{cat.name} item {n} of {title} level {code}",
                    )
                )
    history.bulk_create(RequirementItem, items)  # as the app's own bulk writes do
    return new_role


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
