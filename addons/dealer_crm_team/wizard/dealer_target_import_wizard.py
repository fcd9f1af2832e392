import base64

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.dealer_crm.tools import spreadsheet

from ..models.dealer_target import MONTH_FIELDS, TARGET_METRICS


class DealerTargetImportWizard(models.TransientModel):
    """Salespeople's targets of one metric and year from a spreadsheet: one
    row per salesperson (login or name), then the twelve months. All rows
    are checked before any is written: one bad row, nothing imported."""

    _name = "dealer.target.import.wizard"
    _inherit = ["dealer.value.mixin"]
    _description = "Import Sales Targets"

    year = fields.Integer(string="Year", required=True,
                          default=lambda self: self.env.user._dealer_local_today().year)
    metric = fields.Selection(TARGET_METRICS, string="Metric", required=True, default="contract_amount")
    file = fields.Binary(string="Spreadsheet")
    filename = fields.Char(string="File Name")

    def action_download_template(self):
        self.ensure_one()
        header = [self.env._("Salesperson (login or name)"), *(self.env._("Month %(month)s", month=month)
                                                              for month in range(1, 13))]
        salespeople = self.env["res.users"].search([("group_ids", "in", self.env.ref(
            "dealer_crm.group_dealer_salesperson").ids), ("share", "=", False)], order="name")
        content = spreadsheet.write_xlsx(header, [[user.login] + [0] * 12 for user in salespeople])
        attachment = self.env["ir.attachment"].create({
            "name": self.env._("Sales Targets %(year)s.xlsx", year=self.year), "raw": content,
            "res_model": self._name, "res_id": self.id,
        })
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def action_import(self):
        self.ensure_one()
        rows = self._read_targets()
        Target = self.env["dealer.target"]
        existing = {
            target.user_id: target for target in Target.search([
                ("target_type", "=", "user"), ("year", "=", self.year), ("metric", "=", self.metric),
                ("company_id", "=", self.env.company.id), ("user_id", "in", [user.id for user, _values in rows]),
            ])
        }
        to_create = []
        for user, values in rows:
            if user in existing:
                existing[user].write(values)
            else:
                to_create.append({"target_type": "user", "user_id": user.id, "year": self.year,
                                  "metric": self.metric, **values})
        targets = Target.create(to_create) | Target.union(*existing.values())
        return {
            "type": "ir.actions.act_window", "name": self.env._("Imported Targets"), "res_model": "dealer.target",
            "view_mode": "list,form", "domain": [("id", "in", targets.ids)],
        }

    def _read_targets(self):
        """[(user, {month field: value})] of the file, or a UserError naming
        every bad row."""
        if not self.file:
            raise UserError(self.env._("Choose a spreadsheet to import."))
        _header, rows = spreadsheet.read_rows(self.env, base64.b64decode(self.file), self.filename or "")
        users = self.env["res.users"].search([("share", "=", False)])
        by_login = {user.login.lower(): user for user in users}
        by_name = {}
        for user in users:
            by_name.setdefault(user.name.strip(), []).append(user)
        errors, targets, seen = [], [], set()
        for number, values in rows:
            who = values[0]
            namesakes = by_name.get(who, [])
            user = by_login.get(who.lower()) or (namesakes[0] if len(namesakes) == 1 else None)
            if not user:
                errors.append(self.env._("Row %(row)s: no single user has the login or name “%(who)s”.",
                                         row=number, who=who))
                continue
            if user in seen:
                errors.append(self.env._("Row %(row)s: %(who)s appears twice.", row=number, who=user.name))
                continue
            seen.add(user)
            months = (values[1:] + [""] * 12)[:12]
            try:
                amounts = [float(value.replace(",", "")) if value else 0.0 for value in months]
            except ValueError:
                errors.append(self.env._("Row %(row)s: the months must be numbers.", row=number))
                continue
            if any(amount < 0 for amount in amounts):
                errors.append(self.env._("Row %(row)s: targets cannot be negative.", row=number))
                continue
            targets.append((user, dict(zip(MONTH_FIELDS, amounts))))
        if errors:
            raise UserError(self.env._("Nothing was imported:\n%(errors)s", errors="\n".join(errors)))
        return targets
