"""Segment counter: analyze() speed on 1,600-character texts, and a differential run against Twilio.

Run: uv run pytest -m bench tests/bench/bench_segments.py -s

Needs node and npm for the Twilio side (npm sms-segments-calculator 1.3.0 is installed at run time into
pytest's cache directory, never into the repository); those tests are skipped without them.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vitedesk.core.segments import GSM7_BASIC, GSM7_EXTENSION, analyze

pytestmark = pytest.mark.bench

TWILIO_PACKAGE = "sms-segments-calculator@1.3.0"
NODE_SCRIPT = Path(__file__).with_name("twilio_segments.js")
LIMIT_US = {"GSM-7": 20.0, "UCS-2": 50.0}

SMILE = "\U0001f600"
THUMBS_MEDIUM = "\U0001f44d\U0001f3fd"
FLAG_US = "\U0001f1fa\U0001f1f8"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
HEART_RED = "\u2764\ufe0f"

# Pieces whose clustering is the same in Unicode 10 (the grapheme-splitter inside Twilio's calculator) and in
# Unicode 17 (ours): the differential run must agree exactly on any text made of them.
AGREED_PIECES = [
    *"aZ0 .,!?@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà",
    *GSM7_EXTENSION,
    "\r", "\n", "\r\n", "\t", "`", "ç", "á", "Ж", "中", "\u00a0", "’",
    SMILE, THUMBS_MEDIUM, FLAG_US, "\U0001f1e6", FAMILY, ENGLAND, HEART_RED,
    "e\u0301", "\u0301", "\ufe0f", "\u0915\u094d\u0937", "\u0600", "\u1100\u1161\u11a8", "\uac00", "\u0e33",
    "\U0001d54f", "\U00011000\U00011038",
]  # fmt: skip


def _cached_twilio(cache_dir: Path) -> Path | None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        return None
    if not (cache_dir / "node_modules" / "sms-segments-calculator" / "package.json").exists():
        npm_install = ["npm", "install", "--prefix", str(cache_dir), "--no-save", "--no-audit", "--no-fund"]
        subprocess.run(
            [*npm_install, TWILIO_PACKAGE],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return cache_dir


@pytest.fixture(scope="module")
def twilio(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[list[str], int], list[dict[str, Any]]]:
    """Runs texts through Twilio's calculator under node; skips when node/npm are missing."""
    cache = getattr(request.config, "cache", None)  # None with -p no:cacheprovider
    where = cache.mkdir("sms-segments-calculator") if cache else tmp_path_factory.mktemp("twilio")
    install_dir = _cached_twilio(Path(where))
    if install_dir is None:
        pytest.skip("node and npm are needed for the Twilio comparison")

    def run(texts: list[str], time_calls: int = 0) -> list[dict[str, Any]]:
        completed = subprocess.run(
            ["node", str(NODE_SCRIPT), str(install_dir)],
            input=json.dumps({"texts": texts, "time_calls": time_calls}),
            capture_output=True,
            text=True,
            check=True,
            timeout=1800,
        )
        results: list[dict[str, Any]] = json.loads(completed.stdout)
        return results

    return run


def _ours(text: str) -> tuple[str, int, int]:
    info = analyze(text)
    return info.encoding, info.segments, info.units


def _theirs(result: dict[str, Any]) -> tuple[str, int, int]:
    return result["encoding"], result["segments"], round(result["units"])


# --- differential: same texts through both --------------------------------------------------------------


def _boundary_texts() -> list[str]:
    texts: list[str] = []
    # GSM-7: every extension character around the 153rd and 306th septet, and around a single SMS's 160th.
    for char in GSM7_EXTENSION:
        for before in [*range(148, 162), *range(300, 310)]:
            for after in (0, 1, 5, 150, 160):
                texts.append("A" * before + char + "A" * after)
    # UCS-2: every piece around the 67th and 134th unit and a single SMS's 70th.
    for piece in AGREED_PIECES:
        for before in [*range(60, 72), *range(128, 136)]:
            for after in (0, 1, 3, 66):
                texts.append("ç" * before + piece + "a" * after)
                texts.append(SMILE + "ç" * (before - 2) + piece * 3 + "a" * after)
    # CRLF straddling a GSM and a UCS-2 cut.
    texts += ["A" * n + "\r\n" + "A" * 20 for n in range(150, 160)]
    texts += ["ç" * n + "\r\n" + "ç" * 20 for n in range(62, 70)]
    return texts


def _random_texts(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    gsm = list(GSM7_BASIC + GSM7_EXTENSION)
    texts = []
    for _ in range(count):
        length = rng.choice([10, 80, 170, 400, 900])
        pieces = AGREED_PIECES if rng.random() < 0.7 else gsm
        texts.append("".join(rng.choice(pieces) for _ in range(rng.randrange(length))))
    return texts


def test_same_encoding_parts_and_units_as_twilio(twilio: Callable[..., list[dict[str, Any]]]) -> None:
    texts = _boundary_texts() + _random_texts(3000)
    results = twilio(texts)
    mismatches = [
        (text, _ours(text), _theirs(result))
        for text, result in zip(texts, results, strict=True)
        if _ours(text) != _theirs(result)
    ]
    print(f"\ndifferential: {len(texts)} texts, {len(mismatches)} differ from Twilio's calculator")
    for text, ours, theirs in mismatches[:10]:
        print(f"  {text[:60]!r}... ours {ours} Twilio {theirs}")
    assert not mismatches


# Deliberate differences: Twilio's calculator uses grapheme-splitter 1.0.4 (Unicode 10 rules); ours follows
# today's rules, which is what current phones display as one character. Each case puts the sequence across the
# 67-unit cut of a UCS-2 part and pads the next part so that the difference shows in the number of parts.
DELIBERATE = {
    # Unicode 11+ emoji ZWJ sequences of emoji that Unicode 10 did not list as "glue after ZWJ": service dog =
    # dog + ZWJ + safety vest. Twilio ends part one after the ZWJ; we move the whole sequence.
    "service dog ZWJ sequence": "ç" * 64 + "\U0001f415\u200d\U0001f9ba" + "a" * 63,
    # Skin-tone modifier after an emoji that Unicode 10 did not call an emoji base (Unicode 11+: the modifier
    # is Extend and always stays with its emoji).
    "modifier after a non-base emoji": "ç" * 65 + "\U0001f600\U0001f3fd" + "a" * 64,
    # ZWJ after a letter, then a man: Unicode 10 glued the man to the ZWJ (ZWJ x E_Base_GAZ); today he stands
    # alone, so part one may end right before him.
    "ZWJ after a letter, then an emoji": "ç" * 66 + "\u200d\U0001f468" + "a" * 64,
    # One cluster longer than a part: Twilio puts it in one oversized part that no network accepts; we give it
    # a fresh part and cut it between code points.
    "cluster longer than a part": "a" + "e" + "\u0301" * 80,
}


def test_deliberate_differences_from_twilio(twilio: Callable[..., list[dict[str, Any]]]) -> None:
    results = twilio(list(DELIBERATE.values()))
    print()
    same = []
    for (name, text), result in zip(DELIBERATE.items(), results, strict=True):
        ours, theirs = _ours(text), _theirs(result)
        print(f"  {name:34s} ours {ours}  Twilio {theirs}")
        if ours == theirs:
            same.append(name)
    assert not same, f"no longer different from Twilio, update DELIBERATE and the notes: {same}"


# --- speed ------------------------------------------------------------------------------------------------


def _fill(pattern: str, length: int = 1600) -> str:
    return (pattern * (length // len(pattern) + 1))[:length]


def _mixed(seed: int) -> str:
    rng = random.Random(seed)
    pieces = [*AGREED_PIECES, "\u200d", "\U0001f3fb", "\U0001f415\u200d\U0001f9ba"]
    text = ""
    while len(text) < 1600:
        text += rng.choice(pieces)
    return text[:1600]


BENCH_TEXTS = {
    "GSM-7 plain": _fill("Hello Anna, your order 1234 is ready for pickup at our store. "),
    "GSM-7 accented": _fill("Très bien, à demain! Ça va? Søren, Ålesund, Müller, Niño, Δ ΣΩ. "),
    "GSM-7 extension-heavy": _fill("{[x]}|^~\\€ab"),
    "GSM-7 all extension": _fill("{"),
    "GSM-7 worst mix": _fill("ΔΦ€{x}[é]|Ç\r\n~^\\"),
    "UCS-2 tab in ASCII": _fill("Hello\tworld "),
    "UCS-2 Cyrillic": _fill("Привет, как дела? Скидка 20% сегодня. "),
    "UCS-2 emoji sprinkled": _fill("Sale today " + SMILE + " 20% off! "),
    "UCS-2 all emoji": _fill(SMILE),
    "UCS-2 flags": _fill(FLAG_US),
    "UCS-2 skin tones + ZWJ": _fill(THUMBS_MEDIUM + " " + FAMILY + " " + HEART_RED + " ok "),
    "UCS-2 Hindi": _fill("नमस्ते, आपका ऑर्डर तैयार है। क्षमा करें। "),
    "UCS-2 combining marks": _fill("e\u0301"),
    "UCS-2 zalgo": _fill("e" + "\u0301" * 9),
    "UCS-2 random mix": _mixed(11),
    "UCS-2 ZWJ chain": _fill(SMILE + "\u200d"),
}


def _us_per_call(function: Callable[[], object]) -> float:
    number = 2000
    return min(timeit.repeat(function, number=number, repeat=9)) / number * 1e6


def test_speed_against_the_limits_and_twilio(twilio: Callable[..., list[dict[str, Any]]]) -> None:
    names = list(BENCH_TEXTS)
    texts = [BENCH_TEXTS[name] for name in names]
    twilio_results = twilio(texts, 20)
    header = ("text (1,600 chars)", "parts", "analyze", "+non_gsm", "Twilio", "ratio")
    print("\n{:28s} {:>5s} {:>9s} {:>9s} {:>9s} {:>7s}".format(*header))
    too_slow = []
    for name, text, result in zip(names, texts, twilio_results, strict=True):
        info = analyze(text)
        assert _ours(text) == _theirs(result) or name in ("UCS-2 random mix", "UCS-2 ZWJ chain")
        ours_us = _us_per_call(lambda text=text: analyze(text))
        listed_us = _us_per_call(lambda text=text: analyze(text).non_gsm)
        twilio_us = result["ms_per_call"] * 1000
        print(
            f"{name:28s} {info.segments:5d} {ours_us:7.1f}us {listed_us:7.1f}us {twilio_us / 1000:7.2f}ms"
            f" {twilio_us / ours_us:6.0f}x"
        )
        if ours_us > LIMIT_US[info.encoding]:
            too_slow.append((name, round(ours_us, 1)))
    limits = f"GSM-7 {LIMIT_US['GSM-7']} us, UCS-2 {LIMIT_US['UCS-2']} us"
    assert not too_slow, f"slower than the limits ({limits}): {too_slow}"
