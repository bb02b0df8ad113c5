"""CB-07: quarterly cap of callbacks per customer (customer_callback engine)."""

from collections import Counter
from datetime import datetime

from ..errors import CallbackRuleError
from ..quota import (
    check_new,
    counted,
    is_exempt,
    over_cap,
    room_left,
)
from . import EngineCase

JAN = datetime(2026, 1, 10)
FEB = datetime(2026, 2, 10)
APR = datetime(2026, 4, 10)


class TestQuota(EngineCase):
    def test_cb07_two_in_a_quarter_allowed(self):
        merged = check_new(Counter(), [(1, JAN), (1, FEB)])
        assert merged[(1, "2026-Q1")] == 2

    def test_cb07_third_in_a_quarter_refused(self):
        with self.assertRaises(CallbackRuleError) as err:
            check_new(Counter({(1, "2026-Q1"): 2}), [(1, FEB)])
        assert err.exception.code == "quarter_cap"
        assert err.exception.params["quarter"] == "2026-Q1"
        assert err.exception.params["partner"] == 1

    def test_cb07_next_quarter_is_fresh(self):
        merged = check_new(Counter({(1, "2026-Q1"): 2}), [(1, APR)])
        assert merged[(1, "2026-Q2")] == 1

    def test_cb07_special_callbacks_exempt(self):
        check_new(Counter({(1, "2026-Q1"): 2}), [(1, FEB, "special")])

    def test_cb07_abnormal_situation_flag_exempt(self):
        check_new(Counter({(1, "2026-Q1"): 2}), [(1, FEB, "event", True)])

    def test_cb07_batch_three_new_for_one_customer_refused(self):
        with self.assertRaises(CallbackRuleError):
            check_new(Counter(), [(1, JAN), (1, FEB), (1, JAN)])

    def test_cb07_other_customers_do_not_count(self):
        check_new(Counter({(2, "2026-Q1"): 2}), [(1, JAN), (1, FEB)])

    def test_cb07_dict_items_accepted(self):
        counts = counted([{"partner": 3, "date": JAN, "callback_type": "event"}])
        assert counts == Counter({(3, "2026-Q1"): 1})

    def test_cb07_cap_is_a_setting(self):
        with self.assertRaises(CallbackRuleError):
            check_new(Counter(), [(1, JAN)], cap=0)
        check_new(Counter({(1, "2026-Q1"): 2}), [(1, JAN)], cap=3)

    def test_cb07_negative_cap_refused(self):
        with self.assertRaises(CallbackRuleError):
            over_cap(Counter(), -1)

    def test_cb07_room_left(self):
        counts = Counter({(1, "2026-Q1"): 1})
        assert room_left(counts, 1, JAN) == 1
        assert room_left(counts, 1, APR) == 2
        assert room_left(Counter({(1, "2026-Q1"): 5}), 1, JAN) == 0

    def test_cb07_is_exempt(self):
        assert is_exempt("special")
        assert is_exempt("periodic", True)
        assert not is_exempt("periodic")
