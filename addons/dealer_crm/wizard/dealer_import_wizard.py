import base64
import io
import re
import unicodedata
from dataclasses import dataclass, field

import openpyxl
from openpyxl.worksheet.datavalidation import DataValidation

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..models.dealer_value_mixin import MAX_CHAR_LENGTH
from ..models.res_partner import DEALER_IMPORTANCE, DEALER_SCALE
from ..tools import spreadsheet
from ..tools.phone import phone_key, phone_problem

# (key, Chinese title, English title, required). The template shows both
# titles; a file may use either, or both as "客户名称 / Customer Name".
COLUMNS = [
    ("name", "客户名称", "Customer Name", True),
    ("customer_type", "客户类型", "Customer Type", False),
    ("channel", "渠道", "Channel", False),
    ("region", "区域", "Region", False),
    ("source", "客户来源", "Source", False),
    ("industry", "行业", "Industry", False),
    ("scale", "规模", "Scale", False),
    ("importance", "重要程度", "Importance", False),
    ("phone", "电话", "Phone", False),
    ("mobile", "手机", "Mobile", False),
    ("email", "邮箱", "Email", False),
    ("vat", "税号", "Tax ID", False),
    ("province", "省份", "Province", False),
    ("city", "城市", "City", False),
    ("street", "详细地址", "Address", False),
    ("contact_name", "联系人", "Contact Name", False),
    ("contact_function", "职位", "Job Position", False),
    ("note", "备注", "Notes", False),
]
# Other titles people give the columns, besides those of COLUMNS. Case,
# spacing, a trailing "*" or ":" and a note in brackets ("手机（必填）") do
# not matter.
COLUMN_SYNONYMS = {
    "name": ("客户", "客户名", "公司名称", "公司", "企业名称", "单位名称", "名称", "Customer", "Company", "Company Name", "Name"),
    "customer_type": ("类型", "Type"),
    "channel": ("销售渠道",),
    "region": ("所属区域", "销售区域"),
    "source": ("来源", "Customer Source"),
    "industry": ("所属行业",),
    "scale": ("人员规模", "公司规模", "企业规模", "员工人数", "人数", "Company Size", "Size"),
    "importance": ("重要性", "Priority"),
    "phone": ("座机", "固定电话", "联系电话", "办公电话", "Telephone", "Tel"),
    "mobile": ("手机号", "手机号码", "移动电话", "Mobile Phone"),
    "email": ("电子邮箱", "邮件", "E-mail"),
    "vat": ("纳税人识别号", "统一社会信用代码", "VAT"),
    "province": ("省", "State"),
    "city": ("市",),
    "street": ("地址", "地址详情", "公司地址", "Street"),
    "contact_name": ("联系人姓名", "Contact"),
    "contact_function": ("职务", "Position", "Job Title"),
    "note": ("说明", "Note", "Remarks", "Comment"),
}
# Columns naming a record of another model: (model, field of the customer).
LOOKUPS = {
    "customer_type": ("dealer.customer.type", "dealer_customer_type_id"),
    "channel": ("dealer.channel", "dealer_channel_id"),
    "region": ("dealer.region", "dealer_region_id"),
    "source": ("dealer.source", "dealer_source_id"),
    "industry": ("res.partner.industry", "industry_id"),
}
REGION_SEPARATORS = re.compile(r"\s*(?:›|>|/|／|\\|-)\s*")
PROVINCE_SUFFIXES = re.compile(r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# The smallest headcount of each band of DEALER_SCALE, largest first.
SCALE_FLOORS = [(1000, "enterprise"), (200, "large"), (50, "medium"), (10, "small"), (0, "micro")]
# A headcount as people write it: "1-10人", "50人以下", "约30人", "1000+",
# "1万人以上". 千 and 万 count only before 人: "500万" is a revenue.
HEADCOUNT_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(?:\s*([千万])(?=\s*人))?")
HEADCOUNT_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
HEADCOUNT_UNDER = re.compile(r"以下|以内|不到|不足|少于|小于|低于|under|below|less than|fewer than|[<≤]", re.IGNORECASE)
HEADCOUNT_OVER = re.compile(r"超过|多于|大于|more than|over|>", re.IGNORECASE)
HEADCOUNT_WORDS = re.compile(
    r"及?以[上下内]|不到|不足|少于|小于|低于|超过|多于|大于|大约|大概|将近|约|近|左右|上下|人|名|员工|职工|"
    r"people|persons?|employees?|staff|under|below|less than|fewer than|more than|over|about|around|approx\.?|to|"
    r"[~〜\-—–至到<>≤≥+]|\s",
    re.IGNORECASE,
)
# How many new values of a column, and how many ignored columns, the
# preview names, the others counted; and the characters of a title it shows.
LISTED_VALUES = 30
LISTED_COLUMNS = 50
TITLE_LENGTH = 60


_key = spreadsheet.comparison_key


def _region_parts(text):
    """The levels of a region path as written: "华东区/杭州" → ["华东区", "杭州"]."""
    return [" ".join(part.split()) for part in REGION_SEPARATORS.split(str(text).strip()) if part]


def _region_key(text):
    return " › ".join(_key(part) for part in _region_parts(text))


def _vat_key(text):
    return re.sub(r"[\s-]", "", text or "").upper()


def _scale_of_headcount(text):
    """The band of DEALER_SCALE of a headcount written as text, or None.

    The text may hold one number ("约30人", "1000人以上", "50人以下") or a
    range ("1-10人", "10~49人", "200-500"). It counts in the band of the
    smallest headcount it allows: the lower bound of a range, 0 for "under
    N", N + 1 for "more than N" and N for "N or more" (以上). So "1-10人" is
    micro and "11-50人" small, as the bands of most lists (1-10, 11-50,
    51-200, 201-500, 501-1000) fall each in one band of DEALER_SCALE but for
    their upper bound; "50人以下" is micro. A text with anything else than
    numbers and the words of a headcount ("年营收500万") is not one.
    """
    text = HEADCOUNT_THOUSANDS.sub("", unicodedata.normalize("NFKC", text))
    numbers = [float(number) * {"千": 1000, "万": 10000}.get(unit, 1) for number, unit in HEADCOUNT_NUMBER.findall(text)]
    if not numbers or HEADCOUNT_WORDS.sub("", HEADCOUNT_NUMBER.sub("", text)):
        return None
    if len(numbers) > 1:
        lowest = min(numbers)
    elif HEADCOUNT_UNDER.search(text):
        lowest = 0
    elif HEADCOUNT_OVER.search(text):
        lowest = numbers[0] + 1
    else:
        lowest = numbers[0]
    return next(value for floor, value in SCALE_FLOORS if lowest >= floor)


@dataclass
class NewValue:
    """A region, channel, customer type, source or industry the import creates."""

    label: str
    vals: dict


@dataclass
class RowPlan:
    number: int
    values: list
    record: dict
    status: str = "new"
    messages: list = field(default_factory=list)
    vals: dict = field(default_factory=dict)
    contact_vals: dict = field(default_factory=dict)
    # Values to create first: {lookup key: key in ImportPlan.to_create}.
    pending: dict = field(default_factory=dict)
    # The existing customer the row duplicates, and by which key.
    partner_id: int = 0
    duplicate_kind: str = ""


@dataclass
class ImportPlan:
    header: list
    rows: list
    # {lookup key: {comparison key: NewValue}} to create, in the file's order.
    to_create: dict
    china_id: int
    # The country whose numbers the file may write without a country code.
    phone_country: object
    # Titles of the file's columns the import does not read.
    ignored: list = field(default_factory=list)
    # What each text of a lookup column or of the scale gives, worked out
    # once a file: {column key: {text: result}}.
    resolved: dict = field(default_factory=dict)


class DealerImportWizard(models.TransientModel):
    """Batch import of dealer customers from .xlsx, .xls or .csv.

    A preview validates every row and counts what would happen; the import
    then writes all valid rows in the one transaction and hands back the
    rows it left out, with the reason, as an .xlsx file.
    """

    _name = "dealer.import.wizard"
    _inherit = ["dealer.value.mixin"]
    _description = "Import Dealer Customers"

    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview"), ("done", "Done")], default="upload", required=True
    )
    file = fields.Binary(string="Spreadsheet", attachment=False)
    filename = fields.Char()
    unknown_value_policy = fields.Selection(
        [("reject", "Reject the row"), ("create", "Create the value")],
        string="Unknown Values",
        default=lambda self: self._default_unknown_value_policy(),
        required=True,
        help="What to do with a region, channel, customer type, source or industry that does not exist yet. "
        "Only sales managers may create them; a new region goes under an existing one.",
    )
    duplicate_policy = fields.Selection(
        [("skip", "Skip the row"), ("update", "Update the existing customer"), ("import", "Import anyway")],
        string="Duplicates",
        default="skip",
        required=True,
        help="A row is a duplicate when its name, phone, mobile or tax ID is already used, "
        "by an existing customer or by an earlier row of the file.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        help="Salesperson who owns the imported customers.",
    )
    new_count = fields.Integer(string="New", readonly=True)
    update_count = fields.Integer(string="Updated", readonly=True)
    skip_count = fields.Integer(string="Skipped", readonly=True)
    invalid_count = fields.Integer(string="Invalid", readonly=True)
    line_ids = fields.One2many("dealer.import.wizard.line", "wizard_id", readonly=True)
    new_values = fields.Text(
        string="New Values", readonly=True,
        help="The regions, channels, customer types, sources and industries the import creates, by column.",
    )
    ignored_columns = fields.Text(readonly=True, help="The columns of the file the import does not read.")
    rejected_file = fields.Binary(string="Rows Not Imported", readonly=True, attachment=False)
    rejected_filename = fields.Char(readonly=True)
    template_file = fields.Binary(readonly=True, attachment=False)

    @api.constrains("user_id", "unknown_value_policy")
    def _constrains_options(self):
        self._check_options()

    def _default_unknown_value_policy(self):
        """Create for the managers, who may; reject for the others."""
        return "create" if self.env.user.has_group("dealer_crm.group_dealer_manager") else "reject"

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_download_template(self):
        self.ensure_one()
        self.template_file = base64.b64encode(self._template_content())
        return self._download_action("template_file", self.env._("customer_import_template.xlsx"))

    def action_download_rejected(self):
        self.ensure_one()
        return self._download_action("rejected_file", self.rejected_filename)

    def action_preview(self):
        self.ensure_one()
        plan = self._build_plan()
        self._store_result(plan)
        self.state = "preview"
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        plan = self._build_plan()
        self._apply(plan)
        self._store_result(plan)
        rejected = [row for row in plan.rows if row.status in ("skip", "invalid")]
        if rejected:
            reason = self.env._("Reason")
            content = spreadsheet.write_xlsx(
                [*plan.header, reason],
                [[*row.values, "\n".join(row.messages)] for row in rejected],
            )
            self.rejected_file = base64.b64encode(content)
            self.rejected_filename = self.env._("rows_not_imported.xlsx")
        self.state = "done"
        return self._reopen()

    def action_back(self):
        self.ensure_one()
        self.write({
            "state": "upload", "line_ids": [fields.Command.clear()], "rejected_file": False,
            "new_values": False, "ignored_columns": False,
        })
        return self._reopen()

    def action_view_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_crm.res_partner_action_dealer")
        action["context"] = {"search_default_my_customers": 0}
        return action

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import Customers"),
        }

    def _download_action(self, field_name, filename):
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/{field_name}/{filename}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # Planning: parse and validate, write nothing
    # ------------------------------------------------------------------

    def _build_plan(self):
        if not self.file:
            raise UserError(self.env._("Choose a spreadsheet to import."))
        self._check_options()
        header, rows = spreadsheet.read_rows(self.env, base64.b64decode(self.file), self.filename or "")
        columns = self._match_columns(header)
        lookups = self._load_lookups()
        existing = self._load_existing_keys()
        states = self._load_states()
        seen = {}
        china = self.env.ref("base.cn")
        plan = ImportPlan(
            header=header, rows=[], to_create={key: {} for key in LOOKUPS}, china_id=china.id,
            phone_country=self.env.company.country_id or china,
            ignored=self._ignored_columns(header, rows, columns),
            resolved={key: {} for key in (*LOOKUPS, "scale")},
        )
        for number, values in rows:
            record = {key: values[index] for key, index in columns.items()}
            row = RowPlan(number=number, values=values, record=record)
            self._plan_row(row, plan, lookups, states, existing, seen)
            plan.rows.append(row)
        self._resolve_duplicates(plan)
        # Only the values of the rows imported are created.
        used = {(key, pending) for row in plan.rows if row.status in ("new", "update") for key, pending in row.pending.items()}
        plan.to_create = {
            key: {pending: value for pending, value in values.items() if (key, pending) in used}
            for key, values in plan.to_create.items()
        }
        return plan

    def _check_options(self):
        """The options only a manager may choose, checked when they are
        written and again when the import runs (by whoever runs it): the
        owner of the new customers is the caller unless a manager chose
        another salesperson."""
        manager = self.env.user.has_group("dealer_crm.group_dealer_manager")
        for wizard in self:
            if wizard.user_id and wizard.user_id != self.env.user:
                if not manager:
                    raise AccessError(self.env._("Only sales managers can import customers for another salesperson."))
                if not wizard.user_id.active or not wizard.user_id.has_group("dealer_crm.group_dealer_salesperson"):
                    raise ValidationError(self.env._(
                        "%(user)s is not a Dealer CRM salesperson: imported customers can only be given to one.",
                        user=wizard.user_id.name,
                    ))
            if wizard.unknown_value_policy == "create" and not manager:
                raise AccessError(self.env._(
                    "Only sales managers can create regions, channels, customer types, sources or industries during an import."
                ))

    @api.model
    def _columns(self):
        """The columns the import reads: (key, Chinese title, English title,
        required). Addons add theirs, and read them in ``_plan_row``."""
        return list(COLUMNS)

    @api.model
    def _column_synonyms(self):
        """{column key: other titles people give the column}."""
        return dict(COLUMN_SYNONYMS)

    @api.model
    def _column_titles(self):
        """{comparison form of a title: column key}, from the columns and their synonyms."""
        return spreadsheet.column_titles(self._columns(), self._column_synonyms())

    def _match_columns(self, header):
        """{column key: index in the row} from the titles of the first row;
        of two columns with the same key, the first is read."""
        return spreadsheet.match_columns(self.env, header, self._columns(), self._column_titles())

    def _ignored_columns(self, header, rows, columns):
        """The columns of the file the import does not read, as the preview
        names them: by their title, a second column of a key with the one
        read instead, and an untitled column only when it holds a value."""
        def shown(title):
            return title if len(title) <= TITLE_LENGTH else f"{title[:TITLE_LENGTH]}…"

        by_title = self._column_titles()
        read = set(columns.values())
        ignored = []
        for index, title in enumerate(header):
            if index in read:
                continue
            if not title:
                if any(values[index] for _number, values in rows):
                    ignored.append(self.env._(
                        "Column %(letter)s (no title)", letter=openpyxl.utils.get_column_letter(index + 1),
                    ))
                continue
            if key := spreadsheet.column_of(title, by_title):
                ignored.append(self.env._(
                    "%(title)s (%(column)s is read from the column “%(first)s”)",
                    title=shown(title), column=self._column_title(key), first=shown(header[columns[key]]),
                ))
            else:
                ignored.append(shown(title))
        if len(ignored) > LISTED_COLUMNS:
            ignored[LISTED_COLUMNS:] = [self.env._("and %(count)s more columns", count=len(ignored) - LISTED_COLUMNS)]
        return ignored

    def _load_lookups(self):
        """The existing values the rows may name, by comparison key.

        {column key: {comparison key: id}} for each lookup column (regions by
        their path, or by their name alone when no other region has it) and
        {comparison key: selection value} for the scale and importance; and
        ``archived``: {column key: comparison keys of the archived values},
        which cannot be created again; ``region_names``: {id: path};
        ``region_ambiguous``: {name: paths} of the names of several regions.
        """
        lookups = {"archived": {}}
        for key, (model, _field) in LOOKUPS.items():
            name_field = "complete_name" if key == "region" else "name"
            records = self.env[model].sudo().with_context(active_test=False).search_fetch([], [name_field, "active"])
            active = records.filtered("active")
            if key == "region":
                by_name = {_region_key(region.complete_name): region.id for region in active}
                leaves = {}
                for region in active:
                    leaves.setdefault(_key(region.name), []).append(region)
                # A sub-region may be named alone when its name is unique.
                for name, regions in leaves.items():
                    if len(regions) == 1:
                        by_name.setdefault(name, regions[0].id)
                lookups["region_names"] = {region.id: region.complete_name for region in active}
                lookups["region_ambiguous"] = {
                    name: [region.complete_name for region in regions]
                    for name, regions in leaves.items() if len(regions) > 1 and name not in by_name
                }
                archived = {_region_key(region.complete_name) for region in records - active}
            else:
                by_name = {_key(record.name): record.id for record in active}
                archived = {_key(record.name) for record in records - active}
                if records._fields["name"].translate:  # industries: also their English names
                    by_name.update({_key(record.name): record.id for record in active.with_context(lang="en_US")})
                    archived |= {_key(record.name) for record in (records - active).with_context(lang="en_US")}
            lookups[key] = by_name
            lookups["archived"][key] = archived - by_name.keys()
        selection_labels = {}
        for name, selection in (("scale", DEALER_SCALE), ("importance", DEALER_IMPORTANCE)):
            translated = dict(self.env["res.partner"]._fields[f"dealer_{name}"]._description_selection(self.env))
            labels = {}
            for value, label in selection:
                for text in (value, label, label.split(" (")[0], translated[value], translated[value].split("（")[0].split(" (")[0]):
                    labels[_key(text)] = value
            if name == "importance":
                labels = {k: v for k, v in labels.items() if not k.isdigit()}
            selection_labels[name] = labels
        lookups.update(selection_labels)
        return lookups

    def _load_states(self):
        """{province name, with and without 省/市…: (province id, region id)}."""
        states = {}
        Region = self.env["dealer.region"]
        for state in self.env["res.country.state"].search_fetch([("country_id.code", "=", "CN")], ["name"]):
            value = (state.id, Region._dealer_region_for_state(state).id)
            states[_key(state.name)] = value
            states[_key(PROVINCE_SUFFIXES.sub("", state.name))] = value
        return states

    def _load_existing_keys(self):
        """Names, phone numbers and tax IDs already used by dealer customers
        and their contacts, each mapped to the customer. One query, whoever
        owns the customer: a duplicate is a duplicate even if not visible.
        Numbers compare as Odoo stores them parsed: E.164, whatever their
        notation (``phone_sanitized``)."""
        self.env["res.partner"].flush_model(
            ["name", "phone_sanitized", "vat", "is_dealer", "is_company", "commercial_partner_id"],
        )
        rows = self.env.execute_query(SQL(
            """SELECT commercial_partner_id, is_company, name, phone_sanitized, vat
                 FROM res_partner
                WHERE is_dealer AND active"""
        ))
        existing = {}
        for commercial_id, is_company, name, phone, vat in rows:
            if is_company and name:
                existing.setdefault(("name", _key(name)), commercial_id)
            if phone:
                existing.setdefault(("phone", phone), commercial_id)
            if vat_key := _vat_key(vat):
                existing.setdefault(("vat", vat_key), commercial_id)
        return existing

    def _plan_row(self, row, plan, lookups, states, existing, seen):
        record = row.record
        _ = self.env._
        name = record.get("name", "")
        if not name:
            row.messages.append(_("The customer name is empty."))
        elif len(name) > 200:
            row.messages.append(_("The customer name is longer than 200 characters."))
        email = record.get("email", "")
        if email and not EMAIL.match(email):
            row.messages.append(_("“%(email)s” is not an email address.", email=email))
        for column in ("phone", "mobile"):
            if record.get(column) and (problem := phone_problem(self.env, record[column], plan.phone_country)):
                row.messages.append(problem)
        vals = {
            "name": name,
            "is_company": True,
            "is_dealer": True,
            "phone": record.get("phone") or (record.get("mobile") if not record.get("contact_name") else "") or False,
            "email": email or False,
            "vat": record.get("vat") or False,
            "city": record.get("city") or False,
            "street": record.get("street") or False,
            "comment": record.get("note") or False,
        }
        for key in ("scale", "importance"):
            text = record.get(key)
            if not text:
                continue
            value = lookups[key].get(_key(text))
            if value is None and key == "scale":
                if text not in plan.resolved["scale"]:
                    plan.resolved["scale"][text] = _scale_of_headcount(text)
                value = plan.resolved["scale"][text]
            if value is None:
                row.messages.append(_("“%(value)s” is not a valid %(column)s.", value=text, column=self._column_title(key)))
            else:
                vals[f"dealer_{key}"] = value
        province = record.get("province")
        province_region_id = False
        if province:
            state = states.get(_key(province)) or states.get(_key(PROVINCE_SUFFIXES.sub("", province)))
            if state:
                vals["state_id"], province_region_id = state
                vals["country_id"] = plan.china_id
            else:
                row.messages.append(_("“%(value)s” is not a province of China.", value=province))
        for key, (_model, field_name) in LOOKUPS.items():
            text = record.get(key)
            if not text:
                continue
            resolved = plan.resolved[key]
            if text not in resolved:
                resolved[text] = self._resolve_value(key, text, plan, lookups)
            value_id, pending, problem = resolved[text]
            if value_id:
                vals[field_name] = value_id
            elif pending:
                row.pending[key] = pending
            else:
                row.messages.append(problem)
        if province_region_id and "dealer_region_id" not in vals and "region" not in row.pending:
            vals["dealer_region_id"] = province_region_id
        if record.get("contact_name"):
            row.contact_vals = {
                "name": record["contact_name"],
                "function": record.get("contact_function") or False,
                "phone": record.get("mobile") or False,
                "type": "contact",
                "is_dealer": True,
            }
        row.vals = vals
        if row.messages:
            row.status = "invalid"
            return
        self._plan_duplicates(row, plan, existing, seen)

    def _resolve_value(self, key, text, plan, lookups):
        """What ``text`` names in the lookup column ``key``: ``(id, False,
        False)`` for an existing value, ``(False, key in plan.to_create,
        False)`` for a value to create (added to the plan) and ``(False,
        False, reason)`` otherwise.

        A region path is read level by level, each level under the one
        before; a level may also be named alone when its name is unique
        ("上海/闵行" for 华东区 › 上海 › 闵行). Only the last level is
        created, under the existing region the path names before it: a
        path whose parent is missing names what is missing."""
        _ = self.env._
        column = self._column_title(key)
        if key == "region":
            regions, names = lookups["region"], lookups["region_names"]
            parts = _region_parts(text)
            if not parts:
                return False, False, _("%(column)s “%(value)s” is not a region.", column=column, value=text)
            parent_id = False
            for level, part in enumerate(parts):
                path_key = " › ".join(map(_key, parts[:level + 1]))
                region_id = regions.get(path_key) or (
                    parent_id and regions.get(f"{_region_key(names[parent_id])} › {_key(part)}")
                )
                if not region_id:
                    break
                parent_id = region_id
            else:
                return parent_id, False, False
            comparison = f"{_region_key(names[parent_id])} › {_key(part)}" if parent_id else _key(part)
            if level == 0 and (paths := lookups["region_ambiguous"].get(comparison)):
                return False, False, _(
                    "%(column)s “%(value)s”: %(name)s names several regions (%(paths)s). Write the path of one.",
                    column=column, value=text, name=part, paths=", ".join(paths),
                )
            if level < len(parts) - 1:
                missing = " › ".join(parts[:level + 1])
                if comparison in lookups["archived"][key]:
                    return False, False, _(
                        "%(column)s “%(value)s”: the region %(missing)s is archived.",
                        column=column, value=text, missing=missing,
                    )
                return False, False, _(
                    "%(column)s “%(value)s”: the region %(missing)s does not exist. "
                    "An import creates only the last level of a path, under an existing region.",
                    column=column, value=text, missing=missing,
                )
            new_value = NewValue(
                label=f"{names[parent_id]} › {part}" if parent_id else part,
                vals={"name": part, "parent_id": parent_id},
            )
        else:
            comparison = _key(text)
            if value_id := lookups[key].get(comparison):
                return value_id, False, False
            new_value = NewValue(label=" ".join(text.split()), vals={"name": " ".join(text.split())})
        if comparison in lookups["archived"][key]:
            return False, False, _(
                "%(column)s “%(value)s” is archived. A sales manager can restore it.", column=column, value=text,
            )
        if len(new_value.vals["name"]) > MAX_CHAR_LENGTH:
            return False, False, _(
                "%(column)s “%(value)s” is longer than %(limit)s characters.",
                column=column, value=text, limit=MAX_CHAR_LENGTH,
            )
        if self.unknown_value_policy == "create":
            plan.to_create[key].setdefault(comparison, new_value)
            return False, comparison, False
        if self.env.user.has_group("dealer_crm.group_dealer_manager"):
            option = dict(self._fields["unknown_value_policy"]._description_selection(self.env))["create"]
            return False, False, _(
                "%(column)s “%(value)s” does not exist. Choose “%(option)s” under Unknown Values to create it.",
                column=column, value=text, option=option,
            )
        return False, False, _(
            "%(column)s “%(value)s” does not exist. Ask a sales manager to create it, or write an existing one.",
            column=column, value=text,
        )

    def _plan_duplicates(self, row, plan, existing, seen):
        _ = self.env._
        record = row.record
        keys = [("name", _key(record["name"]))]
        keys += [("phone", key) for key in {
            phone_key(record.get(column), plan.phone_country) for column in ("phone", "mobile")
        } if key]
        if vat_key := _vat_key(record.get("vat")):
            keys.append(("vat", vat_key))
        earlier = next(((kind, seen[(kind, value)]) for kind, value in keys if (kind, value) in seen), None)
        match = next(((kind, existing[(kind, value)]) for kind, value in keys if (kind, value) in existing), None)
        for kind_value in keys:
            seen.setdefault(kind_value, row.number)
        if self.duplicate_policy == "import":
            return
        if earlier:
            kind, number = earlier
            row.status = "skip"
            row.messages.append(_("Same %(what)s as row %(row)s of the file.", what=self._duplicate_label(kind), row=number))
            return
        if match:
            row.duplicate_kind, row.partner_id = match

    def _resolve_duplicates(self, plan):
        """Status and reason of the rows that match an existing customer.

        The match is made over every customer (a duplicate is a duplicate
        even if not visible), but the reason names the customer only to a
        user who may see it: one he may read, whose details no pool hides
        from him. Any other is "a customer you cannot see", and is neither
        linked to the row nor updated by it."""
        rows = [row for row in plan.rows if row.duplicate_kind]
        if not rows:
            return
        _ = self.env._
        user = self.env.user
        partners = self.env["res.partner"].with_user(user).browse({row.partner_id for row in rows})
        visible = partners._dealer_visible_customers()
        editable = self.env["res.partner"]
        if self.duplicate_policy == "update":
            editable = visible._filtered_access("write")
            if not user._is_dealer_manager():
                # A customer in a public pool is claimed before it is changed.
                awaiting = editable.commercial_partner_id._dealer_awaiting_claim()
                editable = editable.filtered(lambda partner: partner.commercial_partner_id not in awaiting)
        for row in rows:
            partner = visible.browse(row.partner_id)
            what = self._duplicate_label(row.duplicate_kind)
            if partner not in visible:
                row.partner_id = 0
                row.status = "skip" if self.duplicate_policy == "skip" else "invalid"
                row.messages.append(_("Same %(what)s as an existing customer you cannot see.", what=what))
            elif self.duplicate_policy == "skip":
                row.status = "skip"
                row.messages.append(_(
                    "Same %(what)s as the existing customer %(customer)s.", what=what, customer=partner.display_name,
                ))
            elif partner not in editable:
                row.status = "invalid"
                row.messages.append(_(
                    "Same %(what)s as the customer %(customer)s, which you may not edit.",
                    what=what, customer=partner.display_name,
                ))
            else:
                row.status = "update"
                row.messages.append(_("Updates the existing customer %(customer)s.", customer=partner.display_name))

    def _duplicate_label(self, kind):
        return {"name": self.env._("name"), "phone": self.env._("phone"), "vat": self.env._("tax ID")}[kind]

    def _column_title(self, key):
        for column_key, chinese, english, _required in self._columns():
            if column_key == key:
                return f"{chinese} / {english}"
        return key

    # ------------------------------------------------------------------
    # Applying the plan: one transaction
    # ------------------------------------------------------------------

    def _apply(self, plan):
        created_ids = self._create_missing_values(plan)
        owner = self.user_id or self.env.user
        Partner = self.env["res.partner"]
        new_rows = [row for row in plan.rows if row.status == "new"]
        update_rows = [row for row in plan.rows if row.status == "update"]
        for row in new_rows + update_rows:
            for key, comparison in row.pending.items():
                row.vals[LOOKUPS[key][1]] = created_ids[key][comparison]
        company_vals = []
        for row in new_rows:
            company_vals.append({**row.vals, "user_id": owner.id})
        # New customers, then their contacts, set-based; the contacts carry the
        # values Odoo copies from a company to its contacts (commercial and
        # address fields).
        synced = set(Partner._commercial_fields()) | set(Partner._address_fields())
        companies = Partner._dealer_bulk_create(company_vals)
        Partner._dealer_bulk_create([
            {
                **{key: value for key, value in vals.items() if key in synced},
                **row.contact_vals,
                "parent_id": company.id,
                "user_id": owner.id,
            }
            for row, vals, company in zip(new_rows, company_vals, companies) if row.contact_vals
        ])
        for row, company in zip(new_rows, companies):
            row.partner_id = company.id
        for row in update_rows:
            partner = Partner.browse(row.partner_id)
            partner.write({key: value for key, value in row.vals.items() if value not in (False, "")})
            if row.contact_vals and not partner.child_ids.filtered(lambda c: _key(c.name) == _key(row.contact_vals["name"])):
                Partner.create({**row.contact_vals, "parent_id": partner.id, "user_id": partner.user_id.id})

    def _create_missing_values(self, plan):
        """{lookup key: {key in plan.to_create: id}} of the values created.
        A new region's parent exists already: they are created in one go."""
        created = {}
        for key, values in plan.to_create.items():
            if values:
                records = self.env[LOOKUPS[key][0]].sudo().create([value.vals for value in values.values()])
                created[key] = dict(zip(values, records.ids))
        return created

    def _store_result(self, plan):
        counts = {status: 0 for status in ("new", "update", "skip", "invalid")}
        for row in plan.rows:
            counts[row.status] += 1
        self.line_ids = [fields.Command.clear()]
        self.env["dealer.import.wizard.line"].create([
            {
                "wizard_id": self.id,
                "row_number": row.number,
                "name": row.record.get("name"),
                "status": row.status,
                "message": "\n".join(row.messages),
                "partner_id": row.partner_id or False,
            }
            for row in plan.rows if row.status != "new"
        ])
        self.write({
            "new_count": counts["new"],
            "update_count": counts["update"],
            "skip_count": counts["skip"],
            "invalid_count": counts["invalid"],
            "new_values": self._describe_new_values(plan) or False,
            "ignored_columns": "\n".join(plan.ignored) or False,
        })

    def _describe_new_values(self, plan):
        """One line a column: "行业 / Industry: 五金, 建材"."""
        lines = []
        for key, values in plan.to_create.items():
            if not values:
                continue
            labels = [value.label for value in values.values()]
            listed = ", ".join(labels[:LISTED_VALUES])
            if len(labels) > LISTED_VALUES:
                listed = self.env._("%(values)s and %(count)s more", values=listed, count=len(labels) - LISTED_VALUES)
            lines.append(f"{self._column_title(key)}: {listed}")
        return "\n".join(lines)

    # ------------------------------------------------------------------
    # Template
    # ------------------------------------------------------------------

    @api.model
    def _template_content(self):
        """The import template: bilingual titles and dropdown lists of the
        current regions, channels, types, sources, scales and importance."""
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = self.env._("Customers")
        lists = workbook.create_sheet("lists")
        lists.sheet_state = "hidden"
        choices = {
            "customer_type": self.env["dealer.customer.type"].search([]).mapped("name"),
            "channel": self.env["dealer.channel"].search([]).mapped("name"),
            "region": self.env["dealer.region"].search([]).mapped("complete_name"),
            "source": self.env["dealer.source"].search([]).mapped("name"),
            "industry": self.env["res.partner.industry"].search([]).mapped("name"),
            "scale": [label for _value, label in self.env["res.partner"]._fields["dealer_scale"]._description_selection(self.env)],
            "importance": [label for _value, label in reversed(DEALER_IMPORTANCE)],
            "province": self.env["res.country.state"].search([("country_id.code", "=", "CN")]).mapped("name"),
        }
        required_font = openpyxl.styles.Font(bold=True, color="C00000")
        bold = openpyxl.styles.Font(bold=True)
        for index, (key, chinese, english, required) in enumerate(self._columns(), start=1):
            letter = openpyxl.utils.get_column_letter(index)
            title = f"{chinese} / {english}" + (" *" if required else "")
            cell = spreadsheet.set_cell(sheet.cell(row=1, column=index), title)
            cell.font = required_font if required else bold
            sheet.column_dimensions[letter].width = 24
            values = choices.get(key)
            if not values:
                continue
            for row_index, value in enumerate(values, start=1):
                spreadsheet.set_cell(lists.cell(row=row_index, column=index), value)
            validation = DataValidation(
                type="list",
                formula1=f"=lists!${letter}$1:${letter}${len(values)}",
                allow_blank=True,
                showErrorMessage=False,
            )
            validation.add(f"{letter}2:{letter}5000")
            sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()
