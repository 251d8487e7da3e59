"""The staff side of the app in AppTest: the test account and signing in (shared by the staff, upload and
hostile-file tests; the `staff_app` fixture is in conftest.py)."""
from streamlit.testing.v1 import AppTest

STAFF_USER, STAFF_NAME, PASSWORD = "chuyenvien", "Nguyễn Thị Lan", "mat-khau-dai"


def sign_in(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.run()
    at.switch_page("pages/staff/signin.py").run()
    return fill_signin(at, password)


def fill_signin(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.text_input(key="signin_user").input(STAFF_USER)
    at.text_input(key="signin_password").input(password)
    at.button[0].click().run()  # the form's submit button
    return at
