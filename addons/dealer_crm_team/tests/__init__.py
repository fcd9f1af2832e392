from . import test_task
from . import test_work_report
from . import test_target
from . import test_rules
from . import test_ui
from . import test_translations
