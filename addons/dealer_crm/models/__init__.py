from . import dealer_classification_mixin
from . import dealer_region
from . import dealer_channel
from . import dealer_customer_type
from . import dealer_source
from . import res_partner
