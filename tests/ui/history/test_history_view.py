"""The History window: newest first, searchable, every field in the detail pane, CSV export, a sound model."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QFileDialog

from vitedesk.store import HistoryStore
from vitedesk.store.history import INTERRUPTED_MESSAGE
from vitedesk.ui.history.detail import NOT_KEPT
from vitedesk.ui.history.model import COLUMNS, HistoryModel
from vitedesk.ui.history.window import SEARCH_DELAY_MS, HistoryWindow

T0 = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "history.sqlite3") as history:
        yield history


def begin(store: HistoryStore, **overrides: Any) -> int:
    values: dict[str, Any] = {
        "account": "ana@shop.com",
        "server_url": "https://core.vitemobile.com",
        "route_kind": "PRIVATE",
        "route_id": "svm-east-1",
        "protocol": "SMS",
        "recipient_count": 1000,
        "parts_per_message": 2,
        "total_messages": 2000,
        "message": "Weekly offer",
        "image_names": [],
        "fingerprint": "0" * 64,
        "recipients": ["+14155550100"],
    }
    values.update(overrides)
    return store.begin(**values)


def add(
    store: HistoryStore, count: int, *, message: str = "Weekly offer {i}", account: str = "ana@shop.com"
) -> None:
    for i in range(count):
        local_id = begin(
            store,
            account=account,
            recipient_count=1000 + i,
            total_messages=2 * (1000 + i),
            message=message.format(i=i),
            fingerprint=f"{i:064x}",
            recipients=[f"+1415555{i:04d}", "+447700900456"],
            now=T0 + timedelta(minutes=i),
        )
        store.mark_sent(local_id, 5000 + i, "SENDING", now=T0 + timedelta(minutes=i, seconds=2))


def model_warnings(qtlog) -> list[str]:
    return [r.message for r in qtlog.records if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg)]


def cell(model: HistoryModel, row: int, column: str) -> str:
    return model.data(model.index(row, COLUMNS.index(column)))


@pytest.fixture
def window(qtbot, store: HistoryStore):
    def make() -> HistoryWindow:
        widget = HistoryWindow(store)
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return make


def test_model_passes_qt_model_tester_while_paging_and_filtering(qtlog, store: HistoryStore) -> None:
    add(store, 600)
    add(store, 3, message="Tulip day {i}", account="bo@florist.com")
    model = HistoryModel(store, batch_size=256)
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 603
    model.set_filter("tulip")
    assert model.rowCount() == 3
    model.set_filter("")
    model.refresh()
    model.set_filter("no such thing")
    assert model.rowCount() == 0
    del tester
    assert model_warnings(qtlog) == []


def test_model_tester_does_catch_a_broken_model(store: HistoryStore) -> None:
    """Guards the test above: the classic table-model bug (rows under every cell) must be reported."""
    add(store, 3)

    class GivesCellsChildren(HistoryModel):
        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return super().rowCount(QModelIndex())

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return super().columnCount(QModelIndex())

    messages: list[str] = []
    # Our own handler for this test only: pytest-qt would (rightly) fail the test on these warnings.
    previous = qInstallMessageHandler(lambda _type, _context, message: messages.append(message))
    try:
        broken = GivesCellsChildren(store)
        _tester = QAbstractItemModelTester(broken, QAbstractItemModelTester.FailureReportingMode.Warning)
    finally:
        qInstallMessageHandler(previous)
    assert any(message.startswith("FAIL!") for message in messages)


def test_model_is_newest_first_and_loads_in_batches(store: HistoryStore) -> None:
    add(store, 600)
    model = HistoryModel(store, batch_size=256)
    assert model.rowCount() == 256
    assert model.canFetchMore(QModelIndex())
    assert cell(model, 0, "Message") == "Weekly offer 599"
    assert cell(model, 0, "Result") == "Sent — campaign 5599"  # no raw server word
    assert cell(model, 0, "Route") == "Private server svm-east-1"
    assert cell(model, 0, "Recipients") == "1,599"
    assert cell(model, 0, "Total") == "3,198"
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 600
    assert not model.canFetchMore(QModelIndex())
    assert cell(model, 599, "Message") == "Weekly offer 0"
    assert model.matching_count() == 600


def test_the_detail_pane_tells_the_send_in_words_with_developer_fields_under_details(
    qtbot, window, store: HistoryStore
) -> None:
    add(store, 2)
    local_id = begin(
        store,
        account="bo@florist.com",
        route_kind="SID",
        route_id="MyShop",
        protocol="MMS",
        recipient_count=3,
        parts_per_message=1,
        total_messages=3,
        message="Roses are back\nSecond line " + "and a long tail " * 40,
        image_names=["banner.png", "coupon.jpg"],
        fingerprint="ab" * 32,
        recipients=["+14155550143", "+14155550199", "+447700900456"],
        cost_estimate="0.06 USD",
    )
    store.mark_failed(local_id, 429, "Daily limit reached. Try again tomorrow.")
    history = window()

    assert history.countLabel.text() == "3 sends"
    assert history.table.currentIndex().row() == 0
    entry = history.selected_entry()
    assert entry is not None and entry.local_id == local_id
    detail = history.detail
    assert detail.field_text("result") == "Not sent to 3 recipients: the campaign failed, nothing went out."
    assert detail.field_text("error_message") == "Daily limit reached. Try again tomorrow."
    assert detail.field_text("account") == "bo@florist.com"
    assert detail.field_text("server") == "https://core.vitemobile.com"
    assert detail.field_text("route") == "Sender ID “MyShop”"
    assert detail.field_text("protocol") == "Picture message (MMS)"
    assert detail.field_text("size") == "1 picture message per person · 3 picture messages in all"
    assert detail.field_text("cost") == "0.06 USD"
    assert detail.field_text("images") == "banner.png, coupon.jpg"
    assert detail.field_text("recipients") == "3 recipients"
    assert detail.numbers.toPlainText() == "+14155550143\n+14155550199\n+447700900456"
    assert detail.message.text() == entry.message  # the whole message, not a shortened one
    assert detail.field_text("created") and detail.field_text("finished") != "not yet"
    for key in ("result", "error_message", "route", "message", "recipients", "images"):
        assert detail.field_shown(key), key

    # Developer fields: there, but only once "Details" is opened.
    for key in ("local_id", "fingerprint", "remote_status", "error_status"):
        assert not detail.field_shown(key), key
    assert detail.field_text("local_id") == str(local_id)
    assert detail.field_text("error_status") == "429"
    qtbot.mouseClick(detail.detailsButton, Qt.MouseButton.LeftButton)
    assert detail.field_shown("local_id") and detail.field_shown("fingerprint")
    assert detail.field_text("fingerprint").startswith("abab")
    assert detail.values["fingerprint"].toolTip() == "ab" * 32
    qtbot.mouseClick(detail.detailsButton, Qt.MouseButton.LeftButton)
    assert not detail.field_shown("local_id")

    history.table.selectRow(2)
    assert detail.field_text("result") == "Sent to 1,000 recipients — campaign 5000"
    assert "SENDING" not in detail.field_text("result")
    assert detail.field_text("remote_status") == "SENDING"  # the raw word, under Details only
    assert not detail.field_shown("images") and not detail.field_shown("error_message")
    assert not detail.field_shown("cost")
    assert detail.field_text("protocol") == "Text message (SMS)"
    assert detail.field_text("size") == "2 texts per person · 2,000 texts in all"


def test_a_send_from_before_numbers_were_kept_says_so(window, store: HistoryStore) -> None:
    begin(store, recipients=None)
    history = window()
    assert history.detail.field_text("recipients") == f"1,000 recipients. {NOT_KEPT}"
    assert not history.detail.numbers.isVisibleTo(history.detail)


def test_esc_closes_the_window_wherever_the_focus_is(qtbot, window, store: HistoryStore) -> None:
    add(store, 3)
    history = window()
    history.activateWindow()
    history.table.setFocus()
    qtbot.keyClick(history.table, Qt.Key.Key_Escape)
    assert not history.isVisible()
    history.show()
    qtbot.waitExposed(history)
    history.searchEdit.setText("weekly")
    qtbot.keyClick(history.searchEdit, Qt.Key.Key_Escape)
    assert not history.isVisible()


def test_an_interrupted_send_tells_the_user_to_check(window, tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite3"
    crashed = HistoryStore(path)
    add(crashed, 1)
    begin(crashed, route_kind="PUBLIC", route_id="", message="Big launch", fingerprint="c" * 64)
    crashed.close()
    with HistoryStore(path) as restarted:
        assert restarted.recover_interrupted() == 1
        history = HistoryWindow(restarted)
        try:
            assert cell(history.model, 0, "Result") == "Outcome unknown — check before sending again"
            assert history.detail.field_text("error_message") == INTERRUPTED_MESSAGE
        finally:
            history.close()
            history.deleteLater()


def test_search_is_debounced_and_runs_in_sql(qtbot, window, store: HistoryStore) -> None:
    add(store, 30)
    add(store, 2, message="Tulip festival {i}", account="bo@florist.com")
    history = window()
    qtbot.keyClicks(history.searchEdit, "tulip")
    # Typing alone does not re-query on every key press.
    assert history.model.filter_text() == ""
    assert history.model.rowCount() == 32
    qtbot.waitUntil(lambda: history.model.rowCount() == 2, timeout=SEARCH_DELAY_MS * 8)
    assert history.countLabel.text() == "2 found"
    assert cell(history.model, 0, "Message") == "Tulip festival 1"
    assert history.detail.message.text() == "Tulip festival 1"

    history.searchEdit.setText("5003")  # a campaign id
    qtbot.keyClick(history.searchEdit, Qt.Key.Key_Return)  # Enter searches at once
    assert history.model.rowCount() == 1
    assert history.selected_entry() is not None and history.selected_entry().campaign_id == 5003

    history.searchEdit.setText("nothing like this")
    qtbot.keyClick(history.searchEdit, Qt.Key.Key_Return)
    assert history.countLabel.text() == "Nothing found"
    assert history.detail.placeholder.isVisible()
    assert history.detail.placeholder.text() == "No send matches this search."
    assert not history.exportButton.isEnabled()


def test_search_finds_a_campaign_by_a_number_in_the_default_country(qtbot, store: HistoryStore) -> None:
    add(store, 30)
    region = ["US"]
    history = HistoryWindow(store, default_region=lambda: region[0])
    qtbot.addWidget(history)
    history.show()
    qtbot.waitExposed(history)
    for typed in ("(415) 555-0017", "415.555.0017", "+1 415 555 0017", "011 1 415 555 0017"):
        history.searchEdit.setText(typed)
        qtbot.keyClick(history.searchEdit, Qt.Key.Key_Return)
        assert history.model.rowCount() == 1, typed
        assert history.selected_entry().campaign_id == 5017
        assert history.detail.field_text("recipients") == (
            "1,017 recipients, including +14155550017 (the number you searched for)"
        )
    # A national UK number finds nothing while the country is the United States, all 30 once it is the UK.
    history.searchEdit.setText("07700 900456")
    qtbot.keyClick(history.searchEdit, Qt.Key.Key_Return)
    assert history.countLabel.text() == "Nothing found"
    region[0] = "GB"
    history.searchEdit.setText("07700 900 456")
    qtbot.keyClick(history.searchEdit, Qt.Key.Key_Return)
    assert history.countLabel.text() == "30 found"
    history.close()


def test_empty_history_says_so(window) -> None:
    history = window()
    assert history.countLabel.text() == "No sends yet"
    assert history.detail.placeholder.text() == "Campaigns you send will be listed here."
    assert not history.exportButton.isEnabled()


def test_scrolling_to_the_end_loads_more_rows(qtbot, window, store: HistoryStore) -> None:
    add(store, 1200)
    history = window()
    loaded = history.model.rowCount()
    assert loaded < 1200
    history.table.scrollToBottom()
    qtbot.waitUntil(lambda: history.model.rowCount() > loaded, timeout=2000)


def test_export_button_saves_the_rows_matching_the_search(
    qtbot, window, store: HistoryStore, tmp_path
) -> None:
    add(store, 5)
    add(store, 2, message="Tulip festival {i}")
    history = window()
    history.searchEdit.setText("tulip")
    qtbot.keyClick(history.searchEdit, Qt.Key.Key_Return)

    target = tmp_path / "exports" / "tulips.csv"
    target.parent.mkdir()
    with qtbot.waitSignal(history.exported, timeout=5000) as saved:
        qtbot.mouseClick(history.exportButton, Qt.MouseButton.LeftButton)
        dialog = history.findChild(QFileDialog, "historyExportDialog")
        assert dialog is not None and dialog.isVisible()
        assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
        dialog.selectFile(str(target))
        dialog.accept()
    assert Path(saved.args[0]) == target
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Message"] for r in rows] == ["Tulip festival 1", "Tulip festival 0"]
    assert history.notice.text() == f"Saved 2 sends to {target}."


def test_export_failure_is_a_plain_sentence(window, store: HistoryStore, tmp_path: Path) -> None:
    add(store, 1)
    history = window()
    (tmp_path / "a-file").write_text("x")
    assert history.export_to(tmp_path / "a-file" / "sub" / "history.csv") is False
    assert history.notice.text() == (
        "Could not save history.csv: not a directory. Choose another folder and try again."
    )


def test_showing_the_window_again_picks_up_new_sends(qtbot, window, store: HistoryStore) -> None:
    add(store, 2)
    history = window()
    history.hide()
    add(store, 1, message="Fresh send {i}")
    history.show()
    qtbot.waitExposed(history)
    assert history.model.rowCount() == 3
    assert cell(history.model, 0, "Message") == "Fresh send 0"
    assert history.countLabel.text() == "3 sends"


def test_a_damaged_history_file_is_explained(window, tmp_path: Path, qtbot) -> None:
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"not sqlite at all" * 200)
    with HistoryStore(path) as fresh:
        history = HistoryWindow(fresh)
        qtbot.addWidget(history)
        assert "damaged" in history.notice.label.text()
        history.close()
