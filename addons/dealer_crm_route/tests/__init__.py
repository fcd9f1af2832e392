from . import test_nearby
from . import test_phash
from . import test_route_tools
from . import test_translations
from . import test_trust
from . import test_visit_due
