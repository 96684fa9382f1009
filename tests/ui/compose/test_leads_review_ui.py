"""The Recipients area as a careful sender checks it: every line accounted for, numbers that may not exist
held back until included, the country said in words, and the table of what will be sent."""

from __future__ import annotations

import pytest

from vitedesk.core.leads.review import EXTENSION
from vitedesk.ui.compose.lead_recipients import RecipientsModel
from vitedesk.ui.compose.leads import EMPTY_SUMMARY, LeadEditor

UK = "07400 123456\n07400 123457\n020 7946 0018\n07400 123458\n"
BASIC = "basic@sandbox.test"


@pytest.fixture
def editor(qtbot) -> LeadEditor:
    widget = LeadEditor()
    qtbot.addWidget(widget)
    widget.resize(560, 560)
    widget.show()
    return widget


def rows(editor: LeadEditor) -> list[str]:
    model = editor.problemsModel
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def settled(qtbot, editor: LeadEditor, summary: str) -> None:
    qtbot.waitUntil(lambda: editor.leadSummary.text() == summary and not editor.is_busy(), timeout=5000)


def test_lines_without_a_number_are_listed_and_a_header_is_said_to_be_skipped(qtbot, editor) -> None:
    editor.set_text("Name,Phone\nKen North,n/a\n+1 202 555 0143\nWendy Zane,,\n202-555-0143 ext 12\n")
    settled(qtbot, editor, "1 recipient · 3 lines need attention · header line skipped")
    assert rows(editor) == [
        "Line 2: Ken North,n/a — No phone number on this line.",
        "Line 4: Wendy Zane,, — No phone number on this line.",
        "Line 5: 202-555-0143 ext 12 — " + EXTENSION,
    ]
    assert editor.leadTabs.isVisible() and editor.leadTabs.currentWidget() is editor.problemList
    assert editor.leadTabs.tabText(0) == "Needs attention (3)"


def test_uk_numbers_read_as_united_states_are_not_sent_and_switching_reads_them_again(qtbot, editor) -> None:
    assert editor.reviewPanel.regionExplain.text() == (
        "Numbers without a country code are read as United States (+1)."
    )
    assert editor.regionCombo.toolTip() == editor.reviewPanel.regionExplain.text()
    editor.set_text(UK)
    settled(qtbot, editor, "0 recipients · 4 lines need attention")
    assert editor.recipients() == []
    assert all(row.endswith("Not a United States number: is the country right?") for row in rows(editor))
    hint = editor.reviewPanel.countryHint
    assert hint.isVisible()
    assert hint.text().startswith("These 4 numbers look like United Kingdom numbers.")
    button = editor.reviewPanel.switchCountryButton
    assert button.text() == "Read them as United Kingdom (+44)"
    with qtbot.waitSignal(editor.reportChanged, timeout=5000):
        button.click()
    assert editor.default_region() == "GB"
    settled(qtbot, editor, "4 recipients")
    assert editor.recipients() == ["+447400123456", "+447400123457", "+442079460018", "+447400123458"]
    assert not hint.isVisible()
    assert editor.reviewPanel.regionExplain.text() == (
        "Numbers without a country code are read as United Kingdom (+44)."
    )


def test_the_recipients_table_shows_what_will_be_sent_and_finds_any_format(qtbot, editor) -> None:
    editor.set_text("Name\n+44 20 7946 0018\n(202) 555-0143\n\n202.555.0143\n+1 202 555 0178\n")
    settled(qtbot, editor, "3 recipients · 1 duplicate removed · header line skipped")
    assert editor.leadTabs.currentWidget() is editor.recipientsTable  # nothing needs attention
    assert editor.leadTabs.tabText(1) == "Recipients (3)"
    model = editor.recipientsTable.model
    table = [[model.index(row, column).data() for column in range(3)] for row in range(model.rowCount())]
    assert table == [
        ["+442079460018", "United Kingdom", "2"],
        ["+12025550143", "United States", "3"],
        ["+12025550178", "United States", "6"],
    ]
    for typed in ("202-555-0143", "(202) 555 0143", "+1 202 555 0143", "2025550143"):
        editor.recipientsTable.search.setText(typed)
        assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["+12025550143"], typed
    editor.recipientsTable.search.setText("020 7946 0018")
    assert model.rowCount() == 1 and model.index(0, 0).data() == "+442079460018"
    editor.recipientsTable.search.clear()
    assert model.rowCount() == 3
    editor.recipientsTable.table.activated.emit(model.index(2, 0))
    assert editor.leadEdit.textCursor().blockNumber() == 5  # the row leads to its line


def test_recipients_model_is_a_sound_qt_model(qtmodeltester) -> None:
    model = RecipientsModel()
    model.set_recipients(["+12025550143", "+442079460018"], [1, 3])
    qtmodeltester.check(model, force_py=True)
    model.search("7946")
    qtmodeltester.check(model, force_py=True)


def test_the_campaign_sends_numbers_that_may_not_exist_only_if_included(qtbot, sandbox, make_window) -> None:
    window = make_window(sandbox.url)
    leads = window.leads
    leads.set_text("+1 202 555 0143\n+1 555 555 5555\n+1 555 555 5556\n")
    settled(qtbot, leads, "1 recipient · 2 may not exist (not sent)")
    assert rows(leads)[-1].startswith("Line 3: +1 555 555 5556 — May not exist")
    campaign = window.campaign()
    assert list(campaign.leads) == ["+12025550143"] and list(campaign.unverified) == []
    box = leads.includeUnverified
    assert box.isVisible() and box.text() == "Send to these 2 numbers anyway"
    box.click()
    qtbot.waitUntil(lambda: leads.leadSummary.text() == "3 recipients")
    campaign = window.campaign()
    assert list(campaign.leads) == ["+12025550143", "+15555555555", "+15555555556"]
    assert list(campaign.unverified) == ["+15555555555", "+15555555556"]
    assert leads.unverified_included_count == 2
    # a new list starts without them again
    leads.set_text("")
    settled(qtbot, leads, EMPTY_SUMMARY)
    assert not box.isChecked()
