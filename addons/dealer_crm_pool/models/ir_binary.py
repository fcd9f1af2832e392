from odoo import models

from .res_partner import POOL_HIDDEN_FIELDS


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _get_stream_from(self, record, field_name="raw", filename=None, filename_field="name", mimetype=None,
                         default_mimetype="application/octet-stream"):
        """``/web/content`` and ``/web/image`` name a download after any
        field (``filename_field=email``): not after a hidden one."""
        if record._name == "res.partner" and filename_field in POOL_HIDDEN_FIELDS \
                and record._dealer_hidden_contact_ids(ignore_sudo=True):
            filename_field = "name"
        return super()._get_stream_from(record, field_name, filename, filename_field, mimetype, default_mimetype)
