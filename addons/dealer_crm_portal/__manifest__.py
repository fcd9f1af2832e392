{
    "name": "Dealer CRM Portal",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Dealers in Odoo's portal: their agreements, rebate so far, credit, orders and statements at /my/dealer; ordering at their prices; statements of account to confirm; monthly stock and sell-out reports",
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

Statements of account (对账单): the back office generates, for every dealer
of a month in one action, a statement with the opening balance, invoices,
credit notes, payments and closing balance from the posted receivable
entries, and sends it by mail with its PDF in the dealer's language and to
the portal. The dealer confirms it, which fixes it, or disputes it with a
comment, which gives the back office an activity; a correction is a new
statement that replaces the month's current one.

Stock and sell-out reports (进销存上报): each month the dealer reports, per
product, its opening stock, what it received, sold and has left, and
optionally where it sold, in the portal form (pre-filled from last month
and our deliveries) or by uploading a spreadsheet read by the customer
import's engine. The stock equation, the agreement's products and one
report per month (a correction replaces it, tracked) are checked where the
report is written; sell-out outside the agreement's territory (窜货) gives
the region's manager an activity.
""",
    "author": "Dealer CRM",
    "license": "LGPL-3",
    "depends": ["dealer_crm_sale", "portal"],
    "data": [
        "security/dealer_crm_portal_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_templates.xml",
        "report/dealer_statement_report.xml",
        "views/res_partner_views.xml",
        "views/dealer_statement_views.xml",
        "views/dealer_stock_report_views.xml",
        "views/dealer_portal_templates.xml",
    ],
    "demo": [
        "demo/dealer_crm_portal_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "dealer_crm_portal/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
