"""The same rules as other engines run them, for bench_warm.py to time beside ours.

`plain_experta(kb)` is an experta `KnowledgeEngine` class with one `@Rule` per rule, stock
Rete matcher and strategy, no tracing: one `Fact` class per group, a field test is
`P(allowed.__contains__)` (one per distinct value set, as `expert.compiler` shares them), a
conclusion test matches a `Conclusion` fact and binds its CF, and the strata are salience
bands closed by a rule that combines the stratum's evidence, as in the project's engine.
A firing only notes its premise's certainty (the strongest, for a rule that matches more
than once), so what the project adds (the trace, the result, hedged inputs) is not there.

`clips_program(kb)` is the same knowledge base as a CLIPS program: one deftemplate per
group, one defrule per branch of a rule's disjunctive normal form (CLIPS binds variables
per branch), a defglobal per rule holding its strongest premise, and per stratum a closing
rule that combines the evidence with MYCIN's formula in CLIPS (rounded to 12 digits, as
`expert.certainty` does, so that a CF at the threshold is strong in both) and asserts the
strong conclusions other rules read. `clips_facts(kb, facts)` is a fact file as CLIPS facts.
"""

from __future__ import annotations

from itertools import chain, product

from experta import AND, NOT, OR, Fact, KnowledgeEngine, P, Rule, W

from expert import certainty
from expert.compiler import closer_salience, salience
from expert.conditions import allowed_values, cf_range
from expert.facts import group_facts
from expert.ruleschema import AllOf, AnyOf, ConclusionTest, FieldTest, NotCondition


class Conclusion(Fact):
    """A strong conclusion some rule reads, with its CF."""


def plain_experta(kb) -> type[KnowledgeEngine]:
    """A stock experta engine class for `kb`'s rules (see the module's docstring)."""
    groups = {spec.group for spec in kb.fields.values()}
    classes = {g: type(g.title().replace("_", ""), (Fact,), {}) for g in sorted(groups)}
    shared: dict = {}
    members: dict = {"fact_classes": classes}
    for rule_id, rule in sorted(kb.rules.items()):
        binds: list[str] = []
        lhs = _experta(rule.condition, kb, classes, shared, binds, bind=True)
        members["r_" + rule_id.replace("-", "_")] = Rule(lhs, salience=salience(kb, rule_id))(
            _note(rule_id, binds)
        )
    for stratum in sorted(set(kb.strata.values())):
        members[f"close_{stratum}"] = Rule(salience=closer_salience(kb, stratum))(
            _closer(kb, stratum)
        )
    return type("PlainEngine", (KnowledgeEngine,), members)


def _experta(condition, kb, classes, shared, binds: list[str], bind: bool):
    if isinstance(condition, AllOf):
        parts = [_experta(c, kb, classes, shared, binds, bind) for c in condition.all]
        return parts[0] if len(parts) == 1 else AND(*parts)
    if isinstance(condition, AnyOf):
        return OR(*(_experta(c, kb, classes, shared, binds, bind) for c in condition.any))
    if isinstance(condition, NotCondition):
        return NOT(_experta(condition.not_, kb, classes, shared, binds, False))
    if isinstance(condition, FieldTest):
        spec = kb.fields[condition.field]
        allowed = allowed_values(spec, condition)
        check = shared.setdefault(allowed, P(allowed.__contains__))
        return classes[spec.group](**{spec.name: check})
    low, high = cf_range(condition)
    check = P(lambda cf, low=low, high=high: low <= cf <= high)
    if bind:
        binds.append(f"cf{len(binds)}")
        check = W(binds[-1]) & check
    return Conclusion(name=condition.conclusion, cf=check)


def _note(rule_id: str, binds: list[str]):
    def note(engine, **bound):
        premise = certainty.conjoin([abs(bound[n]) for n in binds if n in bound])
        engine.premises[rule_id] = max(premise, engine.premises.get(rule_id, -1.0))

    note.__name__ = "r_" + rule_id.replace("-", "_")
    return note


def _closer(kb, stratum: int):
    def close(engine):
        lent: dict[str, list[float]] = {}
        for rule_id, premise in engine.premises.items():
            for c in kb.rules[rule_id].then:
                if kb.conclusion_strata[c.conclude] == stratum:
                    lent.setdefault(c.conclude, []).append(certainty.apply(c.cf, premise))
        for name in sorted(lent):
            engine.combined[name] = cf = certainty.combine_all(lent[name])
            if certainty.is_strong(cf) and name in kb.read_conclusions:
                engine.declare(Conclusion(name=name, cf=cf))

    close.__name__ = f"close_{stratum}"
    return close


def plain_verdict(engine, kb, facts) -> float:
    """Evaluate a fact file with a plain engine; the verdict's CF."""
    engine.premises, engine.combined = {}, {}
    engine.reset()
    groups = group_facts(facts, kb.model)
    engine.declare(*(engine.fact_classes[g](**values) for g, values in sorted(groups.items())))
    engine.run()
    return engine.combined.get(kb.manifest.verdict, 0.0)


# --- CLIPS ----------------------------------------------------------------------------

COMBINE = """
(deffunction to-12 (?x) (/ (round (* ?x 1e12)) 1e12))
(deffunction combine-all ($?cfs)
  (bind ?p 1.0) (bind ?q 1.0) (bind ?one 0) (bind ?minus-one 0)
  (foreach ?cf ?cfs
    (if (>= ?cf 1.0) then (bind ?one 1))
    (if (<= ?cf -1.0) then (bind ?minus-one 1))
    (if (> ?cf 0) then (bind ?p (* ?p (- 1.0 ?cf))))
    (if (< ?cf 0) then (bind ?q (* ?q (+ 1.0 ?cf)))))
  (if (or (= ?one 1) (= ?minus-one 1)) then (return (- ?one ?minus-one)))
  (to-12 (if (<= ?p ?q) then (- 1.0 (/ ?p ?q)) else (- (/ ?q ?p) 1.0))))
(deffunction lend (?rule-cf ?premise)
  (if (< ?premise 0) then 0.0 else (to-12 (* ?rule-cf ?premise))))
(deftemplate concl (slot name) (slot cf))
"""


def _value(value) -> str:
    if value is None:
        return "nil"
    return f'"{str(value).lower()}"' if isinstance(value, bool) else f'"{value}"'


def clips_program(kb) -> str:
    """`kb` as a CLIPS program (see the module's docstring)."""
    fields: dict[str, list[str]] = {}
    for spec in kb.fields.values():
        fields.setdefault(spec.group, []).append(spec.name)
    parts = [COMBINE]
    parts += [f"(deftemplate {g} {' '.join(f'(slot {n})' for n in names)})" for g, names in sorted(fields.items())]  # fmt: skip
    index = {rule_id: i for i, rule_id in enumerate(sorted(kb.rules))}
    parts += [f"(defglobal ?*p{i}* = -1.0)" for i in index.values()]
    names = sorted(kb.conclusions)
    parts += [f"(defglobal ?*c{i}* = 0.0)" for i in range(len(names))]
    for rule_id, i in index.items():
        parts += _clips_rules(kb, rule_id, i)
    for stratum in sorted(set(kb.strata.values())):
        parts.append(_clips_closer(kb, stratum, index, names))
    return "\n".join(parts)


def _clips_rules(kb, rule_id: str, i: int) -> list[str]:
    rules = []
    for k, term in enumerate(_dnf(kb.rules[rule_id].condition)):
        patterns, binds = _clips_term(kb, term)
        premise = f"(min 1.0 {' '.join(f'(abs {b})' for b in binds)})" if binds else "1.0"
        rules.append(
            f"(defrule {rule_id}--{k} (declare (salience {salience(kb, rule_id)})) "
            f"{' '.join(patterns)} => (bind ?*p{i}* (max ?*p{i}* {premise})))"
        )
    return rules


def _dnf(condition) -> list[list]:
    """The condition's branches: each a list of field tests, conclusion tests and nots."""
    if isinstance(condition, AllOf):
        return [list(chain(*terms)) for terms in product(*(_dnf(c) for c in condition.all))]
    if isinstance(condition, AnyOf):
        return [term for c in condition.any for term in _dnf(c)]
    return [[condition]]


def _clips_term(kb, term: list) -> tuple[list[str], list[str]]:
    """One branch's patterns, tests of a group merged into one, and its bound CFs."""
    by_group: dict[str, dict[str, frozenset]] = {}
    patterns, binds = [], []
    for part in term:
        if isinstance(part, FieldTest):
            spec = kb.fields[part.field]
            tests = by_group.setdefault(spec.group, {})
            allowed = allowed_values(spec, part)
            tests[spec.name] = tests.get(spec.name, allowed) & allowed
        elif isinstance(part, ConclusionTest):
            binds.append(f"?cf{len(binds)}")
            patterns.append(_clips_conclusion(part, binds[-1]))
        else:
            patterns.append(f"(not {_clips_inner(kb, part.not_)})")
    slots = [
        f"({group} {' '.join(_clips_slot(name, allowed) for name, allowed in tests.items())})"
        for group, tests in sorted(by_group.items())
    ]
    return slots + patterns, binds


_SLOTS = iter(range(10**9))


def _clips_slot(name: str, allowed: frozenset) -> str:
    var = f"?v{next(_SLOTS)}"
    values = " ".join(sorted(map(_value, allowed)))
    return f"({name} {var}&:(member$ {var} (create$ {values})))"


def _clips_conclusion(test: ConclusionTest, var: str) -> str:
    low, high = cf_range(test)
    return f'(concl (name "{test.conclusion}") (cf {var}&:(>= {var} {low})&:(<= {var} {high})))'


def _clips_inner(kb, condition) -> str:
    """A condition under a `not`: no variable of it is used outside."""
    if isinstance(condition, AllOf | AnyOf):
        word, parts = ("and", condition.all) if isinstance(condition, AllOf) else ("or", condition.any)  # fmt: skip
        return f"({word} {' '.join(_clips_inner(kb, c) for c in parts)})"
    if isinstance(condition, NotCondition):
        return f"(not {_clips_inner(kb, condition.not_)})"
    if isinstance(condition, ConclusionTest):
        return _clips_conclusion(condition, f"?n{next(_SLOTS)}")
    spec = kb.fields[condition.field]
    return f"({spec.group} {_clips_slot(spec.name, allowed_values(spec, condition))})"


def _clips_closer(kb, stratum: int, index: dict[str, int], names: list[str]) -> str:
    actions = []
    for n, name in enumerate(names):
        if kb.conclusion_strata.get(name) != stratum:
            continue
        lent = [
            f"(lend {c.cf} ?*p{index[rule_id]}*)"
            for rule_id in kb.producers.get(name, [])
            for c in kb.rules[rule_id].then
            if c.conclude == name
        ]
        if not lent:
            continue
        actions.append(f"(bind ?*c{n}* (combine-all {' '.join(lent)}))")
        if name in kb.read_conclusions:
            actions.append(
                f'(if (>= (abs ?*c{n}*) {certainty.THRESHOLD}) then (assert (concl (name "{name}") (cf ?*c{n}*))))'
            )
    salience_ = closer_salience(kb, stratum)
    return f"(defrule close-{stratum} (declare (salience {salience_})) => {' '.join(actions)})"


def clips_facts(kb, facts) -> list[str]:
    """A fact file as CLIPS facts, one per group, unknown fields left out (nil)."""
    groups = group_facts(facts, kb.model)
    return [
        f"({g} {' '.join(f'({n} {_value(v)})' for n, v in sorted(values.items()) if v is not None)})"
        for g, values in sorted(groups.items())
    ]


def clips_verdict_global(kb) -> str:
    """The defglobal that holds the verdict's CF after a run."""
    return f"?*c{sorted(kb.conclusions).index(kb.manifest.verdict)}*"
