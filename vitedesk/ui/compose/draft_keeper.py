"""Autosave of the campaign being composed, and its restoration at the next start.

What is kept: the recipients text exactly as typed, the default country, the message, the route kind and
BOTH route fields as typed (switching routes never loses an id), and the image paths.

When the draft file is written or removed (the decisions the issue left open):
- about 1 s after the last change (a single-shot timer restarted by every change), atomically;
- when the window closes, so quitting normally also keeps unsent work for the next start;
- removed after New campaign, and after a successful send: the draft exists for crash recovery of
  *unsent* work. The text stays in the window after a success (for a follow-up), and any later edit
  writes a new draft. Restoring a campaign that already went out at the next start would invite a second
  send; the identical-campaign question would catch it, but not offering it is calmer.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from vitedesk.core.campaign import Route, RouteKind
from vitedesk.store.drafts import Draft, DraftStore
from vitedesk.ui.common.widgets import Tone
from vitedesk.ui.main_window import MainWindow
from vitedesk.ui.send.send_flow import Notice

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 1000
NOTICE_TOPIC = "draftNotice"
SAVE_FAILED = (
    "ViteDesk could not save a copy of your campaign on this computer ({reason}), so it would be lost if "
    "ViteDesk stopped unexpectedly. Check that the disk is not full; everything you typed is still here."
)


def draft_of(window: MainWindow) -> Draft:
    """What the window holds now, as a draft (route fields exactly as typed)."""
    return Draft(
        leads_text=window.leads.text(),
        default_region=window.leads.default_region(),
        message=window.composer.message(),
        route_kind=window.route.route().kind.value,
        server_id=window.route.serverIdEdit.text(),
        sender_id=window.route.sidEdit.text(),
        images=[str(path) for path in window.images.images()],
    )


def apply_draft(window: MainWindow, draft: Draft) -> None:
    """Put ``draft`` back into the window's widgets."""
    window.leads.set_default_region(draft.default_region)
    window.leads.set_text(draft.leads_text)
    window.composer.set_message(draft.message)
    window.route.serverIdEdit.setText(draft.server_id)
    window.route.sidEdit.setText(draft.sender_id)
    try:
        kind = RouteKind(draft.route_kind)
    except ValueError:
        kind = RouteKind.PUBLIC
    window.route.set_route(Route(kind, server_id=draft.server_id, sender_id=draft.sender_id))
    # set_route writes the chosen field trimmed; the draft keeps what was typed
    window.route.serverIdEdit.setText(draft.server_id)
    window.route.sidEdit.setText(draft.sender_id)
    window.images.set_images(draft.images)


def restored_sentence(saved_at: datetime | None, now: datetime | None = None) -> str:
    """e.g. "Your unsent campaign from 10:42 was restored." (with the date when it is not today)."""
    if saved_at is None:
        return "Your unsent campaign was restored."
    try:
        local = saved_at.astimezone()
    except (OverflowError, ValueError, OSError):  # a time the local clock cannot show
        return "Your unsent campaign was restored."
    today = (now or datetime.now().astimezone()).date()
    when = local.strftime("%H:%M") if local.date() == today else local.strftime("%d %B at %H:%M").lstrip("0")
    return f"Your unsent campaign from {when} was restored."


def _same(a: Draft | None, b: Draft | None) -> bool:
    if a is None or b is None:
        return a is b
    return dataclasses.replace(a, saved_at=None) == dataclasses.replace(b, saved_at=None)


class DraftKeeper(QObject):
    """Saves the window's campaign to a DraftStore, debounced; ``saved(Draft | None)`` after each write."""

    saved = Signal(object)

    def __init__(self, window: MainWindow, store: DraftStore, delay_ms: int = AUTOSAVE_DELAY_MS) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._on_disk: Draft | None = None  # what the file holds (None: no file)
        self._failure_shown = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.save_now)
        window.contentChanged.connect(self.schedule)
        window.leads.textChanged.connect(self.schedule)  # before the (debounced) parse reports
        window.leads.defaultRegionChanged.connect(self.schedule)
        window.newCampaignStarted.connect(self._new_campaign)
        window.flow.finished.connect(self._send_finished)
        window.closing.connect(self.flush)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def restore(self) -> Draft | None:
        """Load the saved draft into the window and say so; None when there was nothing to restore."""
        draft = self._store.load()
        if self._store.problem:
            self._window.notices.show_message(NOTICE_TOPIC, self._store.problem, Tone.WARNING)
        if draft is None or draft.is_blank():
            return None
        apply_draft(self._window, draft)
        self._on_disk = draft
        self._window.notices.show_message(NOTICE_TOPIC, restored_sentence(draft.saved_at), Tone.INFO)
        log.info("Restored the unsent campaign saved at %s", draft.saved_at)
        return draft

    def schedule(self, *_args: object) -> None:
        self._timer.start()  # restart: saved about a second after the last change

    def flush(self) -> None:
        """Write now if a save is pending."""
        if self._timer.isActive():
            self.save_now()

    def save_now(self) -> None:
        self._timer.stop()
        if self._window.leads.leadEdit.bulk_loading:
            self._timer.start()  # a large text is still being swapped in: save it once it is complete
            return
        draft = draft_of(self._window)
        if draft.is_blank():
            if self._on_disk is not None:
                self.discard()
            return
        if _same(draft, self._on_disk):
            return
        try:
            self._on_disk = self._store.save(draft)
        except OSError as error:
            log.error("Could not save the draft: %s", error)
            if not self._failure_shown:
                self._failure_shown = True
                reason = (error.strerror or "the file could not be written").lower()
                self._window.notices.show_message(
                    NOTICE_TOPIC, SAVE_FAILED.format(reason=reason), Tone.WARNING
                )
            return
        log.debug(
            "Draft saved: %d characters of recipients, %d of message",
            len(draft.leads_text),
            len(draft.message),
        )
        self.saved.emit(self._on_disk)

    def discard(self) -> None:
        """Forget the draft (New campaign, or the campaign went out)."""
        self._timer.stop()
        try:
            self._store.clear()
        except OSError as error:
            log.warning("Could not remove the draft: %s", error)
        self._on_disk = None
        log.debug("Draft removed")
        self.saved.emit(None)

    def _new_campaign(self) -> None:
        self.discard()
        self._window.notices.show_message(NOTICE_TOPIC, "")  # "was restored" no longer describes the window

    def _send_finished(self, notice: Notice) -> None:
        # Edits made while the request was out are still pending: those are new, unsent work.
        if notice.level == Tone.SUCCESS and not self._timer.isActive():
            self.discard()
