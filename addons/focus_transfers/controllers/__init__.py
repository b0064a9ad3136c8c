from . import peer_api
