from . import faster_request
from . import faster_sftp
from . import ir_attachment
from . import fl_enrollment
from . import fl_student
from . import res_config_settings
