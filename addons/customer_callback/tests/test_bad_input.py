"""X-03: bad input gets a translated error and changes nothing; X-02:
multi-company isolation of every company-bound model; XLSX text stays text."""

import base64
import io
from datetime import datetime

import openpyxl

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CallbackRolesCase

FORMULA = '=HYPERLINK("http://x","y")'


@tagged("post_install", "-at_install")
class TestBadInput(CallbackRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")

    def _refused(self, model, vals, text=None):
        Model = self.env[model].with_user(self.manager).with_context(lang="zh_CN")
        count = self.env[model].search_count([])
        with self.assertRaises(ValidationError) as err:
            Model.create(vals)
        self.assertEqual(self.env[model].search_count([]), count)
        if text:
            self.assertIn(text, str(err.exception))

    def test_x03_cb05_sampling_ratio_zero_or_over_100(self):
        for ratio in (0, -5, 100.5, 150):
            self._refused(
                "callback.planning.wizard",
                {"year": 2026, "quarter": "2", "sample_ratio": ratio},
                "抽样比例",
            )
        self.assertFalse(self.env["callback.sampling"].search([]))

    def test_x03_cb04_out_of_range_year_in_planning(self):
        for year in (0, 1, 10000, 99999):
            self._refused(
                "callback.planning.wizard",
                {"year": year, "quarter": "1", "sample_ratio": 10},
                "年份",
            )

    def test_x03_cb15_cb14_out_of_range_quarter_in_ranking_and_export(self):
        for quarter in ("0-Q1", "10000-Q1", "2026-Q5", "Q1 2026", "abc"):
            self._refused("callback.ranking.wizard", {"quarter": quarter})
            self._refused("callback.export.wizard", {"quarter": quarter})

    def test_x03_cb02_window_end_before_start(self):
        Trigger = self.env["callback.trigger.type"].with_user(self.manager)
        # the manager's company's trigger type (CB-18: a shared one is the
        # administrator's)
        trigger = self.env.ref("customer_callback.trigger_sale").copy(
            {"company_id": self.company.id}
        )
        before = trigger.read(["window_start", "window_end"])
        with self.assertRaises(ValidationError):
            trigger.with_user(self.manager).write({"window_start": 5, "window_end": 2})
        self.env.invalidate_all()
        self.assertEqual(trigger.read(["window_start", "window_end"]), before)
        with self.assertRaises(ValidationError):
            Trigger.create(
                {"name": "Bad", "code": "bad", "window_start": 3, "window_end": 1}
            )
        self.assertFalse(Trigger.search([("code", "=", "bad")]))

    def test_x03_cb09_cb10_negative_cost_and_scores_out_of_range(self):
        plan = self._plan()
        record = self._record(plan, scores=(4,))
        as_staff = record.with_user(self.staff)
        with self.assertRaises(ValidationError):
            as_staff.write({"cost": -10})
        with self.assertRaises(ValidationError):
            as_staff.answer_ids.write({"score": 7})  # satisfaction over 100
        with self.assertRaises(ValidationError):
            as_staff.answer_ids.write({"score": -1})  # below 0
        self.env.invalidate_all()
        self.assertEqual((record.cost, record.satisfaction), (0, 80.0))

    def test_x03_plan_deadline_before_window_start(self):
        count = self.Plan.search_count([])
        with self.assertRaises(ValidationError):
            self.Plan.with_user(self.staff).create(
                {
                    "partner_id": self.customer.id,
                    "employee_id": self.emp_staff.id,
                    "date_start": datetime(2026, 5, 10),
                    "date_deadline": datetime(2026, 5, 1),
                }
            )
        self.assertEqual(self.Plan.search_count([]), count)


@tagged("post_install", "-at_install")
class TestXlsxText(CallbackRolesCase):
    def test_cb14_user_text_is_never_a_formula(self):
        # a staff member and a team named like a formula
        self.emp_staff.name = FORMULA
        self.roles.department.name = FORMULA
        plan = self._plan(deadline=datetime(2026, 5, 10))
        self._record(plan, scores=(4,), date=datetime(2026, 5, 5)).with_user(
            self.staff
        ).action_done()
        wizard = (
            self.env["callback.export.wizard"]
            .with_user(self.manager)
            .create({"quarter": "2026-Q2"})
        )
        wizard.action_export()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        for sheet in book.worksheets:
            cells = [row[0] for row in sheet.iter_rows(min_row=2)]
            formula_cells = [cell for cell in cells if FORMULA in str(cell.value)]
            self.assertTrue(formula_cells, sheet.title)
            for cell in formula_cells:
                self.assertEqual(cell.data_type, "s")  # a string, not "f"
                self.assertTrue(cell.value.endswith(FORMULA))


@tagged("post_install", "-at_install")
class TestMultiCompany(CallbackRolesCase):
    """X-02: every company-bound model is isolated between two companies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        roles = cls.roles
        c2 = roles.company2
        cls.c2_manager = roles.company2_manager
        env2 = cls.env(context=dict(cls.env.context, allowed_company_ids=c2.ids))
        cls.c2_questionnaire = env2["callback.questionnaire"].create(
            {
                "name": "C2 questionnaire",
                "company_id": c2.id,
                "question_ids": [(0, 0, {"name": "C2 question"})],
            }
        )
        cls.c2_trigger = env2["callback.trigger.type"].create(
            {
                "name": "C2 trigger",
                "code": "c2",
                "company_id": c2.id,
                "questionnaire_id": cls.c2_questionnaire.id,
            }
        )
        c2_customer = env2["res.partner"].create({"name": "C2 customer"})
        cls.c2_plan = env2["callback.plan"].create(
            {
                "partner_id": c2_customer.id,
                "employee_id": roles.employee(roles.company2_user).id,
                "company_id": c2.id,
                "trigger_type_id": cls.c2_trigger.id,
                "date_deadline": datetime(2026, 2, 1),
            }
        )
        cls.c2_record = env2["callback.record"].create(
            {
                "plan_id": cls.c2_plan.id,
                "company_id": c2.id,
                "questionnaire_id": cls.c2_questionnaire.id,
                "date": datetime(2026, 1, 20),
                "answer_ids": [
                    (
                        0,
                        0,
                        {
                            "question_id": cls.c2_questionnaire.question_ids.id,
                            "score": 1,
                        },
                    )
                ],
            }
        )
        cls.c2_record.with_user(roles.company2_user).with_context(
            allowed_company_ids=c2.ids
        ).action_done()
        cls.c2_records = {
            "callback.trigger.type": cls.c2_trigger,
            "callback.questionnaire": cls.c2_questionnaire,
            "callback.question": cls.c2_questionnaire.question_ids,
            "callback.plan": cls.c2_plan,
            "callback.record": cls.c2_record,
            "callback.answer": cls.c2_record.answer_ids,
            "callback.escalation": cls.c2_record.escalation_ids,
        }

    def test_x02_models_of_company2_invisible_to_company1_manager(self):
        for model, record in self.c2_records.items():
            self.assertTrue(record, model)
            Model = self.env[model].with_user(self.manager)
            self.assertFalse(Model.search([("id", "in", record.ids)]), f"{model} leaks")
            with self.assertRaises(AccessError, msg=model):
                record.with_user(self.manager).read(["display_name"])

    def test_x02_company2_manager_sees_their_company(self):
        env2 = {"allowed_company_ids": self.roles.company2.ids}
        for model in (
            "callback.trigger.type",
            "callback.questionnaire",
            "callback.plan",
        ):
            record = self.c2_records[model]
            found = (
                self.env[model]
                .with_user(self.c2_manager)
                .with_context(**env2)
                .search([("id", "in", record.ids)])
            )
            self.assertEqual(found, record, model)

    def test_x02_shared_configuration_visible_to_both(self):
        shared = self.env.ref("customer_callback.trigger_sale")
        self.assertFalse(shared.company_id)
        for user in (self.manager, self.c2_manager):
            self.assertTrue(shared.with_user(user).read(["name"]))
