from collections import defaultdict

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.orm.models import LOG_ACCESS_COLUMNS
from odoo.tools import SQL, split_every

DEALER_IMPORTANCE = [
    ("0", "D"),
    ("1", "C"),
    ("2", "B"),
    ("3", "A"),
]
DEALER_SCALE = [
    ("micro", "Micro (under 10 people, under ¥1M a year)"),
    ("small", "Small (10–49 people, ¥1M–10M)"),
    ("medium", "Medium (50–199 people, ¥10M–50M)"),
    ("large", "Large (200–999 people, ¥50M–200M)"),
    ("enterprise", "Enterprise (1,000+ people, over ¥200M)"),
]
DEALER_CONTACT_LEVEL = [
    ("decision_maker", "Decision Maker"),
    ("influencer", "Influencer"),
    ("user", "User"),
    ("gatekeeper", "Gatekeeper"),
]
QUOTATION_STATES = ("draft", "sent")


class ResPartner(models.Model):
    _inherit = "res.partner"

    # A salesperson's customer list filters on the owner: 19.0 does not index it.
    user_id = fields.Many2one(index=True)

    is_dealer = fields.Boolean(
        string="Dealer CRM Customer",
        help="A dealer, agent or other customer managed in Dealer CRM. Its contacts inherit the flag.",
    )
    dealer_code = fields.Char(string="Customer Code", readonly=True, copy=False)
    dealer_channel_id = fields.Many2one("dealer.channel", string="Channel", index="btree_not_null")
    dealer_region_id = fields.Many2one("dealer.region", string="Region", index="btree_not_null")
    dealer_customer_type_id = fields.Many2one("dealer.customer.type", string="Customer Type", index="btree_not_null")
    dealer_source_id = fields.Many2one("dealer.source", string="Source", index="btree_not_null")
    dealer_team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_dealer_team_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        help="Defaults to the owner's sales team.",
    )
    dealer_scale = fields.Selection(DEALER_SCALE, string="Scale", help="Headcount and yearly revenue band.")
    dealer_importance = fields.Selection(DEALER_IMPORTANCE, string="Importance", default="0")

    dealer_projects = fields.Text(string="Projects", help="Projects this contact is responsible for.")
    dealer_needs = fields.Text(string="Needs", help="What this contact cares about most.")
    dealer_contact_level = fields.Selection(DEALER_CONTACT_LEVEL, string="Contact Level")
    dealer_hobbies = fields.Text(string="Hobbies and Preferences")
    dealer_birthday = fields.Date(string="Birthday")
    dealer_is_key_contact = fields.Boolean(string="Key Contact")

    dealer_contact_count = fields.Integer(string="Contacts", compute="_compute_dealer_contact_count")
    dealer_quotation_count = fields.Integer(
        string="Quotations", compute="_compute_dealer_sale_counts", groups="sales_team.group_sale_salesman"
    )
    dealer_order_count = fields.Integer(
        string="Orders", compute="_compute_dealer_sale_counts", groups="sales_team.group_sale_salesman"
    )

    _dealer_code_unique = models.UniqueIndex(
        "(dealer_code) WHERE dealer_code IS NOT NULL", "This customer code is already used."
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + [
            "is_dealer",
            "dealer_channel_id",
            "dealer_region_id",
            "dealer_customer_type_id",
            "dealer_source_id",
            "dealer_team_id",
        ]

    @api.depends("user_id")
    def _compute_dealer_team_id(self):
        for partner in self:
            if partner.user_id.sale_team_id:
                partner.dealer_team_id = partner.user_id.sale_team_id

    def _compute_dealer_contact_count(self):
        counts = dict(self._read_group(
            [("parent_id", "in", self.ids), ("is_company", "=", False), ("type", "=", "contact")],
            ["parent_id"],
            ["__count"],
        ))
        for partner in self:
            partner.dealer_contact_count = counts.get(partner, 0)

    def _compute_dealer_sale_counts(self):
        """Quotations and orders of the customer and of its contacts."""
        counts = {"quotation": defaultdict(int), "order": defaultdict(int)}
        if self.ids:
            groups = self.env["sale.order"]._read_group(
                [("partner_id", "child_of", self.ids), ("state", "in", [*QUOTATION_STATES, "sale"])],
                ["partner_id", "state"],
                ["__count"],
            )
            for partner, state, count in groups:
                kind = "quotation" if state in QUOTATION_STATES else "order"
                for target in partner | partner.commercial_partner_id:
                    counts[kind][target] += count
        for partner in self:
            partner.dealer_quotation_count = counts["quotation"][partner]
            partner.dealer_order_count = counts["order"][partner]

    @api.onchange("state_id")
    def _onchange_state_id_dealer_region(self):
        if self.state_id and self.is_dealer and not self.dealer_region_id:
            self.dealer_region_id = self.env["dealer.region"]._dealer_region_for_state(self.state_id)

    @api.model_create_multi
    def create(self, vals_list):
        self._dealer_add_codes(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        result = super().write(vals)
        if vals.get("is_dealer"):
            missing = self.filtered(lambda p: not p.dealer_code and not p.parent_id)
            for partner, code in zip(missing, self._dealer_next_codes(len(missing))):
                partner.dealer_code = code
        return result

    def _children_sync(self, values):
        """Contacts of a dealer follow its owner, so that the owner's record
        rules cover them and a change of owner moves them along."""
        super()._children_sync(values)
        if "user_id" in values and self.is_dealer and self.commercial_partner_id == self:
            contacts = self.child_ids.filtered(lambda child: not child.is_company and child.user_id != self.user_id)
            contacts.sudo().write({"user_id": self.user_id.id})

    @api.model
    def _dealer_add_codes(self, vals_list):
        """Put a customer code in the values of each new dealer customer
        (a commercial entity, not a contact) that has none."""
        default_dealer = self.env.context.get("default_is_dealer")
        needing_code = [
            vals for vals in vals_list
            if vals.get("is_dealer", default_dealer) and not vals.get("parent_id") and not vals.get("dealer_code")
        ]
        for vals, code in zip(needing_code, self._dealer_next_codes(len(needing_code))):
            vals["dealer_code"] = code

    @api.model
    def _dealer_next_codes(self, count):
        """``count`` customer codes, taken from the sequence in one query."""
        if not count:
            return []
        sequence = self.env.ref("dealer_crm.ir_sequence_dealer_customer_code").sudo()
        if sequence.implementation != "standard":
            return [sequence.next_by_id() for _ in range(count)]
        numbers = self.env.execute_query(SQL(
            "SELECT nextval(%s) FROM generate_series(1, %s)", f"ir_sequence_{sequence.id:03d}", count,
        ))
        return [sequence.get_next_char(number) for (number,) in numbers]

    @api.model
    def _dealer_bulk_create(self, vals_list):
        """Create many dealer customers (or many contacts of existing
        customers) set-based, for the import of thousands of rows.

        ``create()`` costs about 2 ms a partner once accounting is installed
        (defaults, company checks, cache, then one recomputation and update
        per stored computed field). Here the defaults are computed once, the
        rows are inserted in batches with the derived values that partners
        created from these values always get (commercial entity, complete
        name, company name, not shared, owner's team, no image), and every
        other stored computed field is left to the ORM, in batch.

        The values must not hold relational commands, images or
        company-dependent fields, and contacts must be created in a call of
        their own, once their parents exist. Access rights and record rules
        are checked as by ``create()``.
        """
        if not vals_list:
            return self.browse()
        self.check_access("create")
        columns = [
            name for name, field in self._fields.items()
            if field.store and field.column_type and not field.company_dependent
            and name not in LOG_ACCESS_COLUMNS and name != "id"
        ]
        defaults = self.default_get(columns)
        parents = self.browse({vals["parent_id"] for vals in vals_list if vals.get("parent_id")})
        parents.fetch(["name", "is_company", "commercial_partner_id"])
        owners = self.env["res.users"].browse({vals["user_id"] for vals in vals_list if vals.get("user_id")})
        vals_list = [dict(vals) for vals in vals_list]
        self._dealer_add_codes(vals_list)
        # Ids are taken first, so that a customer is its own commercial entity
        # from the INSERT on, with no second pass over the rows.
        ids = [id_ for (id_,) in self.env.execute_query(SQL(
            "SELECT nextval(pg_get_serial_sequence('res_partner', 'id')) FROM generate_series(1, %s)", len(vals_list),
        ))]
        rows = []
        for id_, vals in zip(ids, vals_list):
            row = {**defaults, **vals, "id": id_}
            name = (row.get("name") or "").strip()
            parent = parents.browse(row.get("parent_id"))
            commercial = parent.commercial_partner_id if parent and not row.get("is_company") else None
            row["commercial_partner_id"] = commercial.id if commercial else id_
            row["commercial_company_name"] = (
                (commercial.name if commercial.is_company else False) if commercial
                else (name if row.get("is_company") else False)
            )
            row["complete_name"] = (
                f"{row['commercial_company_name'] or parent.name}, {name}".strip() if commercial else name
            )
            row["partner_share"] = True
            if row.get("user_id") and "dealer_team_id" not in vals:
                row["dealer_team_id"] = owners.browse(row["user_id"]).sale_team_id.id or False
            rows.append(row)
        filled = sorted({name for row in rows for name in row} & set(columns))
        now = self.env.cr.now()
        converters = [(name, self._fields[name].convert_to_column_insert) for name in filled]
        row_placeholder = f"({', '.join(['%s'] * (len(filled) + 5))})"
        for batch in split_every(1000, rows):
            params = []
            for row in batch:
                params.append(row["id"])
                params.extend(convert(row.get(name), self, row) for name, convert in converters)
                params.extend((self.env.uid, now, self.env.uid, now))
            self.env.execute_query(SQL(
                f"INSERT INTO res_partner (%s) VALUES {', '.join([row_placeholder] * len(batch))}",
                SQL(", ").join(map(SQL.identifier, ["id", *filled, *LOG_ACCESS_COLUMNS])),
                *params,
            ))
        partners = self.browse(ids)
        # The values given and derived here stand, as in create(); images
        # derive from image_1920, which a new partner has not: empty. Every
        # other stored computed field is computed by the ORM.
        images = [name for name, field in self._fields.items() if isinstance(field, fields.Image) and field.related]
        protected = [self._fields[name] for name in [*filled, *images] if self._fields[name].compute]
        for field in self._fields.values():
            if field.store and field.compute and field not in protected:
                # The column is empty: a computed empty value needs no UPDATE.
                if field.column_type and not field.company_dependent:
                    for partner in partners:
                        field._update_cache(partner, None)
                self.env.add_to_compute(field, partners)
        with self.env.protecting(protected, partners):
            partners.modified(filled, create=True)
        parents.invalidate_recordset(["child_ids"])
        partners.check_access("create")
        return partners

    def _dealer_sale_order_action(self, states):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_quotations_with_onboarding")
        action["domain"] = Domain.AND([
            [("partner_id", "child_of", self.commercial_partner_id.id)],
            [("state", "in", list(states))],
        ])
        action["context"] = {"default_partner_id": self.id, "search_default_my_quotation": False}
        return action

    def action_dealer_view_quotations(self):
        return self._dealer_sale_order_action(QUOTATION_STATES)

    def action_dealer_view_orders(self):
        return self._dealer_sale_order_action(("sale",))

    def action_dealer_view_contacts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_crm.res_partner_action_dealer_contact")
        action["domain"] = [("parent_id", "=", self.id), ("is_company", "=", False), ("type", "=", "contact")]
        action["context"] = {"default_parent_id": self.id, "default_type": "contact"}
        return action
