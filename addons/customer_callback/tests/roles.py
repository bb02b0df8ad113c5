"""The roles of customer_callback, declared once for every test (issue 7, X-06/X-07).

Import it from any addon that builds on customer_callback::

    from odoo.addons.customer_callback.tests.roles import ROLE_GROUPS, make_roles

``ROLE_GROUPS`` maps a role name to the comma list of group xml ids that
``odoo.tests.new_test_user`` takes. ``make_roles(env)`` creates one user per
role (logins ``<prefix>_<role>``), the callback staff as employees in
departments so the team rules apply, and a second company with its own
callback manager and staff. It returns a ``CallbackRoles`` namespace; every
attribute is documented on the class. ``CallbackRolesMixin`` does the same in a
``TransactionCase.setUpClass`` (``cls.roles``).
"""

from odoo import Command
from odoo.tests import new_test_user

CALLBACK_USER = "customer_callback.group_customer_callback_user"
CALLBACK_MANAGER = "customer_callback.group_customer_callback_manager"
SALESMAN = "sales_team.group_sale_salesman"
SALES_ALL = "sales_team.group_sale_salesman_all_leads"

ROLE_GROUPS = {
    # an employee with Odoo's internal user rights and nothing of ours
    "internal": "base.group_user",
    # CRM salesperson: own documents only (Odoo's own group, none of ours)
    "salesman": f"base.group_user,{SALESMAN}",
    # CRM salesperson who sees all leads (none of ours)
    "sales_all": f"base.group_user,{SALES_ALL}",
    # CRM salesperson who also does callbacks
    "salesman_callback": f"base.group_user,{SALESMAN},{CALLBACK_USER}",
    # callback staff: their own plans and records
    "callback_user": f"base.group_user,{CALLBACK_USER}",
    # callback supervisor: the plans and records of their team (departments)
    "callback_manager": f"base.group_user,{CALLBACK_MANAGER}",
    # a customer on the portal
    "portal": "base.group_portal",
}


class CallbackRoles:
    """What ``make_roles`` creates.

    users: role name -> res.users (one per ROLE_GROUPS entry)
    company: the main company; company2: a second company
    department: the callback team the manager heads (``callback_user`` and
    ``callback_manager`` work there); other_department: a team the manager
    does not head (``other_user`` works there); complaint_department: the
    department that handles escalations (``handler`` works there, a callback
    user as well)
    employees: res.users -> hr.employee of every staff member created
    company2_manager / company2_user: callback manager and staff of company2,
    in ``company2_department``
    """

    def __init__(self, **kw):
        self.__dict__.update(kw)

    def __getitem__(self, role):
        return self.users[role]

    def employee(self, user):
        return self.employees[user]


def new_role_user(env, role, login, company=None, name=None, role_groups=None, **kw):
    """One res.users of ``role`` in ``company`` only. ``role`` is a key of
    ``role_groups`` (default: ROLE_GROUPS; an addon that builds on this one
    passes its extended table)."""
    company = company or env.company
    return new_test_user(
        env,
        login,
        groups=(role_groups or ROLE_GROUPS)[role],
        name=name or login,
        company_id=company.id,
        company_ids=[Command.set(company.ids)],
        **kw,
    )


def make_roles(env, prefix="cb", company=None):
    """Create every role of ROLE_GROUPS (see CallbackRoles for what it holds).

    ``prefix`` keeps the logins unique when two suites create roles in the
    same database; ``company`` defaults to the environment's company.
    """
    company = company or env.company
    users = {
        role: new_role_user(env, role, f"{prefix}_{role}", company=company)
        for role in ROLE_GROUPS
    }
    other_user = new_role_user(
        env, "callback_user", f"{prefix}_other_user", company=company
    )
    handler = new_role_user(env, "callback_user", f"{prefix}_handler", company=company)
    Employee = env["hr.employee"].with_company(company)
    Department = env["hr.department"].with_company(company)
    manager_employee = Employee.create(
        {"name": f"{prefix} manager", "user_id": users["callback_manager"].id}
    )
    department = Department.create(
        {"name": f"{prefix} callback team", "manager_id": manager_employee.id}
    )
    other_department = Department.create({"name": f"{prefix} other team"})
    complaint_department = Department.create({"name": f"{prefix} complaints"})
    manager_employee.department_id = department
    staff = [
        (users["callback_user"], department),
        (users["salesman_callback"], department),
        (users["salesman"], department),
        (users["sales_all"], department),
        (other_user, other_department),
        (handler, complaint_department),
    ]
    employees = Employee.create(
        [
            {"name": user.name, "user_id": user.id, "department_id": dep.id}
            for user, dep in staff
        ]
    )
    by_user = dict(zip([user for user, _dep in staff], employees, strict=True))
    by_user[users["callback_manager"]] = manager_employee

    company2 = env["res.company"].create({"name": f"{prefix} second company"})
    company2_manager = new_role_user(
        env, "callback_manager", f"{prefix}_c2_manager", company=company2
    )
    company2_user = new_role_user(
        env, "callback_user", f"{prefix}_c2_user", company=company2
    )
    Employee2 = env["hr.employee"].with_company(company2)
    company2_manager_employee = Employee2.create(
        {
            "name": f"{prefix} c2 manager",
            "user_id": company2_manager.id,
            "company_id": company2.id,
        }
    )
    company2_department = (
        env["hr.department"]
        .with_company(company2)
        .create(
            {
                "name": f"{prefix} c2 team",
                "company_id": company2.id,
                "manager_id": company2_manager_employee.id,
            }
        )
    )
    company2_manager_employee.department_id = company2_department
    company2_user_employee = Employee2.create(
        {
            "name": f"{prefix} c2 staff",
            "user_id": company2_user.id,
            "company_id": company2.id,
            "department_id": company2_department.id,
        }
    )
    by_user[company2_manager] = company2_manager_employee
    by_user[company2_user] = company2_user_employee
    return CallbackRoles(
        users=users,
        company=company,
        company2=company2,
        department=department,
        other_department=other_department,
        complaint_department=complaint_department,
        other_user=other_user,
        handler=handler,
        employees=by_user,
        company2_manager=company2_manager,
        company2_user=company2_user,
        company2_department=company2_department,
    )


class CallbackRolesMixin:
    """``setUpClass`` helper for a TransactionCase: ``cls.roles``."""

    roles_prefix = "cb"

    @classmethod
    def _setup_roles(cls):
        cls.roles = make_roles(cls.env, prefix=cls.roles_prefix)
        return cls.roles
