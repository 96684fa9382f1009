"""A ViteMobile-compatible server for training mode and tests: nothing it accepts is really sent.

Three ways to run it: `python -m vitedesk.sandbox --port 8765` (or `vitedesk-sandbox`), `SandboxServer` in a
background thread, or `create_app()` as a plain ASGI app. It listens on 127.0.0.1 only.

Where the reference is silent, the sandbox decides:
- Checks run in this order: 401 token, 400/415 body and fields (all field errors at once), 403 licence,
  406 no valid number, 428 unverified with more than one recipient, 429 daily limit, then 201.
- Lead lines of bare digits are read as E.164 without '+'; invalid lines are dropped, duplicates counted once.
- The daily count is recipients x segments for SMS and MMS alike (as Campaign.total_messages), per UTC day.
- A sender ID is 1-11 characters: English letters (at least one), digits, spaces and . & _ -; anything else
  (emoji, accents) is 400 {"sid": [...]}. A server_id sent with PUBLIC is ignored.
- Images are only allowed with protocol MMS, as image_0 ... image_4; each must open and verify with Pillow.
- Faults apply to the send endpoint only, so a client can still log in; latency applies to login and send.
  "drop" accepts and records the campaign before closing the connection (the answer is what gets lost);
  "html500" and "not_json" answer instead of processing, so nothing is recorded.
"""

from typing import TYPE_CHECKING

from vitedesk.lazy import lazy_exports

if TYPE_CHECKING:  # loaded on first use: the demo accounts without Starlette and uvicorn (vitedesk.lazy)
    from vitedesk.sandbox.accounts import DEMO_ACCOUNTS, DemoAccount
    from vitedesk.sandbox.app import create_app
    from vitedesk.sandbox.faults import FAULTS, Fault
    from vitedesk.sandbox.server import SandboxServer, SandboxStartError

__getattr__ = lazy_exports(
    __name__,
    {
        "DEMO_ACCOUNTS": "vitedesk.sandbox.accounts",
        "DemoAccount": "vitedesk.sandbox.accounts",
        "create_app": "vitedesk.sandbox.app",
        "FAULTS": "vitedesk.sandbox.faults",
        "Fault": "vitedesk.sandbox.faults",
        "SandboxServer": "vitedesk.sandbox.server",
        "SandboxStartError": "vitedesk.sandbox.server",
    },
)

__all__ = [
    "DEMO_ACCOUNTS",
    "FAULTS",
    "DemoAccount",
    "Fault",
    "SandboxServer",
    "SandboxStartError",
    "create_app",
]
