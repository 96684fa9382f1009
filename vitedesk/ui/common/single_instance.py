"""One running ViteDesk per profile: a second start brings the first window to the front and exits.

Two windows on one profile would overwrite each other's draft. The first start holds a QLockFile in the
profile's config folder and listens on a QLocalServer named after that folder; a later start finds the
lock taken, asks the server to show its window, and stops. A lock left by a process that died is stale
(QLockFile checks whether its process still runs) and is taken over.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Qt
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

ALREADY_RUNNING = "ViteDesk is already running with this profile; its window was brought to the front."
_SHOW = b"show\n"
_WAIT_MS = 2000


def server_name(config_dir: Path) -> str:
    """A local socket name for a profile: short (Unix socket paths are limited) and per user folder."""
    digest = hashlib.sha256(str(config_dir.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return f"vitedesk-{digest[:24]}"


class SingleInstance(QObject):
    """The profile's lock while this process runs; ``window`` is brought to the front on a second start."""

    def __init__(self, config_dir: Path) -> None:
        super().__init__()
        self.config_dir = config_dir
        self.name = server_name(config_dir)
        self.window: QWidget | None = None
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True when this process may run (it now holds the profile); False when another one does (it
        was asked to show its window). A folder that cannot hold the lock never stops the app."""
        try:
            self.config_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.warning("No single-instance lock (%s): running anyway", error)
            return True
        lock = QLockFile(str(self.config_dir / "vitedesk.lock"))
        lock.setStaleLockTime(0)  # stale only when its process is gone, however long it has run
        if not lock.tryLock(200):
            if lock.error() == QLockFile.LockError.LockFailedError:
                self._ask_to_show()
                return False
            log.warning("No single-instance lock (error %s): running anyway", lock.error())
            return True
        self._lock = lock
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)  # a socket file left by a process that died
        if server.listen(self.name):
            server.newConnection.connect(self._on_connection)
            self._server = server
        else:
            log.warning("Second starts cannot reach this window: %s", server.errorString())
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _ask_to_show(self) -> None:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if socket.waitForConnected(_WAIT_MS):
            socket.write(_SHOW)
            socket.flush()
            socket.waitForBytesWritten(_WAIT_MS)
            socket.disconnectFromServer()
        else:
            log.warning("The running ViteDesk did not answer: %s", socket.errorString())

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda socket=socket: self._on_request(socket))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_request(socket)

    def _on_request(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_SHOW.strip()):
            self.bring_to_front()

    def bring_to_front(self) -> None:
        window = self.window
        if window is None:
            return
        log.info("Another start of ViteDesk asked for this window")
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()
