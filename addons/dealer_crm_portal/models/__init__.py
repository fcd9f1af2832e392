from . import dealer_agreement
from . import dealer_statement
from . import dealer_statement_line
from . import res_partner
from . import sale_order
