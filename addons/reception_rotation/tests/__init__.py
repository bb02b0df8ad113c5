from . import test_concurrency, test_ownership, test_rotation, test_security
