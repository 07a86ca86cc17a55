"""Which role a document is imported into: a new draft, or an existing role HR names."""

from roles.models import Role
from roles.transfer.parsed import ImportProblem, ParsedFile, ParsedRole


def role_to_update(parsed: ParsedFile, *, title: str | None = None, pk: int | None = None) -> None:
    """Point the document's one role at an existing role, or make sure each role is a new draft.

    A document is matched to no role by its own title: a profile that happens to share a title
    with a published role must not overwrite it unasked.
    """
    if title is None and pk is None:
        for role in parsed.roles:
            _new_draft(parsed, role)
        return
    if len(parsed.roles) != 1:
        raise ImportProblem(
            "holds several roles; only a file of one role can update a role.", file=parsed.name
        )
    found = Role.objects.select_related("grade").filter(
        **({"pk": pk} if pk is not None else {"title": title})
    )
    if len(found) != 1:
        raise ImportProblem(
            f"no role “{title or pk}” to update."
            if not found
            else f"several roles are “{title}”; name the one to update in the admin instead.",
            file=parsed.name,
        )
    role, target = parsed.roles[0], found[0]
    role.title = target.title
    role.grade = target.grade.name if target.grade_id else ""


def _new_draft(parsed: ParsedFile, role: ParsedRole) -> None:
    if role.grade:
        clash = Role.objects.filter(title=role.title, grade__name=role.grade)
    else:
        clash = Role.objects.filter(title=role.title, grade__isnull=True)
    if clash.exists():
        raise ImportProblem(
            f"a role “{role.label}” already exists. Choose it as the role to update "
            "(--update on the command line), or change the title.",
            file=parsed.name,
        )
    role.attributes["status"] = Role.Status.DRAFT
