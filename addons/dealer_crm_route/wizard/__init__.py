from . import dealer_import_wizard
