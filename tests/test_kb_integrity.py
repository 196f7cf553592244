"""The live knowledge base keeps the article's shape: graded, two-sided, cited."""

from expert import api
from expert.knowledge import walk
from expert.ruleschema import ConclusionTest

KB = api.knowledge_base()


def reads(rule_id: str) -> set[str]:
    return {
        t.conclusion for t, _ in walk(KB.rules[rule_id].condition) if isinstance(t, ConclusionTest)
    }


PARTS = {"us-willing", "russia-willing", "meeting-feasible"}
"""What has to line up for a meeting (S2.P2): each side willing, and conditions that permit."""


def test_only_the_parts_speak_strongly_on_the_verdict():
    """No background fact settles the verdict: only the three parts, together or failing."""
    verdict = KB.manifest.verdict
    strong = {
        r.id: reads(r.id)
        for r in KB.rules.values()
        for c in r.then
        if c.conclude == verdict and abs(c.cf) > 0.3
    }
    assert strong and {rule: read for rule, read in strong.items() if not read <= PARTS} == {}
    assert all(strong.values())


def test_the_verdict_is_the_conjunction_of_the_parts():
    """The strongest support for a meeting needs all three parts (EMYCIN's min over premises)."""
    support = {
        r.id: c.cf for r in KB.rules.values() for c in r.then if c.conclude == KB.manifest.verdict
    }
    strongest = max(support, key=support.get)
    assert strongest == "everything-lines-up" and reads(strongest) == PARTS


def test_each_part_can_fail_and_block():
    blocks = {
        t.conclusion
        for r in KB.rules.values()
        for t, _ in walk(r.condition)
        if isinstance(t, ConclusionTest) and t.max_cf is not None and t.conclusion in PARTS
        if any(c.conclude == KB.manifest.verdict and c.cf <= -0.6 for c in r.then)
    }
    assert blocks == PARTS


def test_every_two_sided_claim_has_both_sides():
    """Two rules that conclude the same thing the same way are one side twice, not two sides."""
    sides: dict[str, set] = {}
    for rule in KB.rules.values():
        if rule.claim:
            side = frozenset((c.conclude, c.cf > 0) for c in rule.then)
            sides.setdefault(rule.claim, set()).add(side)
    assert sides and {claim: s for claim, s in sides.items() if len(s) < 2} == {}


def test_factors_are_in_play_only_never_evidence():
    factors = {n for n, c in KB.conclusions.items() if c.kind == "factor"}
    cfs = {c.cf for r in KB.rules.values() for c in r.then if c.conclude in factors}
    assert cfs == {1.0}
    assert [r for r in KB.rules if reads(r) & factors] == []


def test_outcomes_depend_on_the_meeting():
    outcomes = {n for n, c in KB.conclusions.items() if c.category == "outcome"}
    for rule in KB.rules.values():
        if any(c.conclude in outcomes for c in rule.then):
            assert reads(rule.id) & (outcomes | {KB.manifest.verdict}), rule.id


def test_every_paragraph_is_encoded_or_says_why_not():
    cited = {p for r in KB.rules.values() for p in r.paragraphs}
    paragraphs = KB.manifest.paragraphs
    assert len(paragraphs) == 19
    assert [
        p for p, spec in paragraphs.items() if p not in cited and not spec.no_rules_because
    ] == []
