from datetime import datetime, timedelta

from odoo.tests import TransactionCase

from .roles import CallbackRolesMixin, new_role_user


class CallbackCase(TransactionCase):
    """Shared setup: two teams under a customer-service department, staff with
    explicit groups, customers in each tier."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.company
        cls.company.write(
            {
                "callback_quarter_cap": 2,
                "callback_budget_per_quarter": 1000.0,
                "callback_weight_sale": 0.3,
                "callback_weight_service": 0.7,
            }
        )
        # the roles come from tests/roles.py (declared once, issue 7)
        cls.user_manager = new_role_user(
            cls.env, "callback_manager", "cb_manager", name="Manager A"
        )
        cls.user_a = new_role_user(
            cls.env, "callback_user", "cb_user_a", name="Staff A"
        )
        cls.user_b = new_role_user(
            cls.env, "callback_user", "cb_user_b", name="Staff B"
        )
        cls.user_plain = new_role_user(
            cls.env, "internal", "cb_plain", name="Plain Employee"
        )
        Employee = cls.env["hr.employee"]
        cls.emp_manager = Employee.create(
            {"name": "Manager A", "user_id": cls.user_manager.id}
        )
        Department = cls.env["hr.department"]
        cls.dep_cs = Department.create({"name": "Customer Service"})
        cls.dep_a = Department.create(
            {
                "name": "Team A",
                "parent_id": cls.dep_cs.id,
                "manager_id": cls.emp_manager.id,
            }
        )
        cls.dep_b = Department.create({"name": "Team B", "parent_id": cls.dep_cs.id})
        cls.dep_quality = Department.create({"name": "Quality"})
        cls.emp_manager.department_id = cls.dep_a
        cls.emp_a = Employee.create(
            {"name": "Staff A", "user_id": cls.user_a.id, "department_id": cls.dep_a.id}
        )
        cls.emp_b = Employee.create(
            {"name": "Staff B", "user_id": cls.user_b.id, "department_id": cls.dep_b.id}
        )
        cls.emp_cs_head = Employee.create({"name": "Head of Customer Service"})
        cls.dep_cs.manager_id = cls.emp_cs_head
        cls.company.callback_department_id = cls.dep_cs
        Partner = cls.env["res.partner"]
        cls.partner_high = Partner.create(
            {
                "name": "High Co",
                "callback_tier": "high",
                "callback_employee_id": cls.emp_a.id,
            }
        )
        cls.partner_medium = Partner.create(
            {
                "name": "Medium Co",
                "callback_tier": "medium",
                "callback_employee_id": cls.emp_a.id,
            }
        )
        cls.partner_low = Partner.create(
            {"name": "Low Co", "callback_employee_id": cls.emp_b.id}
        )
        cls.Plan = cls.env["callback.plan"]
        cls.Record = cls.env["callback.record"]

    @classmethod
    def _plan(cls, partner=None, employee=None, deadline=None, **vals):
        deadline = deadline or datetime(2026, 2, 10, 12)
        values = {
            "partner_id": (partner or cls.partner_high).id,
            "employee_id": (employee or cls.emp_a).id,
            "date_deadline": deadline,
            "date_start": deadline - timedelta(days=5),
        }
        values.update(vals)
        return cls.env["callback.plan"].create(values)

    @classmethod
    def _record(cls, plan, scores=(), **vals):
        questions = cls.env.ref(
            "customer_callback.questionnaire_installation"
        ).question_ids
        values = {
            "plan_id": plan.id,
            "date": datetime(2026, 2, 5, 10),
            "reached": True,
            "contact_name": "Mr. Wang",
            "questionnaire_id": questions.questionnaire_id.id,
            "answer_ids": [
                (0, 0, {"question_id": question.id, "score": score})
                for question, score in zip(questions, scores, strict=False)
            ],
        }
        values.update(vals)
        return cls.env["callback.record"].create(values)


class CallbackRolesCase(CallbackRolesMixin, TransactionCase):
    """Shared setup with every role of tests/roles.py: a callback team headed
    by ``manager``, its ``staff``, a colleague in another team
    (``other_staff``), the complaints department's ``handler``, CRM
    salespeople, a portal user and a second company. Customers: ``customer``
    (called by ``staff``) and ``other_customer`` (by ``other_staff``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        roles = cls._setup_roles()
        cls.company = roles.company
        cls.company.write(
            {
                "callback_quarter_cap": 2,
                "callback_department_id": roles.complaint_department.id,
            }
        )
        cls.manager = roles["callback_manager"]
        cls.staff = roles["callback_user"]
        cls.other_staff = roles.other_user
        cls.handler = roles.handler
        cls.salesman = roles["salesman"]
        cls.internal = roles["internal"]
        cls.portal = roles["portal"]
        cls.emp_staff = roles.employee(cls.staff)
        cls.emp_manager = roles.employee(cls.manager)
        cls.emp_other = roles.employee(cls.other_staff)
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {"name": "Roles Customer", "callback_employee_id": cls.emp_staff.id}
        )
        cls.other_customer = Partner.create(
            {"name": "Other Customer", "callback_employee_id": cls.emp_other.id}
        )
        cls.Plan = cls.env["callback.plan"]
        cls.Record = cls.env["callback.record"]
        cls.Escalation = cls.env["callback.escalation"]
        cls.questions = cls.env.ref(
            "customer_callback.questionnaire_installation"
        ).question_ids

    @classmethod
    def _plan(cls, employee=None, partner=None, deadline=None, **vals):
        deadline = deadline or datetime(2026, 2, 10, 12)
        values = {
            "partner_id": (partner or cls.customer).id,
            "employee_id": (employee or cls.emp_staff).id,
            "date_deadline": deadline,
            "date_start": deadline - timedelta(days=5),
        }
        values.update(vals)
        return cls.env["callback.plan"].create(values)

    @classmethod
    def _record(cls, plan, scores=(), **vals):
        values = {
            "plan_id": plan.id,
            "date": datetime(2026, 2, 5, 10),
            "reached": True,
            "questionnaire_id": cls.questions.questionnaire_id.id,
            "answer_ids": [
                (0, 0, {"question_id": question.id, "score": score})
                for question, score in zip(cls.questions, scores, strict=False)
            ],
        }
        values.update(vals)
        return cls.env["callback.record"].create(values)
