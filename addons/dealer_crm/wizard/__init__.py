from . import dealer_import_wizard
from . import dealer_import_wizard_line
