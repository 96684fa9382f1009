"""The records of a lead report: immutable tuples built many at a time in C."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
from typing import NamedTuple, TypeVar

# Records are immutable tuples underneath, so a hundred thousand of them are built in C
# (tuple.__new__ over zip) instead of one Python __init__ call each. Equality is by record type and
# fields, as for a dataclass: a Lead never equals a Duplicate or a plain tuple.


class Lead(NamedTuple):
    """A recipient and where it came from (1-based line, the piece as typed)."""

    line: int
    raw: str
    e164: str

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return tuple.__hash__(self)


class Rejected(NamedTuple):
    """A piece that cannot be used, with a sentence saying why."""

    line: int
    raw: str
    reason: str

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return tuple.__hash__(self)


class Duplicate(NamedTuple):
    """A piece dropped because an earlier piece had the same number."""

    line: int
    raw: str
    e164: str

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return tuple.__hash__(self)


_Record = TypeVar("_Record", Lead, Rejected, Duplicate)


def _records(
    kind: type[_Record], lines: Iterable[int], raws: Iterable[str], values: Iterable[str]
) -> list[_Record]:
    """Many records at C speed (no __new__ call per record)."""
    return list(map(tuple.__new__, repeat(kind), zip(lines, raws, values, strict=True)))
