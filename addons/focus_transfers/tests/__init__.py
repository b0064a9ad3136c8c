from . import test_academic_gpa
from . import test_academic_rules
from . import test_faster_field_map
from . import test_academic_demo
from . import test_academic_form_load
from . import test_transfer_import
from . import test_transfer_import_tour
