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
from functools import cached_property
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

    `tests` holds, for each test, the field, a predicate of its value, and the name the
    value is bound to (None for none); `capture` is the name the network binds the matched
    fact to, which keeps two branches' matches of one fact apart, as there.
    """

    key: Key
    tests: tuple[tuple[str, Any], ...]
    capture: str


@dataclass(frozen=True)
class Term:
    """A conjunction in a rule's disjunctive normal form: patterns, and negated terms."""

    positives: tuple[Pattern, ...]
    negatives: tuple[tuple[Term, ...], ...]  # each holds when none of its terms matches

    @cached_property
    def keys(self) -> tuple[Key, ...]:
        """The keys of the facts the positive patterns need."""
        return tuple(p.key for p in self.positives)


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
            tests.extend((check.what, test, bind) for test, bind in constraint(check.how))
        elif not isinstance(check, TypeCheck):  # the key already stands for the type
            raise TypeError(f"a compiled rule has no {type(check).__name__} check")
    return Pattern(key_of(fact), tuple(tests), capture)


def constraint(how: FieldConstraint) -> tuple[tuple[Any, str | None], ...]:
    """A field constraint as tests of the value: each a predicate and the name it binds.

    Every test must hold; a name, where given, is bound to the value. Compiled rules use
    `P`, `L` and `W`, alone or joined by `&`; any other constraint is left to experta.
    """
    if isinstance(how, ANDFC):
        return tuple(test for part in how for test in constraint(part))
    bind = getattr(how, "__bind__", None)
    if isinstance(how, W):
        return ((_anything, bind),)
    if isinstance(how, P):
        return ((how.match, bind),)
    if isinstance(how, L):
        return ((how.value.__eq__, bind),)
    # OR and NOT of constraints: not compiled from rules; experta checks them, and what
    # they bind is ignored, as no compiled rule reads it.
    check = FeatureCheck("value", how)
    return ((lambda value: check({"value": value}) is not False, None),)


def _anything(value: Any) -> bool:
    return True


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


class CompiledMatcher(Matcher):
    """Matches the patterns of a compiled knowledge base by key, rule by rule."""

    def __init__(self, engine) -> None:
        super().__init__(engine)
        # Copies, as the network's are: the engine's own are bound to it, and experta passes
        # the engine to a rule's action itself.
        self.rules = [rule.new_conditions(*rule) for rule in engine.get_rules()]
        self.terms = {id(rule): rule_terms(prepared(rule)) for rule in self.rules}
        self.readers: dict[Key, dict[int, Any]] = {}
        for rule in self.rules:  # in a fixed order: the network's own is a set's
            for key in dict.fromkeys(k for t in self.terms[id(rule)] for k in keys_read(t)):
                self.readers.setdefault(key, {})[id(rule)] = rule
        self.reset()

    def reset(self) -> None:
        self.facts: dict[Key, Fact] = {}
        self.memory: dict[int, dict[Info, Activation]] = {}  # by rule: the matches reported

    def changes(self, adding=None, deleting=None):
        touched: dict[int, Any] = {}
        for fact in deleting or ():
            key = key_of(fact)
            del self.facts[key]
            touched.update(self.readers.get(key, _NOBODY))
        for fact in adding or ():
            key = key_of(fact)
            if key in self.facts:
                raise RuntimeError(f"two facts under one key, {key}: not a compiled engine")
            self.facts[key] = fact
            touched.update(self.readers.get(key, _NOBODY))
        added: list[Activation] = []
        removed: list[Activation] = []
        memory = self.memory
        for rule_id, rule in touched.items():
            now, before = self._activations(rule), memory.get(rule_id, _NOBODY)
            if now.keys() != before.keys():  # else the same matches: keep those reported
                added += [act for info, act in now.items() if info not in before]
                removed += [act for info, act in before.items() if info not in now]
                memory[rule_id] = now
        return added, removed

    def _activations(self, rule) -> dict[Info, Activation]:
        found = {}
        for term in self.terms[id(rule)]:
            match = self._match(term)
            if match is not None:
                facts, context = match
                info = (frozenset(facts), frozenset(context.items()))
                if info not in found:
                    found[info] = Activation(rule, facts, context)
        return found

    def _match(self, term: Term) -> tuple[list[Fact], dict] | None:
        """The facts and bindings of a term's match (one at most, in a compiled base)."""
        facts = self.facts
        for key in term.keys:  # most terms fail here, before any test
            if key not in facts:
                return None
        chosen, context = [], {}
        for p in term.positives:
            fact = facts[p.key]
            for name, test, bind in p.tests:  # _check, inlined: this is the inner loop
                value = fact.get(name, _MISSING)
                if value is _MISSING or not test(value):
                    return None
                if bind is not None:
                    context[bind] = value
            context[p.capture] = fact
            chosen.append(fact)
        for alternatives in term.negatives:
            for alternative in alternatives:
                if self._match(alternative) is not None:
                    return None
        return chosen, context


_NOBODY: dict = {}
