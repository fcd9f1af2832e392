from . import models
from . import wizard
from .tools.spreadsheet import patch_xlsxwriter

patch_xlsxwriter()


def post_init_hook(env):
    """The sales facts of the orders, payments and customers there already are."""
    env["dealer.sales.fact"]._rebuild()
