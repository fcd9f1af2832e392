from . import res_company
from . import res_config_settings
from . import res_partner
from . import dealer_checkin
from . import dealer_checkin_photo
from . import dealer_visit_plan
from . import dealer_visit_plan_line
from . import dealer_visit_span
