from . import (
    test_board_tour,
    test_concurrency,
    test_crm_link,
    test_crm_roles,
    test_ownership,
    test_rotation,
    test_security,
)
