{
    "name": "Spreadsheet dashboard for the reception rotation",
    "summary": "Receptions, counted visits, make-ups, overrides and walk-in "
    "conversion in the Dashboards app",
    "version": "18.0.1.0.0",
    "category": "Productivity/Dashboard",
    "website": "https://github.com/callback-suite/callback-suite",
    "author": "Callback Suite",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["spreadsheet_dashboard", "reception_rotation"],
    "data": ["data/dashboards.xml"],
    "demo": ["demo/reception_dashboard_demo.xml"],
    "auto_install": True,
}
