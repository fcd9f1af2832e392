from . import dealer_reason_wizard
from . import dealer_target_import_wizard
