"""ViteDesk: send SMS and MMS campaigns through the ViteMobile SMS API."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("vitedesk")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"
