{
    "name": "Dealer CRM Deliveries",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Delivery status and the not-yet-delivered filter on the Dealer CRM order desk",
    "description": """
Dealer CRM Deliveries
=====================
Installed by itself when both Dealer CRM Sales and Inventory's sales link
(``sale_stock``) are: the order desk then shows each confirmed order's
delivery status and lets the back office list the confirmed orders not yet
delivered. Without Inventory, Dealer CRM's sales work on ordered quantities
and nothing of stock is installed.
""",
    "author": "Dealer CRM",
    "license": "LGPL-3",
    "depends": ["dealer_crm_sale", "sale_stock"],
    "data": [
        "views/sale_order_views.xml",
    ],
    "demo": [
        "demo/dealer_crm_sale_stock_demo.xml",
    ],
    "auto_install": True,
    "installable": True,
}
