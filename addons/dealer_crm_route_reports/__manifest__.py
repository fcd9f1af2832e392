{
    "name": "Dealer CRM Visit Coverage on the Dashboard",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "The management dashboard's visit coverage: the share of customers visited within their frequency",
    "description": """
Dealer CRM Visit Coverage on the Dashboard
==========================================
Installed by itself with both: the management dashboard (dealer_crm_reports)
shows the month's visit coverage (dealer_crm_route) against the month before,
as the reader may see it, and opens the coverage report.
""",
    "author": "Dealer CRM",
    "license": "LGPL-3",
    "depends": ["dealer_crm_route", "dealer_crm_reports"],
    "auto_install": True,
    "installable": True,
}
