"""The staff side of the app in AppTest: the test account and signing in (shared by the staff, upload and
hostile-file tests; the `staff_app` fixture is in conftest.py)."""
from streamlit.testing.v1 import AppTest

STAFF_USER, STAFF_NAME, PASSWORD = "chuyenvien", "Nguyễn Thị Lan", "mat-khau-dai"


def sign_in(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.run()
    at.switch_page("pages/staff/signin.py").run()
    return fill_signin(at, password)


def fill_signin(at: AppTest, password: str = PASSWORD, username: str = STAFF_USER) -> AppTest:
    at.text_input(key="signin_user").input(username)
    at.text_input(key="signin_password").input(password)
    at.button[0].click().run()  # the form's submit button
    return at


def signed_in_on(at: AppTest, username: str, page: str, password: str = PASSWORD) -> AppTest:
    """The app run, signed in as `username` on the sign-in page, then switched to `page`; no exception."""
    at.run()
    at.switch_page("pages/staff/signin.py").run()
    fill_signin(at, password, username)
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


OVERVIEW = "pages/dashboard/overview.py"  # the default page: the app opens on it


def open_page(app: AppTest, page: str, **params) -> AppTest:
    """The app run with `params` in its URL, switched to `page`; no exception on the way."""
    for key, value in params.items():
        app.query_params[key] = value
    at = app.run()
    if page != OVERVIEW:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at
