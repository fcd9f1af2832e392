{
    "name": "Dealer CRM Reports",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Analytics of Dealer CRM: channel and region, salesperson performance, product and customer sales, TOP customers, leaderboard, customer distribution, dealer stock and sell-out, missing stock reports",
    "author": "Dealer CRM",
    "license": "LGPL-3",
    "depends": ["dealer_crm_field", "dealer_crm_sale", "dealer_crm_portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_crm_reports_security.xml",
        "report/dealer_customer_distribution_report_views.xml",
        "report/dealer_sales_report_views.xml",
        "report/dealer_monthly_report.xml",
        "views/dealer_sales_dashboard_views.xml",
        "report/dealer_stock_analysis_views.xml",
        "report/dealer_stock_report_missing_views.xml",
        "views/dealer_crm_reports_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "dealer_crm_reports/static/src/dashboard/*",
        ],
        "web.assets_tests": [
            "dealer_crm_reports/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
