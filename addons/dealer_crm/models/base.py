from odoo import api, models
from odoo.tools.constants import PREFETCH_MAX

from .dealer_value_mixin import INTEGER_RANGE


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def _dealer_browse_arg(self, model, record_id):
        """The record of ``model`` an action's argument names, if it is the id
        of an existing one; else an empty recordset (a client may send
        anything: a string, a boolean, an id beyond PostgreSQL's integers)."""
        if not isinstance(record_id, int) or isinstance(record_id, bool) \
                or not 0 < record_id <= INTEGER_RANGE[1]:
            return self.env[model]
        return self.env[model].browse(record_id).exists()

    def _read_format(self, fnames, load="_classic_read"):
        """Leave out, in one query, the records that do not exist.

        Odoo formats each value from the cache. A record that does not
        exist is never in it: each one misses, fetches its whole prefetch
        batch again (two queries with the record rules, four through
        ``display_name``) and is dropped only then, so that a ``read`` of
        100,000 ids that do not exist ran some 200,000 queries for an empty
        answer. After ``read``'s fetch, a requested column missing from the
        cache means a missing record, so only then are the records checked,
        together. A read of computed fields only (``display_name``) has
        fetched nothing yet: it is checked only beyond a prefetch batch, so
        that ordinary reads cost no extra query. The answer stays Odoo's:
        the records that exist, in order."""
        column, requested = self._dealer_column_read(fnames)
        if column is not None and (requested or len(self._ids) > PREFETCH_MAX):
            uncached = self.browse([id_ for id_ in column._cache_missing_ids(self) if id_])
            missing = set((uncached - uncached.exists())._ids) if uncached else set()
            if missing:
                existing = self.browse([id_ for id_ in self._ids if id_ not in missing])
                return super(Base, existing)._read_format(fnames, load)
        return super()._read_format(fnames, load)

    def _dealer_column_read(self, fnames):
        """A stored column that reading ``fnames`` fetches, and whether it is
        one of them (else one that a computed field among them depends on)."""
        def column(field):
            # "id" is never in the cache: a record is its id.
            return field is not None and field.store and field.column_type and field.name != "id"

        fields = [self._fields.get(fname) for fname in fnames]
        for field in fields:
            if column(field):
                return field, True
        for field in filter(None, fields):
            for dependency in self.pool.field_depends[field]:
                depended = self._fields.get(dependency.split(".", 1)[0])
                if column(depended):
                    return depended, False
        return None, False
