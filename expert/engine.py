"""Evaluate fact files with a compiled knowledge base, recording every firing as data."""

from __future__ import annotations

import logging
from functools import cached_property
from typing import Any, ClassVar

from experta import KnowledgeEngine
from experta.agenda import Agenda
from experta.matchers import ReteMatcher
from experta.matchers.rete.mixins import NoMemory

from . import certainty
from .compiler import CONCLUSION_KEY, GROUP_KEY, ConclusionFact, GroupFact, compile_engine
from .facts import FactModel, certainties, group_facts, header_name, known_of
from .knowledge import KnowledgeBase, digest
from .matcher import CompiledMatcher
from .premise import Premises
from .quick import Quick
from .result import Conclusion, Firing, Matched, Result

# experta configures the root logger when imported; keep its chatter out of our output.
logging.getLogger("experta").setLevel(logging.WARNING)


class _RecordingAgenda(Agenda):
    """An agenda that remembers the activation about to fire."""

    current = None

    def get_next(self):
        self.current = super().get_next()
        return self.current


class _QuietReteMatcher(ReteMatcher):
    """experta's Rete matcher, polling only the rules whose activations changed.

    The stock matcher asks every rule's conflict-set node after each firing; with a
    hundred rules that polling costs more than the matching itself. Its reset, between
    two evaluations, wipes each node's memory once instead of once per path to the node.
    """

    def reset(self):
        # The stock reset walks the whole network, one node per path to it (with a debug
        # log call each); wiping each node that has a memory once is the same and cheaper.
        if not hasattr(self, "_memories"):
            self._memories = _nodes_with_memory(self.root_node)
        for node in self._memories:
            node._reset()

    def changes(self, adding=None, deleting=None):
        for fact in deleting or ():
            self.root_node.remove(fact)
        for fact in adding or ():
            self.root_node.add(fact)
        added, removed = [], []
        for node in self._get_conflict_set_nodes():
            if node.added or node.removed:
                node_added, node_removed = node.get_activations()
                added.extend(node_added)
                removed.extend(node_removed)
        return added, removed


def _nodes_with_memory(root) -> tuple:
    """Every node under `root` whose `_reset` wipes a memory, each once, in network order."""
    found: dict[int, object] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) not in found:
            found[id(node)] = node
            stack.extend(child.node for child in reversed(node.children))
    return tuple(node for node in found.values() if not isinstance(node, NoMemory))


class RecordingEngine(KnowledgeEngine):
    """The base of compiled engines: records firings and closes strata."""

    __matcher__ = _QuietReteMatcher

    bindings_of: ClassVar[dict[str, list[str]]] = {}
    _premises: Premises | None = None

    def get_deffacts(self):
        # experta searches the instance's members for them at every reset(); they never change.
        if "_deffacts" not in self.__dict__:
            self._deffacts = super().get_deffacts()
        return self._deffacts

    def start(
        self,
        kb: KnowledgeBase,
        groups: dict[str, dict[str, Any]],
        hedges: dict[str, float] | None = None,
    ) -> None:
        """Reset and declare one fact per input group; `hedges`: certainties below 1."""
        self.kb = kb
        self.hedges = hedges or {}
        if self.hedges:
            groups = _below_threshold_unknown(groups, self.hedges)
            self.values = {f"{g}.{n}": v for g, fields in groups.items() for n, v in fields.items()}
        self.trace: list[Firing] = []
        self.best: dict[str, tuple[float, int]] = {}  # rule -> (premise CF, step) that counts
        self.combined: dict[str, float] = {}
        self.reset()
        recording = _RecordingAgenda()
        recording.activations = self.agenda.activations  # reset() put a plain agenda in place
        self.agenda = recording
        # One declare for all groups: experta then collects activations once, not per fact.
        self.declare(
            *(
                GroupFact.of({GROUP_KEY: group, **values})
                for group, values in sorted(groups.items())
            )
        )

    def on_fire(self, rule_id: str, bindings: dict[str, Any]) -> None:
        """Record a firing and what it lends each of its conclusions."""
        rule = self.kb.rules[rule_id]
        used = [abs(bindings[name]) for name in self.bindings_of[rule_id] if name in bindings]
        premise = self._hedged_premise(rule) if self.hedges else certainty.conjoin(used)
        concluded = {c.conclude: certainty.apply(c.cf, premise) for c in rule.then}
        # A rule lends its conclusions once: through its strongest match (OR branches).
        previous = self.best.get(rule_id)
        counted = previous is None or premise > previous[0]
        if counted:
            if previous:
                self.trace[previous[1] - 1] = _uncounted(self.trace[previous[1] - 1])
            self.best[rule_id] = (premise, len(self.trace) + 1)
        self.trace.append(
            Firing(
                step=len(self.trace) + 1,
                rule=rule_id,
                stratum=self.kb.strata[rule_id],
                matched=self._matched(rule_id),
                bindings={k: bindings[k] for k in sorted(bindings)},
                premise_cf=premise,
                concluded=concluded,
                counted=counted,
            )
        )

    def on_close(self, stratum: int) -> None:
        """Combine the evidence of a finished stratum and declare its strong conclusions."""
        lent: dict[str, list[float]] = {}
        for rule_id, names in self.kb.lenders.get(stratum, {}).items():
            counted = self.best.get(rule_id)  # the firing that counts, if the rule fired
            if counted:
                concluded = self.trace[counted[1] - 1].concluded
                for name in names:
                    lent.setdefault(name, []).append(concluded[name])
        for name in sorted(lent):
            cf = certainty.combine_all(lent[name])
            self.combined[name] = cf
            if certainty.is_strong(cf) and name in self.kb.read_conclusions:
                self.declare(ConclusionFact.of({CONCLUSION_KEY: name, "cf": cf}))

    def _hedged_premise(self, rule) -> float:
        """The premise CF with the input certainties: weakest part of an all, strongest any.

        Read over the rule's whole condition, every branch of an `any` that fires gives
        the strongest branch's premise, which is what a rule lends once anyway.
        """
        if self._premises is None:
            self._premises = Premises(self.kb)

        def field(path: str) -> tuple[bool, Any, float, float]:
            found = self.values.get(path)
            cf = self.hedges.get(path, 1.0) if found is not None else 1.0
            return True, found, cf, cf

        def span(name: str) -> tuple[float, float]:
            cf = self.combined.get(name, 0.0)
            return cf, cf

        return self._premises.read(rule.condition, field, span)[1]

    def _matched(self, rule_id: str) -> tuple[Matched, ...]:
        activation = self.agenda.current
        names = self._names_read(rule_id)
        matched = []
        for fact in sorted(activation.facts, key=lambda f: f["__factid__"]):
            if GROUP_KEY in fact:
                group = fact[GROUP_KEY]
                read = {name: fact.get(name) for name in names.get(group, ())}
                matched.append(Matched("facts", group, read, fact["__factid__"]))
            elif CONCLUSION_KEY in fact:
                matched.append(
                    Matched(
                        "conclusion", fact[CONCLUSION_KEY], {"cf": fact["cf"]}, fact["__factid__"]
                    )
                )
        return tuple(matched)

    def _names_read(self, rule_id: str) -> dict[str, list[str]]:
        """The fields a rule reads, by group, in the order of `kb.reads` (computed once)."""
        cache = self.__dict__.setdefault("_read_cache", {})
        if rule_id not in cache:
            by_group: dict[str, list[str]] = {}
            for path in self.kb.reads(rule_id)[0]:
                group, name = path.split(".", 1)
                by_group.setdefault(group, []).append(name)
            cache[rule_id] = by_group
        return cache[rule_id]


def _below_threshold_unknown(groups: dict, hedges: dict[str, float]) -> dict:
    """The groups with every value held below the threshold made unknown."""
    weak = {path for path, cf in hedges.items() if not certainty.is_strong(cf)}
    return {
        group: {n: (None if f"{group}.{n}" in weak else v) for n, v in fields.items()}
        for group, fields in groups.items()
    }


class CompiledRecordingEngine(RecordingEngine):
    """The recording engine over the matcher specialised for compiled rules."""

    __matcher__ = CompiledMatcher


MATCHERS: dict[str, type[RecordingEngine]] = {
    "compiled": CompiledRecordingEngine,
    "rete": RecordingEngine,
}
"""The matchers an evaluator can run on: experta's stock Rete network, or the specialised one."""


def _uncounted(firing: Firing) -> Firing:
    return Firing(**{**firing.__dict__, "counted": False})


class Evaluator:
    """Evaluates fact files against one knowledge base, reusing one engine instance."""

    def __init__(self, kb: KnowledgeBase, matcher: str = "compiled") -> None:
        self.kb = kb
        self.engine = compile_engine(kb, MATCHERS[matcher])()

    @cached_property
    def quick(self) -> Quick:
        """The engine's arithmetic without the engine, for searches over many variants."""
        return Quick(self.kb)

    def evaluate(self, facts: FactModel) -> Result:
        """Run the engine on a fact file and collect conclusions and trace."""
        engine = self.engine
        hedges = certainties(facts, self.kb.model)
        groups = group_facts(facts, self.kb.model)
        engine.start(self.kb, groups, hedges)
        engine.run()
        return Result(
            scenario=header_name(facts),
            verdict=self.kb.manifest.verdict,
            kb_hash=self.kb.content_hash,
            input_hash=input_hash(facts),
            facts=known_of(groups),
            certainties=hedges,
            conclusions=self._conclusions(engine),
            trace=list(engine.trace),
        )

    def _conclusions(self, engine: RecordingEngine) -> dict[str, Conclusion]:
        result = {}
        for name, cf in sorted(engine.combined.items()):
            spec = self.kb.conclusions[name]
            result[name] = Conclusion(name, spec.kind, spec.category, spec.title, cf)
        for firing in engine.trace:  # in order, so each list of steps is sorted
            for name, lent in firing.concluded.items() if firing.counted else ():
                if lent and name in result:
                    found = result[name]
                    (found.supporting if lent > 0 else found.opposing).append(firing.step)
        return result


def input_hash(facts: FactModel) -> str:
    """A hash of a fact file's content (not of its formatting)."""
    return digest(facts.model_dump(mode="json", exclude_none=True))
