from . import add_student_wizard
from . import transfer_import_wizard
from . import enrollment_completed_wizard
