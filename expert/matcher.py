"""A matcher specialised for compiled knowledge bases, behind experta's matcher interface.

experta's Rete network is general: it joins any number of facts of a type, so every fact
travels down alpha and beta nodes as tokens that are copied at each step. A compiled
knowledge base needs much less (see `expert.compiler`): each pattern names its fact by a
key, a group or a conclusion, and working memory holds at most one fact per key. So a
rule's match is a lookup per pattern and a call of the same experta checks the network
would have run. This matcher keeps, for each rule, the matches it has reported, and on each
change re-matches only the rules that read a changed key, reporting what appeared and what
vanished, as a conflict-set node does.

It is selected by `KnowledgeEngine.__matcher__`, experta's extension point; the stock Rete
matcher stays available (`expert.engine.MATCHERS`), and tests compare the two firing by
firing on thousands of random fact files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product
from typing import Any

from experta.abstract import Matcher
from experta.activation import Activation
from experta.conditionalelement import AND, NOT, OR
from experta.fact import Fact
from experta.fieldconstraint import ANDFC, FieldConstraint, L, P, W
from experta.matchers.rete.check import FactCapture, FeatureCheck, TypeCheck
from experta.matchers.rete.utils import generate_checks, prepare_rule
from experta.rule import Rule

from .compiler import CONCLUSION_KEY, GROUP_KEY

Key = tuple[type, Any]
Info = tuple[frozenset, frozenset]


@dataclass(frozen=True)
class Pattern:
    """One fact pattern: the key of the fact it can match, and the tests of its fields.

    `tests` pairs a field with a function of its value that returns False, or the bindings
    (a dict, maybe empty) the value makes; `capture` is the name the network binds the
    matched fact to, which keeps two branches' matches of one fact apart, as there.
    """

    key: Key
    tests: tuple[tuple[str, Any], ...]
    capture: str


@dataclass(frozen=True)
class Term:
    """A conjunction in a rule's disjunctive normal form: patterns, and negated terms."""

    positives: tuple[Pattern, ...]
    negatives: tuple[tuple[Term, ...], ...]  # each holds when none of its terms matches


def key_of(fact: Fact) -> Key:
    """The key a fact, or a pattern, is found under: its type and its group or conclusion."""
    return type(fact), fact.get(GROUP_KEY, fact.get(CONCLUSION_KEY))


def pattern(fact: Fact) -> Pattern:
    """A fact pattern of a prepared rule, tested as the Rete network's checks would test it."""
    tests, capture = [], None
    for check in generate_checks(fact):
        if isinstance(check, FactCapture):
            capture = check.bind
        elif isinstance(check, FeatureCheck):
            tests.append((check.what, constraint(check.how)))
        elif not isinstance(check, TypeCheck):  # the key already stands for the type
            raise TypeError(f"a compiled rule has no {type(check).__name__} check")
    return Pattern(key_of(fact), tuple(tests), capture)


_NO_BINDING: dict = {}


def constraint(how: FieldConstraint) -> Any:
    """A field constraint as a function of the value: False, or the bindings it makes."""
    if isinstance(how, ANDFC):
        parts = [constraint(part) for part in how]
        return lambda value: _all_of(parts, value)
    bind = getattr(how, "__bind__", None)
    if isinstance(how, W):
        return lambda value: {bind: value} if bind else _NO_BINDING
    if isinstance(how, P):
        test = how.match
    elif isinstance(how, L):
        expected = how.value
        test = expected.__eq__
    else:  # OR and NOT of constraints: not compiled from rules; let experta check them
        check = FeatureCheck("value", how)
        return lambda value: check({"value": value}) or False
    if bind:
        return lambda value: {bind: value} if test(value) else False
    return lambda value: _NO_BINDING if test(value) else False


def _all_of(parts: list, value: Any) -> Any:
    bindings: dict = {}
    for part in parts:
        outcome = part(value)
        if outcome is False:
            return False
        bindings.update(outcome)
    return bindings


def terms(element: Any) -> tuple[Term, ...]:
    """The terms of a conditional element in DNF: one per branch of an OR."""
    if isinstance(element, OR):
        return tuple(t for branch in element for t in terms(branch))
    if isinstance(element, Fact):
        return (Term((pattern(element),), ()),)
    if isinstance(element, NOT):
        inner = element[0] if len(element) == 1 else AND(*element)
        return (Term((), (terms(inner),)),)
    if isinstance(element, AND):
        found = [terms(part) for part in element]
        return tuple(_conjoin(choice) for choice in product(*found))
    raise TypeError(f"a compiled rule has no {type(element).__name__} element")


def _conjoin(parts: tuple[Term, ...]) -> Term:
    return Term(
        tuple(p for t in parts for p in t.positives), tuple(n for t in parts for n in t.negatives)
    )


def rule_terms(rule) -> tuple[Term, ...]:
    """The terms of a prepared rule, whose elements are implicitly joined by AND."""
    return terms(rule[0]) if len(rule) == 1 else terms(AND(*rule))


def prepared(rule: Rule) -> Rule:
    """A rule in the form experta's network is built from, without its action.

    Preparing a rule copies it at every step of its DNF, and copying a rule with its action
    inspects the action's signature each time; a copy without one is the same conditions,
    at a fraction of the cost. Activations name a copy of the rule that has the action.
    """
    return prepare_rule(Rule(*rule, salience=rule.salience))


def keys_read(term: Term) -> Iterator[Key]:
    """Every key a term reads, under negations too."""
    for p in term.positives:
        yield p.key
    for alternatives in term.negatives:
        for t in alternatives:
            yield from keys_read(t)


_MISSING = object()


def _check(fact: Fact, found: Pattern, context: dict) -> bool:
    """Whether a fact passes a pattern's tests; collects the bindings they make."""
    for name, test in found.tests:
        value = fact.get(name, _MISSING)
        outcome = False if value is _MISSING else test(value)
        if outcome is False:
            return False
        context.update(outcome)
    context[found.capture] = fact
    return True


class CompiledMatcher(Matcher):
    """Matches the patterns of a compiled knowledge base by key, rule by rule."""

    def __init__(self, engine) -> None:
        super().__init__(engine)
        # Copies, as the network's are: the engine's own are bound to it, and experta passes
        # the engine to a rule's action itself.
        self.rules = [rule.new_conditions(*rule) for rule in engine.get_rules()]
        self.terms = {id(rule): rule_terms(prepared(rule)) for rule in self.rules}
        self.readers: dict[Key, list] = {}
        for rule in self.rules:  # in a fixed order: the network's own is a set's
            for key in dict.fromkeys(k for t in self.terms[id(rule)] for k in keys_read(t)):
                self.readers.setdefault(key, []).append(rule)
        self.reset()

    def reset(self) -> None:
        self.facts: dict[Key, list[Fact]] = {}
        self.memory: dict[int, dict[Info, Activation]] = {id(rule): {} for rule in self.rules}

    def changes(self, adding=None, deleting=None):
        touched: dict[int, Any] = {}
        for fact in deleting or ():
            self.facts[key_of(fact)].remove(fact)
            touched.update((id(r), r) for r in self.readers.get(key_of(fact), ()))
        for fact in adding or ():
            self.facts.setdefault(key_of(fact), []).append(fact)
            touched.update((id(r), r) for r in self.readers.get(key_of(fact), ()))
        added, removed = [], []
        for rule in touched.values():
            now = self._activations(rule)
            before = self.memory[id(rule)]
            added.extend(act for info, act in now.items() if info not in before)
            removed.extend(act for info, act in before.items() if info not in now)
            self.memory[id(rule)] = now
        return added, removed

    def _activations(self, rule) -> dict[Info, Activation]:
        found = {}
        for term in self.terms[id(rule)]:
            for facts, context in self._matches(term):
                info = (frozenset(facts), frozenset(context.items()))
                if info not in found:
                    named = {k: v for k, v in context.items() if isinstance(k, str)}
                    found[info] = Activation(rule, frozenset(facts), named)
        return found

    def _matches(self, term: Term) -> list[tuple[list[Fact], dict]]:
        """The facts and bindings of each match of a term (one at most, in a compiled base)."""
        chosen = []
        for p in term.positives:
            found = self.facts.get(p.key)
            if not found:
                return []
            if len(found) > 1:
                raise RuntimeError(f"two facts under one key, {p.key}: not a compiled engine")
            chosen.append(found[0])
        context: dict = {}
        for fact, p in zip(chosen, term.positives, strict=True):
            if not _check(fact, p, context):
                return []
        if any(self._holds(alternatives) for alternatives in term.negatives):
            return []
        return [(chosen, context)]

    def _holds(self, alternatives: tuple[Term, ...]) -> bool:
        return any(self._matches(t) for t in alternatives)
