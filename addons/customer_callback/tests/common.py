from datetime import datetime, timedelta

from odoo.tests import TransactionCase, new_test_user


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
        user_group = "customer_callback.group_customer_callback_user"
        manager_group = "customer_callback.group_customer_callback_manager"
        cls.user_manager = new_test_user(
            cls.env,
            "cb_manager",
            groups=f"base.group_user,{manager_group}",
            name="Manager A",
        )
        cls.user_a = new_test_user(
            cls.env, "cb_user_a", groups=f"base.group_user,{user_group}", name="Staff A"
        )
        cls.user_b = new_test_user(
            cls.env, "cb_user_b", groups=f"base.group_user,{user_group}", name="Staff B"
        )
        cls.user_plain = new_test_user(
            cls.env, "cb_plain", groups="base.group_user", name="Plain Employee"
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
