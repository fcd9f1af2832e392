from . import dealer_reason_wizard
