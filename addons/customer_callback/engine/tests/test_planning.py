"""CB-01 CB-04 CB-22: due dates as deadlines, quarterly deadlines and when a
plan's to-do reaches its assignee."""

from datetime import date, datetime, timedelta

from ..errors import CallbackRuleError
from ..frequency import (
    periodic_deadline,
    quarter_deadline,
)
from ..windows import todo_is_due, todo_opens
from . import EngineCase


class TestPlanning(EngineCase):
    def test_cb04_periodic_deadline_is_the_due_date(self):
        """CB-04: a high-value customer called on 1 January is due on 1 April; the
        plan is made 14 days ahead and its deadline is 1 April, not two weeks
        after it."""
        last = date(2026, 1, 1)
        assert periodic_deadline(last, "high", date(2026, 3, 17), 14) is None
        assert periodic_deadline(last, "high", date(2026, 3, 18), 14) == date(
            2026, 4, 1
        )
        assert periodic_deadline(last, "high", date(2026, 4, 1), 14) == date(2026, 4, 1)

    def test_cb04_periodic_deadline_never_called_or_overdue(self):
        today = date(2026, 5, 10)
        assert periodic_deadline(None, "high", today, 14) == date(2026, 5, 24)
        # overdue since 1 April: the usual days from today
        assert periodic_deadline(date(2026, 1, 1), "high", today, 14) == date(
            2026, 5, 24
        )

    def test_cb04_periodic_deadline_zero_days_ahead(self):
        assert periodic_deadline(date(2026, 1, 1), "high", date(2026, 4, 1), 0) == date(
            2026, 4, 1
        )
        assert periodic_deadline(date(2026, 1, 1), "high", date(2026, 3, 31), 0) is None

    def test_cb04_periodic_deadline_negative_days_refused(self):
        with self.assertRaises(CallbackRuleError):
            periodic_deadline(None, "high", date(2026, 4, 1), -1)

    def test_cb04_quarter_deadline(self):
        # due on 15 May: the plan of Q2 has that deadline
        assert quarter_deadline(date(2026, 2, 15), "high", 2026, 2) == date(2026, 5, 15)
        # due in Q3: not planned in Q2
        assert quarter_deadline(date(2026, 4, 15), "high", 2026, 2) is None
        # never called or overdue: the quarter's last day
        assert quarter_deadline(None, "low", 2026, 2) == date(2026, 6, 30)
        assert quarter_deadline(date(2025, 1, 1), "low", 2026, 2) == date(2026, 6, 30)

    def test_cb04_quarter_deadline_stays_in_the_quarter(self):
        """Property: a quarterly deadline, when any, is inside the quarter."""
        for quarter in [1, 2, 3, 4]:
            for tier in ["high", "medium", "low"]:
                with self.subTest(quarter=quarter, tier=tier):
                    first = date(2026, 3 * quarter - 2, 1)
                    day = date(2024, 1, 1)
                    while day < date(2027, 1, 1):
                        deadline = quarter_deadline(day, tier, 2026, quarter)
                        if deadline is not None:
                            assert (
                                first
                                <= deadline
                                <= date(2026, 3 * quarter, 28) + timedelta(4)
                            )
                            assert (deadline.month - 1) // 3 + 1 == quarter
                        day += timedelta(days=3)

    def test_cb22_todo_opens_days_before_the_window(self):
        start = datetime(2026, 7, 1, 8)
        deadline = datetime(2026, 9, 30, 18)
        assert todo_opens(start, deadline, 3) == datetime(2026, 6, 28, 8)
        assert not todo_is_due(start, deadline, 3, datetime(2026, 4, 1))
        assert todo_is_due(start, deadline, 3, datetime(2026, 6, 28, 8))
        # no window start: counted back from the deadline
        assert todo_opens(None, deadline, 0) == deadline

    def test_cb22_todo_days_negative_refused(self):
        with self.assertRaises(CallbackRuleError):
            todo_opens(None, datetime(2026, 1, 1), -1)
