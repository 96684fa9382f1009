"""The rotating log file, with secrets taken out of every record before it is written."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE_NAME = "vitedesk.log"
REDACTED = "[redacted]"

_QUOTED_OR_BARE = r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|[^\s&,;}\]\)]+)"
# Order matters: the header and key=value rules run first and swallow whole values ("Bearer eyJ...").
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization: Bearer abc  /  'Authorization': 'Bearer abc'  /  "authorization": "Token abc"
    (
        re.compile(
            r"""(?i)(["']?(?:proxy-)?authorization["']?\s*[:=]\s*)(["'])?(?(2)(?:(?!\2).)*\2|[^\r\n,;}]*)"""
        ),
        rf"\1{REDACTED}",
    ),
    # password=..., "password": "...", 'token': '...', access_token=..., "refresh": "..."
    (
        re.compile(
            r"""(?i)((?:\b(?:password|passwd|pwd|secret|token|access_token|refresh_token|api_key)\b["']?"""
            r"""|["'](?:access|refresh)["'])\s*[:=]\s*)""" + _QUOTED_OR_BARE
        ),
        rf"\1{REDACTED}",
    ),
    (re.compile(r"(?i)\bbearer\s+[A-Za-z0-9\-._~+/]+=*"), f"Bearer {REDACTED}"),
    # A JWT: three base64url segments, the header always starts with eyJ ('{"').
    (re.compile(r"\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), REDACTED),
)


def redact(text: str) -> str:
    """``text`` with Authorization values, bearer tokens, JWTs and password/token fields replaced."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Merges a record's message with its args, redacts it, and redacts exception and stack text too."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not hide the record, nor leak its args
            message = f"{record.msg!s} (unformattable arguments)"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


@dataclass
class LoggingHandle:
    """What ``configure_logging`` changed, so tests and shutdown can undo it with ``remove()``."""

    handler: RotatingFileHandler
    path: Path
    _restore_levels: dict[str, int] = field(default_factory=dict)

    def remove(self) -> None:
        for name, level in self._restore_levels.items():
            logger = logging.getLogger(name)
            logger.removeHandler(self.handler)
            logger.setLevel(level)
        self._restore_levels.clear()
        self.handler.close()


def configure_logging(
    log_dir: Path, level: int = logging.INFO, *, max_bytes: int = 1_000_000, backup_count: int = 5
) -> LoggingHandle:
    """Send the "vitedesk" logger (and httpx/httpcore warnings) to ``log_dir/vitedesk.log``, redacted.

    The file rotates at ``max_bytes`` keeping ``backup_count`` old files. Returns a handle whose
    ``remove()`` detaches the handler and restores the previous logger levels.
    """
    log_dir = Path(log_dir)
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    handler = RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    handle = LoggingHandle(handler=handler, path=path)
    levels = {"vitedesk": level, "httpx": logging.WARNING, "httpcore": logging.WARNING}
    for name, logger_level in levels.items():
        logger = logging.getLogger(name)
        handle._restore_levels[name] = logger.level
        logger.setLevel(logger_level)
        logger.addHandler(handler)
    return handle
