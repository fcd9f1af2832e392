from . import models
from . import wizard
from .tools.spreadsheet import patch_xlsxwriter

patch_xlsxwriter()
