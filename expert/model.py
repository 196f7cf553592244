"""The fact model: every fact the article reasons with, typed and documented.

This module and the files under `rules/` and `facts/` are the only places that
speak of the domain. Each field carries its description, the question a
consultation asks, and the ids of the article paragraphs that use it. A field
left out of a fact file is unknown; nothing is guessed.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StrictBool, StringConstraints

from .facts import FactGroup, FactModel, Ordinal, fact

# --- Scales -----------------------------------------------------------------


class Level(Ordinal):
    """An ordinal scale of intensity."""

    none = "none"
    low = "low"
    moderate = "moderate"
    high = "high"


class Relations(Ordinal):
    """The state of US–Russia relations, from worst to best."""

    hostile = "hostile"
    strained = "strained"
    stable = "stable"
    cordial = "cordial"


class ConflictState(Ordinal):
    """How hot a regional conflict is."""

    none = "none"
    frozen = "frozen"
    active = "active"
    escalating = "escalating"


class TreatyState(Ordinal):
    """How much of the arms-control framework still stands, from most to least."""

    in_force = "in-force"
    expiring = "expiring"
    lapsed = "lapsed"


class MarketState(Ordinal):
    """How unsettled global energy markets are."""

    stable = "stable"
    volatile = "volatile"
    disrupted = "disrupted"


class Stance(Ordinal):
    """A position on talks, from against to for."""

    opposed = "opposed"
    wary = "wary"
    neutral = "neutral"
    supportive = "supportive"


class Rapport(Ordinal):
    """Personal chemistry between the two leaders."""

    hostile = "hostile"
    cool = "cool"
    neutral = "neutral"
    warm = "warm"


class Count(Ordinal):
    """How many times something has happened."""

    none = "none"
    one = "one"
    several = "several"


class Reading(StrEnum):
    """How a group would read a meeting."""

    strength = "strength"
    mixed = "mixed"
    weakness = "weakness"


class Verdict(StrEnum):
    """How a past event was judged."""

    success = "success"
    mixed = "mixed"
    failure = "failure"


class Initiative(StrEnum):
    """What kind of diplomacy a meeting would be."""

    crisis_response = "crisis-response"
    strategic = "strategic"


class Style(StrEnum):
    """A president's style of foreign policy."""

    direct_bilateral = "direct-bilateral"
    conventional = "conventional"


class Culprit(StrEnum):
    """Which side, if either, committed a fresh hostile act the other can point to."""

    none = "none"
    russia = "russia"
    us = "us"
    both = "both"


class Status(StrEnum):
    """How far a proposed meeting has got."""

    none = "none"
    floated = "floated"
    invited = "invited"
    agreed = "agreed"
    announced = "announced"
    shelved = "shelved"


class Proposer(StrEnum):
    """Who put a meeting forward."""

    us = "us"
    russia = "russia"
    both = "both"
    third_party = "third-party"


class Format(StrEnum):
    """What kind of occasion a meeting would be."""

    standalone = "standalone"
    sideline = "sideline"
    ceremony = "ceremony"


class Precondition(StrEnum):
    """Whether a side has set conditions for meeting, and whether they are met."""

    none = "none"
    met = "met"
    unmet = "unmet"


class Momentum(StrEnum):
    """Who has the upper hand on the battlefield of a regional war."""

    none = "none"
    russia = "russia"
    ukraine = "ukraine"
    stalemate = "stalemate"


class Role(StrEnum):
    """Donald Trump's role at the time."""

    president = "president"
    candidate = "candidate"
    out_of_office = "out-of-office"


class Objection(StrEnum):
    """What key allies object to."""

    nothing = "nothing"
    talks = "talks"
    venue_or_format = "venue-or-format"


# --- Groups -----------------------------------------------------------------


class Climate(FactGroup):
    """The geopolitical climate: crises, conflicts, arms control, cyber, energy, sanctions."""

    crisis: Level | None = fact(
        "Severity of an acute international crisis: a sudden escalation in a conflict "
        "zone or a new global security threat.",
        "How severe is the current international crisis, if any?",
        ["S2.P1", "S3.P3"],
    )
    hostile_act: Culprit | None = fact(
        "A fresh hostile act (a seizure, a strike, an expulsion, a poisoning) that one side "
        "committed and the other can point to: none, russia, us or both. It decides which way "
        "a crisis cuts: the wronged side risks looking weak if it meets.",
        "Has either side just committed a hostile act the other can point to?",
        ["S3.P1", "S2.P1"],
    )
    coercion: Level | None = fact(
        "Coercive moves in play between the two: deadlines, new or secondary sanctions, "
        "tariffs, threats.",
        "How strong are the coercive moves in play (deadlines, sanctions, tariffs)?",
        ["S5.P1", "S4.P3"],
    )
    battlefield_momentum: Momentum | None = fact(
        "Who has the upper hand in the war in Ukraine: none (no war), russia, ukraine, or "
        "stalemate. The source gives it no direction for a meeting, so it shapes the agenda "
        "and the outcomes, not the verdict.",
        "Who has the momentum on the battlefield in Ukraine?",
        ["S4.P2", "S6.P2"],
    )
    tension: Level | None = fact(
        "Overall geopolitical tension between the United States and Russia.",
        "How high is US–Russia tension overall?",
        ["S0.P1", "S3.P1"],
    )
    relations: Relations | None = fact(
        "The state of diplomatic relations between Washington and Moscow.",
        "What state are US–Russia relations in?",
        ["S3.P1", "S6.P4"],
    )
    ukraine: ConflictState | None = fact(
        "The state of the conflict in Ukraine.",
        "What state is the conflict in Ukraine in?",
        ["S3.P2", "S4.P2", "S6.P3"],
    )
    syria: ConflictState | None = fact(
        "The state of the conflict in Syria.",
        "What state is the conflict in Syria in?",
        ["S3.P2", "S4.P2"],
    )
    military_incident_risk: Level | None = fact(
        "Risk of accidental encounters between US and Russian forces.",
        "How great is the risk of accidental military encounters?",
        ["S5.P3", "S5.P4"],
    )
    arms_control: TreatyState | None = fact(
        "Status of the arms-control framework, such as New START.",
        "What is the status of the arms-control treaties?",
        ["S4.P1", "S3.P2"],
    )
    new_weapons: StrictBool | None = fact(
        "Whether new weapons technologies are unsettling strategic stability. It shapes the "
        "agenda, not the verdict.",
        "Are new weapons technologies unsettling strategic stability?",
        ["S4.P1"],
    )
    cyber_incidents: Level | None = fact(
        "Frequency and gravity of recent cyber attacks attributed to either side.",
        "How serious are recent cyber incidents?",
        ["S3.P2", "S4.P3"],
    )
    election_interference: Level | None = fact(
        "Weight of allegations and concerns about interference in elections.",
        "How strong are allegations of election interference?",
        ["S1.P1", "S4.P3", "S6.P3"],
    )
    energy_market: MarketState | None = fact(
        "How unsettled global energy prices and supply chains are. It shapes the agenda, not "
        "the verdict.",
        "How unsettled are global energy markets?",
        ["S4.P3"],
    )
    sanctions: Level | None = fact(
        "Severity of the sanctions regime on Russia.",
        "How severe are the sanctions on Russia?",
        ["S4.P3", "S5.P1"],
    )
    trade_disputes: StrictBool | None = fact(
        "Whether open trade disputes divide the two countries. It shapes the agenda, not the "
        "verdict.",
        "Are there open trade disputes between the two countries?",
        ["S3.P2"],
    )
    terrorism_threat: Level | None = fact(
        "A terrorist threat that both countries face. It shapes the agenda and the outcomes, "
        "not the verdict.",
        "How great is the terrorist threat both countries share?",
        ["S5.P3"],
    )


class UsAgenda(FactGroup):
    """What the US president wants from a meeting."""

    sees_gain: Level | None = fact(
        "How far the US president believes direct talks would advance US interests.",
        "How much does the US president expect to gain from direct talks?",
        ["S2.P1"],
    )
    ready_to_concede: Level | None = fact(
        "How ready the US president is to offer concessions.",
        "How ready is the US president to make concessions?",
        ["S3.P1", "S5.P2", "S5.P4"],
    )
    arms_control_priority: Level | None = fact(
        "How high arms control and nuclear stability stand among the US president's aims.",
        "How high a priority is arms control for the US president?",
        ["S4.P1"],
    )
    seeks_trade_deal: StrictBool | None = fact(
        "Whether the president wants a trade deal out of the meeting.",
        "Is the US president after a trade deal?",
        ["S2.P1", "S4.P3"],
    )
    seeks_breakthrough: StrictBool | None = fact(
        "Whether the president wants a headline diplomatic breakthrough.",
        "Is the US president after a diplomatic breakthrough?",
        ["S2.P1"],
    )
    wants_show_of_strength: StrictBool | None = fact(
        "Whether the president wants to project strength and control on the world stage.",
        "Does the US president want to project an image of strength?",
        ["S2.P1"],
    )


class RussiaAgenda(FactGroup):
    """What the Russian president wants from a meeting."""

    sees_gain: Level | None = fact(
        "How far the Russian president believes a direct conversation would advance Russian interests.",
        "How much does the Russian president expect to gain from direct talks?",
        ["S2.P1"],
    )
    ready_to_concede: Level | None = fact(
        "How ready the Russian president is to offer concessions.",
        "How ready is the Russian president to make concessions?",
        ["S3.P1", "S5.P2", "S5.P4"],
    )
    arms_control_priority: Level | None = fact(
        "How high arms control and nuclear stability stand among the Russian president's aims.",
        "How high a priority is arms control for the Russian president?",
        ["S4.P1"],
    )
    seeks_standing: StrictBool | None = fact(
        "Whether the Kremlin wants the meeting to raise Russia's international standing.",
        "Does the Kremlin want to boost Russia's international standing?",
        ["S2.P1", "S6.P2"],
    )
    counter_western_influence: StrictBool | None = fact(
        "Whether the Kremlin wants to use the meeting to counter Western influence.",
        "Does the Kremlin want to counter Western influence?",
        ["S2.P1", "S6.P2"],
    )
    seeks_sanctions_relief: StrictBool | None = fact(
        "Whether the Kremlin wants relief from sanctions.",
        "Does the Kremlin want relief from sanctions?",
        ["S4.P3"],
    )
    seeks_sphere_of_influence: StrictBool | None = fact(
        "Whether the Kremlin wants a recognised sphere of influence in its neighbourhood.",
        "Does the Kremlin want a recognised sphere of influence?",
        ["S6.P2", "S6.P3"],
    )


class Alliances(FactGroup):
    """Allies and international pressure: NATO, the UN and regional bodies."""

    allies_stance: Stance | None = fact(
        "What key US allies advise about talks with Moscow.",
        "What do key US allies advise about a meeting?",
        ["S2.P2", "S3.P2"],
    )
    allies_fear_legitimising: StrictBool | None = fact(
        "Whether allies fear a meeting would legitimise Russian actions.",
        "Do allies fear a meeting would legitimise Russia's actions?",
        ["S2.P2", "S5.P4"],
    )
    allies_object_to: Objection | None = fact(
        "What key allies object to: nothing, talks as such, or a particular venue or format "
        "(for example a meeting on their soil or during their ceremony).",
        "What do key allies object to: nothing, talks as such, or a venue or format?",
        ["S2.P2", "S3.P2"],
    )
    nato_flank_concern: Level | None = fact(
        "Concern about the security of NATO's eastern flank. It shapes the agenda and the "
        "challenges, not the verdict.",
        "How worried is NATO about its eastern flank?",
        ["S3.P2", "S6.P3"],
    )
    un_calls_for_dialogue: StrictBool | None = fact(
        "Whether the UN or its Secretary-General is calling for dialogue. The source says such "
        "bodies influence the decision without a direction, so it is a factor, not a push.",
        "Is the UN calling for dialogue?",
        ["S3.P2"],
    )
    regional_blocs: Stance | None = fact(
        "What regional blocs (the EU, the OSCE and others) think of talks. The source gives "
        "them no direction, so it is a factor, not a push.",
        "What do regional blocs think of a meeting?",
        ["S3.P2"],
    )
    world_attention: Level | None = fact(
        "How closely the global community is watching the relationship. The source names "
        "this pressure without a direction, so it is a factor, not a push.",
        "How closely is the world watching?",
        ["S2.P2", "S6.P3"],
    )


class UsDomestic(FactGroup):
    """US domestic politics."""

    firmness_pressure: Level | None = fact(
        "Bipartisan pressure at home to take a firm stance against Russia.",
        "How strong is bipartisan pressure in the US to be firm with Russia?",
        ["S5.P2"],
    )
    supporters_reading: Reading | None = fact(
        "How the president's supporters would read a meeting.",
        "Would the president's supporters read a meeting as strength or weakness?",
        ["S2.P1", "S3.P1"],
    )
    opposition_criticism: Level | None = fact(
        "How hard the president's opponents would criticise a meeting.",
        "How hard would the opposition criticise a meeting?",
        ["S2.P1"],
    )
    investigation: Level | None = fact(
        "How heavily investigations at home into ties with Russia (inquiries, special "
        "counsel, hearings) weigh on the president.",
        "How heavily do investigations into ties with Russia weigh on the president?",
        ["S5.P2", "S2.P1"],
    )
    fresh_legal_blow: StrictBool | None = fact(
        "Whether a fresh charge, indictment or guilty plea tied to those investigations has "
        "just become public.",
        "Has a charge or guilty plea tied to those investigations just become public?",
        ["S2.P1"],
    )
    party_stance: Stance | None = fact(
        "What the president's own party says about meeting the Russian leader.",
        "What does the president's own party think of a meeting?",
        ["S5.P2", "S2.P1"],
    )


class RussiaDomestic(FactGroup):
    """Russian domestic politics."""

    system_constraints: Level | None = fact(
        "Expectations and constraints that Russia's political system places on its president.",
        "How tightly does Russia's political system constrain its president?",
        ["S5.P2"],
    )
    prestige_need: Level | None = fact(
        "How much the Kremlin needs a display of international standing for its home audience.",
        "How much does the Kremlin need a show of standing at home?",
        ["S2.P1"],
    )


class Personal(FactGroup):
    """Personal dynamics between the two leaders."""

    rapport: Rapport | None = fact(
        "Personal rapport, or animosity, between the two leaders.",
        "What is the personal rapport between the two leaders?",
        ["S0.P1", "S2.P2"],
    )
    trust: Level | None = fact(
        "Trust between the leaders and between their nations.",
        "How much trust is there between the two sides?",
        ["S5.P1"],
    )


class Timing(FactGroup):
    """Urgency and the political calendar."""

    urgency: Level | None = fact(
        "How urgently the situation calls for immediate dialogue.",
        "How urgent is dialogue right now?",
        ["S3.P3"],
    )
    initiative: Initiative | None = fact(
        "Whether a meeting would answer a crisis or serve a long-term strategy. The source "
        "contrasts the two without ranking them, so it shapes the form and timing, not the "
        "verdict.",
        "Would a meeting respond to a crisis or serve a long-term strategy?",
        ["S3.P3"],
    )
    us_election_near: StrictBool | None = fact(
        "Whether a US national election is close. The source names the calendar without a "
        "direction, so it shapes the timing, not the verdict.",
        "Is a US national election close?",
        ["S2.P1", "S3.P3"],
    )
    russia_election_near: StrictBool | None = fact(
        "Whether a Russian national election is close. The source names the calendar without "
        "a direction, so it is a factor, not a push.",
        "Is a Russian national election close?",
        ["S3.P3"],
    )
    summit_scheduled: StrictBool | None = fact(
        "Whether a multilateral summit that both leaders attend is on the calendar.",
        "Is a multilateral summit both leaders attend on the calendar?",
        ["S3.P3"],
    )


class History(FactGroup):
    """Past meetings as precedent."""

    past_meetings: Count | None = fact(
        "How many times the two leaders have met before. The source says the precedent "
        "matters whatever its success, so it is a factor, not a push.",
        "How many times have the two leaders met before?",
        ["S1.P1"],
    )
    last_outcome: Verdict | None = fact(
        "How their last meeting was judged. The source says the precedent matters whatever "
        "its success or failure, so it is a factor, not a push.",
        "How was their last meeting judged?",
        ["S1.P1"],
    )
    past_fallout: Level | None = fact(
        "Political fallout, at home and abroad, of their past meetings.",
        "How heavy was the political fallout of past meetings?",
        ["S1.P1"],
    )


class Leadership(FactGroup):
    """Who holds office and how they conduct foreign policy."""

    trump_role: Role | None = fact(
        "Donald Trump's role: president, candidate (campaigning to return), or out-of-office "
        "(neither). Only a president meets the Russian president as a head of state.",
        "What is Donald Trump's role: president, candidate or out of office?",
        ["S6.P1", "S6.P2"],
    )
    returned_to_office: StrictBool | None = fact(
        "Whether Trump is back in the presidency for a second term after years away. The "
        "source calls the dynamics of such a return very different and the landscapes in "
        "both countries shifted, without a direction, so it is a factor, not a push.",
        "Is Trump back in the presidency for a second term after years away?",
        ["S6.P1"],
    )
    us_style: Style | None = fact(
        "The US president's foreign-policy style.",
        "Is US foreign policy run directly and bilaterally, or conventionally?",
        ["S6.P1"],
    )
    us_alliance_commitment: Level | None = fact(
        "How committed the US administration is to its traditional alliances.",
        "How committed is the US administration to its traditional alliances?",
        ["S6.P1", "S6.P2"],
    )


class Proposal(FactGroup):
    """The meeting under discussion: its status, occasion, host and conditions."""

    status: Status | None = fact(
        "How far a meeting has got: none (nobody has proposed one), floated (talked of), "
        "invited, agreed, announced (date or place made public), or shelved (postponed or "
        "called off).",
        "How far has a meeting got: none, floated, invited, agreed, announced or shelved?",
        ["S3.P3", "S2.P1"],
    )
    proposed_by: Proposer | None = fact(
        "Who put the meeting forward: us, russia, both, or a third-party (a host or mediator).",
        "Who proposed the meeting?",
        ["S2.P1"],
    )
    via_envoy: StrictBool | None = fact(
        "Whether the proposal came through a trusted envoy or back channel.",
        "Did the proposal come through a trusted envoy or back channel?",
        ["S3.P1"],
    )
    format: Format | None = fact(
        "What kind of occasion: standalone (a summit of its own), sideline (on the margins "
        "of a multilateral summit), or ceremony (a commemoration or celebration).",
        "Would it be a standalone summit, a sideline meeting, or a ceremony?",
        ["S3.P3", "S6.P1"],
    )
    both_attend: StrictBool | None = fact(
        "Whether both leaders would be there in person (false when one of them sends a "
        "delegation or stays away).",
        "Would both leaders be there in person?",
        ["S0.P1"],
    )
    host_allows_bilaterals: StrictBool | None = fact(
        "Whether the host of the occasion lets the two hold a bilateral meeting (false when "
        "the host asks guests to hold none).",
        "Does the host let them hold a bilateral meeting?",
        ["S3.P2"],
    )
    travel_obstacles: Level | None = fact(
        "Practical or legal obstacles to travel: a pandemic, security, an arrest warrant "
        "that binds the countries on the route.",
        "How great are the practical or legal obstacles to travel?",
        ["S3.P3"],
    )
    third_party_joins: StrictBool | None = fact(
        "Whether a third party to the conflict (such as Ukraine's president) takes part. "
        "The source gives it no direction for a meeting, so it shapes the agenda and the "
        "form, not the verdict.",
        "Would a third party to the conflict take part?",
        ["S4.P2"],
    )
    us_preconditions: Precondition | None = fact(
        "Conditions Washington sets for meeting (a ceasefire first; a final deal), and "
        "whether they are met.",
        "Has Washington set conditions for meeting, and are they met?",
        ["S5.P2"],
    )
    russia_preconditions: Precondition | None = fact(
        "Conditions Moscow sets for meeting, and whether they are met.",
        "Has Moscow set conditions for meeting, and are they met?",
        ["S5.P2"],
    )


class Diplomacy(FactGroup):
    """The diplomatic groundwork and the issues themselves."""

    groundwork: Level | None = fact(
        "How much working-level preparation stands behind a meeting.",
        "How well prepared would a meeting be?",
        ["S5.P4"],
    )
    core_movement: Level | None = fact(
        "How far the preparatory talks have moved either side on its core demands.",
        "How far have the preparatory talks moved either side on its core demands?",
        ["S5.P2", "S5.P4"],
    )
    deliverable_ready: StrictBool | None = fact(
        "Whether an agreement or joint statement is ready to be announced at a meeting.",
        "Is a deliverable (an agreement or joint statement) ready for a meeting?",
        ["S5.P4", "S5.P3"],
    )
    substitute_channels: Level | None = fact(
        "How much the leaders' business goes through other channels: phone calls, envoys "
        "meeting the other leader, ministers. The source gives it no direction for a "
        "meeting (a channel can prepare a summit or replace it), so it shapes the form, not "
        "the verdict.",
        "How much do calls and envoys carry the leaders' business?",
        ["S3.P1", "S3.P3"],
    )
    crisis_channels: StrictBool | None = fact(
        "Whether dependable lines of communication for crises already exist.",
        "Do dependable crisis communication lines already exist?",
        ["S3.P1", "S5.P3"],
    )
    issue_gravity: Level | None = fact(
        "How grave and complex the issues between the two countries are.",
        "How grave and complex are the issues between them?",
        ["S3.P2", "S4.P4"],
    )
    common_ground: Level | None = fact(
        "How much the two sides' interests overlap on specific issues.",
        "How much common ground is there on specific issues?",
        ["S4.P4", "S5.P3"],
    )
    value_divergence: Level | None = fact(
        "How far the two countries' interests and values diverge.",
        "How far do their interests and values diverge?",
        ["S5.P2"],
    )


# --- The fact file ----------------------------------------------------------


NAME_LENGTH = 120
"""The longest scenario name."""


class Outcome(StrEnum):
    """What happened, as the public record tells it."""

    met = "met"
    brief_encounter = "brief-encounter"
    did_not_meet = "did-not-meet"


OUTCOME_LABELS: dict[Outcome, int] = {
    Outcome.met: 1,
    Outcome.brief_encounter: 0,
    Outcome.did_not_meet: 0,
}
"""Each outcome as the label `summit backtest` scores: 1 when a working meeting took place.

A brief encounter counts as 0: the verdict asks whether the leaders hold a
working meeting, and an exchange in passing is not one (docs/backtest.md).
"""


class Record(FactModel):
    """What happened after the facts were written down, for `summit backtest`."""

    outcome: Outcome = Field(
        description="met: a working meeting took place; brief-encounter: only an exchange "
        "in passing, such as a chat at a dinner; did-not-meet: no meeting took place."
    )
    on: date | None = Field(
        None,
        description="When it happened or fell through (YYYY-MM-DD). In YAML, quote the key, "
        "'on': a bare on reads as true.",
    )
    sources: list[Annotated[str, StringConstraints(min_length=10, max_length=500)]] = Field(
        min_length=1,
        max_length=20,
        description="Where the record comes from: publication and date, in words.",
    )


class Scenario(FactModel):
    """The scenario header: what situation a fact file describes."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=NAME_LENGTH)] = Field(
        "untitled", description="A short name for the scenario."
    )
    description: Annotated[str, StringConstraints(max_length=4000)] = Field(
        "", description="What situation the scenario represents, and why."
    )
    as_of: date | None = Field(None, description="The date the facts describe (YYYY-MM-DD).")
    sources: list[Annotated[str, StringConstraints(max_length=500)]] = Field(
        default_factory=list,
        max_length=50,
        description="Optional notes on where the facts come from.",
    )
    record: Record | None = Field(
        None, description="What happened, if known: the outcome `summit backtest` scores."
    )


class FactFile(FactModel):
    """A fact file: a scenario header and the known facts, in groups."""

    scenario: Scenario = Field(default_factory=Scenario, description="The scenario header.")
    climate: Climate = Field(default_factory=Climate, description=Climate.__doc__)
    us_agenda: UsAgenda = Field(default_factory=UsAgenda, description=UsAgenda.__doc__)
    russia_agenda: RussiaAgenda = Field(
        default_factory=RussiaAgenda, description=RussiaAgenda.__doc__
    )
    alliances: Alliances = Field(default_factory=Alliances, description=Alliances.__doc__)
    us_domestic: UsDomestic = Field(default_factory=UsDomestic, description=UsDomestic.__doc__)
    russia_domestic: RussiaDomestic = Field(
        default_factory=RussiaDomestic, description=RussiaDomestic.__doc__
    )
    personal: Personal = Field(default_factory=Personal, description=Personal.__doc__)
    timing: Timing = Field(default_factory=Timing, description=Timing.__doc__)
    history: History = Field(default_factory=History, description=History.__doc__)
    leadership: Leadership = Field(default_factory=Leadership, description=Leadership.__doc__)
    diplomacy: Diplomacy = Field(default_factory=Diplomacy, description=Diplomacy.__doc__)
    proposal: Proposal = Field(default_factory=Proposal, description=Proposal.__doc__)
