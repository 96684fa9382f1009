"""Fixtures of this folder."""

from helpers.send_desk import make_send_desk

__all__ = ["make_send_desk"]
