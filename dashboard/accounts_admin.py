"""The Tài khoản page's parts (pages/admin/accounts.py): the list, creating an account, the actions on one account,
the bulk unit accounts. Every change goes through core/auth.py, which checks the acting account again: a callback
acts as whoever is signed in when it runs, not as whoever drew its button. A one-time password is shown once, on
the run after it was made, and the bulk file is kept in this session only until the admin forgets it."""
import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from core import auth, config, formats, queries, texts
from core.account_queries import ACTIVE_UNITS, UNIT_CODES
from core.auth import AccountError
from core.scope import ADMIN, PROVINCE, ROLES, STAFF, UNIT, Scope
from core.xlsx import XLSX_MIME
from dashboard.db_access import query, read
from dashboard.failures import guarded
from dashboard.signin import client_address, current_user
from dashboard.tables import search_rows
from etl.accounts import accounts_table, make_unit_accounts, scope_problem

NOTICE = "accounts_notice"          # (section, kind, text): shown once, beside the section that made it
ONE_TIME = "accounts_one_time"      # (section, username, password): shown once
UNIT_FILE = "unit_accounts_file"    # (count, xlsx bytes, day): until the admin forgets it or the session ends


@dataclass(frozen=True)
class Options:
    districts: list[str]
    groups: list[str]
    units: pd.DataFrame  # code, name, active


def scope_options() -> Options:
    return Options(query(queries.DISTRICTS)["district"].tolist(), query(queries.GROUPS)["unit_group"].tolist(),
                   query(UNIT_CODES))


def role_label(role: str) -> str:
    return texts.ROLE_NAMES[role]  # the code (staff, reviewer…) is the command line's word, not the page's


def show_notice(section: str) -> None:
    if (notice := st.session_state.get(NOTICE)) and notice[0] == section:
        _, kind, text = st.session_state.pop(NOTICE)
        (st.error if kind == "error" else st.success)(text)
    if (shown := st.session_state.get(ONE_TIME)) and shown[0] == section:
        _, username, password = st.session_state.pop(ONE_TIME)
        st.warning(texts.ONE_TIME_SHOWN.format(user=username), icon=":material/key:")
        st.code(password, language=None)


def _attempt(section: str, action, done: str | None = None) -> None:
    """Runs a change; a refusal is said beside the section, in the words core/auth.py gives."""
    try:
        action()
    except AccountError as exc:
        st.session_state[NOTICE] = (section, "error", str(exc))
    else:
        if done:
            st.session_state[NOTICE] = (section, "success", done)


def _actor() -> auth.Account:
    if (user := current_user()) is None:
        raise AccountError(texts.STAFF_ONLY)
    return user


def accounts_list(listed: list[auth.Listed]) -> None:
    search = st.text_input(texts.ACCOUNTS_SEARCH, key="accounts_search", placeholder=texts.ACCOUNTS_SEARCH_HINT)
    table = accounts_table(listed)
    found = search_rows(table, search, list(table.columns))
    if found.empty:
        st.info(texts.ACCOUNTS_NO_MATCH.format(text=formats.plain(search)))
    else:
        st.dataframe(found, hide_index=True, width="stretch", placeholder="–")
    st.caption(texts.ACCOUNTS_COUNT.format(n=formats.number(len(listed)), shown=formats.number(len(found))))


def _with(known: list[str], current: tuple[str, ...]) -> list[str]:
    """The choices, plus what the account already has that the database no longer knows (kept, not dropped)."""
    return known + [value for value in current if value not in known]


def scope_pickers(role: str, options: Options, prefix: str, current: Scope = PROVINCE) -> None:
    """Khu vực and khối from the database, units by a searchable select; a unit account takes one active unit, an
    admin none. The values are read back by `picked_scope`."""
    if role == ADMIN:
        st.caption(texts.ACCOUNT_ADMIN_WHOLE)
        return
    units = options.units
    labels = dict(zip(units["code"], units["name"] + " (" + units["code"] + ")"))
    if role == UNIT:
        active = _with(units.loc[units["active"], "code"].tolist(), current.units)
        index = active.index(current.units[0]) if current.units else None
        st.selectbox(texts.ACCOUNT_PICK_UNIT, active, index=index, format_func=lambda c: labels.get(c, c),
                     key=f"{prefix}_unit", placeholder=texts.ACCOUNT_PICK_UNIT_HINT)
        return
    st.multiselect(texts.ACCOUNT_PICK_DISTRICTS, _with(options.districts, current.districts),
                   default=list(current.districts), key=f"{prefix}_districts", placeholder=texts.ACCOUNT_PICK_NONE)
    st.multiselect(texts.ACCOUNT_PICK_GROUPS, _with(options.groups, current.groups), default=list(current.groups),
                   key=f"{prefix}_groups", placeholder=texts.ACCOUNT_PICK_NONE)
    st.multiselect(texts.ACCOUNT_PICK_UNITS, _with(units["code"].tolist(), current.units),
                   default=list(current.units), format_func=lambda c: labels.get(c, c), key=f"{prefix}_units",
                   placeholder=texts.ACCOUNT_PICK_UNITS_HINT)
    st.caption(texts.ACCOUNT_SCOPE_HELP)


def picked_scope(role: str, prefix: str) -> Scope:
    state = st.session_state
    if role == ADMIN:
        return PROVINCE
    if role == UNIT:
        return Scope(units=(state[f"{prefix}_unit"],) if state.get(f"{prefix}_unit") else ())
    return Scope(*(tuple(state.get(f"{prefix}_{part}") or ()) for part in ("districts", "groups", "units")))


def _check_known(role: str, account_scope: Scope) -> None:
    """The server's own look at the registry: the pickers offer only known values, a forged request need not."""
    if problem := read(lambda con: scope_problem(con, role, account_scope)):
        raise AccountError(problem)


def create_form(options: Options) -> None:
    show_notice("create")
    st.text_input(texts.ACCOUNT_USERNAME, key="new_username", help=texts.ACCOUNT_USERNAME_HELP)
    st.text_input(texts.ACCOUNT_DISPLAY_NAME, key="new_name")
    role = st.selectbox(texts.ACCOUNT_ROLE, ROLES, index=ROLES.index(STAFF), format_func=role_label, key="new_role")
    scope_pickers(role, options, "new")
    st.button(texts.ACCOUNT_CREATE_BUTTON, key="create_account", type="primary", on_click=guarded(_create))


def _create() -> None:
    state = st.session_state
    username, role = state.get("new_username", "").strip().lower(), state["new_role"]
    account_scope = picked_scope(role, "new")

    def create() -> None:
        _check_known(role, account_scope)
        password = auth.create_account(config.ACCOUNTS_PATH, username, role, state.get("new_name", ""),
                                       account_scope, _actor(), client_address())
        state[ONE_TIME] = ("create", username, password)
        state["new_username"] = state["new_name"] = ""
    _attempt("create", create)


def account_actions(listed: list[auth.Listed], options: Options) -> None:
    """Lock or unlock, reset the password, change role, scope and name of the chosen account."""
    show_notice("actions")
    by_name = {item.account.username: item for item in listed}
    chosen = st.selectbox(texts.ACCOUNT_PICK, list(by_name), index=None, key="chosen_account",
                          format_func=lambda u: f"{by_name[u].account.display_name} ({u})",
                          placeholder=texts.ACCOUNT_PICK_HINT)
    if chosen is None:
        return
    item = by_name[chosen]
    left, right = st.columns(2)
    left.button(texts.ACCOUNT_ENABLE if item.disabled else texts.ACCOUNT_DISABLE, key="toggle_account",
                on_click=guarded(_toggle), args=(chosen, not item.disabled), width="stretch")
    right.button(texts.ACCOUNT_RESET, key="reset_password", on_click=guarded(_reset), args=(chosen,), width="stretch",
                 help=texts.ACCOUNT_RESET_HELP)
    account, prefix = item.account, f"edit_{chosen}"
    st.text_input(texts.ACCOUNT_DISPLAY_NAME, value=account.display_name, key=f"{prefix}_name")
    role = st.selectbox(texts.ACCOUNT_ROLE, ROLES, index=ROLES.index(account.role), format_func=role_label,
                        key=f"{prefix}_role")
    scope_pickers(role, options, prefix, account.scope)
    st.button(texts.ACCOUNT_SAVE, key="save_account", type="primary", on_click=guarded(_save), args=(chosen,))


def _toggle(username: str, disabled: bool) -> None:
    done = (texts.ACCOUNT_DISABLED if disabled else texts.ACCOUNT_ENABLED).format(user=username)
    _attempt("actions", lambda: auth.set_disabled(config.ACCOUNTS_PATH, username, disabled, _actor(),
                                                  client_address()), done)


def _reset(username: str) -> None:
    def reset() -> None:
        password = auth.reset_password(config.ACCOUNTS_PATH, username, _actor(), client_address())
        st.session_state[ONE_TIME] = ("actions", username, password)
    _attempt("actions", reset)


def _save(username: str) -> None:
    prefix = f"edit_{username}"
    role = st.session_state[f"{prefix}_role"]
    account_scope = picked_scope(role, prefix)

    def save() -> None:
        _check_known(role, account_scope)
        changed = auth.change_account(config.ACCOUNTS_PATH, username, _actor(), role, account_scope,
                                      st.session_state.get(f"{prefix}_name", ""), client_address())
        st.session_state[NOTICE] = ("actions", "success", (texts.ACCOUNT_SAVED if changed
                                                           else texts.ACCOUNT_UNCHANGED).format(user=username))
    _attempt("actions", save)


def bulk_unit_accounts(listed: list[auth.Listed]) -> None:
    """One account per reporting unit active today that has none; the file of one-time passwords to download."""
    show_notice("bulk")
    units = query(ACTIVE_UNITS)
    have = auth.units_with_account({item.account.username: {"role": item.account.role,
                                                             "scope": item.account.scope.to_json()}
                                    for item in listed})
    missing = units[~units["code"].isin(have)]
    st.caption(texts.UNIT_ACCOUNTS_HELP.format(n=formats.number(len(missing)), total=formats.number(len(units))))
    if st.button(texts.UNIT_ACCOUNTS_BUTTON, key="make_unit_accounts", disabled=missing.empty):
        with st.spinner(texts.UNIT_ACCOUNTS_MAKING.format(n=formats.number(len(missing)))):
            _attempt("bulk", lambda: _make_unit_accounts(units))
        st.rerun()  # the list and the count above show the new accounts
    if (made := st.session_state.get(UNIT_FILE)) is not None:
        n, data, day = made
        st.warning(texts.UNIT_ACCOUNTS_READY.format(n=formats.number(n)), icon=":material/key:")
        st.download_button(texts.UNIT_ACCOUNTS_DOWNLOAD, data, file_name=f"tai_khoan_don_vi_{day}.xlsx",
                           mime=XLSX_MIME, key="unit_accounts_download", on_click="ignore", type="primary",
                           icon=":material/download:")
        st.button(texts.UNIT_ACCOUNTS_FORGET, key="forget_unit_accounts", on_click=st.session_state.pop,
                  args=(UNIT_FILE,))


def _make_unit_accounts(units: pd.DataFrame) -> None:
    n, data = make_unit_accounts(units, config.ACCOUNTS_PATH, _actor(), client_address())
    if data is None:
        st.session_state[NOTICE] = ("bulk", "success", texts.UNIT_ACCOUNTS_NONE)
        return
    st.session_state[UNIT_FILE] = (n, data, f"{dt.datetime.now():%Y%m%d_%H%M}")
