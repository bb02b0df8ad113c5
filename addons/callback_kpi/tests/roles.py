"""The roles of callback_kpi, declared once for every test (issue 7, X-07).

``ROLE_GROUPS`` extends customer_callback's role table (plain internal user,
CRM salespeople, callback staff and manager, portal user) with the three
roles of this addon: scored employee, KPI manager, HR approver.
``new_role_user`` creates one user of a role in a company.
"""

from odoo.addons.customer_callback.tests.roles import (
    CALLBACK_USER,
    ROLE_GROUPS as CALLBACK_ROLE_GROUPS,
    new_role_user as callback_new_role_user,
)

KPI_EMPLOYEE = "callback_kpi.group_callback_kpi_employee"
KPI_MANAGER = "callback_kpi.group_callback_kpi_manager"
KPI_HR = "callback_kpi.group_callback_kpi_hr"

ROLE_GROUPS = {
    **CALLBACK_ROLE_GROUPS,
    # callback staff scored by the KPI: reads their own scorecards
    "scored_employee": f"base.group_user,{CALLBACK_USER},{KPI_EMPLOYEE}",
    # the callback manager who scores the team and submits the cards
    "kpi_manager": f"base.group_user,{CALLBACK_USER},{KPI_MANAGER}",
    # HR: approves, returns, reopens; configures the criteria
    "hr_approver": f"base.group_user,{KPI_HR}",
}


def new_role_user(env, role, login, company=None, name=None, **kw):
    """One res.users of ``role`` (a ROLE_GROUPS key) in ``company`` only."""
    return callback_new_role_user(
        env, role, login, company=company, name=name, role_groups=ROLE_GROUPS, **kw
    )
