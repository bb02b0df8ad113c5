from . import (
    test_access_matrix,
    test_board_tour,
    test_concurrency,
    test_crm_link,
    test_crm_roles,
    test_desk_day,
    test_integrity,
    test_makeup_order,
    test_ownership,
    test_rotation,
    test_security,
    test_self_favour,
)
