{
    "name": "Dealer CRM Sales",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Dealer agreements with clauses and rebates, the back office's order desk with its credit check, quotation history across owners, and the sales facts",
    "description": """
Dealer CRM Sales
================
What a dealer buys and on which terms, on Odoo's own sale → delivery →
invoice → payment flow: dealer agreements (territory, product categories,
pricelist, credit limit, rebate tiers, clauses from templates, approval,
a signed PDF, expiry reminders) that quotations are checked against; the
order desk, where the back office (内勤) confirms or returns what salespeople
submit, after a credit check; every price quoted to a customer, whoever its
owner was; and the sales facts (new customers, orders, revenue, payments)
that targets, work reports, the leaderboard and the dashboard sum up.
""",
    "author": "Dealer CRM",
    "license": "LGPL-3",
    "depends": ["dealer_crm", "sale", "account"],
    "data": [
        "security/dealer_crm_sale_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "wizard/dealer_reason_wizard_views.xml",
        "views/sale_order_views.xml",
        "views/dealer_agreement_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "report/dealer_agreement_report.xml",
        "views/dealer_crm_sale_menus.xml",
    ],
    "demo": [
        "demo/dealer_crm_agreement_demo.xml",
        "demo/dealer_crm_sale_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "installable": True,
}
