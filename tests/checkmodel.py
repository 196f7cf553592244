"""A tiny fact model for the checker's test knowledge bases (tests/fixtures/check/)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, StrictBool

from expert.facts import FactGroup, FactModel, Ordinal, fact


class Level(Ordinal):
    none = "none"
    low = "low"
    high = "high"


class Sky(StrEnum):
    clear = "clear"
    cloudy = "cloudy"


class Weather(FactGroup):
    storm: Level | None = fact("How strong the storm is.", "How strong?", ["S1.P1"])
    wind: StrictBool | None = fact("Whether it is windy.", "Windy?", ["S1.P1"])
    sky: Sky | None = fact("What the sky looks like.", "Sky?", ["S1.P2"])


class Mood(FactGroup):
    temper: Level | None = fact("How bad the temper is.", "Temper?", ["S1.P2"])
    calm: StrictBool | None = fact("Whether everyone is calm.", "Calm?", ["S1.P2"])
    patience: StrictBool | None = fact("Whether patience holds.", "Patience?", ["S1.P3"])


class CheckModel(FactModel):
    weather: Weather = Field(default_factory=Weather)
    mood: Mood = Field(default_factory=Mood)
