"""``scenarios``: the partner stress test and every saved what-if scenario of a plan."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.commands.output import say, say_json
from planner.commands.registry import arg, command
from planner.exit_codes import EXIT_OK


@command(
    "scenarios",
    "what-if scenarios: the partner stress test and every saved scenario",
    arg("file", metavar="FILE"),
    arg("--json", action="store_true", help="machine-readable output"),
)
def cmd_scenarios(args: argparse.Namespace) -> int:

    from planner.commands.common import load_analysis
    from planner.core.funding.plain_text import scenario_lines, stress_lines
    from planner.core.funding.scenarios import run_scenario, stress_test
    from planner.core.interchange.export import scenarios_payload

    analysis = load_analysis(Path(args.file))
    document = analysis.document
    stress = stress_test(document, analysis.funding)
    results = [run_scenario(document, s, analysis.funding) for s in document.scenarios]
    if args.json:
        say_json(scenarios_payload(document, stress, results))
        return EXIT_OK
    lines = [document.profile.consortium_name, "", *stress_lines(stress)]
    for result in results:
        lines += ["", *scenario_lines(document, result)]
    if not results:
        lines += ["", "No saved scenarios (add them in the app's Scenarios section)."]
    say("\n".join(lines))
    return EXIT_OK
