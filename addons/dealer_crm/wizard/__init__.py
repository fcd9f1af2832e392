from . import dealer_import_wizard
from . import dealer_import_wizard_line
from . import dealer_reason_wizard
