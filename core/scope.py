"""Who may do what, and over which units: the roles of the reporting cycle and an account's scope. Pure: no
Streamlit and no database here, so the rules are tested alone; the pages, the ETL and the command line all ask
`allowed` and `IN_SCOPE`, and the server checks them on every write, whatever page or URL asked for it.

Roles:
- admin: the province. Everything, every unit: accounts, reporting periods, locks, the audit record.
- reviewer: approves or returns the reports of the units in its scope.
- staff: uploads on behalf of the units in its scope, rolls back, chases the units that have not reported.
- unit: exactly one reporting unit; submits its own report and sees what became of it.

A scope is a union: the units of the listed khu vực, of the listed khối, and the listed unit codes. An empty scope
is the whole province (the staff accounts made before scopes existed keep their reach)."""
from dataclasses import dataclass

from core import texts
from core.db import sql_text

ADMIN, REVIEWER, STAFF, UNIT = "admin", "reviewer", "staff", "unit"
ROLES = (ADMIN, REVIEWER, STAFF, UNIT)

# actions
UPLOAD = "upload"        # load a file for units in scope (checked by every load, whatever page or command)
BATCH = "batch"          # the staff pages: upload a batch on behalf of units, the upload history
ROLLBACK = "rollback"    # undo an upload
TRACK = "track"          # the tracking page: who has not reported, reminders
REVIEW = "review"        # approve, return
LOCK = "lock"            # lock and unlock a year or a khu vực of it; set the reporting periods
ACCOUNTS = "accounts"    # create, disable, reset, change scope
AUDIT = "audit"          # read and export the audit record
SUBMIT_OWN = "submit"    # the unit's own page
PERMISSIONS = {
    ADMIN: {UPLOAD, BATCH, ROLLBACK, TRACK, REVIEW, LOCK, ACCOUNTS, AUDIT},
    REVIEWER: {TRACK, REVIEW, AUDIT},
    STAFF: {UPLOAD, BATCH, ROLLBACK, TRACK},
    UNIT: {UPLOAD, SUBMIT_OWN},
}


def allowed(role: str | None, action: str) -> bool:
    return action in PERMISSIONS.get(role or "", set())


@dataclass(frozen=True)
class Scope:
    districts: tuple[str, ...] = ()  # khu vực (huyện cũ), as the dashboard names them ("Cấp tỉnh" included)
    groups: tuple[str, ...] = ()     # khối
    units: tuple[str, ...] = ()      # registry codes

    @property
    def whole_province(self) -> bool:
        return not (self.districts or self.groups or self.units)

    def to_json(self) -> dict:
        return {key: list(value) for key, value in vars(self).items() if value}

    @classmethod
    def from_json(cls, data: dict | None) -> "Scope":
        data = data or {}
        return cls(*(tuple(str(v) for v in data.get(key, ())) for key in ("districts", "groups", "units")))


PROVINCE = Scope()


def effective(role: str, scope: Scope) -> Scope:
    """An admin's scope is the province whatever the file says; every other role keeps its own."""
    return PROVINCE if role == ADMIN else scope


# A unit `u` (alias of `units`) is in the scope given by the parameters of `scope_params`.
IN_SCOPE = (f"($scope_all OR list_contains($scope_districts, COALESCE(u.district, {sql_text(texts.PROVINCIAL_LEVEL)}))"
            " OR list_contains($scope_groups, u.unit_group) OR list_contains($scope_units, u.code))")


def scope_params(role: str, scope: Scope) -> dict:
    scope = effective(role, scope)
    return {"scope_all": scope.whole_province, "scope_districts": list(scope.districts),
            "scope_groups": list(scope.groups), "scope_units": list(scope.units)}


def describe(role: str, scope: Scope) -> str:
    """The scope as a person reads it: "toàn tỉnh", or the khu vực, khối and units listed."""
    scope = effective(role, scope)
    if scope.whole_province:
        return texts.SCOPE_ALL
    parts = [*scope.districts, *scope.groups, *scope.units]
    return ", ".join(parts)
