import sys

from vitedesk.app import main

sys.exit(main())
