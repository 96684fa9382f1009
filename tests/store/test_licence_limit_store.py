"""Licence limits are kept per server and account (usernames compare case-insensitively), on disk."""

from __future__ import annotations

from pathlib import Path

from vitedesk.core.licence_limits import LicenceLimit
from vitedesk.store.licence_limits import LicenceLimitStore

REAL = "https://core.vitemobile.com"
SANDBOX = "http://127.0.0.1:8765"


def test_limits_are_kept_per_account_and_server_across_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "licence-limits.json"
    store = LicenceLimitStore(path)
    assert store.update(SANDBOX, "Basic@Sandbox.test", learnt={LicenceLimit.NO_MMS})
    assert not store.update(SANDBOX, "basic@sandbox.test", learnt={LicenceLimit.NO_MMS})  # nothing new
    store.update(SANDBOX, "basic@sandbox.test", learnt={LicenceLimit.NOT_VERIFIED})
    again = LicenceLimitStore(path)
    assert again.limits(SANDBOX, "basic@sandbox.test") == {LicenceLimit.NO_MMS, LicenceLimit.NOT_VERIFIED}
    assert again.limits(REAL, "basic@sandbox.test") == frozenset()  # practice never colours the real one
    again.update(SANDBOX, "basic@sandbox.test", gone={LicenceLimit.NO_MMS})
    assert LicenceLimitStore(path).limits(SANDBOX, "BASIC@sandbox.test") == {LicenceLimit.NOT_VERIFIED}
    assert again.limits(SANDBOX, "") == frozenset()


def test_a_damaged_file_counts_as_empty_and_unknown_limits_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "licence-limits.json"
    path.write_text("{not json", encoding="utf-8")
    assert LicenceLimitStore(path).limits(REAL, "ana@shop.com") == frozenset()
    path.write_text('{"accounts": {"https://core.vitemobile.com|ana@shop.com": ["no_mms", "no_fax"]}}')
    assert LicenceLimitStore(path).limits(REAL, "ana@shop.com") == {LicenceLimit.NO_MMS}
