"""Shell completion of the knowledge base's names: rule ids, conclusions, fields.

Click completes file arguments and `--format` choices by itself; these complete the names
only the knowledge base knows, from `--rules` when it was given.
"""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem

from ..errors import ExpertError


def _kb(ctx: click.Context):
    from .. import api  # here: completing a name loads the library, a command's help does not

    try:
        return api.knowledge_base(ctx.params.get("rules"))
    except ExpertError:
        return None  # a broken knowledge base completes nothing rather than failing


def _items(names, incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(name) for name in names if name.startswith(incomplete)]


def complete_rule(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """Rule ids."""
    kb = _kb(ctx)
    return _items(sorted(kb.rules), incomplete) if kb else []


def complete_conclusion(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """Conclusion names."""
    kb = _kb(ctx)
    return _items(sorted(kb.conclusions), incomplete) if kb else []


def complete_setting(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """`field=` for `--set`, then the field's values once the `=` is typed."""
    kb = _kb(ctx)
    if kb is None:
        return []
    path, equals, _ = incomplete.partition("=")
    if not equals:
        return _items([f"{name}=" for name in kb.fields], incomplete)
    spec = kb.fields.get(path)
    values = (
        [*(str(v).lower() if isinstance(v, bool) else str(v) for v in spec.values), "unknown"]
        if spec
        else []
    )
    return _items([f"{path}={value}" for value in values], incomplete)
