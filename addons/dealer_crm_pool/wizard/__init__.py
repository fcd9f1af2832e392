from . import base_partner_merge_automatic_wizard
from . import dealer_pool_change_wizard
from . import portal_wizard_user
