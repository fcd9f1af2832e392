{
    "name": "Dealer CRM Reports",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Analytics of Dealer CRM: customer distribution by region, channel, type, source, industry and importance",
    "author": "Dealer CRM",
    "website": "https://github.com/dealer-crm/dealer-crm",
    "license": "LGPL-3",
    "depends": ["dealer_crm"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_crm_reports_security.xml",
        "report/dealer_customer_distribution_report_views.xml",
    ],
    "installable": True,
}
