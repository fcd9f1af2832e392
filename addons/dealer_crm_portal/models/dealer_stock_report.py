import math
import re
from collections import defaultdict

import psycopg2

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command, Domain
from odoo.tools import SQL, float_round, format_list, plaintext2html

from odoo.addons.dealer_crm.tools.guard import as_action, check_governed, marked_by_action
from odoo.addons.dealer_crm.tools import spreadsheet
from odoo.addons.dealer_crm.tools.settings import get_setting

# A quantity a dealer reports, per product and month: more is a typo.
MAX_STOCK_QUANTITY = 10_000_000
# Products on one report.
MAX_REPORT_PRODUCTS = 2000
# Regional sell-out lines on one report.
MAX_SELLOUT_LINES = 5000
# How far back a dealer may report or correct a month.
REPORTABLE_MONTHS = 12
SETTING_DEFAULTS = {
    # Opening + received − sold may differ from the closing stock by this
    # percentage of opening + received (breakage, samples, counting).
    "dealer_crm_portal.stock_tolerance_percent": 1,
}
REPORT_SOURCES = [
    ("portal", "Portal Form"),
    ("upload", "Spreadsheet Upload"),
]
FIGURES = ("opening_qty", "received_qty", "sold_qty", "closing_qty")
# How the levels of a region are written in a spreadsheet: 华东区/杭州, 华东区 › 杭州.
REGION_SEPARATORS = re.compile(r"\s*(?:›|>|/|／)\s*")
# The columns of the spreadsheet a dealer uploads: (key, Chinese title,
# English title, required). A product's figures are on one row; more rows
# of the same product, with a region and a quantity, give its sell-out by
# region.
UPLOAD_COLUMNS = [
    ("code", "产品编码", "Product Code", False),
    ("product", "产品名称", "Product", False),
    ("opening_qty", "期初库存", "Opening Stock", False),
    ("received_qty", "本月进货", "Received", False),
    ("sold_qty", "本月销售", "Sold", False),
    ("closing_qty", "期末库存", "Closing Stock", False),
    ("region", "销售区域", "Region", False),
    ("region_qty", "区域销量", "Regional Sales", False),
]
UPLOAD_SYNONYMS = {
    "code": ("编码", "物料编码", "商品编码", "货号", "Internal Reference", "Reference", "SKU"),
    "product": ("产品", "商品", "商品名称", "品名", "物料名称", "Product Name"),
    "opening_qty": ("期初", "上月库存", "期初数量", "Opening"),
    "received_qty": ("进货", "入库", "本月入库", "进货数量", "Purchased"),
    "sold_qty": ("销售", "出库", "本月出库", "销量", "销售数量", "Sales"),
    "closing_qty": ("期末", "库存", "结存", "期末数量", "Closing", "Stock"),
    "region": ("区域", "城市", "销售城市", "City", "Sales Region"),
    "region_qty": ("区域销售", "城市销量", "Regional Sold", "Region Quantity"),
}


class DealerStockReport(models.Model):
    """A dealer's stock and sell-out report (进销存上报) for one month.

    Per product, the dealer reports its opening stock, what it received,
    what it sold and its closing stock; optionally where it sold, by region.
    There is one report per dealer, company and month: a correction replaces
    the figures of the month's report, raises its revision and posts what
    changed on its chatter. Sell-out in a region outside the territory of
    the dealer's agreement (窜货) gives that region's manager an activity.
    Nothing on it is written but by its submission."""

    _name = "dealer.stock.report"
    _description = "Dealer Stock and Sell-out Report"
    _inherit = ["dealer.value.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, partner_id, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one("res.partner", string="Dealer", required=True, readonly=True, index=True,
                                 ondelete="restrict", domain=[("is_dealer", "=", True), ("is_company", "=", True)])
    company_id = fields.Many2one("res.company", string="Company", required=True, readonly=True, index=True,
                                 default=lambda self: self.env.company)
    date_from = fields.Date(string="Month", required=True, readonly=True, index=True,
                            help="The first day of the month reported.")
    period = fields.Char(string="Period", compute="_compute_period")
    agreement_id = fields.Many2one("dealer.agreement", string="Agreement", readonly=True, index="btree_not_null",
                                   help="The agreement in force that month: its products and territory are "
                                        "those the report is checked against.")
    region_id = fields.Many2one("dealer.region", string="Dealer's Region", readonly=True, index="btree_not_null",
                                help="The dealer's region when the report was submitted.")
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True, index="btree_not_null",
                              help="The dealer's salesperson when the report was submitted.")
    source = fields.Selection(REPORT_SOURCES, string="Reported With", required=True, readonly=True,
                              default="portal")
    revision = fields.Integer(string="Revision", readonly=True, default=1, tracking=True,
                              help="1 for the first report of the month; each correction adds one.")
    submitted_by_id = fields.Many2one("res.users", string="Submitted By", readonly=True, tracking=True)
    submitted_date = fields.Datetime(string="Submitted On", readonly=True, tracking=True)
    line_ids = fields.One2many("dealer.stock.report.line", "report_id", string="Products", readonly=True)
    sellout_ids = fields.One2many("dealer.stock.report.sellout", "report_id", string="Sell-out by Region",
                                  readonly=True)
    opening_qty = fields.Float(string="Opening Stock", readonly=True, digits="Product Unit")
    received_qty = fields.Float(string="Received", readonly=True, digits="Product Unit")
    sold_qty = fields.Float(string="Sold", readonly=True, digits="Product Unit")
    closing_qty = fields.Float(string="Closing Stock", readonly=True, digits="Product Unit")
    cross_territory = fields.Boolean(string="Sold Outside Territory", readonly=True, index=True, tracking=True,
                                     help="Part of the sell-out was reported in regions outside the territory "
                                          "of the dealer's agreement (窜货).")

    _month_unique = models.Constraint(
        "UNIQUE (partner_id, company_id, date_from)",
        "A dealer has one stock report per month: a correction replaces it.")

    @api.depends("date_from")
    def _compute_period(self):
        for report in self:
            report.period = report.date_from.strftime("%Y-%m") if report.date_from else False

    @api.depends("partner_id", "period")
    def _compute_display_name(self):
        for report in self:
            report.display_name = self.env._(
                "%(dealer)s · %(month)s", dealer=report.partner_id.name, month=report.period)

    # ------------------------------------------------------------------
    # Only the submission writes
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not marked_by_action(self):
            raise AccessError(self.env._("Stock reports are submitted by the dealer, not created by hand."))
        return super().create(vals_list)

    def write(self, vals):
        check_governed(self, vals, set(self._fields) - set(models.MAGIC_COLUMNS), self.env._(
            "A stock report is written only by its submission: the dealer corrects it by reporting "
            "the month again."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise AccessError(self.env._("Stock reports are kept: a correction replaces the month's figures."))
        return super().unlink()

    # ------------------------------------------------------------------
    # Who reports, which months, which products
    # ------------------------------------------------------------------

    @api.model
    def _dealer_check_reporter(self, dealer):
        """A dealer's portal user reports for their own dealer; the back
        office and the administrator for any dealer (a report sent on
        paper)."""
        user = self.env.user
        if user._is_portal():
            if user.commercial_partner_id != dealer:
                raise AccessError(self.env._("You can only report your own stock."))
        elif not (self.env.su or user.has_group("dealer_crm.group_dealer_back_office")
                  or user.has_group("dealer_crm.group_dealer_admin")):
            raise AccessError(self.env._("Stock reports are submitted by the dealer or by the back office."))

    @api.model
    def _dealer_reportable_months(self):
        """The first days of the months a dealer may report, latest first:
        this month and the REPORTABLE_MONTHS before it."""
        this_month = self.env.user._dealer_local_today().replace(day=1)
        return [this_month - relativedelta(months=months) for months in range(REPORTABLE_MONTHS + 1)]

    @api.model
    def _dealer_month(self, text):
        """The first day of the month ``text`` ("2026-11") names, if the
        dealer may report it; else a UserError."""
        try:
            month = fields.Date.to_date(f"{str(text)[:7]}-01")
        except ValueError:
            month = None
        if not month or month not in self._dealer_reportable_months():
            raise UserError(self.env._(
                "Report a month from the last %(count)s months up to this one.", count=REPORTABLE_MONTHS))
        return month

    @api.model
    def _dealer_agreement_of(self, dealer, month):
        """The agreement ``dealer`` worked under in ``month`` (superuser):
        its active one if it covers the month, else the latest one that
        did."""
        month_end = month + relativedelta(months=1, days=-1)
        return self.env["dealer.agreement"].sudo().search([
            ("partner_id", "=", dealer.id), ("state", "in", ("active", "expired", "terminated")),
            ("date_start", "<=", month_end), ("date_end", ">=", month),
        ], order="state, agreement_type desc, date_start desc", limit=1)

    @api.model
    def _dealer_product_domain(self, agreement):
        """The products a dealer reports under ``agreement``: those of its
        categories (any, without categories), stocked goods only."""
        domain = Domain("type", "=", "consu") & Domain("company_id", "in", (False, agreement.company_id.id))
        if agreement.product_category_ids:
            domain &= Domain("categ_id", "child_of", agreement.product_category_ids.ids)
        return domain

    @api.model
    def _dealer_tolerance(self, opening, received, rounding):
        """How far opening + received − sold may be from the closing stock."""
        percent = get_setting(self.env, "dealer_crm_portal.stock_tolerance_percent", SETTING_DEFAULTS)
        return max(rounding, (opening + received) * max(percent, 0) / 100.0)

    # ------------------------------------------------------------------
    # Pre-filling the form
    # ------------------------------------------------------------------

    @api.model
    def _dealer_received_quantities(self, dealer, company, month):
        """{product id: quantity} that reached ``dealer`` from us in
        ``month``: the deliveries done to it, less the returns, where
        inventory is installed; else the quantities of the posted invoices
        less the credit notes."""
        self.env.flush_all()
        start = self.env.user._dealer_to_utc(fields.Datetime.to_datetime(month))
        end = self.env.user._dealer_to_utc(fields.Datetime.to_datetime(month + relativedelta(months=1)))
        if "stock.move" in self.env:
            query = SQL(
                """
                SELECT move.product_id,
                       SUM(CASE WHEN destination.usage = 'customer' THEN move.product_qty ELSE -move.product_qty END)
                  FROM stock_move move
                  JOIN stock_location source ON source.id = move.location_id
                  JOIN stock_location destination ON destination.id = move.location_dest_id
                  JOIN res_partner partner ON partner.id = move.partner_id
                 WHERE move.state = 'done' AND move.company_id = %(company)s
                   AND partner.commercial_partner_id = %(dealer)s
                   AND move.date >= %(start)s AND move.date < %(end)s
                   AND (destination.usage = 'customer') != (source.usage = 'customer')
                 GROUP BY move.product_id
                """,
                company=company.id, dealer=dealer.id, start=start, end=end,
            )
        else:
            query = SQL(
                """
                SELECT line.product_id,
                       SUM(CASE WHEN move.move_type = 'out_invoice' THEN line.quantity ELSE -line.quantity END)
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                 WHERE move.state = 'posted' AND move.move_type IN ('out_invoice', 'out_refund')
                   AND move.company_id = %(company)s AND move.commercial_partner_id = %(dealer)s
                   AND line.display_type = 'product' AND line.product_id IS NOT NULL
                   AND move.invoice_date >= %(month)s AND move.invoice_date < %(next)s
                 GROUP BY line.product_id
                """,
                company=company.id, dealer=dealer.id, month=month, next=month + relativedelta(months=1),
            )
        return {product_id: quantity for product_id, quantity in self.env.execute_query(query) if quantity}

    @api.model
    def _dealer_form_lines(self, dealer, month):
        """The rows the portal form starts with, one per product: the
        month's report as submitted; else the opening stock from last
        month's closing and the received quantities from our deliveries."""
        agreement = self._dealer_agreement_of(dealer, month)
        if not agreement:
            return []
        report = self.sudo().search([
            ("partner_id", "=", dealer.id), ("company_id", "=", agreement.company_id.id), ("date_from", "=", month),
        ])
        if report:
            return [{"product": line.product_id, **{name: line[name] for name in FIGURES}}
                    for line in report.line_ids]
        previous = self.sudo().search([
            ("partner_id", "=", dealer.id), ("company_id", "=", agreement.company_id.id),
            ("date_from", "=", month - relativedelta(months=1)),
        ])
        opening = {line.product_id.id: line.closing_qty for line in previous.line_ids}
        received = self._dealer_received_quantities(dealer, agreement.company_id, month)
        products = self.env["product.product"].sudo().search(
            self._dealer_product_domain(agreement) & Domain("id", "in", [*opening, *received]),
            order="default_code, name, id")
        rows = []
        for product in products:
            opening_qty, received_qty = opening.get(product.id, 0.0), received.get(product.id, 0.0)
            rows.append({"product": product, "opening_qty": opening_qty, "received_qty": received_qty,
                         "sold_qty": 0.0, "closing_qty": opening_qty + received_qty})
        return rows

    # ------------------------------------------------------------------
    # The spreadsheet
    # ------------------------------------------------------------------

    @api.model
    def _dealer_upload_template(self, dealer, month):
        """The .xlsx a dealer fills in for ``month``, with the form's rows."""
        header = [f"{chinese} / {english}" for _key, chinese, english, _required in UPLOAD_COLUMNS]
        rows = [
            [row["product"].default_code or "", row["product"].name,
             *(row[name] for name in FIGURES), "", ""]
            for row in self._dealer_form_lines(dealer, month)
        ]
        return spreadsheet.write_xlsx(header, rows)

    @api.model
    def _dealer_rows_from_file(self, dealer, month, content, filename):
        """The ``rows`` and ``sellouts`` of :meth:`_dealer_submit` read from
        an uploaded spreadsheet, with the customer import's engine: a bad
        file, an unknown product or region is a UserError that names the
        row."""
        header, table = spreadsheet.read_rows(self.env, content, filename, empty_message=self.env._(
            "The sheet is empty: put the column titles in the first row and one product a row below."))
        by_title = spreadsheet.column_titles(UPLOAD_COLUMNS, UPLOAD_SYNONYMS)
        columns = spreadsheet.match_columns(self.env, header, UPLOAD_COLUMNS, by_title)
        if "code" not in columns and "product" not in columns:
            raise UserError(self.env._(
                "The column 产品编码 / Product Code or 产品名称 / Product is missing. "
                "Download the template to see the expected columns."))
        if not set(FIGURES) <= set(columns):
            raise UserError(self.env._(
                "The columns 期初库存 / Opening Stock, 本月进货 / Received, 本月销售 / Sold and "
                "期末库存 / Closing Stock are needed. Download the template to see the expected columns."))
        agreement = self._dealer_agreement_of(dealer.sudo().commercial_partner_id, month)
        if not agreement:
            raise UserError(self.env._(
                "%(dealer)s had no agreement in force in %(month)s: there is nothing to report under.",
                dealer=dealer.name, month=month.strftime("%Y-%m")))
        products = self.env["product.product"].sudo().search(self._dealer_product_domain(agreement))
        by_code = {spreadsheet.comparison_key(product.default_code): product
                   for product in products if product.default_code}
        by_name = defaultdict(lambda: self.env["product.product"])
        for product in products:
            by_name[spreadsheet.comparison_key(product.name)] |= product
        regions = self.env["dealer.region"].sudo().search([])
        region_by_path = {spreadsheet.comparison_key(region.complete_name): region for region in regions}
        region_by_name = defaultdict(lambda: self.env["dealer.region"])
        for region in regions:
            region_by_name[spreadsheet.comparison_key(region.name)] |= region

        def cell(values, key):
            return values[columns[key]] if key in columns else ""

        rows, sellouts = [], []
        for number, values in table:
            label = self.env._("Row %(row)s", row=number)
            code, name = cell(values, "code"), cell(values, "product")
            product = by_code.get(spreadsheet.comparison_key(code)) if code else None
            if not product and name:
                found = by_name.get(spreadsheet.comparison_key(name))
                if found and len(found) > 1:
                    raise UserError(self.env._(
                        "%(row)s: several products are named “%(name)s”: give the product code.",
                        row=label, name=name[:100]))
                product = found
            if not product:
                raise UserError(self.env._(
                    "%(row)s: “%(product)s” is not among the products of your agreement %(agreement)s.",
                    row=label, product=(code or name)[:100], agreement=agreement.name))
            if any(cell(values, name) != "" for name in FIGURES):
                rows.append({"product": product, "label": label,
                             **{name: cell(values, name) for name in FIGURES}})
            region_text = cell(values, "region")
            if region_text or cell(values, "region_qty"):
                key = " › ".join(spreadsheet.comparison_key(part) for part in REGION_SEPARATORS.split(region_text))
                region = (region_by_path.get(key) or region_by_name.get(spreadsheet.comparison_key(region_text))
                          or self.env["dealer.region"])
                if region_text and not region:
                    raise UserError(self.env._(
                        "%(row)s: “%(region)s” is not one of our regions.", row=label, region=region_text[:100]))
                if len(region) > 1:
                    raise UserError(self.env._(
                        "%(row)s: several regions are named “%(region)s”: write it with its parent region, "
                        "as 华东区/杭州.", row=label, region=region_text[:100]))
                sellouts.append({"product": product, "region": region, "label": label,
                                 "quantity": cell(values, "region_qty")})
        return rows, sellouts

    # ------------------------------------------------------------------
    # Submitting
    # ------------------------------------------------------------------

    @api.model
    def _dealer_quantity(self, typed, what):
        """A typed quantity as a number ≥ 0 and not absurd; else a UserError
        that names ``what``."""
        if typed in (None, "", False):
            return 0.0
        try:
            quantity = float(str(typed).replace(",", "").strip())
        except ValueError:
            raise UserError(self.env._(
                "%(what)s: “%(quantity)s” is not a quantity.", what=what, quantity=str(typed)[:20])) from None
        if not math.isfinite(quantity) or quantity < 0 or quantity > MAX_STOCK_QUANTITY:
            raise UserError(self.env._(
                "%(what)s: enter a quantity from 0 to %(maximum)s.", what=what, maximum=f"{MAX_STOCK_QUANTITY:,}"))
        return quantity

    @api.model
    def _dealer_submit(self, dealer, month, rows, sellouts, source="portal"):
        """Submit ``dealer``'s report for ``month`` (its first day).

        ``rows`` are dicts with ``product`` (a product.product), ``label``
        (how the dealer names the row in a message: the product, a
        spreadsheet row) and the four figures as typed; ``sellouts`` dicts
        with ``product``, ``region`` (a dealer.region), ``label`` and
        ``quantity``. Everything is checked first: a refusal is a UserError
        that says what to fix, and writes nothing. A month already reported
        has its figures replaced, its revision raised and the change posted
        on its chatter. Returns the report."""
        dealer = dealer.sudo().commercial_partner_id
        self._dealer_check_reporter(dealer)
        rows = [{**row, "product": row["product"].sudo()} for row in rows]
        sellouts = [{**sellout, "product": sellout["product"].sudo(), "region": sellout["region"].sudo()}
                    for sellout in sellouts]
        agreement = self._dealer_agreement_of(dealer, month)
        if not agreement:
            raise UserError(self.env._(
                "%(dealer)s had no agreement in force in %(month)s: there is nothing to report under.",
                dealer=dealer.name, month=month.strftime("%Y-%m")))
        lines = self._dealer_checked_lines(agreement, rows)
        sellout_lines = self._dealer_checked_sellouts(agreement, lines, sellouts)
        return self._dealer_store(dealer, agreement, month, lines, sellout_lines, source)

    @api.model
    def _dealer_checked_lines(self, agreement, rows):
        """{product: {figure: quantity}} of ``rows``, each checked."""
        if not rows:
            raise UserError(self.env._("Report at least one product."))
        if len(rows) > MAX_REPORT_PRODUCTS:
            raise UserError(self.env._(
                "A report holds at most %(count)s products.", count=f"{MAX_REPORT_PRODUCTS:,}"))
        allowed = self.env["product.product"].sudo().search(
            self._dealer_product_domain(agreement) & Domain("id", "in", [row["product"].id for row in rows]))
        titles = {
            "opening_qty": self.env._("Opening Stock"), "received_qty": self.env._("Received"),
            "sold_qty": self.env._("Sold"), "closing_qty": self.env._("Closing Stock"),
        }
        lines = {}
        for row in rows:
            product, label = row["product"], row["label"]
            if product not in allowed:
                raise UserError(self.env._(
                    "%(row)s: %(product)s is not among the products of your agreement %(agreement)s.",
                    row=label, product=product.display_name, agreement=agreement.name))
            if product in lines:
                raise UserError(self.env._(
                    "%(row)s: %(product)s is reported twice; give each product's figures once.",
                    row=label, product=product.display_name))
            rounding = product.uom_id.rounding
            figures = {
                name: float_round(self._dealer_quantity(row.get(name), f"{label}, {titles[name]}"),
                                  precision_rounding=rounding)
                for name in FIGURES
            }
            expected = figures["opening_qty"] + figures["received_qty"] - figures["sold_qty"]
            tolerance = self._dealer_tolerance(figures["opening_qty"], figures["received_qty"], rounding)
            if abs(expected - figures["closing_qty"]) > tolerance + rounding / 2:
                raise UserError(self.env._(
                    "%(row)s: opening %(opening)s + received %(received)s − sold %(sold)s = %(expected)s, "
                    "but the closing stock is %(closing)s. Check the figures of %(product)s.",
                    row=label, product=product.display_name, expected=f"{expected:g}",
                    opening=f"{figures['opening_qty']:g}", received=f"{figures['received_qty']:g}",
                    sold=f"{figures['sold_qty']:g}", closing=f"{figures['closing_qty']:g}"))
            lines[product] = figures
        return lines

    @api.model
    def _dealer_checked_sellouts(self, agreement, lines, sellouts):
        """{(product, region): quantity} of ``sellouts``, each checked: a
        product of the report, a region, and no more sold by region than
        sold in all."""
        if len(sellouts) > MAX_SELLOUT_LINES:
            raise UserError(self.env._(
                "A report holds at most %(count)s sell-out lines.", count=f"{MAX_SELLOUT_LINES:,}"))
        by_region, sold_by_region = defaultdict(float), defaultdict(float)
        for sellout in sellouts:
            product, region, label = sellout["product"], sellout["region"], sellout["label"]
            typed = self._dealer_quantity(sellout.get("quantity"), label)
            if not typed:
                continue
            if not region:
                raise UserError(self.env._("%(row)s: say in which region it was sold.", row=label))
            if not product:
                raise UserError(self.env._("%(row)s: say which product was sold.", row=label))
            if product not in lines:
                raise UserError(self.env._(
                    "%(row)s: report the stock figures of %(product)s too.", row=label, product=product.display_name))
            quantity = float_round(typed, precision_rounding=product.uom_id.rounding)
            if quantity:
                by_region[product, region] += quantity
                sold_by_region[product] += quantity
        for product, quantity in sold_by_region.items():
            if quantity > lines[product]["sold_qty"] + product.uom_id.rounding / 2:
                raise UserError(self.env._(
                    "%(product)s: %(regional)s sold by region, more than the %(sold)s sold in all.",
                    product=product.display_name, regional=f"{quantity:g}", sold=f"{lines[product]['sold_qty']:g}"))
        return by_region

    @api.model
    def _dealer_store(self, dealer, agreement, month, lines, sellout_lines, source):
        """Write the checked report: the month's report is created or its
        figures replaced, in one savepoint."""
        company = agreement.company_id
        territory = agreement.region_ids
        outside = {
            region for _product, region in sellout_lines
            if territory and not region.filtered_domain([("id", "child_of", territory.ids)])
        }
        values = {
            "agreement_id": agreement.id,
            "region_id": dealer.sudo().dealer_region_id.id or False,
            "user_id": dealer.sudo().user_id.id or False,
            "source": source,
            "submitted_by_id": self.env.user.id,
            "submitted_date": fields.Datetime.now(),
            "cross_territory": bool(outside),
            **{name: sum(figures[name] for figures in lines.values()) for name in FIGURES},
            "line_ids": [Command.create({"product_id": product.id, **figures}) for product, figures in lines.items()],
            "sellout_ids": [
                Command.create({"product_id": product.id, "region_id": region.id, "quantity": quantity,
                                "outside_territory": region in outside})
                for (product, region), quantity in sellout_lines.items()
            ],
        }
        reports = as_action(self.sudo().with_company(company))
        with self.env.cr.savepoint():
            report = reports.search([
                ("partner_id", "=", dealer.id), ("company_id", "=", company.id), ("date_from", "=", month)])
            before = report._dealer_outside_quantities()
            if report:
                changes = report._dealer_changes(lines, sellout_lines)
                report.line_ids.unlink()
                report.sellout_ids.unlink()
                report.write({**values, "revision": report.revision + 1})
                report.message_post(body=changes)
            else:
                try:
                    with self.env.cr.savepoint():
                        report = reports.create({
                            **values, "partner_id": dealer.id, "company_id": company.id, "date_from": month})
                except psycopg2.errors.UniqueViolation:
                    raise UserError(self.env._(
                        "This month's report was submitted from elsewhere at the same moment: reload the page, "
                        "check it and submit again to correct it.")) from None
            after = report._dealer_outside_quantities()
            report._dealer_alert_cross_territory({
                region for (product, region), quantity in after.items() if before.get((product, region)) != quantity})
        return report.with_env(self.env)

    def _dealer_outside_quantities(self):
        """{(product, region): quantity} of the report's sell-out outside
        the territory."""
        return {(sellout.product_id, sellout.region_id): sellout.quantity
                for sellout in self.sellout_ids if sellout.outside_territory}

    def _dealer_changes(self, lines, sellout_lines):
        """The chatter message of a correction: per product, the figures
        that changed, old → new, then the sell-out by region that changed."""
        self.ensure_one()
        before = {line.product_id: {name: line[name] for name in FIGURES} for line in self.line_ids}
        names = {"opening_qty": self.env._("opening"), "received_qty": self.env._("received"),
                 "sold_qty": self.env._("sold"), "closing_qty": self.env._("closing")}
        changes = []
        for product in (self.line_ids.product_id | self.env["product.product"].union(*lines)):
            old, new = before.get(product), lines.get(product)
            if old is None:
                changes.append(self.env._("%(product)s: added", product=product.display_name))
            elif new is None:
                changes.append(self.env._("%(product)s: removed", product=product.display_name))
            elif old != new:
                changes.append(self.env._("%(product)s: %(figures)s", product=product.display_name, figures=", ".join(
                    f"{names[name]} {old[name]:g} → {new[name]:g}" for name in FIGURES if old[name] != new[name])))
        sold_before = {(sellout.product_id, sellout.region_id): sellout.quantity for sellout in self.sellout_ids}
        for product, region in sorted({*sold_before, *sellout_lines}, key=lambda key: (key[1].id, key[0].id)):
            old, new = sold_before.get((product, region), 0.0), sellout_lines.get((product, region), 0.0)
            if old != new:
                changes.append(self.env._(
                    "Sold in %(region)s, %(product)s: %(old)s → %(new)s", region=region.complete_name,
                    product=product.display_name, old=f"{old:g}", new=f"{new:g}"))
        summary = self.env._("Corrected by %(user)s (revision %(revision)s).",
                             user=self.env.user.name, revision=self.revision + 1)
        return plaintext2html("\n".join([summary, *changes]) if changes else summary)

    def _dealer_alert_cross_territory(self, regions):
        """Give the manager of each region in ``regions`` (the nearest one
        up the tree; else the dealer's salesperson) one activity about this
        report's sell-out outside the agreement's territory there. Called
        with the regions whose sell-out outside is new or changed: an alert,
        once given, stays until its manager deals with it, whatever the
        dealer reports afterwards."""
        self.ensure_one()
        activity_type = self.env.ref("dealer_crm_portal.mail_activity_type_dealer_cross_territory")
        by_user = defaultdict(lambda: self.env["dealer.region"])
        for region in regions:
            manager = next((ancestor.manager_id for ancestor in self._dealer_ancestors(region) if ancestor.manager_id),
                           self.partner_id.user_id)
            if manager:
                by_user[manager] |= region
        for user, user_regions in by_user.items():
            # In the manager's language, whoever submitted the report.
            report = self.with_context(lang=user.lang or self.env.lang)
            quantities = [
                f"{sellout.region_id.complete_name}: {sellout.product_id.display_name} {sellout.quantity:g}"
                for sellout in report.sellout_ids if sellout.region_id in user_regions
            ]
            report.activity_schedule(
                activity_type_id=activity_type.id, user_id=user.id,
                summary=report.env._("%(dealer)s sold outside its territory in %(month)s",
                                     dealer=report.partner_id.name, month=report.period),
                note=plaintext2html(report.env._(
                    "%(dealer)s reported sell-out in %(regions)s, outside the territory of the agreement "
                    "%(agreement)s:\n%(lines)s",
                    dealer=report.partner_id.name,
                    regions=format_list(report.env, user_regions.with_env(report.env).mapped("complete_name")),
                    agreement=report.agreement_id.name, lines="\n".join(quantities))),
            )

    @api.model
    def _dealer_ancestors(self, region):
        """``region`` and its parents, nearest first."""
        ids = [int(part) for part in region.parent_path.split("/") if part]
        return self.env["dealer.region"].sudo().browse(reversed(ids))
