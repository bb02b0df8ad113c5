from . import test_callback_dashboard, test_callback_dashboard_tour
