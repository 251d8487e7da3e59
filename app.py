"""Entry point: `streamlit run app.py`. Builds the demo database on the first start, draws the shared filters,
then runs the chosen page. Staff pages are listed only for a signed-in user (and check it themselves); for anyone
else they are registered hidden, so a bookmark leads to the sign-in page and back rather than to "Page not found".
An account still on a one-time password is sent to Đổi mật khẩu from any page (all others hidden), and back after.

Page scripts sit in subfolders of pages/ (dashboard/, staff/) on purpose: Streamlit's legacy auto-discovery
reads .py files directly in pages/ and would otherwise serve a deep link such as /units before st.navigation.
Streamlit 1.67 still runs the first session after a server start through that legacy path because a pages/
folder exists (streamlit/streamlit#8860), so the very first deep link after a restart shows "Page not found" once;
see README, Known limits (the design card fixes the folder's name)."""
import streamlit as st

from core import config, scope, texts
from dashboard.db_access import ensure_database_once
from dashboard.failures import report_failure, show_callback_failure
from dashboard.heap import freeze_long_lived
from dashboard.phone import phone_layout
from dashboard.signin import (
    current_user,
    return_to_asked_page,
    send_to_password,
    send_to_signin,
    signout_button,
    write_session_cookie,
)
from dashboard.style import vietnamese_controls

st.set_page_config(page_title=texts.APP_TITLE, page_icon=texts.APP_ICON, layout="wide")
vietnamese_controls()

user = current_user()
locked = user is None and config.REQUIRE_LOGIN  # nothing but the sign-in page for anonymous visitors
must_change = user is not None and user.must_change  # nothing but Đổi mật khẩu until the one-time password is gone
HIDDEN = {"visibility": "hidden"}
hide_dashboard = HIDDEN if locked or must_change else {}


def shown_to(action: str) -> dict:
    """A page for the accounts allowed `action` is listed only for them; registered hidden for everyone else."""
    return {} if user is not None and not must_change and scope.allowed(user.role, action) else HIDDEN


DASHBOARD = {
    "overview": st.Page("pages/dashboard/overview.py", title=texts.PAGE_OVERVIEW, icon=":material/dashboard:",
                        default=not locked, **hide_dashboard),
    "units": st.Page("pages/dashboard/units.py", title=texts.PAGE_UNITS, icon=":material/account_balance:",
                     **hide_dashboard),
    "profile": st.Page("pages/dashboard/profile.py", title=texts.PAGE_PROFILE, icon=":material/folder_open:",
                       **hide_dashboard),
    "fields": st.Page("pages/dashboard/fields.py", title=texts.PAGE_FIELDS, icon=":material/category:",
                      **hide_dashboard),
    "commendations": st.Page("pages/dashboard/commendations.py", title=texts.PAGE_COMMENDATIONS,
                             icon=":material/military_tech:", **hide_dashboard),
    "report": st.Page("pages/dashboard/report.py", title=texts.PAGE_REPORT, icon=":material/summarize:",
                      **hide_dashboard),
}
STAFF = {
    "my_report": st.Page("pages/unit/my_report.py", title=texts.PAGE_MY_REPORT, icon=":material/assignment:",
                         **shown_to(scope.SUBMIT_OWN)),
    "review": st.Page("pages/review/queue.py", title=texts.PAGE_REVIEW, icon=":material/fact_check:",
                      **shown_to(scope.REVIEW)),
    "upload": st.Page("pages/staff/upload.py", title=texts.PAGE_UPLOAD, icon=":material/upload_file:",
                      **shown_to(scope.BATCH)),
    "history": st.Page("pages/staff/history.py", title=texts.PAGE_HISTORY, icon=":material/history:",
                       **shown_to(scope.BATCH)),
    "tracking": st.Page("pages/staff/tracking.py", title=texts.PAGE_TRACKING, icon=":material/checklist:",
                        **shown_to(scope.TRACK)),
    "cycle": st.Page("pages/admin/cycle.py", title=texts.PAGE_CYCLE, icon=":material/lock_clock:",
                     **shown_to(scope.LOCK)),
    "accounts": st.Page("pages/admin/accounts.py", title=texts.PAGE_ACCOUNTS, icon=":material/manage_accounts:",
                        **shown_to(scope.ACCOUNTS)),
    "audit": st.Page("pages/admin/audit.py", title=texts.PAGE_AUDIT, icon=":material/receipt_long:",
                     **shown_to(scope.AUDIT)),
    "password": st.Page("pages/staff/password.py", title=texts.PAGE_PASSWORD, icon=":material/key:",
                        **({} if user is not None else HIDDEN)),
}
SIGNIN = st.Page("pages/staff/signin.py", title=texts.PAGE_SIGNIN, icon=":material/login:", default=locked,
                 **(HIDDEN if must_change else {}))

if locked or must_change:
    pages = {"": [SIGNIN, *DASHBOARD.values(), *STAFF.values()]}
else:
    pages = {texts.NAV_DASHBOARD: list(DASHBOARD.values()), texts.NAV_STAFF: [*STAFF.values(), SIGNIN]}
# Navigation first, so the sidebar shows the real page titles even while the demo is being built.
page = st.navigation(pages, expanded=True)  # never Streamlit's English "View N more" (an admin has 15 pages)
write_session_cookie()
if user is None:
    send_to_signin(page, {**DASHBOARD, **STAFF} if locked else STAFF, SIGNIN)
elif must_change:
    send_to_password(page, {**DASHBOARD, **STAFF}, STAFF["password"])
else:
    return_to_asked_page({**DASHBOARD, **STAFF})


def prepare_database() -> None:
    """The first start builds the demo (several minutes: a bar shows it to every visitor meanwhile); later starts
    only bring a database written by an earlier version up to date."""
    if config.DB_PATH.exists():
        ensure_database_once()
        return
    bar = st.progress(0.0, text=texts.BUILDING_DEMO)
    ensure_database_once(progress=lambda share: bar.progress(share, text=texts.BUILDING_DEMO))
    bar.empty()


def run_page() -> None:
    prepare_database()
    from dashboard.sidebar import sidebar_filters  # needs the database, which may only exist now

    if user is not None:
        signout_button(user)
    if (user is not None or not config.REQUIRE_LOGIN) and not must_change:
        st.session_state["filters"] = sidebar_filters()
    st.session_state["pages"] = {**DASHBOARD, **STAFF}
    phone_layout(page, DASHBOARD.values())
    show_callback_failure()
    page.run()


try:
    run_page()
except Exception:  # st.stop and st.rerun are BaseExceptions and pass; the details go to the server log only
    report_failure(f"page {page.url_path or 'overview'}")
finally:  # after a run that stopped early (st.stop, st.rerun) too: the first run of a page often does
    freeze_long_lived()
