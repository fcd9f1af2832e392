from . import dealer_agreement
from . import dealer_statement
from . import dealer_statement_line
from . import dealer_stock_report
from . import dealer_stock_report_line
from . import dealer_stock_report_sellout
from . import res_partner
from . import sale_order
