from . import school_year
from . import res_company
from . import res_config_settings
from . import school
from . import student
from . import student_guardian
from . import enrollment
from . import sis_demo
