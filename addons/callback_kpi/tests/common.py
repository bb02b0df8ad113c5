import datetime

from odoo.fields import Command
from odoo.tests import TransactionCase

from .roles import new_role_user


class CallbackKpiCase(TransactionCase):
    """Shared setup: a team (department) with a callback manager, two scored
    employees, an employee of another team, an HR approver, a plain internal
    user, a callback user who is not scored and a portal user (the roles of
    ``tests/roles.py``); callback data is created directly on callback.plan /
    callback.record."""

    YEAR = 2025
    QUARTER = "1"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.company
        cls.company.callback_budget_per_quarter = 1000.0
        # the real roles (tests/roles.py), no superuser in the acts
        cls.user_hr = new_role_user(
            cls.env, "hr_approver", "kpi_hr", name="HR Approver"
        )
        cls.user_manager = new_role_user(
            cls.env, "kpi_manager", "kpi_manager", name="Callback Manager"
        )
        cls.user_emp1 = new_role_user(
            cls.env, "scored_employee", "kpi_emp1", name="Staff One"
        )
        cls.user_emp2 = new_role_user(
            cls.env, "scored_employee", "kpi_emp2", name="Staff Two"
        )
        cls.user_other = new_role_user(
            cls.env, "scored_employee", "kpi_other", name="Other Team"
        )
        cls.user_internal = new_role_user(
            cls.env, "internal", "kpi_internal", name="Plain Internal"
        )
        cls.user_callback = new_role_user(
            cls.env, "callback_user", "kpi_callback", name="Callback Staff"
        )
        cls.user_portal = new_role_user(
            cls.env, "portal", "kpi_portal", name="Portal Customer"
        )
        Department = cls.env["hr.department"]
        cls.team = Department.create({"name": "Callback team"})
        cls.other_team = Department.create({"name": "Other team"})
        Employee = cls.env["hr.employee"]
        cls.emp_hr = Employee.create({"name": "HR Approver", "user_id": cls.user_hr.id})
        cls.emp_manager = Employee.create(
            {
                "name": "Callback Manager",
                "user_id": cls.user_manager.id,
                "department_id": cls.team.id,
            }
        )
        cls.team.manager_id = cls.emp_manager
        cls.emp1 = Employee.create(
            {
                "name": "Staff One",
                "user_id": cls.user_emp1.id,
                "department_id": cls.team.id,
                "parent_id": cls.emp_manager.id,
            }
        )
        cls.emp2 = Employee.create(
            {
                "name": "Staff Two",
                "user_id": cls.user_emp2.id,
                "department_id": cls.team.id,
                "parent_id": cls.emp_manager.id,
            }
        )
        cls.emp_other = Employee.create(
            {
                "name": "Other Team",
                "user_id": cls.user_other.id,
                "department_id": cls.other_team.id,
            }
        )
        cls.partner = cls.env["res.partner"].create({"name": "Customer"})

    # ------------------------------------------------------------------
    @classmethod
    def _dt(cls, month, day, hour=10):
        return datetime.datetime(cls.YEAR, month, day, hour, 0)

    @classmethod
    def _plan(cls, employee, deadline, state="planned", done=None, **extra):
        partner = extra.pop("partner", None) or cls.env["res.partner"].create(
            {"name": f"Customer of {employee.name}"}
        )
        vals = {
            "partner_id": partner.id,
            "employee_id": employee.id,
            "callback_type": "special",
            "exempt_quota": True,
            "date_start": deadline - datetime.timedelta(days=3),
            "date_deadline": deadline,
            "company_id": cls.company.id,
        }
        vals.update(extra)
        plan = cls.env["callback.plan"].create(vals)
        if state != "planned":
            plan.write({"state": state, "date_done": done})
        return plan

    @classmethod
    def _record(
        cls,
        employee,
        date,
        plan=None,
        reached=True,
        answered=False,
        cost=0.0,
        report_late=False,
        satisfaction=80.0,
        company=None,
    ):
        vals = {
            "employee_id": employee.id,
            "partner_id": (plan.partner_id if plan else cls.partner).id,
            "plan_id": plan.id if plan else False,
            "date": date,
            "date_report": date + datetime.timedelta(days=3 if report_late else 0),
            "reached": reached,
            "cost": cost,
            "company_id": (company or cls.company).id,
        }
        vals.update(cls._answer_vals(answered, satisfaction))
        record = cls.env["callback.record"].create(vals)
        record.write({"state": "done"})
        return record

    @classmethod
    def _answer_vals(cls, answered, satisfaction):
        """The contract: ``answered`` / ``satisfaction`` follow from the
        answers when the model computes them."""
        Record = cls.env["callback.record"]
        if "answer_ids" not in Record._fields:
            return {
                "answered": answered,
                "satisfaction": satisfaction if answered else 0,
            }
        if not answered:
            return {}
        question = cls._question()
        return {
            "questionnaire_id": question.questionnaire_id.id,
            "answer_ids": [
                Command.create(
                    {"question_id": question.id, "score": round(satisfaction / 20)}
                )
            ],
        }

    @classmethod
    def _question(cls):
        if not hasattr(cls, "_kpi_question"):
            questionnaire = cls.env["callback.questionnaire"].create(
                {
                    "name": "KPI test questionnaire",
                    "question_ids": [Command.create({"name": "How satisfied?"})],
                }
            )
            cls._kpi_question = questionnaire.question_ids[:1]
        return cls._kpi_question

    @classmethod
    def _batch(cls, quarter=None, period_type="quarter", year=None):
        return cls.env["kpi.scorecard"]._batch_compute(
            cls.company,
            period_type,
            year or cls.YEAR,
            (quarter or cls.QUARTER) if period_type == "quarter" else None,
        )

    @classmethod
    def _hand_in_reports(cls, employees, quarters=("1",), years=None, annual=False):
        """KPI-14: the analysis reports of ``employees``, handed in on their due
        date, for the quarters (and the year if ``annual``) of ``years``: a
        report never handed in deducts like a late one."""
        periods = [
            {"period_type": "quarter", "year": year, "quarter": quarter}
            for year in years or (cls.YEAR,)
            for quarter in quarters
        ]
        if annual:
            periods += [
                {"period_type": "year", "year": y} for y in years or (cls.YEAR,)
            ]
        reports = cls.env["kpi.report"].create(
            [
                {
                    "name": f"Report {employee.name}",
                    "employee_id": employee.id,
                    **period,
                }
                for employee in employees
                for period in periods
            ]
        )
        for report in reports:
            # the past hand-in (the action stamps today), as the system
            report.write({"state": "submitted", "date_submitted": report.date_due})
        return reports

    def _line(self, card, code):
        return card.line_ids.filtered(lambda line: line.criterion_id.code == code)
