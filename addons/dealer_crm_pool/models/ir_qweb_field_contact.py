from odoo import api, models

CONTACT_DETAILS = ("address", "phone", "email")


class IrQwebFieldContact(models.AbstractModel):
    _inherit = "ir.qweb.field.contact"

    @api.model
    def value_to_html(self, value, options):
        """The contact widget of reports and portal pages (quotation,
        delivery slip …) reads the partner as superuser: a customer hiding
        its details shows its name only."""
        if value and value._name == "res.partner" and value._dealer_hidden_contact_ids(ignore_sudo=True):
            shown = options.get("fields") or ["name", *CONTACT_DETAILS]
            options = {**options, "fields": [name for name in shown if name not in CONTACT_DETAILS]}
        return super().value_to_html(value, options)
