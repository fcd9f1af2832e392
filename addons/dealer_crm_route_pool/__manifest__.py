{
    "name": "Dealer CRM Visit Planning with the Public Pool",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Claim a public-pool customer from Customers Near Me",
    "description": """
Dealer CRM Visit Planning with the Public Pool
==============================================
Installed by itself with both: on Customers Near Me, a customer waiting in a
public pool has a Claim button, which claims it within the pool's rules (daily
limit, cooldown, customer cap); claimed, it can be checked in at and planned.
""",
    "author": "Dealer CRM",
    "license": "LGPL-3",
    "depends": ["dealer_crm_route", "dealer_crm_pool"],
    "assets": {
        "web.assets_backend": [
            "dealer_crm_route_pool/static/src/*",
        ],
        "web.assets_tests": [
            "dealer_crm_route_pool/static/src/tours/*.js",
        ],
    },
    "auto_install": True,
    "installable": True,
}
