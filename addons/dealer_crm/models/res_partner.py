import json
from collections import defaultdict

from psycopg2.extras import Json

from odoo import api, fields, models
from odoo.exceptions import AccessError, LockError, MissingError, UserError
from odoo.orm.models import LOG_ACCESS_COLUMNS
from odoo.tools import SQL, split_every

from ..tools.guard import as_action, check_governed, create_fields, in_action, marked_by_action
from ..tools.phone import phone_key, with_extension
from .dealer_owner_log import GIVING_UP_ACTIONS

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
# What only a change of owner writes on a customer (``_dealer_change_owner``);
# a partner's commercial entity, whose owner is its own, is computed only.
OWNER_GOVERNED_FIELDS = frozenset({"dealer_owner_since", "commercial_partner_id"})
# What follow-ups alone set on a customer (dealer_crm_field computes them):
# a plain write could hold a customer back from the public pool.
FOLLOWUP_DATE_FIELDS = frozenset({"last_followup_date", "next_followup_date"})



def _json_column_value(value):
    """A column value that JSON cannot carry as is, for json_populate_recordset:
    a JSON column's content, or the text of a date or timestamp."""
    return value.adapted if isinstance(value, Json) else str(value)


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["dealer.value.mixin", "res.partner"]
    # Odoo's texts a client could fill with megabytes (several are indexed).
    _dealer_value_extra_fields = (
        "name", "street", "street2", "city", "zip", "email", "phone", "vat", "ref", "company_registry",
        "function", "website", "comment",
    )

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
    dealer_same_phone_partner_id = fields.Many2one(
        "res.partner", string="Customer with the Same Phone", compute="_compute_dealer_same_phone",
    )
    dealer_same_phone_hidden = fields.Boolean(
        string="Same Phone as a Customer You Cannot See", compute="_compute_dealer_same_phone",
    )
    last_followup_date = fields.Datetime(
        string="Last Follow-up", readonly=True, copy=False, index="btree_not_null",
        help="When the customer was last followed up; the public pool's no-follow-up rule counts from it.",
    )

    dealer_owner_since = fields.Datetime(
        string="Owner Since", copy=False, readonly=True,
        help="When the current owner got the customer: the recycle rules count from here at the earliest.",
    )
    dealer_owner_log_ids = fields.One2many("dealer.owner.log", "partner_id", string="Ownership History")

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

    @api.depends("phone_sanitized", "is_dealer", "commercial_partner_id")
    def _compute_dealer_same_phone(self):
        """The Dealer CRM customer already using this number, in any notation
        (both read as E.164 by ``phone_sanitized``): named only to a user who
        may see it. One query for all the partners."""
        numbers = {partner.phone_sanitized for partner in self if partner.is_dealer and partner.phone_sanitized}
        users = defaultdict(list)
        if numbers:
            for user in self.sudo().with_context(active_test=False).search_fetch(
                [("phone_sanitized", "in", list(numbers)), ("is_dealer", "=", True)],
                ["phone_sanitized", "commercial_partner_id"], order="id",
            ):
                users[user.phone_sanitized].append(user)
        for partner in self:
            same = next((
                user.commercial_partner_id for user in users[partner.phone_sanitized]
                if partner.is_dealer and user.id != partner._origin.id
                and user.commercial_partner_id != partner.commercial_partner_id._origin
            ), self.browse())
            visible = same.with_env(self.env)._dealer_visible_customers()
            partner.dealer_same_phone_partner_id = visible
            partner.dealer_same_phone_hidden = bool(same) and not visible

    def _dealer_visible_customers(self):
        """These customers less those the current user may not see: those he
        may not read, or whose details are hidden from him."""
        readable = self.with_user(self.env.user)._filtered_access("read")
        hidden_ids = readable._dealer_hidden_contact_ids()
        return readable.filtered(lambda partner: partner.id not in hidden_ids)

    def _phone_format_number(self, number, country, force_format="E164", raise_exception=False):
        """Chinese extensions ("转 801", "-801") are read as extensions: a
        switchboard number with one sanitizes as the number without it. The
        E.164 form (``phone_sanitized``) comes from the parse the import's
        checks already made (``phone_key``)."""
        if number and force_format == "E164" and not raise_exception:
            return phone_key(number, country) or False
        if number:
            number = with_extension(number, country.code or None)
        return super()._phone_format_number(number, country, force_format=force_format,
                                            raise_exception=raise_exception)

    def _compute_dealer_contact_count(self):
        counts = dict(self._read_group(
            [("parent_id", "in", self.ids), ("is_company", "=", False), ("type", "=", "contact")],
            ["parent_id"],
            ["__count"],
        ))
        for partner in self:
            partner.dealer_contact_count = counts.get(partner, 0)

    @api.onchange("state_id")
    def _onchange_state_id_dealer_region(self):
        if self.state_id and self.is_dealer and not self.dealer_region_id:
            self.dealer_region_id = self.env["dealer.region"]._dealer_region_for_state(self.state_id)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._dealer_check_owner_fields(vals)
            self._dealer_check_followup_dates(create_fields(self, vals))
        self._dealer_add_codes(vals_list)
        partners = super().create(vals_list)
        if not in_action(self):
            partners._dealer_check_new_partners()
        partners._dealer_log_creation()
        return partners

    def write(self, vals):
        self._dealer_check_owner_fields(vals)
        self._dealer_check_followup_dates(vals)
        if not in_action(self):
            self._dealer_check_direct_write(vals)
        changed = self.env["res.partner"]
        if "user_id" in vals and not marked_by_action(self):
            changed = self._dealer_direct_owner_change(vals)
        if changed:
            changed._dealer_change_owner(
                self.env["res.users"].browse(vals["user_id"] or False), None,
                reason=self.env._("Owner changed on the customer form"),
            )
            others = {key: value for key, value in vals.items() if key != "user_id"}
            result = True
            if others:
                result = super(ResPartner, changed).write(others)
            if self - changed:
                result = super(ResPartner, self - changed).write(vals)
        else:
            result = super().write(vals)
        if vals.get("is_dealer"):
            missing = self.filtered(lambda p: not p.dealer_code and not p.parent_id)
            for partner, code in zip(missing, self._dealer_next_codes(len(missing))):
                partner.dealer_code = code
        return result

    def _dealer_check_owner_fields(self, vals):
        check_governed(self, vals, OWNER_GOVERNED_FIELDS, self.env._(
            "A customer changes owner only by being assigned or transferred (or, with the public pool, claimed, "
            "released or recycled).",
        ))

    def _dealer_check_followup_dates(self, vals):
        check_governed(self, vals, FOLLOWUP_DATE_FIELDS, self.env._(
            "A customer's follow-up dates come from its follow-ups and cannot be written.",
        ))

    def _dealer_check_new_partners(self):
        """What a plain ``create`` may not make, whatever defaults the
        client's context asked for: a customer with an owner-since date of
        its own, or, for a salesperson, a customer owned by someone else."""
        if self.filtered("dealer_owner_since"):
            self._dealer_check_owner_fields(OWNER_GOVERNED_FIELDS)
        user = self.env.user
        if user._is_dealer_manager():
            return
        for partner in self.filtered("is_dealer"):
            if partner.user_id and partner.user_id not in user | partner.parent_id.commercial_partner_id.user_id:
                raise AccessError(self.env._(
                    "You can create customers for yourself only; a manager assigns them to others.",
                ))

    def _dealer_check_direct_write(self, vals):
        """Salespeople do not take a customer out of Dealer CRM, nor move
        partners between customers."""
        if self.env.user._is_dealer_manager():
            return
        if "is_dealer" in vals and not vals["is_dealer"] and self.filtered("is_dealer"):
            raise AccessError(self.env._("Only a manager can take a customer out of Dealer CRM."))
        # A company placed under another one would take that company's owner.
        if "parent_id" in vals and self.filtered(lambda partner: partner.is_dealer and partner.is_company):
            raise AccessError(self.env._("Only a manager can place a customer under another company."))
        # A partner moved under a customer brings its orders into the customer's sales, and takes its owner.
        new_parent = self.browse(vals.get("parent_id")).sudo().commercial_partner_id
        if new_parent.is_dealer and self.filtered(lambda partner: partner.commercial_partner_id != new_parent):
            raise AccessError(self.env._("Only a manager can move a contact to another customer."))

    def _dealer_direct_owner_change(self, vals):
        """The customers of ``self`` whose owner a direct write of
        ``vals["user_id"]`` changes: only a manager may, and the change then
        goes through ``_dealer_change_owner`` as an assignment or a transfer.
        The contacts of a customer follow its owner, never their own."""
        user_id = vals["user_id"] or False
        changed = self.filtered(lambda partner: (partner.is_dealer or vals.get("is_dealer"))
                                and partner.user_id.id != user_id)
        if not changed:
            return changed
        if not (self.env.su or self.env.user._is_dealer_manager()):
            raise AccessError(self.env._(
                "Only a manager changes a customer's owner directly.",
            ))
        return changed.filtered(lambda partner: partner.is_company and not partner.parent_id)

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
        for vals, code in zip(needing_code, self._dealer_next_codes(len(needing_code)), strict=True):
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
        # get_next_char(), with the prefix and suffix interpolated once
        prefix, suffix = sequence._get_prefix_suffix()
        return [f"{prefix}{number:0{sequence.padding}d}{suffix}" for (number,) in numbers]

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
        partners = self.browse(ids)
        # The values given and derived here stand, as in create(); images
        # derive from image_1920, which a new partner has not: empty. Every
        # other stored computed field is computed by the ORM, before the
        # INSERT where it can be.
        images = [name for name, field in self._fields.items() if isinstance(field, fields.Image) and field.related]
        protected = [self._fields[name] for name in [*filled, *images] if self._fields[name].compute]
        to_compute = [field for field in self._fields.values()
                      if field.store and field.compute and field not in protected]
        computed = self._dealer_compute_before_insert(partners, rows, columns, filled, [
            field for field in to_compute if field.column_type and not field.company_dependent
        ])
        now = self.env.cr.now()
        inserted = [*filled, *computed]
        converters = [(name, self._fields[name].convert_to_column_insert) for name in filled]
        # The column value of an empty value and of the default, once a field
        # rather than once a cell (an amount's depends on the row's currency).
        empty_columns = {name: convert(None, self, {}) for name, convert in converters}
        unconverted_defaults = {
            name: defaults[name] for name in filled
            if defaults.get(name) not in (None, False) and self._fields[name].type != "monetary"
        }
        default_columns = {name: self._fields[name].convert_to_column_insert(value, self, defaults)
                           for name, value in unconverted_defaults.items()}
        column_list = SQL(", ").join(map(SQL.identifier, ["id", *inserted, *LOG_ACCESS_COLUMNS]))
        log_access = {"create_uid": self.env.uid, "create_date": now, "write_uid": self.env.uid, "write_date": now}
        # The rows travel as one JSON document a batch, which PostgreSQL turns
        # into res_partner rows: three times faster than as many parameters.
        for start, batch in zip(range(0, len(rows), 5000), split_every(5000, rows)):
            records = []
            for index, row in enumerate(batch, start):
                record = {
                    name: empty_columns[name] if (value := row.get(name)) is None or value is False
                    else default_columns[name] if value is unconverted_defaults.get(name)
                    else convert(value, self, row)
                    for name, convert in converters
                }
                record.update((name, values[index]) for name, values in computed.items())
                record.update(log_access, id=row["id"])
                records.append(record)
            self.env.execute_query(SQL(
                "INSERT INTO res_partner (%s) SELECT %s FROM json_populate_recordset(NULL::res_partner, %s)",
                column_list, column_list, json.dumps(records, default=_json_column_value),
            ))
        protected += [self._fields[name] for name in computed]
        for field in to_compute:
            if field.name in computed:
                continue
            # The column is empty: a computed empty value needs no UPDATE.
            if field.column_type and not field.company_dependent:
                for partner in partners:
                    field._update_cache(partner, None)
            self.env.add_to_compute(field, partners)
        with self.env.protecting(protected, partners):
            partners.modified(inserted, create=True)
        parents.invalidate_recordset(["child_ids"])
        partners.check_access("create")
        partners._dealer_log_creation()
        return partners

    @api.model
    def _dealer_compute_before_insert(self, partners, rows, columns, filled, fields_to_compute):
        """Compute ``fields_to_compute`` on ``partners``, which are not in the
        database yet, from their ``rows`` of values of ``columns`` (those
        named in ``filled`` given in some rows), as create() would compute
        them right after its INSERT.

        Inserting the computed values with the others saves an UPDATE of
        every new row (phone and email normalized, Peppol endpoint…), which
        costs as much as the INSERT: each of res_partner's indexes gets an
        entry for the new row version. The rows' values are put in cache, the
        fields to compute empty, as create() leaves them; the fields are
        computed in the order of their dependencies. Returns the column
        values of each field computed, by field name, in the order of
        ``rows``; or nothing when a compute method needed the new records in
        the database (another module's search on them, say): the ORM then
        computes all the fields after the INSERT, as before.
        """
        env = self.env
        ids = partners._ids
        for name in columns:
            field = self._fields[name]
            field_cache = field._get_cache(env)
            field_cache.update(dict.fromkeys(ids, field.convert_to_cache(False, partners, validate=False)))
            if name in filled and field not in fields_to_compute:
                field_cache.update(
                    (row["id"], field.convert_to_cache(value, partners, validate=False))
                    for row in rows if (value := row.get(name)) is not None and value is not False
                )
        for field in self._fields.values():
            if field.type in ("one2many", "many2many") and not field.compute:
                field._get_cache(env).update(dict.fromkeys(ids, ()))
        for field in fields_to_compute:
            env.add_to_compute(field, partners)
        computed = {}
        try:
            for field in self._dealer_dependency_order(fields_to_compute):
                # compute_value(), unlike recompute(), lets MissingError through.
                if not env.transaction.tocompute.get(field, set()).isdisjoint(ids):
                    field.compute_value(partners)
            records = list(partners)
            computed = {
                field.name: [field.get_column_update(record) for record in records]
                for field in fields_to_compute
            }
        except MissingError:
            computed = {}
        # Nothing is left to write: the values go into the INSERT, or the
        # computations start again after it.
        for field in self._fields.values():
            if (dirty_ids := env._field_dirty.get(field)) is not None:
                dirty_ids.difference_update(ids)
                if not dirty_ids:
                    del env._field_dirty[field]
            if not computed:
                env.remove_to_compute(field, partners)
        if not computed:
            partners.invalidate_recordset(flush=False)
        return computed

    @api.model
    def _dealer_dependency_order(self, fields_to_order):
        """``fields_to_order``, each after those of them it depends on."""
        by_name = {field.name: field for field in fields_to_order}
        ordered = []

        def visit(field, visiting):
            if field in ordered or field in visiting:
                return
            for dependency in field.get_depends(self)[0]:
                if (needed := by_name.get(dependency.split(".")[0])) and needed is not field:
                    visit(needed, (*visiting, field))
            ordered.append(field)

        for field in fields_to_order:
            visit(field, ())
        return ordered

    def _dealer_locked_customers(self):
        """The customers (commercial entities) of ``self``, row-locked for
        an ownership change and read again after the lock: of two
        concurrent changes, the second one is told to retry."""
        customers = self.commercial_partner_id
        if not customers or customers.filtered(lambda partner: not partner.is_dealer):
            raise UserError(self.env._("Only Dealer CRM customers change owners this way."))
        try:
            customers.lock_for_update()
        except LockError:
            raise UserError(self.env._(
                "Someone is changing the owner of these customers at this very moment; refresh and try again.",
            )) from None
        customers.invalidate_recordset()
        return customers

    def _dealer_change_owner(self, user, action, reason=False, values=None):
        """The one place where Dealer CRM customers ``self`` (commercial
        entities, locked by the caller) change owner, set-based for any
        number of them: a manager's edit on the form (``action`` None: an
        assignment of a customer without owner, else a transfer), creation
        (the form and the import), and dealer_crm_pool's claim, assignment,
        release, transfer and recycling. It

        - gives the customers and their contacts to ``user`` (owner, team,
          owner-since), with ``values``, what else the change writes on the
          customers (the public pool's pool and protection);
        - logs each change (``dealer.owner.log``);
        - tells ``_dealer_owner_changed`` (dealer_crm_sale marks the sales
          facts of the new customers);
        - hands the previous owner's open work over on a transfer.

        ``action == "create"``: the customers were just created with their
        owner; only the log and what follows it are left to do."""
        if action == "create":
            self._dealer_log_owner_changes(self._dealer_owner_log_rows(None, "create", False, {}))
        else:
            values = values or {}
            previous_owners = self.grouped("user_id")
            self._dealer_log_owner_changes(self._dealer_owner_log_rows(user, action, reason, values))
            as_action(self.sudo()).write({
                "user_id": user.id,
                "dealer_owner_since": fields.Datetime.now() if user else False,
                **values,
            })
            if action in ("transfer", None):
                for previous, handed_over in previous_owners.items():
                    if previous and user and previous != user:
                        handed_over._dealer_hand_over(previous, user)
        self._dealer_owner_changed()

    def _dealer_owner_changed(self):
        """These customers changed owner (or were created with one): nothing
        more here; dealer_crm_sale marks their sales facts."""

    def _dealer_owner_log_rows(self, user, action, reason, values):
        """The ownership log's rows of a change of ``self`` to ``user`` that
        also writes ``values`` on them: one dict of ``dealer.owner.log``
        columns per customer, with the same keys."""
        if action == "create":
            return [{
                "partner_id": customer.id, "from_user_id": False, "to_user_id": customer.user_id.id,
                "action": "create", "reason": False,
            } for customer in self]
        return [{
            "partner_id": customer.id, "from_user_id": customer.user_id.id, "to_user_id": user.id,
            "action": action or ("transfer" if customer.user_id else "assign"), "reason": reason,
        } for customer in self]

    def _dealer_log_creation(self):
        """New Dealer CRM customers created with an owner start their
        ownership history."""
        created = self.filtered(lambda partner: partner.is_company and partner.is_dealer and partner.user_id
                                and not partner.parent_id)
        if created:
            created._dealer_change_owner(None, "create")

    @api.model
    def _dealer_log_owner_changes(self, rows):
        """Log ``rows``, dicts of ``dealer.owner.log`` columns with the same
        keys, in one statement."""
        if not rows:
            return
        Log = self.env["dealer.owner.log"]
        columns = list(rows[0])
        self.env.cr.execute(self._dealer_sql_log(SQL(
            "SELECT * FROM unnest(%s) AS change(%s)",
            SQL(", ").join(
                SQL("%s::%s[]", [row[column] or None for row in rows], SQL(Log._fields[column].column_type[1]))
                for column in columns
            ),
            SQL(", ").join(map(SQL.identifier, columns)),
        ), columns))
        Log.invalidate_model()

    @api.model
    def _dealer_sql_log(self, changes, columns, now=None):
        """INSERT into the ownership log of ``changes``, a query of
        ``columns`` of ``dealer.owner.log`` (partner_id, from_user_id,
        to_user_id, action, reason at least), done by the current user at
        ``now`` (by default, now); the salesperson each counts for as
        ``dealer.owner.log`` defines it."""
        return SQL(
            """
            INSERT INTO dealer_owner_log (%(columns)s, user_id, date, salesperson_id, company_id,
                                          create_uid, create_date, write_uid, write_date)
            SELECT %(values)s, %(uid)s, %(now)s,
                   CASE WHEN change.action IN %(giving_up)s THEN change.from_user_id ELSE change.to_user_id END,
                   customer.company_id, %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM (%(changes)s) AS change
              JOIN res_partner customer ON customer.id = change.partner_id
            """,
            columns=SQL(", ").join(map(SQL.identifier, columns)),
            values=SQL(", ").join(SQL.identifier("change", column) for column in columns),
            uid=self.env.uid, now=now or fields.Datetime.now(), changes=changes, giving_up=GIVING_UP_ACTIONS,
        )

    def _dealer_hand_over(self, previous, user):
        """What ``previous`` had running with these customers goes to ``user``:
        open activities (dealer_crm_sale adds the open quotations,
        dealer_crm_field the future visits)."""
        family = self.env["res.partner"].with_context(active_test=False).search([("id", "child_of", self.ids)])
        self.env["mail.activity"].sudo().search([
            ("res_model", "=", "res.partner"), ("res_id", "in", family.ids), ("user_id", "=", previous.id),
        ]).write({"user_id": user.id})

    def _dealer_hidden_contact_ids(self, ignore_sudo=False):
        """The ids of ``self`` whose contact details (phone, email, address)
        the current user may not see: none here; dealer_crm_pool hides those
        of the customers in a pool that hides them, until claimed."""
        return set()

    def _dealer_awaiting_claim(self):
        """The customers of ``self`` (commercial entities) that must be
        claimed before anyone works on them: none here; dealer_crm_pool's
        customers sitting in a public pool."""
        return self.browse()

    def action_dealer_view_contacts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_crm.res_partner_action_dealer_contact")
        action["domain"] = [("parent_id", "=", self.id), ("is_company", "=", False), ("type", "=", "contact")]
        action["context"] = {"default_parent_id": self.id, "default_type": "contact"}
        return action
