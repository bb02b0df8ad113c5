from . import test_reception_dashboard
