"""`summit assess`: evaluate a fact file and print the verdict and conclusions."""

from __future__ import annotations

from .base import echo_text, emit, fact_file_argument, format_option, main, rules_option, style


@main.command()
@fact_file_argument
@format_option("text", "json")
@rules_option
def assess(fact_file: str | None, fmt: str, rules: str | None) -> None:
    """Evaluate FACT_FILE (default: the built-in default scenario; - reads standard input).

    Prints the verdict first, with a certainty factor and a band in plain
    words, then the conclusions of each of the knowledge base's categories,
    each with the ids of the rules behind it.

    \b
    Examples:
      summit assess
      summit assess facts/acute-crisis.yaml --format json
    """
    from .. import api
    from ..report import assessment_data, assessment_text

    kb = api.knowledge_base(rules)
    result = api.assess(fact_file, rules)
    if fmt == "json":
        emit(assessment_data(result, kb), fmt)
    else:
        echo_text(assessment_text(result, kb, style=style))
