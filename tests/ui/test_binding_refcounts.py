"""Guard against a Qt binding that leaks references to Python's singletons.

PySide6 6.12.0 on CPython 3.11 dropped a reference to None on every void Qt call and to True on every signal
emit from Python; after a few hundred keystrokes the app aborted with "Fatal Python error: none_dealloc".
On 3.11 these singletons are not immortal, so their counts must stay steady across many Qt calls.
"""

import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit


class _Emitter(QObject):
    text = Signal(str)
    flag = Signal(bool)


def test_many_qt_calls_and_emits_keep_none_true_false_alive(qtbot) -> None:
    label, editor, emitter = QLabel(), QPlainTextEdit(), _Emitter()
    qtbot.addWidget(label)
    qtbot.addWidget(editor)
    received: list[object] = []
    emitter.text.connect(received.append)
    emitter.flag.connect(received.append)
    before = {name: sys.getrefcount(obj) for name, obj in (("None", None), ("True", True), ("False", False))}
    for _ in range(500):
        emitter.text.emit("x")
        emitter.flag.emit(True)
        emitter.flag.emit(False)
        label.setText("x")
        label.update()
        editor.setEnabled(True)
        editor.insertPlainText("a")
        QCoreApplication.processEvents()
    assert len(received) == 1500
    received.clear()
    after = {name: sys.getrefcount(obj) for name, obj in (("None", None), ("True", True), ("False", False))}
    # A leak of one reference per call would show as hundreds lost; allow for a few cached references.
    lost = {name: before[name] - after[name] for name in before if before[name] - after[name] > 50}
    assert lost == {}, f"the Qt binding lost references to {lost}"
