from . import test_master_data
from . import test_partner
from . import test_security
from . import test_import
from . import test_ui
from . import test_translations
