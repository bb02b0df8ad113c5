"""CB-08 CB-16: the online-survey invitation also goes by SMS, through Odoo's
SMS, at the customer's preferred contact time and in their language."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.customer_callback_survey.tests.common import SurveyCallbackCase

MOBILE = "+86 138 0013 8000"


@tagged("post_install", "-at_install")
class TestSurveySms(SurveyCallbackCase):
    def _sms(self, partner):
        return self.env["sms.sms"].sudo().search([("partner_id", "=", partner.id)])

    def test_cb08_invitation_by_sms_with_the_survey_link(self):
        self.customer.phone = MOBILE
        plan = self._new_plan()
        sms = self._sms(self.customer)
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.number, "+8613800138000")
        self.assertEqual(sms.state, "outgoing", "queued for Odoo's SMS gateway")
        token = plan.sudo().survey_user_input_id.access_token
        self.assertIn(token, sms.body, "the customer's own survey link")
        self.assertEqual(plan.survey_sms_state, "sent")

    def test_cb16_sms_waits_for_the_preferred_time(self):
        self.customer.write({"phone": MOBILE, "callback_preferred_time": 20.0})
        plan = self._new_plan()
        self.assertEqual(plan.survey_sms_state, "due")
        self.assertFalse(self._sms(self.customer))
        self.env["callback.plan"]._cron_survey_sms()
        self.assertFalse(self._sms(self.customer), "not before the moment")
        later = plan.survey_send_date + timedelta(minutes=5)
        with freeze_time(later):
            self.env["callback.plan"]._cron_survey_sms()
        self.assertEqual(len(self._sms(self.customer)), 1)
        self.assertEqual(plan.survey_sms_state, "sent")
        with freeze_time(later + timedelta(hours=1)):
            self.env["callback.plan"]._cron_survey_sms()
        self.assertEqual(len(self._sms(self.customer)), 1, "sent once")

    def test_cb08_cb16_a_blacklisted_mobile_gets_no_sms(self):
        """CB-16: a number on Odoo's phone blacklist (the customer opted out
        of SMS) gets none; the e-mail invitation still goes."""
        self.customer.phone = MOBILE
        self.env["phone.blacklist"].sudo().add("+8613800138000")
        plan = self._new_plan()
        self.assertEqual(plan.survey_state, "sent")
        self.assertFalse(plan.survey_sms_state)
        self.assertFalse(self._sms(self.customer))

    def test_cb08_the_sms_leaves_a_trace_on_the_answer(self):
        self.customer.phone = MOBILE
        plan = self._new_plan()
        user_input = plan.sudo().survey_user_input_id
        self.assertIn(
            "sms", user_input.message_ids.mapped("message_type"), "Odoo's SMS thread"
        )

    def test_cb08_no_mobile_no_sms(self):
        self.customer.phone = False
        plan = self._new_plan()
        self.assertEqual(plan.survey_state, "sent", "the e-mail still goes")
        self.assertFalse(plan.survey_sms_state)
        self.assertFalse(self._sms(self.customer))

    def test_cb08_sms_in_the_customers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["customer_callback_survey_sms"], ["zh_CN"], overwrite=True
        )
        self.customer.write({"phone": MOBILE, "lang": "zh_CN"})
        self._new_plan()
        self.assertIn("问卷", self._sms(self.customer).body)

    def test_x07_sms_fields_are_the_servers(self):
        self.customer.write({"phone": MOBILE, "callback_preferred_time": 20.0})
        plan = self._new_plan()
        for user in (self.staff, self.manager):
            for vals in (
                {"survey_sms_state": "sent"},
                {"survey_sms_date": fields.Datetime.now()},
            ):
                with self.assertRaises(UserError):
                    plan.with_user(user).write(vals)
        self.assertEqual(plan.survey_sms_state, "due")
