"""The real roles of the reception rotation, declared once (X-02, X-07).

Every role test acts through ``with_user`` as one of these users, created
with ``new_test_user`` and only the groups listed here.
"""

from odoo.tests import new_test_user

DESK = "reception_rotation.group_reception_rotation_desk"
SALESPERSON = "reception_rotation.group_reception_rotation_salesperson"
MANAGER = "reception_rotation.group_reception_rotation_manager"

#: role -> the groups its user holds, nothing more
ROLE_GROUPS = {
    "internal": "base.group_user",
    # Odoo's own CRM roles, none of ours
    "crm_salesperson": "base.group_user,sales_team.group_sale_salesman",
    "crm_all_leads": "base.group_user,sales_team.group_sale_salesman_all_leads",
    "receptionist": "base.group_user," + DESK,
    "floor_manager": "base.group_user," + MANAGER,
    # a deputy is a salesperson named in the floor's deputies (RR-15)
    "floor_deputy": "base.group_user," + SALESPERSON,
    "reception_salesperson": "base.group_user," + SALESPERSON,
    "portal": "base.group_portal",
}


def create_role_user(env, role, login=None, name=None, company=None):
    """A user holding exactly the groups of ``role``."""
    company = company or env.company
    return new_test_user(
        env,
        login or "rr_%s" % role,
        groups=ROLE_GROUPS[role],
        name=name or role.replace("_", " ").title(),
        company_id=company.id,
        company_ids=[(6, 0, company.ids)],
    )


def create_roles(env, roles=None, prefix="rr_"):
    """One user per role: ``{role: user}``."""
    return {
        role: create_role_user(env, role, login=prefix + role)
        for role in roles or ROLE_GROUPS
    }


def create_other_company(env, name="Other Showroom Co"):
    """A second company with its own floor, manager, desk, salesperson and
    today's roster: ``(company, floor, users)``."""
    company = env["res.company"].create({"name": name})
    users = {
        role: create_role_user(env, role, login="rr_b_" + role, company=company)
        for role in ("floor_manager", "receptionist", "reception_salesperson")
    }
    employee = (
        env["hr.employee"]
        .with_company(company)
        .create(
            {
                "name": "Sales of B",
                "user_id": users["reception_salesperson"].id,
                "company_id": company.id,
            }
        )
    )
    floor = env["reception.floor"].create(
        {
            "name": "Floor of B",
            "company_id": company.id,
            "manager_id": users["floor_manager"].id,
        }
    )
    env["reception.roster"].create(
        {
            "floor_id": floor.id,
            "date": floor._floor_today(),
            "line_ids": [
                (0, 0, {"employee_id": employee.id, "start_hour": 0, "end_hour": 24})
            ],
        }
    )
    return company, floor, users
