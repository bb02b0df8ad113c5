from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CallbackKpiCase
from .roles import new_role_user

# X-02 / X-07 / KPI-11: who may do what, checked against the server both ways
# (what is allowed succeeds, what is not raises AccessError). The same table is
# in readme/CONFIGURE.md.
#
# Scopes: own = the acting user's own record (their card, its lines and
# findings, their report); team = a colleague of the manager's team (Staff
# Two); other = a staff member of another team of the same company; company2
# = a record of a second company. Criteria: shared (every company) and
# company2; wizards: the user's own. Letters: r read, w write, c create,
# u unlink; "" nothing; a missing scope is not applicable.
SCOPES = ("own", "team", "other", "company2")
NOTHING = dict.fromkeys(SCOPES, "")
# a portal user is no employee: nothing of their own
PORTAL = dict.fromkeys(SCOPES[1:], "")
MATRIX = {
    "kpi.scorecard": {
        "internal": NOTHING,
        "portal": PORTAL,
        "callback_user": NOTHING,
        "callback_manager": NOTHING,
        "salesman": NOTHING,
        "scored_employee": {"own": "r", "team": "", "other": "", "company2": ""},
        "kpi_manager": {"own": "r", "team": "rwc", "other": "", "company2": ""},
        "hr_approver": {"own": "r", "team": "rwcu", "other": "rwcu", "company2": ""},
    },
    "kpi.scorecard.line": {
        "internal": NOTHING,
        "portal": PORTAL,
        "callback_user": NOTHING,
        "callback_manager": NOTHING,
        "salesman": NOTHING,
        "scored_employee": {"own": "r", "team": "", "other": "", "company2": ""},
        "kpi_manager": {"own": "r", "team": "rwcu", "other": "", "company2": ""},
        "hr_approver": {"own": "r", "team": "rwcu", "other": "rwcu", "company2": ""},
    },
    "kpi.finding": {
        "internal": NOTHING,
        "portal": PORTAL,
        "callback_user": NOTHING,
        "callback_manager": NOTHING,
        "salesman": NOTHING,
        "scored_employee": {"own": "r", "team": "", "other": "", "company2": ""},
        "kpi_manager": {"own": "r", "team": "rwcu", "other": "", "company2": ""},
        "hr_approver": {"own": "r", "team": "rwcu", "other": "rwcu", "company2": ""},
    },
    "kpi.report": {
        "internal": NOTHING,
        "portal": PORTAL,
        "callback_user": NOTHING,
        "callback_manager": NOTHING,
        "salesman": NOTHING,
        "scored_employee": {"own": "r", "team": "", "other": "", "company2": ""},
        "kpi_manager": {"own": "r", "team": "rwcu", "other": "", "company2": ""},
        "hr_approver": {"own": "r", "team": "rwcu", "other": "rwcu", "company2": ""},
    },
    "kpi.criterion": {
        "internal": {"shared": "", "company2": ""},
        "portal": {"shared": "", "company2": ""},
        "callback_user": {"shared": "", "company2": ""},
        "callback_manager": {"shared": "", "company2": ""},
        "salesman": {"shared": "", "company2": ""},
        "scored_employee": {"shared": "r", "company2": ""},
        "kpi_manager": {"shared": "r", "company2": ""},
        "hr_approver": {"shared": "rwcu", "company2": ""},
    },
    "kpi.scorecard.batch": {
        "internal": {"own": ""},
        "portal": {"own": ""},
        "callback_user": {"own": ""},
        "callback_manager": {"own": ""},
        "salesman": {"own": ""},
        "scored_employee": {"own": ""},
        "kpi_manager": {"own": "rwcu"},
        "hr_approver": {"own": "rwcu"},
    },
    "kpi.sheet.export": {
        "internal": {"own": ""},
        "portal": {"own": ""},
        "callback_user": {"own": ""},
        "callback_manager": {"own": ""},
        "salesman": {"own": ""},
        "scored_employee": {"own": ""},
        "kpi_manager": {"own": "rwcu"},
        "hr_approver": {"own": "rwcu"},
    },
    "kpi.scorecard.return": {
        "internal": {"own": ""},
        "portal": {"own": ""},
        "callback_user": {"own": ""},
        "callback_manager": {"own": ""},
        "salesman": {"own": ""},
        "scored_employee": {"own": ""},
        "kpi_manager": {"own": ""},
        "hr_approver": {"own": "rwcu"},
    },
    "kpi.self.assessment": {
        "internal": {"own": ""},
        "portal": {"own": ""},
        "callback_user": {"own": ""},
        "callback_manager": {"own": ""},
        "salesman": {"own": ""},
        "scored_employee": {"own": "rwcu"},
        "kpi_manager": {"own": "rwcu"},
        "hr_approver": {"own": "rwcu"},
    },
}
OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}
# the number of role x model x scope x operation cells the table holds
MATRIX_CELLS = sum(
    len(OPERATIONS) * len(scopes)
    for by_role in MATRIX.values()
    for scopes in by_role.values()
)


class _Undo(Exception):
    """Raised to roll an allowed operation back, so that cells stay apart."""


@tagged("post_install", "-at_install")
class TestAccessMatrix(CallbackKpiCase):
    """X-02 / X-07 / KPI-11: the access matrix, role by role, as the real
    users (with_user), on own / team / other-team / other-company records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company2 = cls.env["res.company"].create({"name": "KPI second company"})
        cls.user_c2_hr = new_role_user(
            cls.env, "hr_approver", "kpi_c2_hr", company=cls.company2
        )
        cls.emp_c2 = cls.env["hr.employee"].create(
            {"name": "Abroad", "company_id": cls.company2.id}
        )
        cls.emp_internal = cls.env["hr.employee"].create(
            {
                "name": "Plain Internal",
                "user_id": cls.user_internal.id,
                "department_id": cls.other_team.id,
            }
        )
        cls.emp_callback = cls.env["hr.employee"].create(
            {
                "name": "Callback Staff",
                "user_id": cls.user_callback.id,
                "department_id": cls.other_team.id,
            }
        )
        cls.user_cb_manager = new_role_user(
            cls.env, "callback_manager", "kpi_cb_manager", name="Callback Supervisor"
        )
        cls.user_salesman = new_role_user(
            cls.env, "salesman", "kpi_salesman", name="Salesman"
        )
        cls.emp_cb_manager, cls.emp_salesman = cls.env["hr.employee"].create(
            [
                {
                    "name": "Callback Supervisor",
                    "user_id": cls.user_cb_manager.id,
                    "department_id": cls.other_team.id,
                },
                {
                    "name": "Salesman",
                    "user_id": cls.user_salesman.id,
                    "department_id": cls.team.id,
                },
            ]
        )
        cls.role_users = {
            "internal": cls.user_internal,
            "portal": cls.user_portal,
            "callback_user": cls.user_callback,
            "callback_manager": cls.user_cb_manager,
            "salesman": cls.user_salesman,
            "scored_employee": cls.user_emp1,
            "kpi_manager": cls.user_manager,
            "hr_approver": cls.user_hr,
        }
        cls.cards = cls._batch()
        Card = cls.env["kpi.scorecard"]
        cls.card_c2 = Card.create(
            {
                "employee_id": cls.emp_c2.id,
                "company_id": cls.company2.id,
                "year": cls.YEAR,
                "quarter": cls.QUARTER,
            }
        )
        by_employee = {card.employee_id: card for card in cls.cards | cls.card_c2}
        cls.scope_employees = {
            "team": cls.emp2,
            "other": cls.emp_other,
            "company2": cls.emp_c2,
        }
        cls.own_employees = {
            "internal": cls.emp_internal,
            "callback_user": cls.emp_callback,
            "callback_manager": cls.emp_cb_manager,
            "salesman": cls.emp_salesman,
            "scored_employee": cls.emp1,
            "kpi_manager": cls.emp_manager,
            "hr_approver": cls.emp_hr,
        }
        for employee in (
            cls.emp_internal,
            cls.emp_callback,
            cls.emp_cb_manager,
            cls.emp_salesman,
            cls.emp_hr,
        ):
            if employee not in by_employee:
                by_employee[employee] = Card.create(
                    {
                        "employee_id": employee.id,
                        "year": cls.YEAR,
                        "quarter": cls.QUARTER,
                    }
                )
        cls.card_of = by_employee
        Finding = cls.env["kpi.finding"]
        Report = cls.env["kpi.report"]
        cls.finding_of = {}
        cls.report_of = {}
        for employee, card in by_employee.items():
            cls.finding_of[employee] = Finding.create(
                {
                    "scorecard_id": card.id,
                    "line_id": cls._line(cls, card, "PROC").id,
                    "note": f"Finding of {employee.name}",
                }
            )
            cls.report_of[employee] = Report.create(
                {
                    "name": f"Report of {employee.name}",
                    "employee_id": employee.id,
                    "company_id": card.company_id.id,
                    "year": cls.YEAR,
                    "quarter": cls.QUARTER,
                }
            )
        Criterion = cls.env["kpi.criterion"]
        cls.criterion_shared = Criterion.create(
            {"code": "SPARE", "name": "Spare", "max_points": 5, "active": False}
        )
        cls.criterion_c2 = Criterion.create(
            {
                "code": "C2",
                "name": "Company 2",
                "max_points": 5,
                "active": False,
                "company_id": cls.company2.id,
            }
        )

    # ------------------------------------------------------------------
    def _employee(self, role, scope):
        if scope == "own":
            return self.own_employees[role]
        return self.scope_employees[scope]

    def _cell(self, model, role, scope, operation):
        """The callable doing ``operation`` as ``role`` on the ``scope``
        record of ``model``."""
        user = self.role_users[role]
        env = self.env(user=user)
        if model == "kpi.criterion":
            record = self.criterion_shared if scope == "shared" else self.criterion_c2
            vals = {
                "code": f"NEW{scope}",
                "name": "New",
                "max_points": 1,
                "active": False,
                "company_id": record.company_id.id,
            }
            return self._operation(env, record, operation, {"description": "x"}, vals)
        wizards = {
            "kpi.scorecard.batch": {"year": self.YEAR, "quarter": "2"},
            "kpi.sheet.export": {"year": self.YEAR, "quarter": "2"},
            "kpi.scorecard.return": {"reason": "Check the findings"},
            "kpi.self.assessment": {
                "score": 80,
                "scorecard_id": self.card_of[self.emp1].id,
            },
        }
        if model in wizards:
            vals = wizards[model]
            # sudo: the user's own wizard (create_uid), whatever their rights
            record = env[model].sudo().create(vals).sudo(False)
            return self._operation(env, record, operation, vals, vals)
        employee = self._employee(role, scope)
        card = self.card_of[employee]
        company = card.company_id.id
        if model == "kpi.scorecard":
            vals = {
                "employee_id": employee.id,
                "company_id": company,
                "year": self.YEAR,
                "quarter": "3",
            }
            return self._operation(env, card, operation, {"supervisor_score": 50}, vals)
        if model == "kpi.scorecard.line":
            line = self._line(card, "TIME")
            vals = {
                "scorecard_id": card.id,
                "criterion_id": line.criterion_id.id,
                "max_points": 0,
            }
            return self._operation(env, line, operation, {"sequence": 3}, vals)
        if model == "kpi.finding":
            vals = {
                "scorecard_id": card.id,
                "line_id": self._line(card, "PROC").id,
                "note": "spot check",
            }
            finding = self.finding_of[employee]
            return self._operation(env, finding, operation, {"note": "edited"}, vals)
        if model == "kpi.report":
            vals = {
                "name": "New report",
                "employee_id": employee.id,
                "company_id": company,
                "year": self.YEAR,
                "quarter": "2",
            }
            report = self.report_of[employee]
            return self._operation(env, report, operation, {"adopted_count": 1}, vals)
        raise AssertionError(model)

    def _operation(self, env, record, operation, write_vals, create_vals):
        record = record.with_env(env)
        first = next(iter(write_vals))
        return {
            "read": lambda: record.read([first]),
            "write": lambda: record.write(write_vals),
            "create": lambda: env[record._name].create(create_vals),
            "unlink": lambda: record.unlink(),
        }[operation]

    def _allowed(self, act):
        """True if ``act`` succeeds (rolled back), False on AccessError."""
        try:
            with self.env.cr.savepoint():
                act()
                self.env.flush_all()
                raise _Undo
        except _Undo:
            return True
        except AccessError:
            return False
        finally:
            self.env.invalidate_all(flush=False)

    @mute_logger("odoo.models", "odoo.models.unlink", "odoo.addons.base.models.ir_rule")
    def test_x07_access_matrix(self):
        """Every cell of MATRIX against the server: allowed cells succeed,
        the others raise AccessError (X-02, X-07, KPI-11)."""
        checked = 0
        mismatches = []
        for model, by_role in MATRIX.items():
            for role, scopes in by_role.items():
                for scope, allowed in scopes.items():
                    for letter, operation in OPERATIONS.items():
                        act = self._cell(model, role, scope, operation)
                        checked += 1
                        expected = letter in allowed
                        if self._allowed(act) != expected:
                            mismatches.append(
                                f"{role} {operation} {model} ({scope}): "
                                f"expected {'allowed' if expected else 'refused'}"
                            )
        self.assertFalse(mismatches, "\n".join(mismatches))
        self.assertEqual(checked, MATRIX_CELLS)

    def test_x02_table_in_configure_readme(self):
        """The administrator's copy of the table (readme/CONFIGURE.md) says
        what MATRIX says."""
        from odoo.modules.module import get_module_path

        path = f"{get_module_path('callback_kpi')}/readme/CONFIGURE.md"
        with open(path, encoding="utf-8") as readme:
            text = readme.read()
        for model, by_role in MATRIX.items():
            columns = max(by_role.values(), key=len)
            for role, scopes in by_role.items():
                row = " | ".join(
                    (scopes[scope] or "-") if scope in scopes else "n/a"
                    for scope in columns
                )
                self.assertIn(f"| {model} | {role} | {row} |", text)
