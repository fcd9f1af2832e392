from . import dealer_agreement
from . import res_partner
from . import sale_order
