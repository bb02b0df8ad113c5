from . import (
    test_bad_input,
    test_concurrency,
    test_crm,
    test_cron,
    test_integrity,
    test_plan,
    test_record,
    test_security,
    test_settings,
    test_timezone,
    test_trigger,
    test_wizard,
)
