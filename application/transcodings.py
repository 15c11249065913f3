"""How value objects, dates and enums are written into stored events.

Each transcoding has a fixed ``name`` that is part of the stored data: never
rename one, add a new one instead.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.shared.calendar import DatePeriod, Month
from domain.shared.identifiers import BIN, IIN
from domain.shared.money import Money


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class MonthAsStr(Transcoding):
    type = Month
    name = "month"

    def encode(self, obj: Month) -> str:
        return str(obj)

    def decode(self, data: str) -> Month:
        return Month.parse(data)


class MoneyAsStr(Transcoding):
    type = Money
    name = "kzt"

    def encode(self, obj: Money) -> str:
        return str(obj)

    def decode(self, data: str) -> Money:
        return Money.of(data)


class IINAsStr(Transcoding):
    type = IIN
    name = "iin"

    def encode(self, obj: IIN) -> str:
        return obj.value

    def decode(self, data: str) -> IIN:
        return IIN(data)


class BINAsStr(Transcoding):
    type = BIN
    name = "bin"

    def encode(self, obj: BIN) -> str:
        return obj.value

    def decode(self, data: str) -> BIN:
        return BIN(data)


class DatePeriodAsList(Transcoding):
    type = DatePeriod
    name = "period"

    def encode(self, obj: DatePeriod) -> list[str]:
        return [obj.start.isoformat(), obj.end.isoformat()]

    def decode(self, data: list[str]) -> DatePeriod:
        return DatePeriod(date.fromisoformat(data[0]), date.fromisoformat(data[1]))


def enum_transcoding(enum_class: type[Enum], name: str | None = None) -> Transcoding:
    """A transcoding that stores an enum member by its value."""

    class EnumByValue(Transcoding):
        type = enum_class

        def encode(self, obj: Enum) -> Any:
            return obj.value

        def decode(self, data: Any) -> Enum:
            return enum_class(data)

    EnumByValue.name = name or f"enum:{enum_class.__name__}"
    return EnumByValue()


VALUE_TRANSCODINGS: tuple[Transcoding, ...] = (
    DateAsISO(), MonthAsStr(), MoneyAsStr(), IINAsStr(), BINAsStr(), DatePeriodAsList(),
)


def register_all(transcoder: JSONTranscoder, enums: tuple[type[Enum], ...] = ()) -> None:
    for transcoding in VALUE_TRANSCODINGS:
        transcoder.register(transcoding)
    for enum_class in enums:
        transcoder.register(enum_transcoding(enum_class))
