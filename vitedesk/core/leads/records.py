"""The records of a lead report: immutable tuples built many at a time in C."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
from typing import NamedTuple, TypeVar

# Records are immutable tuples underneath, so a hundred thousand of them are built in C
# (tuple.__new__ over zip) instead of one Python __init__ call each. Equality is by record type and
# fields, as for a dataclass: a Lead never equals a Duplicate or a plain tuple.


_RecordClass = TypeVar("_RecordClass", bound=type)


def _compared_by_kind(cls: _RecordClass) -> _RecordClass:
    """Equality by record type and fields, as for a dataclass: a Lead never equals a Duplicate or a tuple."""

    def __eq__(self: tuple[object, ...], other: object) -> bool:
        return type(other) is type(self) and tuple.__eq__(self, other)

    def __ne__(self: tuple[object, ...], other: object) -> bool:
        return not __eq__(self, other)

    cls.__eq__ = __eq__  # type: ignore[assignment]
    cls.__ne__ = __ne__  # type: ignore[assignment]
    cls.__hash__ = tuple.__hash__  # type: ignore[assignment]
    return cls


@_compared_by_kind
class Lead(NamedTuple):
    """A recipient and where it came from (1-based line, the piece as typed)."""

    line: int
    raw: str
    e164: str


@_compared_by_kind
class Rejected(NamedTuple):
    """A piece that cannot be used, with a sentence saying why."""

    line: int
    raw: str
    reason: str


@_compared_by_kind
class Duplicate(NamedTuple):
    """A piece dropped because an earlier piece had the same number."""

    line: int
    raw: str
    e164: str


_Record = TypeVar("_Record", Lead, Rejected, Duplicate)


def _records(
    kind: type[_Record], lines: Iterable[int], raws: Iterable[str], values: Iterable[str]
) -> list[_Record]:
    """Many records at C speed (no __new__ call per record)."""
    return list(map(tuple.__new__, repeat(kind), zip(lines, raws, values, strict=True)))
