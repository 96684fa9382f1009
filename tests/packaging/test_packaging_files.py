"""The packaging recipes, checked statically (the real build runs in .ci/run, not in the default tests)."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"


def test_build_script_is_executable() -> None:
    for script in ("build.sh", "linux/make_deb.sh", "macos/make_dmg.sh"):
        assert os.access(PACKAGING / script, os.X_OK), script


def test_spec_parses_and_trims_what_the_issue_names() -> None:
    text = (PACKAGING / "vitedesk.spec").read_text()
    ast.parse(text)
    for needle in (
        "QtWebEngineCore",
        "QtQml",
        "QtQuick",
        "QtPdf",
        "phonenumbers.geodata",
        "phonenumbers.carrierdata",
        'copy_metadata("vitedesk")',
        'collect_submodules("uvicorn")',
        "console=False",
        "BUNDLE(",
        "CFBundleShortVersionString",
    ):
        assert needle in text, needle
    assert "qgtk3" not in text.split("KEEP_PLUGINS", 1)[1].split("}", 1)[0].replace("not qgtk3", "")
    assert "phonenumbers.tzdata" not in text


def test_icons_cover_every_size_and_platform() -> None:
    icons = RESOURCES / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(icons / f"vitedesk-{size}.png") as image:
            assert image.size == (size, size)
    with Image.open(icons / "vitedesk.ico") as ico:
        assert (256, 256) in ico.info["sizes"]
    assert (icons / "vitedesk.icns").read_bytes()[:4] == b"icns"
    with Image.open(RESOURCES / "samples" / "smoke-picture.png") as sample:
        assert sample.format == "PNG"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(RESOURCES / "vitedesk.desktop")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


def test_metainfo_names_the_desktop_file_and_screenshots_that_exist() -> None:
    tree = ElementTree.parse(RESOURCES / "vitedesk.metainfo.xml")
    assert tree.findtext("launchable") == "vitedesk.desktop"
    images = [element.text or "" for element in tree.iter("image")]
    assert images
    for url in images:
        assert (RESOURCES / "screenshots" / url.rsplit("/", 1)[1]).exists(), url
    assert tree.find("releases/release").get("version") == "@VERSION@"  # filled in by make_deb.sh


def test_nsis_script_is_per_user_and_registers_an_uninstaller() -> None:
    text = (PACKAGING / "windows" / "vitedesk.nsi").read_text()
    for needle in (
        "RequestExecutionLevel user",
        "$LOCALAPPDATA",
        "WriteUninstaller",
        "HKCU",
        "UninstallString",
        "$SMPROGRAMS",
        "$DESKTOP",
        "VIProductVersion",
        "${VERSION}",
        "${DIST}",
        "${OUTFILE}",
    ):
        assert needle in text, needle
