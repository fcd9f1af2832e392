"""Helpers for the read-only models whose table is a query (``_table_query``)."""


def source_fields(env, names_by_model):
    """The fields a view's query reads, as ``to_flush`` metadata of its SQL:
    a search on the view then writes their pending values first (a follow-up
    logged in the same transaction is counted)."""
    return [env[model]._fields[name] for model, names in names_by_model.items() for name in names]
