from . import crm_team
from . import crm_team_member
from . import dealer_region
from . import dealer_task
from . import dealer_task_progress
from . import dealer_work_report_rule
from . import dealer_work_report
from . import dealer_target
