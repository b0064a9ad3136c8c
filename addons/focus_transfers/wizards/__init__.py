from . import add_student_wizard
