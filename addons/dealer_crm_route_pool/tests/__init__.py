from . import test_nearby_claim
from . import test_translations
