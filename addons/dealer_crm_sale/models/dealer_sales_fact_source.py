from odoo import api, models


class DealerSalesFactSource(models.AbstractModel):
    """A model whose records the sales facts are computed from: creating
    them, and writing the fields the facts read (directly or through a
    recomputation), marks their facts for recomputation before the
    transaction commits (see ``dealer.sales.fact``).

    These hooks run inside other modules' operations (a reversal deleting
    a payment, say): they only note ids, and may read fields through the
    ORM; they never flush, search or run SQL, which could send another
    module's half-made changes to the database."""

    _name = "dealer.sales.fact.source"
    _description = "Source of Dealer CRM Sales Facts"

    # The fields whose writing changes the facts; None: any field.
    _dealer_fact_fields = None
    # The column of dealer.sales.fact that points to these records, which the
    # database empties when they are deleted; None if none does.
    _dealer_fact_column = None

    def _dealer_fact_sources(self, field_names=None):
        """{kind: ids} of the sources whose facts change when these records
        are created (``field_names`` is None) or when ``field_names`` of
        them are written."""
        return {}

    def _mark_dealer_facts(self, field_names=None):
        Fact = self.env["dealer.sales.fact"]
        for kind, ids in self._dealer_fact_sources(field_names).items():
            Fact._mark_dirty(kind, ids)

    @api.model
    def _create(self, data_list):
        records = super()._create(data_list)
        records._mark_dealer_facts()
        return records

    def _write_multi(self, vals_list):
        written = set().union(*vals_list)
        if self._dealer_fact_fields is None or written & self._dealer_fact_fields:
            self._mark_dealer_facts(written)
        super()._write_multi(vals_list)

    def unlink(self):
        self._mark_dealer_facts()
        if self._dealer_fact_column:
            self.env["dealer.sales.fact"]._mark_deleted(self._dealer_fact_column)
        return super().unlink()
