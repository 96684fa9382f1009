"""The question asked when someone closes the window while a campaign's answer is still awaited."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from vitedesk.ui.qt_async import open_dialog

CLOSE_WHILE_SENDING = (
    "Your campaign is on its way to ViteMobile and its answer has not arrived yet. If you close ViteDesk "
    "now, it cannot know whether the campaign was sent: the send history will show it as “outcome unknown”, "
    "and you should check your ViteMobile account before sending it again."
)


async def close_while_sending(parent: QWidget) -> bool:
    """Ask [closeWhileSendingDialog]; True for "Close anyway" [closeAnywayButton], False to keep waiting."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Close while your campaign is being sent?",
        CLOSE_WHILE_SENDING,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("closeWhileSendingDialog")
    close_button = box.addButton("Close anyway", QMessageBox.ButtonRole.DestructiveRole)
    close_button.setObjectName("closeAnywayButton")
    wait_button = box.addButton("Keep waiting", QMessageBox.ButtonRole.RejectRole)
    wait_button.setObjectName("keepWaitingButton")
    box.setDefaultButton(wait_button)
    try:
        await open_dialog(box)
        return box.clickedButton() is close_button
    finally:
        box.deleteLater()
