from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.dealer_stock_report import FIGURES

LATEST_ORDERS = 10
LATEST_STATEMENTS = 3
# Entries a statement's page lists; the PDF has them all.
STATEMENT_PAGE_ENTRIES = 200
# Empty sell-out rows the stock report form offers.
SELLOUT_FORM_ROWS = 3


class DealerPortal(CustomerPortal):

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_home_count" in counters:
            # Not a count: whether the user works for a dealer, who has a dealer home.
            values["dealer_home_count"] = int(bool(self._dealer_portal_dealer(missing_ok=True)))
        return values

    def _dealer_portal_dealer(self, missing_ok=False):
        """The dealer the current user works for, in the user's own rights;
        a user who works for no Dealer CRM customer gets a 404 (or nothing,
        with ``missing_ok``)."""
        dealer = request.env.user.partner_id.commercial_partner_id
        if not dealer.is_dealer or not dealer.is_company:
            if missing_ok:
                return request.env["res.partner"]
            raise request.not_found()
        return dealer.with_env(request.env)

    @http.route("/my/dealer", type="http", auth="user", website=True, readonly=True)
    def dealer_home(self, **kwargs):
        dealer = self._dealer_portal_dealer()
        agreements = dealer._dealer_portal_agreements()
        agreement = request.env["dealer.agreement"]._dealer_active_of(dealer).with_env(request.env)
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_home",
            "dealer": dealer,
            "agreements": agreements,
            "agreement": agreement,
            "rebate": agreement._dealer_portal_rebate() if agreement else None,
            "credit": dealer._dealer_portal_credit(agreement),
            "orders": request.env["sale.order"].search(
                request.env["sale.order"]._dealer_portal_domain(dealer), order="date_order desc, id desc",
                limit=LATEST_ORDERS),
            "statements": request.env["dealer.statement"].search(
                self._dealer_statement_domain(dealer), limit=LATEST_STATEMENTS),
        })
        return request.render("dealer_crm_portal.dealer_portal_home", values)

    def _dealer_statement_domain(self, dealer):
        """The statements the dealer is shown: sent, and not replaced
        before they were confirmed (the record rules keep it to its own)."""
        return Domain("partner_id", "=", dealer.id) & Domain("state", "not in", ("draft", "replaced"))

    def _dealer_portal_document(self, model_name, document_id):
        """The current dealer's document ``document_id`` of ``model_name``,
        in the user's rights; anyone else's, or none, is a 404."""
        dealer = self._dealer_portal_dealer()
        try:
            document = self._document_check_access(model_name, document_id)
        except (AccessError, MissingError):
            raise request.not_found()
        if document.partner_id != dealer:
            raise request.not_found()
        # Odoo's check returns the record as the superuser: what the dealer does runs as the dealer.
        return document.with_env(request.env)

    def _dealer_portal_statement(self, statement_id):
        """The dealer's sent statement ``statement_id`` (see
        ``_dealer_portal_document``)."""
        statement = self._dealer_portal_document("dealer.statement", statement_id)
        if statement.state == "draft":
            raise request.not_found()
        return statement

    @http.route("/my/dealer/statements", type="http", auth="user", website=True, readonly=True)
    def dealer_statements(self, **kwargs):
        dealer = self._dealer_portal_dealer()
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_statements",
            "dealer": dealer,
            "statements": request.env["dealer.statement"].search(self._dealer_statement_domain(dealer)),
        })
        return request.render("dealer_crm_portal.dealer_portal_statements", values)

    @http.route("/my/dealer/statements/<int:statement_id>", type="http", auth="user", website=True)
    def dealer_statement(self, statement_id, **kwargs):
        """The statement, marked viewed the first time the dealer opens it."""
        statement = self._dealer_portal_statement(statement_id)
        statement._dealer_mark_viewed()
        return self._dealer_statement_page(statement)

    def _dealer_statement_page(self, statement, error=None):
        """The statement's page, with the message of an answer refused."""
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_statement",
            "statement": statement,
            "entries": statement.line_ids[:STATEMENT_PAGE_ENTRIES],
            "error": error,
        })
        return request.render("dealer_crm_portal.dealer_portal_statement", values)

    @http.route("/my/dealer/statements/<int:statement_id>/pdf", type="http", auth="user", readonly=True)
    def dealer_statement_pdf(self, statement_id, **kwargs):
        statement = self._dealer_portal_statement(statement_id)
        pdf, _report_type = request.env["ir.actions.report"].sudo().with_context(
            lang=statement.partner_id.lang or request.env.lang)._render_qweb_pdf(
            "dealer_crm_portal.dealer_statement_report_action", statement.ids)
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", len(pdf)),
            ("Content-Disposition", http.content_disposition(statement._dealer_pdf_name())),
        ])

    @http.route("/my/dealer/statements/<int:statement_id>/confirm", type="http", auth="user", website=True,
                methods=["POST"])
    def dealer_statement_confirm(self, statement_id, **kwargs):
        statement = self._dealer_portal_statement(statement_id)
        try:
            statement.action_dealer_confirm()
        except UserError as error:
            return self._dealer_statement_page(statement, error=error.args[0])
        return request.redirect(statement.access_url)

    @http.route("/my/dealer/statements/<int:statement_id>/dispute", type="http", auth="user", website=True,
                methods=["POST"])
    def dealer_statement_dispute(self, statement_id, comment=None, **kwargs):
        statement = self._dealer_portal_statement(statement_id)
        try:
            statement.action_dealer_dispute(comment)
        except UserError as error:
            return self._dealer_statement_page(statement, error=error.args[0])
        return request.redirect(statement.access_url)

    @http.route("/my/dealer/agreements/<int:agreement_id>/pdf", type="http", auth="user", readonly=True)
    def dealer_agreement_pdf(self, agreement_id, **kwargs):
        """The signed agreement as uploaded, else the agreement printed."""
        agreement = self._dealer_portal_document("dealer.agreement", agreement_id).sudo()
        if agreement.signed_document:
            stream = request.env["ir.binary"]._get_stream_from(
                agreement, "signed_document", filename=agreement.signed_document_name or f"{agreement.name}.pdf",
                default_mimetype="application/pdf")
            return stream.get_response(as_attachment=True)
        pdf, _report_type = request.env["ir.actions.report"].sudo()._render_qweb_pdf(
            "dealer_crm_sale.dealer_agreement_report_action", agreement.ids)
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", len(pdf)),
            ("Content-Disposition", http.content_disposition(f"{agreement.name}.pdf")),
        ])

    @http.route("/my/dealer/order", type="http", auth="user", website=True, methods=["GET", "POST"])
    def dealer_order(self, reorder=None, search=None, **post):
        """The quick order form: the agreement's products at its prices,
        quantities, a delivery address of the dealer's own; Review shows
        the order with its taxes, Place order submits it to the back
        office. ``reorder`` (a past order's id) fills it in again."""
        dealer = self._dealer_portal_dealer()
        Order = request.env["sale.order"]
        agreement = request.env["dealer.agreement"]._dealer_active_of(dealer)
        quantities, address_id, values = {}, dealer.id, {}
        if reorder:
            past = Order.search(Order._dealer_portal_domain(dealer) & Domain("id", "=", _to_int(reorder)))
            if not past:
                raise request.not_found()
            lines = past.sudo().order_line.filtered(lambda line: line.product_id and not line.display_type)
            for line in lines:
                quantities[line.product_id.id] = quantities.get(line.product_id.id, 0.0) + line.product_uom_qty
            address_id = past.sudo().partner_shipping_id.id
        if request.httprequest.method == "POST":
            quantities = {
                _to_int(key.removeprefix("qty_")): value.strip()
                for key, value in post.items() if key.startswith("qty_") and isinstance(value, str) and value.strip()
            }
            address_id = _to_int(post.get("address_id"))
            try:
                if post.get("place"):
                    order = Order._dealer_portal_place(dealer, quantities, address_id)
                    return request.redirect(order.get_portal_url())
                values["review"] = Order._dealer_portal_review(dealer, quantities, address_id)
            except UserError as error:
                values["error"] = error.args[0]
        products = request.env["product.product"].sudo()
        if agreement:
            products = Order._dealer_portal_products(agreement, search) | products.search(
                Order._dealer_portal_product_domain(agreement) & Domain("id", "in", [*quantities]))
        values.update(self._prepare_portal_layout_values())
        values.update({
            "page_name": "dealer_order",
            "dealer": dealer,
            "agreement": agreement,
            "products": products,
            "prices": Order._dealer_portal_prices(agreement, products) if agreement else {},
            "addresses": Order._dealer_portal_addresses(dealer),
            "quantities": quantities,
            "address_id": address_id,
            "search": search or "",
        })
        return request.render("dealer_crm_portal.dealer_portal_order", values)

    # Stock and sell-out reports ---------------------------------------

    @http.route("/my/dealer/stock", type="http", auth="user", website=True, readonly=True)
    def dealer_stock_reports(self, **kwargs):
        """The months a dealer may report, each with its report or none."""
        dealer = self._dealer_portal_dealer()
        Report = request.env["dealer.stock.report"]
        months = Report._dealer_reportable_months()
        reports = {report.date_from: report for report in Report.search([
            ("partner_id", "=", dealer.id), ("date_from", "in", months)])}
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_stock_reports",
            "dealer": dealer,
            "months": [(month, reports.get(month)) for month in months],
        })
        return request.render("dealer_crm_portal.dealer_portal_stock_reports", values)

    @http.route("/my/dealer/stock/<string:month>", type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def dealer_stock_report(self, month, **post):
        """The month's report form: the products with their four figures,
        pre-filled (last month's closing stock, our deliveries) or as last
        reported, and rows of sell-out by region. Add product adds a row;
        Submit checks and saves it."""
        dealer = self._dealer_portal_dealer()
        Report = request.env["dealer.stock.report"]
        month = self._dealer_stock_month(month)
        agreement = Report._dealer_agreement_of(dealer, month)
        error = None
        if request.httprequest.method != "POST" or not agreement:
            rows, sellouts = self._dealer_stock_form(dealer, month)
        else:
            post = {key: value for key, value in post.items() if isinstance(value, str)}
            rows, sellouts = self._dealer_stock_posted(agreement, post)
            add = self._dealer_stock_products(agreement, [_to_int(post.get("add_product_id"))])
            try:
                if post.get("submit"):
                    Report._dealer_submit(dealer, month, rows, sellouts, source="portal")
                    return request.redirect("/my/dealer/stock?submitted=%s" % month.strftime("%Y-%m"))
                if add and add not in [row["product"] for row in rows]:
                    rows.append({"product": add, "label": add.display_name, **dict.fromkeys(FIGURES, "")})
            except UserError as refusal:
                error = refusal.args[0]
        return self._dealer_stock_page(dealer, month, agreement, rows, sellouts, error)

    @http.route("/my/dealer/stock/<string:month>/upload", type="http", auth="user", website=True,
                methods=["POST"])
    def dealer_stock_report_upload(self, month, file=None, **kwargs):
        """The month's report from an uploaded .xlsx (or .xls, .csv)."""
        dealer = self._dealer_portal_dealer()
        Report = request.env["dealer.stock.report"]
        month = self._dealer_stock_month(month)
        try:
            content = file.read() if file else b""
            rows, sellouts = Report._dealer_rows_from_file(dealer, month, content, file.filename if file else "")
            Report._dealer_submit(dealer, month, rows, sellouts, source="upload")
        except UserError as refusal:
            return self._dealer_stock_page(dealer, month, Report._dealer_agreement_of(dealer, month),
                                           *self._dealer_stock_form(dealer, month), refusal.args[0])
        return request.redirect("/my/dealer/stock?submitted=%s" % month.strftime("%Y-%m"))

    @http.route("/my/dealer/stock/<string:month>/template", type="http", auth="user", readonly=True)
    def dealer_stock_report_template(self, month, **kwargs):
        """The month's spreadsheet to fill in, with the form's rows."""
        dealer = self._dealer_portal_dealer()
        Report = request.env["dealer.stock.report"]
        month = self._dealer_stock_month(month)
        content = Report._dealer_upload_template(dealer, month)
        return request.make_response(content, headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Length", len(content)),
            ("Content-Disposition", http.content_disposition(
                request.env._("Stock report %(month)s.xlsx", month=month.strftime("%Y-%m")))),
        ])

    def _dealer_stock_month(self, text):
        """The month of a URL, if the dealer may report it; else a 404."""
        try:
            return request.env["dealer.stock.report"]._dealer_month(text)
        except UserError:
            raise request.not_found()

    def _dealer_stock_form(self, dealer, month):
        """The form's rows and sell-out rows as it opens: the month's report
        as submitted, else pre-filled (see ``_dealer_form_lines``)."""
        report = request.env["dealer.stock.report"].search([
            ("partner_id", "=", dealer.id), ("date_from", "=", month)], limit=1)
        sellouts = [{"product": sellout.product_id, "region": sellout.region_id, "quantity": sellout.quantity,
                     "label": sellout.region_id.complete_name} for sellout in report.sudo().sellout_ids]
        return request.env["dealer.stock.report"]._dealer_form_lines(dealer, month), sellouts

    def _dealer_stock_products(self, agreement, product_ids):
        """Of ``product_ids``, those the dealer reports under ``agreement``:
        the ids of any other product show nothing of it."""
        Report = request.env["dealer.stock.report"]
        return request.env["product.product"].sudo().search(
            Report._dealer_product_domain(agreement) & Domain("id", "in", [id_ for id_ in product_ids if id_]))

    def _dealer_stock_posted(self, agreement, post):
        """The rows and sell-out rows of the posted form, as typed, for the
        agreement's products."""
        Region = request.env["dealer.region"].sudo()
        products = self._dealer_stock_products(agreement, [
            _to_int(value) for key, value in post.items() if key.startswith("sellout_product_")
        ] + [_to_int(key.removeprefix("closing_qty_")) for key in post if key.startswith("closing_qty_")])
        by_id = {product.id: product for product in products}
        rows = []
        for key in post:
            product = by_id.get(_to_int(key.removeprefix("closing_qty_"))) if key.startswith("closing_qty_") else None
            if product:
                rows.append({"product": product, "label": product.display_name,
                             **{name: post.get(f"{name}_{product.id}", "") for name in FIGURES}})
        sellouts = []
        for key in post:
            if key.startswith("sellout_qty_") and post[key].strip():
                index = key.removeprefix("sellout_qty_")
                sellouts.append({
                    "product": by_id.get(_to_int(post.get(f"sellout_product_{index}")), products.browse()),
                    "region": Region.browse(_to_int(post.get(f"sellout_region_{index}"))).exists(),
                    "quantity": post[key],
                    "label": request.env._("Sell-out row %(row)s", row=_to_int(index) + 1),
                })
        return rows, sellouts

    def _dealer_stock_page(self, dealer, month, agreement, rows, sellouts, error=None):
        Report = request.env["dealer.stock.report"]
        products = request.env["product.product"].sudo()
        if agreement:
            products = products.search(Report._dealer_product_domain(agreement), order="default_code, name, id",
                                       limit=500)
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_stock_report",
            "dealer": dealer,
            "month": month,
            "agreement": agreement,
            "report": Report.search([("partner_id", "=", dealer.id), ("date_from", "=", month)], limit=1),
            "rows": rows,
            "sellouts": sellouts + [{}] * SELLOUT_FORM_ROWS,
            "products": products,
            "regions": request.env["dealer.region"].sudo().search([]),
            "error": error,
        })
        return request.render("dealer_crm_portal.dealer_portal_stock_report", values)


def _to_int(value):
    """``value`` as typed in a form, as an id: 0 when it is none."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
