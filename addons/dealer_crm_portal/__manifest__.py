{
    "name": "Dealer CRM Portal",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Dealers in Odoo's portal: their agreements, rebate so far, credit and orders at /my/dealer, and ordering at their prices",
    "description": """
Dealer CRM Portal
=================
The dealers' side of Dealer CRM, in Odoo's own portal. A customer's key
contacts get portal access from the customer form with Odoo's portal wizard;
their portal users then see, at /my/dealer and phone-first, only what belongs
to their own dealer: the agreements with their clauses and PDF, this year's
rebate (sales, tier reached, what is missing to the next tier, rebate due),
their credit (limit, open balance, available, overdue invoices) and their
latest orders with where each stands. They order from the portal, at the
agreement's prices and within its products, or order a past order again;
the order goes to the back office's order desk with the credit check of a
salesperson's submission.
""",
    "author": "Dealer CRM",
    "license": "LGPL-3",
    "depends": ["dealer_crm_sale", "portal"],
    "data": [
        "security/dealer_crm_portal_security.xml",
        "security/ir.model.access.csv",
        "views/res_partner_views.xml",
        "views/dealer_portal_templates.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "dealer_crm_portal/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
