"""The log file helps support without ever holding a token or a password."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from vitedesk.store import configure_logging, redact

JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbmEiLCJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLWJ5dGVz"


@pytest.fixture
def logfile(tmp_path: Path):
    handle = configure_logging(tmp_path / "logs", logging.DEBUG)
    yield handle
    handle.remove()


def _written(handle) -> str:
    handle.handler.flush()
    return handle.path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("message", "args", "secret"),
    [
        ("request headers %s", ({"Authorization": "Bearer opaque-token-123"},), "opaque-token-123"),
        ("Authorization: %s", ("Token s3cr3t-value",), "s3cr3t-value"),
        ("sending with bearer %s", ("abcDEF123._~+/=",), "abcDEF123"),
        ("token %s", (JWT,), JWT[:20]),
        (f"login answered {{'access': '{JWT}'}}", (), "eyJhbGciOiJIUzI1NiIs"),
        ("body %s", ('{"username": "ana", "password": "hunter2"}',), "hunter2"),
        ("form password=%s&username=ana", ("pa ss",), "pa ss"),
        ("form %s", ("username=ana&password=hunter2",), "hunter2"),
        ("dict %r", ({"password": "correct horse"},), "correct horse"),
        ('{"access": "opaque-access", "refresh": "opaque-refresh"}', (), "opaque-"),
        ("raw header %r", ((b"authorization", b"Bearer bytes-token"),), "bytes-token"),
    ],
)
def test_each_secret_shape_is_redacted(logfile, message: str, args: tuple, secret: str) -> None:
    logging.getLogger("vitedesk.api").info(message, *args)
    text = _written(logfile)
    assert secret not in text
    assert "[redacted]" in text


def test_exception_text_is_redacted(logfile) -> None:
    try:
        raise ValueError(f"server said Authorization: Bearer {JWT}")
    except ValueError:
        logging.getLogger("vitedesk").exception("send failed")
    text = _written(logfile)
    assert "ValueError" in text and "send failed" in text
    assert JWT not in text and "eyJhbGci" not in text


def test_ordinary_messages_are_kept(logfile) -> None:
    logging.getLogger("vitedesk.ui").info("Sent campaign %d to %d recipients (%s)", 981, 1204, "PUBLIC")
    assert "Sent campaign 981 to 1204 recipients (PUBLIC)" in _written(logfile)
    assert redact("no access: the account needs a licence") == "no access: the account needs a licence"


def test_httpx_is_quiet_below_warning_and_redacted_above(logfile) -> None:
    logging.getLogger("httpx").info("HTTP Request: POST https://core.vitemobile.com/api/messages/send/")
    logging.getLogger("httpx").warning("retrying with Authorization: Bearer abc123")
    text = _written(logfile)
    assert "HTTP Request" not in text
    assert "retrying" in text and "abc123" not in text


def test_the_file_rotates(tmp_path: Path) -> None:
    handle = configure_logging(tmp_path, logging.INFO, max_bytes=2_000, backup_count=2)
    try:
        for i in range(200):
            logging.getLogger("vitedesk").info("line %d %s", i, "x" * 50)
    finally:
        handle.remove()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["vitedesk.log", "vitedesk.log.1", "vitedesk.log.2"]
    assert (tmp_path / "vitedesk.log").stat().st_size <= 2_000


def test_remove_detaches_and_restores_levels(tmp_path: Path) -> None:
    before = logging.getLogger("httpx").level
    handle = configure_logging(tmp_path)
    handle.remove()
    assert logging.getLogger("httpx").level == before
    logging.getLogger("vitedesk").warning("after removal")
    assert "after removal" not in (tmp_path / "vitedesk.log").read_text(encoding="utf-8")
