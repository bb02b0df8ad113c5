"""CB-10 / CB-11 / CB-12 / CB-13: answers, satisfaction, escalation, lateness."""

from datetime import date, datetime

from ..errors import CallbackRuleError
from ..questionnaire import (
    check_satisfaction,
    check_score,
    dissatisfied,
    escalation_groups,
    is_dissatisfied,
    is_returned,
    satisfaction,
)
from ..reports import (
    is_plan_late,
    is_report_late,
    overdue,
    report_due_date,
)
from . import EngineCase


class TestQuestionnaire(EngineCase):
    def test_cb10_all_fives_is_full_satisfaction(self):
        assert satisfaction([5, 5, 5, 5]) == 100.0

    def test_cb10_mean_times_twenty(self):
        assert satisfaction([4, 3]) == 70.0
        assert satisfaction([1]) == 20.0

    def test_cb10_no_answer_is_zero(self):
        assert satisfaction([]) == 0.0

    def test_x03_bad_scores_refused(self):
        for bad in [0, 6, -1, 2.5, None, True]:
            with self.subTest(bad=bad), self.assertRaises(CallbackRuleError):
                check_score(bad)

    def test_x03_satisfaction_range(self):
        assert check_satisfaction(0) == 0
        with self.assertRaises(CallbackRuleError):
            check_satisfaction(100.5)
        with self.assertRaises(CallbackRuleError):
            check_satisfaction(-1)

    def test_cb11_dissatisfied_threshold(self):
        assert is_dissatisfied(2)
        assert not is_dissatisfied(3)
        assert is_dissatisfied(3, threshold=3)

    def test_cb11_dissatisfied_answers_listed(self):
        assert dissatisfied({"quality": 5, "installer": 1, "attitude": 2}) == [
            "installer",
            "attitude",
        ]

    def test_cb11_escalations_grouped_by_department(self):
        answers = [("quality", 1), ("installer", 2), ("sales", 2), ("ok", 5)]
        departments = {"quality": "factory", "installer": "service", "sales": None}
        groups = escalation_groups(answers, departments, default_department="cs")
        assert groups == {
            "factory": ["quality"],
            "service": ["installer"],
            "cs": ["sales"],
        }

    def test_cb11_no_escalation_when_satisfied(self):
        assert escalation_groups({"a": 4, "b": 5}, {}) == {}

    def test_cb12_report_due_next_day(self):
        assert report_due_date(datetime(2026, 3, 31, 18)) == date(2026, 4, 1)

    def test_cb12_report_next_day_on_time(self):
        assert not is_report_late(datetime(2026, 3, 2, 9), datetime(2026, 3, 3, 23, 59))

    def test_cb12_report_two_days_later_is_late(self):
        assert is_report_late(datetime(2026, 3, 2, 9), datetime(2026, 3, 4, 0, 1))

    def test_cb12_no_report_not_late(self):
        assert not is_report_late(datetime(2026, 3, 2, 9), None)

    def test_cb13_overdue_planned_only(self):
        now = datetime(2026, 3, 5)
        plans = [
            (1, "planned", datetime(2026, 3, 4)),
            (2, "planned", datetime(2026, 3, 6)),
            (3, "done", datetime(2026, 3, 1)),
            (4, "cancelled", datetime(2026, 3, 1)),
        ]
        assert overdue(plans, now) == [1]

    def test_cb13_plan_lateness(self):
        deadline = datetime(2026, 3, 5)
        assert is_plan_late("missed", None, deadline)
        assert is_plan_late("done", datetime(2026, 3, 6), deadline)
        assert not is_plan_late("done", datetime(2026, 3, 4), deadline)
        assert not is_plan_late("planned", None, deadline)

    def test_cb10_returned_only_when_every_question_is_answered(self):
        """CB-10 CB-14: the return rate counts unanswered questions."""
        assert is_returned([5, 4, 3, 1])
        assert not is_returned([5, 0, 3, 1])
        assert not is_returned([None, 4])
        assert not is_returned([])
