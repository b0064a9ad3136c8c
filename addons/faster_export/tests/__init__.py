from . import test_install
from . import test_faster_request
from . import test_faster_cron
from . import test_faster_workers
from . import test_faster_reply
from . import test_faster_sftp
from . import test_faster_demo
from . import test_faster_transcript_request
