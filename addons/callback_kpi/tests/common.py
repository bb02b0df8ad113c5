import datetime

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user


class CallbackKpiCase(TransactionCase):
    """Shared setup: a team (department) with a callback manager, two scored
    employees, an employee of another team, an HR approver; callback data is
    created directly on callback.plan / callback.record."""

    YEAR = 2025
    QUARTER = "1"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.company
        cls.company.callback_budget_per_quarter = 1000.0
        cb_user = "customer_callback.group_customer_callback_user"
        cls.user_hr = new_test_user(
            cls.env,
            "kpi_hr",
            groups="base.group_user,callback_kpi.group_callback_kpi_hr",
            name="HR Approver",
        )
        cls.user_manager = new_test_user(
            cls.env,
            "kpi_manager",
            groups=f"base.group_user,{cb_user},callback_kpi.group_callback_kpi_manager",
            name="Callback Manager",
        )
        cls.user_emp1 = new_test_user(
            cls.env,
            "kpi_emp1",
            groups=f"base.group_user,{cb_user},callback_kpi.group_callback_kpi_employee",
            name="Staff One",
        )
        cls.user_emp2 = new_test_user(
            cls.env,
            "kpi_emp2",
            groups=f"base.group_user,{cb_user},callback_kpi.group_callback_kpi_employee",
            name="Staff Two",
        )
        cls.user_other = new_test_user(
            cls.env,
            "kpi_other",
            groups=f"base.group_user,{cb_user},callback_kpi.group_callback_kpi_employee",
            name="Other Team",
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

    def _line(self, card, code):
        return card.line_ids.filtered(lambda line: line.criterion_id.code == code)
