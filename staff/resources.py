"""The staff list HR loads a whole organisation from, with line managers resolved in the file.

Columns: employee number, first and last name, email, role, level, line manager's employee
number, date the level was reached. A line manager may come later in the file than the people
they manage: managers are linked once every row is saved, so row order does not matter.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from import_export import fields, widgets

from core import history
from core.accounts import is_privileged
from core.spreadsheets import SpreadsheetSafeResource
from roles.models import Level
from staff.history import level_change_record
from staff.models import LineManagerChange, StaffProfile
from staff.standing import level_in_force


class StaffResource(SpreadsheetSafeResource):
    employee_number = fields.Field(attribute="employee_number", column_name="employee_number")
    first_name = fields.Field(column_name="first_name")
    last_name = fields.Field(column_name="last_name")
    email = fields.Field(column_name="email")
    role = fields.Field(column_name="role")
    level = fields.Field(column_name="level")
    line_manager = fields.Field(column_name="line_manager")
    level_reached_on = fields.Field(
        attribute="level_reached_on",
        column_name="level_reached_on",
        widget=widgets.DateWidget(format="%Y-%m-%d"),
    )

    class Meta(SpreadsheetSafeResource.Meta):
        model = StaffProfile
        fields = (
            "employee_number",
            "first_name",
            "last_name",
            "email",
            "role",
            "level",
            "line_manager",
            "level_reached_on",
        )
        import_id_fields = ("employee_number",)
        # The user is created only when the row is saved, so the profile cannot be checked
        # with full_clean before then; import_instance checks what the row says instead.
        clean_model_instances = False
        skip_unchanged = False

    def get_queryset(self):
        return StaffProfile.objects.with_role()

    def filter_export(self, queryset, **kwargs):
        # The admin hands over its list's queryset; the export also names roles with grades.
        return queryset.select_related("user", "level__role__grade", "line_manager")

    # Export

    def dehydrate_first_name(self, profile):
        return profile.user.first_name

    def dehydrate_last_name(self, profile):
        return profile.user.last_name

    def dehydrate_email(self, profile):
        return profile.user.email

    def dehydrate_role(self, profile):
        return str(profile.level.role) if profile.level_id else ""

    def dehydrate_level(self, profile):
        return profile.level.code if profile.level_id else ""

    def dehydrate_line_manager(self, profile):
        return profile.line_manager.employee_number if profile.line_manager_id else ""

    # Import

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # The admin passes who is importing; a script or a test without one is not a superuser.
        importer = kwargs.get("user")
        self.importer_is_superuser = bool(importer and importer.is_superuser)
        headers = dataset.headers or []
        numbers = (
            {str(n).strip() for n in dataset["employee_number"]}
            if "employee_number" in headers
            else set()
        )
        self.known_numbers = numbers | set(
            StaffProfile.objects.values_list("employee_number", flat=True)
        )
        self.managers: dict[str, str] = {}  # employee number -> manager's employee number
        # employee number -> (level, date): applied through the level history once saved.
        self.new_levels: dict[str, tuple] = {}
        self.levels = {}
        for level in Level.objects.select_related("role__grade"):
            self.levels.setdefault((level.role.title, level.code), []).append(level)
            self.levels.setdefault((str(level.role), level.code), []).append(level)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        number = str(row.get("employee_number") or "").strip()
        instance.employee_number = number
        if not number:
            errors["employee_number"] = ["Every row needs an employee number."]
        elif len(number) > (limit := StaffProfile._meta.get_field("employee_number").max_length):
            errors["employee_number"] = [
                f"The employee number is {len(number)} characters long; at most {limit} fit."
            ]
        instance.pending_user = {
            "first_name": str(row.get("first_name") or ""),
            "last_name": str(row.get("last_name") or ""),
            "email": str(row.get("email") or ""),
        }
        errors.update(_login_errors(instance.pending_user))
        if (
            instance.user_id
            and not self.importer_is_superuser
            and is_privileged(instance.user)
            and any(getattr(instance.user, k) != v for k, v in instance.pending_user.items())
        ):
            errors["email"] = [
                f"The login of {number} has admin rights: only a superuser can change its "
                "name or email."
            ]
        role, code = row.get("role") or "", str(row.get("level") or "").strip()
        if role or code:
            matches = self.levels.get((role, code), [])
            if len(matches) == 1:
                # Not set here: a level changes only through staff.history, after saving.
                self.new_levels[number] = (matches[0], instance.level_reached_on)
            elif matches:
                errors["role"] = [
                    f'"{role}" is a title at several grades; write it with its grade, '
                    'like "Insurance Officer (Range 3)".'
                ]
            else:
                errors["level"] = [f'There is no level "{code}" of a role "{role}".']
        manager = str(row.get("line_manager") or "").strip()
        if manager == number and manager:
            errors["line_manager"] = ["Nobody can be their own line manager."]
        elif manager and manager not in self.known_numbers:
            errors["line_manager"] = [
                f'No one has employee number "{manager}", in this file or already saved.'
            ]
        self.managers[number] = manager
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        details = instance.pending_user
        if instance.user_id:
            user = instance.user
            for name, value in details.items():
                setattr(user, name, value)
            user.save(update_fields=list(details))
        else:
            user = get_user_model().objects.create_user(
                username=instance.employee_number, password=None, **details
            )
            instance.user = user

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if result.has_errors() or result.has_validation_errors():
            return
        profiles = StaffProfile.objects.in_bulk(
            [*self.managers, *self.managers.values()], field_name="employee_number"
        )
        by = kwargs.get("user")
        changed, records = [], []
        for number, manager in self.managers.items():
            profile = profiles[number]
            wanted = profiles[manager].pk if manager else None
            if profile.line_manager_id != wanted:
                records.append(
                    LineManagerChange(
                        staff=profile,
                        from_manager_id=profile.line_manager_id,
                        to_manager_id=wanted,
                        changed_by=by,
                    )
                )
                profile.line_manager_id = wanted
                changed.append(profile)
        # All at once, then checked for loops: a file may swap two people's places.
        history.bulk_update(StaffProfile, changed, ["line_manager"])
        LineManagerChange.objects.bulk_create(records)
        _refuse_loops()
        for number, (level, since) in self.new_levels.items():
            profile = profiles[number]
            if level_in_force(profile) != level:
                level_change_record(
                    staff=profile,
                    to_level=level,
                    effective_date=since or timezone.localdate(),
                    reason="Loaded from the staff list",
                    by=by,
                )


def _login_errors(details: dict[str, str]) -> dict[str, list[str]]:
    """A name or email on one line, within the login's own limits (they go into email headers)."""
    User = get_user_model()
    errors = {}
    for name, value in details.items():
        limit = User._meta.get_field(name).max_length
        if any(c in value for c in "\r\n\x00"):
            errors[name] = [f"The {name.replace('_', ' ')} must be on one line."]
        elif len(value) > limit:
            errors[name] = [
                f"The {name.replace('_', ' ')} is {len(value)} characters long; "
                f"at most {limit} fit."
            ]
    if "email" not in errors and details["email"]:
        try:
            User._meta.get_field("email").run_validators(details["email"])
        except ValidationError as error:
            errors["email"] = error.messages
    return errors


def _refuse_loops() -> None:
    """A chain of line managers that comes back to where it started is refused."""
    managers = dict(StaffProfile.objects.values_list("pk", "line_manager_id"))
    numbers = dict(StaffProfile.objects.values_list("pk", "employee_number"))
    for start in managers:
        path, current = [], start
        while current is not None and current not in path:
            path.append(current)
            current = managers.get(current)
        if current is not None:
            loop = [numbers[pk] for pk in path[path.index(current) :]]
            raise ValueError(
                "Line managers make a loop: " + " reports to ".join([*loop, loop[0]]) + "."
            )
