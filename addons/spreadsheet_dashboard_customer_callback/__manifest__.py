{
    "name": "Spreadsheet dashboard for customer callbacks",
    "summary": "Callback rates, satisfaction, missed plans, escalations and dealer "
    "ranking in the Dashboards app",
    "version": "18.0.1.0.0",
    "category": "Productivity/Dashboard",
    "website": "https://github.com/callback-suite/callback-suite",
    "author": "Callback Suite",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["spreadsheet_dashboard", "customer_callback"],
    "data": ["data/dashboards.xml"],
    "assets": {
        "web.assets_tests": [
            "spreadsheet_dashboard_customer_callback/static/tests/tours/*.js",
        ],
    },
    "auto_install": True,
}
