"""CB-10: a callback record starts with its questionnaire's questions, only
those are answered, and the return rate counts the unanswered ones."""

from datetime import datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import CallbackCase, CallbackRolesCase


@tagged("post_install", "-at_install")
class TestQuestionnaireLines(CallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.installation = cls.env.ref("customer_callback.questionnaire_installation")
        cls.sale = cls.env.ref("customer_callback.questionnaire_sale")

    def _staff_record(self, plan, **vals):
        values = {
            "plan_id": plan.id,
            "date": datetime(2026, 2, 5, 10),
            "reached": True,
            "questionnaire_id": self.installation.id,
        }
        values.update(vals)
        return self.Record.with_user(self.user_a).create(values)

    def test_cb10_record_starts_with_the_questions(self):
        record = self._staff_record(self._plan())
        self.assertEqual(record.answer_ids.question_id, self.installation.question_ids)
        self.assertFalse(any(record.answer_ids.mapped("score")))
        self.assertFalse(record.returned)

    def test_cb10_form_shows_the_questions(self):
        plan = self._plan()
        form = Form(self.Record.with_user(self.user_a))
        form.plan_id = plan
        form.questionnaire_id = self.sale
        self.assertEqual(len(form.answer_ids), len(self.sale.question_ids))
        with form.answer_ids.edit(0) as line:
            line.score = 4
        record = form.save()
        self.assertEqual(record.answer_ids.question_id, self.sale.question_ids)
        self.assertEqual(record.answer_ids.filtered("score").score, 4)

    def test_cb10_only_the_questionnaires_questions_are_answered(self):
        record = self._staff_record(self._plan())
        stranger = self.sale.question_ids[0]
        with self.assertRaises(ValidationError), self.cr.savepoint():
            record.with_user(self.user_a).write(
                {"answer_ids": [(0, 0, {"question_id": stranger.id, "score": 5})]}
            )
        with self.assertRaises(ValidationError), self.cr.savepoint():
            record.answer_ids[0].with_user(self.user_a).write(
                {"question_id": stranger.id}
            )
        self.assertNotIn(stranger, record.answer_ids.question_id)

    def test_cb10_changing_the_questionnaire_swaps_unanswered_lines(self):
        record = self._staff_record(self._plan())
        record.with_user(self.user_a).write({"questionnaire_id": self.sale.id})
        self.assertEqual(record.answer_ids.question_id, self.sale.question_ids)
        # an answered question of the old questionnaire blocks the change
        record.answer_ids[0].with_user(self.user_a).score = 3
        with self.assertRaises(ValidationError), self.cr.savepoint():
            record.with_user(self.user_a).write(
                {"questionnaire_id": self.installation.id}
            )
        self.assertEqual(record.questionnaire_id, self.sale)

    def test_cb10_cb14_return_rate_counts_unanswered_questions(self):
        """CB-10 CB-14: a record with one of four questions unanswered is not
        a returned questionnaire: one of two returned is 50 %."""
        full = self._staff_record(self._plan())
        for answer in full.answer_ids:
            answer.with_user(self.user_a).score = 4
        partial = self._staff_record(
            self._plan(partner=self.partner_medium, deadline=datetime(2026, 2, 11))
        )
        for answer in partial.answer_ids[:-1]:
            answer.with_user(self.user_a).score = 4
        self.assertTrue(full.returned)
        self.assertFalse(partial.returned)
        self.assertTrue(partial.answered)
        (full | partial).with_user(self.user_a).action_done()
        self.env.flush_all()
        figures = self.env["callback.figure"].with_user(self.user_manager)
        groups = figures._read_group(
            [("employee_id", "=", self.emp_a.id), ("quarter", "=", "2026-Q1")],
            [],
            ["return_rate:avg", "returned_count:sum", "record_count:sum"],
        )
        self.assertEqual(groups, [(50.0, 1, 2)])


@tagged("post_install", "-at_install")
class TestSharedQuestionnaires(CallbackRolesCase):
    """CB-18 X-07: a questionnaire without a company (the shipped ones) is
    shared by every company: only an administrator changes it or its
    questions; a callback manager keeps their company's own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shared = cls.env.ref("customer_callback.questionnaire_sale")
        cls.c2_manager = cls.roles.company2_manager

    def _as(self, user, records):
        return records.with_user(user).with_context(
            allowed_company_ids=user.company_ids.ids
        )

    def test_cb18_no_manager_edits_a_shared_questionnaire(self):
        question = self.shared.question_ids[:1]
        name = question.name
        for manager in (self.manager, self.c2_manager):
            shared = self._as(manager, self.shared)
            self.assertEqual(shared.name, self.shared.name)  # they read it
            for act in (
                lambda s=shared: s.write({"note": "Mine now"}),
                lambda s=shared: s.question_ids[:1].write({"name": "Changed"}),
                lambda s=shared: s.write({"question_ids": [(0, 0, {"name": "New"})]}),
                lambda s=shared: s.question_ids[:1].unlink(),
                lambda s=shared: s.unlink(),
                lambda s=shared: s.update_field_translations("name", {"zh_CN": "改了"}),
            ):
                with self.assertRaises(AccessError):
                    act()
        self.assertEqual(question.name, name)
        self.assertFalse(self.shared.note)

    def test_cb18_a_managers_questionnaire_is_their_companys(self):
        mine = self._as(self.manager, self.env["callback.questionnaire"]).create(
            {"name": "Showroom", "question_ids": [(0, 0, {"name": "Welcome"})]}
        )
        self.assertEqual(mine.company_id, self.company)
        mine.question_ids.write({"name": "Welcomed"})
        with self.assertRaises(AccessError):  # not made shared
            mine.write({"company_id": False})
        with self.assertRaises(AccessError):  # nor handed to another company
            mine.write({"company_id": self.roles.company2.id})
        with self.assertRaises(AccessError):  # nor its question moved into one
            mine.question_ids.write({"questionnaire_id": self.shared.id})
        with self.assertRaises(AccessError):  # a question follows its questionnaire
            mine.question_ids.write({"company_id": False})
        self.assertEqual(mine.question_ids.company_id, self.company)
        self.assertEqual(mine.company_id, self.company)
        self.assertEqual(mine.question_ids.questionnaire_id, mine)

    def test_cb18_a_managers_copy_of_a_shared_questionnaire_is_their_own(self):
        copy = self._as(self.manager, self.shared).copy()
        self.assertEqual(copy.company_id, self.company)
        self.assertEqual(
            copy.question_ids.mapped("name"), self.shared.question_ids.mapped("name")
        )
        copy.question_ids[:1].write({"name": "Adapted"})
        self.assertNotEqual(self.shared.question_ids[:1].name, "Adapted")

    def test_cb18_an_administrator_changes_shared_questionnaires(self):
        admin = self.env["res.users"].create(
            {
                "name": "CB-18 admin",
                "login": "cb18_questionnaire_admin",
                "groups_id": [
                    (4, self.env.ref("base.group_system").id),
                    (
                        4,
                        self.env.ref(
                            "customer_callback.group_customer_callback_manager"
                        ).id,
                    ),
                ],
            }
        )
        self._as(admin, self.shared).write({"note": "For every company"})
        self.assertEqual(self.shared.note, "For every company")
        self.assertFalse(self._as(admin, self.shared).copy().company_id)
