"""ViteDesk: send SMS and MMS campaigns through the ViteMobile SMS API."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    __version__: str


def __getattr__(name: str) -> str:
    # The version is read on first use: importlib.metadata costs ~12 ms before the first window otherwise.
    if name != "__version__":
        raise AttributeError(f"module 'vitedesk' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("vitedesk")
    except PackageNotFoundError:  # running from a source tree without installation
        found = "0.0.0"
    globals()["__version__"] = found
    return found
