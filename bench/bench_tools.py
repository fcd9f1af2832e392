"""Helpers the bench scripts share (bench/run.sh puts this folder on their
path). Each takes the shell's ``env``."""
from odoo.sql_db import db_connect
from odoo.tools import SQL


def vacuum(env, *tables):
    """VACUUM ANALYZE ``tables`` now, outside the transaction: autovacuum
    would otherwise run into the timings after the bulk inserts."""
    with db_connect(env.cr.dbname).cursor() as maintenance:
        maintenance._cnx.autocommit = True
        maintenance.execute(SQL("VACUUM ANALYZE %s", SQL(", ").join(map(SQL.identifier, tables))))


def without_jit(env, function):
    """``function`` with PostgreSQL's JIT compilation off, as the README's
    set-up recommends: at these plans' cost estimates the server's default
    compiles them for longer than they run."""
    def run():
        env.cr.execute(SQL("SET jit = off"))
        try:
            return function()
        finally:
            env.cr.execute(SQL("RESET jit"))
    return run
