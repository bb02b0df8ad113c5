# the pure engine's tests (plain unittest, see engine/tests/__init__.py)
from ..engine.tests import (
    test_board as test_engine_board,
    test_contacted as test_engine_contacted,
    test_floor_rules as test_engine_floor_rules,
    test_invariants,
    test_makeups,
    test_rules,
)
from . import (
    test_access_matrix,
    test_board_live,
    test_board_tour,
    test_concurrency,
    test_contacted,
    test_crm_link,
    test_crm_roles,
    test_crm_thread,
    test_desk_day,
    test_desk_speed,
    test_floor_rules,
    test_integrity,
    test_makeup_order,
    test_ownership,
    test_rotation,
    test_security,
    test_self_favour,
    test_tours_reception,
)
