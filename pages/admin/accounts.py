"""Tài khoản: the province's admin lists the accounts, creates one, locks or unlocks it, resets its password (a
one-time password shown once), changes its role, scope or name, and makes the unit accounts in bulk. The parts are
in dashboard/accounts_admin.py; every change is checked again and audited in core/auth.py."""
import streamlit as st

from core import auth, config, scope, texts
from dashboard import accounts_admin as admin
from dashboard.signin import require

require(scope.ACCOUNTS)
st.title(texts.ACCOUNTS_TITLE)
listed = auth.list_accounts(config.ACCOUNTS_PATH)
options = admin.scope_options()
admin.accounts_list(listed)

st.subheader(texts.ACCOUNT_ACTIONS)
admin.account_actions(listed, options)

st.subheader(texts.ACCOUNT_CREATE)
admin.create_form(options)

st.subheader(texts.UNIT_ACCOUNTS_HEADING)
admin.bulk_unit_accounts(listed)
