"""Exit 0 when an HTTP server answers at the URL given as the only argument (any status), 1 otherwise."""

import sys
import urllib.error
import urllib.request

try:
    urllib.request.urlopen(sys.argv[1], timeout=2)
except urllib.error.HTTPError:
    pass  # an answer all the same
except (OSError, ValueError):
    sys.exit(1)
