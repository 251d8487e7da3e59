"""The review queue (Duyệt báo cáo): the reports waiting in a reviewer's scope, each with its rows, what changed
against the unit's previous submission of that year and against last year, and the warnings its file gave; approve
one or several, return one with a reason, reopen an approved one. The writes go through etl.cycle, which checks
role, scope and locks again on the server, whatever this page showed."""
import pandas as pd
import streamlit as st

from core import config, formats, scope, texts, vocab
from core.auth import Account
from core.cycle_queries import REVIEW_DISTRICTS, REVIEW_QUEUE, REVIEW_YEARS, UNIT_YEAR_COMMENDATIONS, UNIT_YEAR_MODELS
from dashboard import tables
from dashboard.db_access import query, read, write
from dashboard.staff_actions import problems_table
from etl import cycle
from etl.load import DamagedArchive
from etl.registry import UnitResolver
from etl.review import ADDED, CHANGED, REMOVED, Archived, Diff, archived, compare_commendations, compare_models

MESSAGE = "review_message"  # what the last action did, said once after the rerun it asks for
MODEL_COLUMNS = {k: vocab.MODEL_COLUMNS[k][0] for k in ("name", "kind", "field", "form", "status", "level")}
COMMENDATION_COLUMNS = {**{k: vocab.COMMENDATION_COLUMNS[k][0] for k in ("recipient", "recipient_type", "award",
                                                                         "decision_no", "decision_date")},
                        "model_name": vocab.COMMENDATION_COLUMNS["model"][0]}


def show_message() -> None:
    if message := st.session_state.pop(MESSAGE, None):
        st.success(message)


def filters(user: Account) -> tuple[int | None, str | None]:
    """The year and khu vực to review (none chosen: all), among those of the reviewer's scope."""
    params = scope.scope_params(user.role, user.scope)
    years = query(REVIEW_YEARS, **params)["year"].tolist()
    districts = query(REVIEW_DISTRICTS, **params)["district"].tolist()
    left, right = st.columns(2)
    year = left.selectbox(texts.FILTER_YEAR, [None, *years], key="review_year",
                          format_func=lambda y: texts.REVIEW_ALL_YEARS if y is None else str(y))
    district = right.selectbox(texts.FILTER_DISTRICT, [None, *districts], key="review_district",
                               format_func=lambda d: texts.ALL_DISTRICTS if d is None else d)
    return year, district


def reports(user: Account, state: str, year: int | None, district: str | None) -> pd.DataFrame:
    """The unit-years in `state` in the reviewer's scope, not locked, in Vietnamese order; who uploaded by name."""
    frame = query(REVIEW_QUEUE, state=state, year=year, district=district, **scope.scope_params(user.role, user.scope))
    return tables.with_people(frame)


def report_item(row, user: Account) -> bool:
    """One waiting report: a tick box (only a report whose file gave no warning can be ticked, to approve several
    at once), then its details and actions, drawn only while open. True when ticked."""
    checked, problem = submitted_file(row)
    clean = problem is None and not checked.warnings
    key = f"{row.unit_id}_{row.year}"
    with st.container(border=True):
        ticked = st.checkbox(_headline(row, checked, problem), key=f"pick_{key}", disabled=not clean,
                             help=None if clean else texts.REVIEW_NOT_CLEAN)
        box = st.expander(texts.REVIEW_DETAILS, key=f"open_{key}", on_change="rerun")
        with box:
            if box.open:
                _details(row, checked.of(row.unit_id, row.year) if checked else None, problem)
                _actions(row, user, key)
    return ticked and clean


def _headline(row, checked: Archived | None, problem: str | None) -> str:
    line = texts.REVIEW_HEADLINE.format(unit=formats.plain(row.unit), district=formats.plain(row.district),
                                        year=row.year, models=formats.number(row.models),
                                        commendations=formats.number(row.commendations))
    if problem is not None:
        return line + texts.REVIEW_HEADLINE_UNREAD
    return line + (texts.REVIEW_HEADLINE_WARNED.format(n=formats.number(len(checked.warnings)))
                   if checked.warnings else "")


def submitted_file(row) -> tuple[Archived | None, str | None]:
    return _read_again(row.sha256, row.archive_path, row.file_name)


def _read_again(sha256: str, stored: str | None, file_name: str) -> tuple[Archived | None, str | None]:
    """An upload's original parsed again (once per file content and database): its rows and warnings, or why not."""
    try:
        found = _archived(str(config.DB_PATH), sha256, stored, file_name, _registry)
    except DamagedArchive:
        return None, texts.REVIEW_FILE_DAMAGED.format(file=formats.plain(file_name))
    if found is None:
        return None, texts.REVIEW_FILE_MISSING.format(file=formats.plain(file_name))
    if found.errors:  # the registry changed since it loaded: its rows and warnings would not be those it gave then
        return None, texts.REVIEW_FILE_CHANGED.format(file=formats.plain(file_name))
    return found, None


@st.cache_resource(max_entries=512, show_spinner=False)
def _archived(db_path: str, sha256: str, stored: str | None, file_name: str, _resolver) -> Archived | None:
    """Cached for every session: a reviewer's queue asks for each waiting file on every rerun."""
    return archived(stored, sha256, file_name, config.archive_dir(db_path), _resolver())


def _registry() -> UnitResolver:
    return read(UnitResolver.from_db)


def _details(row, checked: Archived | None, problem: str | None) -> None:
    st.caption(texts.REVIEW_SUBMITTED.format(file=formats.plain(row.file_name), by=formats.plain(row.uploaded_by),
                                             at=formats.timestamp(row.uploaded_at)))
    models = query(UNIT_YEAR_MODELS, unit_id=row.unit_id, year=row.year)
    awards = query(UNIT_YEAR_COMMENDATIONS, unit_id=row.unit_id, year=row.year)
    rows_tab, previous_tab, last_year_tab, warnings_tab = st.tabs(texts.REVIEW_TABS)
    with rows_tab:
        _rows(models, MODEL_COLUMNS, texts.REVIEW_MODELS)
        _rows(awards, COMMENDATION_COLUMNS, texts.REVIEW_COMMENDATIONS)
    with previous_tab:
        _against_previous(row, models, awards)
    with last_year_tab:
        _against_last_year(row, models, awards)
    with warnings_tab:
        if problem is not None:
            st.warning(problem)
        elif checked.warnings:
            st.dataframe(problems_table(checked.warnings), hide_index=True, width="stretch", placeholder="–")
        else:
            st.success(texts.REVIEW_NO_WARNINGS)


def _rows(frame: pd.DataFrame, columns: dict, title: str) -> None:
    st.markdown(title.format(n=formats.number(len(frame))))
    if not frame.empty:
        st.dataframe(frame[list(columns)].rename(columns=columns), hide_index=True, width="stretch",
                     placeholder="–", column_config=tables.DATE_COLUMNS)


def _against_previous(row, models: pd.DataFrame, awards: pd.DataFrame) -> None:
    """Against the report this one replaced (the latest superseded upload of the unit-year), read from its original."""
    if pd.isna(row.previous_id):
        st.info(texts.REVIEW_NO_PREVIOUS.format(year=row.year))
        return
    previous, problem = _read_again(row.previous_sha256, row.previous_archive, row.previous_file)
    if problem is not None:
        st.warning(problem)
        return
    previous = previous.of(row.unit_id, row.year)
    st.caption(texts.REVIEW_PREVIOUS.format(file=formats.plain(row.previous_file),
                                            at=formats.timestamp(row.previous_at)))
    if "models" in previous.parts:
        show_diff(compare_models(models, previous.models), texts.REVIEW_MODELS_WORD)
    if "commendations" in previous.parts:
        show_diff(compare_commendations(awards, previous.commendations), texts.REVIEW_COMMENDATIONS_WORD)


def _against_last_year(row, models: pd.DataFrame, awards: pd.DataFrame) -> None:
    last = row.year - 1
    if not row.last_year_reported:
        st.info(texts.REVIEW_NO_LAST_YEAR.format(year=last))
        return
    st.caption(texts.REVIEW_LAST_YEAR.format(year=last))
    show_diff(compare_models(models, query(UNIT_YEAR_MODELS, unit_id=row.unit_id, year=last)),
              texts.REVIEW_MODELS_WORD)
    before = query(UNIT_YEAR_COMMENDATIONS, unit_id=row.unit_id, year=last)
    if len(before) or len(awards):
        st.markdown(texts.REVIEW_COUNTS.format(what=texts.REVIEW_COMMENDATIONS_WORD,
                                               before=formats.number(len(before)), now=formats.number(len(awards))))


def show_diff(diff: Diff, what: str) -> None:
    """"Mô hình: 2 → 3 (thêm 1, bỏ 0, sửa 1)." and the rows that changed; nothing when neither report has any."""
    if not (diff.before or diff.now):
        return
    st.markdown(texts.REVIEW_DIFF.format(what=what, before=formats.number(diff.before), now=formats.number(diff.now),
                                         **{c: formats.number(diff.count(c)) for c in (ADDED, REMOVED, CHANGED)}))
    if not diff.changes.empty:
        shown = diff.changes.assign(change=diff.changes["change"].map(texts.REVIEW_CHANGES))
        st.dataframe(shown.rename(columns=texts.REVIEW_CHANGE_COLUMNS), hide_index=True, width="stretch",
                     placeholder="–")


def _actions(row, user: Account, key: str) -> None:
    left, right = st.columns(2)
    if left.button(texts.REVIEW_APPROVE, key=f"approve_{key}", type="primary", icon=":material/check:"):
        approve(user, [(row.unit_id, row.year)])
    reason = right.text_area(texts.REVIEW_REASON, key=f"reason_{key}", max_chars=config.REASON_MAX,
                             placeholder=texts.REVIEW_REASON_HINT)
    if right.button(texts.REVIEW_RETURN, key=f"return_{key}", icon=":material/undo:"):
        send_back(user, row, reason)


def approve(user: Account, unit_years: list[tuple[int, int]]) -> None:
    try:
        n = write(lambda con: cycle.approve(con, user, unit_years))
    except cycle.CycleError as exc:
        st.error(str(exc))
        return
    _done(texts.REVIEW_APPROVED.format(n=formats.number(n)))


def send_back(user: Account, row, reason: str) -> None:
    """Returns a waiting report, or reopens an approved one; the reason is required (etl.cycle says so)."""
    try:
        write(lambda con: cycle.return_report(con, user, int(row.unit_id), int(row.year), reason))
    except cycle.CycleError as exc:
        st.error(str(exc))
        return
    _done(texts.REVIEW_RETURNED.format(unit=formats.plain(row.unit), year=row.year))


def _done(message: str) -> None:
    st.session_state[MESSAGE] = message
    st.rerun()


def reopen_form(user: Account, approved: pd.DataFrame) -> None:
    """The approved reports of the scope (not locked), and a form to reopen one with a reason the unit sees."""
    if approved.empty:
        st.info(texts.REVIEW_NONE_APPROVED)
        return
    shown = approved[["unit", "code", "district", "year", "uploaded_at", "uploaded_by"]]
    st.dataframe(tables.labelled(shown), hide_index=True, width="stretch", placeholder="–",
                 column_config=tables.DATE_COLUMNS)
    labels = [texts.REVIEW_REOPEN_LABEL.format(unit=r.unit, code=r.code, year=r.year) for r in approved.itertuples()]
    pick = st.selectbox(texts.REVIEW_REOPEN_PICK, range(len(approved)), format_func=labels.__getitem__,
                        key="reopen_pick")
    reason = st.text_area(texts.REVIEW_REASON, key="reopen_reason", max_chars=config.REASON_MAX,
                          placeholder=texts.REVIEW_REASON_HINT)
    if st.button(texts.REVIEW_REOPEN, key="reopen", icon=":material/undo:"):
        send_back(user, next(approved.iloc[[pick]].itertuples()), reason)
