"""The words every page uses for the plan's money, defined once: headings and notes that say which figure they show.

The printed plan, the Word copy, the workbook, the app and the command line take their headings from here, so a
reader meets *committed*, *still to commit* and *total share* with one meaning everywhere.
"""

from __future__ import annotations

from planner.core.funding.ledger import (
    BASELINE_EXPLANATIONS,
    COMMITTED,
    DEFINITIONS,
    PERCENT_BASE,
    STILL_TO_COMMIT,
    TOTAL_SHARE,
    Baseline,
)

PERCENT_HEADING = f"% {PERCENT_BASE}"
KEY_GAP = "Gap (committed only)"
ASK_HEADING = "The ask: what each partner is still to commit, by fiscal year"
ASK_NOTE = (
    f"{STILL_TO_COMMIT}: {DEFINITIONS[STILL_TO_COMMIT]}. {TOTAL_SHARE}: {DEFINITIONS[TOTAL_SHARE]}. Whole dollars "
    "that add up as printed."
)
STOPS_INTRO = "Committed only, each item paid only by the money committed to it: these lose their funding first."
COSTS_INTRO = (
    "Committed money pays only the cost item it was committed to: a year's gap is what its items are short, added "
    "up, and money committed beyond one item's cost pays for no other item. Money marked committed counts as "
    "committed only once the partner's budget for that fiscal year is adopted or a signed agreement covers the year; "
    "until then it counts as pledged."
)
BASELINES_NOTE = (
    f"Two baselines: {Baseline.COMMITTED_ONLY.label.lower()} ({BASELINE_EXPLANATIONS[Baseline.COMMITTED_ONLY]}) and "
    f"{Baseline.AS_PLANNED.label.lower()} ({BASELINE_EXPLANATIONS[Baseline.AS_PLANNED]})."
)
PARTNERS_HEADING = (
    f"Each partner's {TOTAL_SHARE.lower()} by fiscal year ({COMMITTED.lower()} plus {STILL_TO_COMMIT.lower()})"
)
FIRMNESS_HEADING = f"How firm each partner's {TOTAL_SHARE.lower()} is"
SECTORS_HEADING = f"{TOTAL_SHARE} by sector, and ongoing against one-time money"
ONGOING_NOTE = "Ongoing and one-time money are shares of the money partners have promised (every status)."
RISKS_INTRO = (
    "A shared-cost plan counts on every partner keeping its word. The stress test takes each partner out of the plan "
    "in turn, in the committed-only baseline; the scenarios the committee asked about follow, each beside the "
    "baseline it changes. Committed money pays only the cost item it was committed to, so a partner's withdrawal can "
    "only leave short the items its own money pays. Moving money between items happens only in a scenario that says "
    "so."
)
STRESS_NOTE = (
    "Each partner leaves the plan from the first year, one at a time, ranked by how much the gap (committed only) "
    "grows without it. A keep-first item it pays that is funded today but not without it depends on it alone."
)
AGREEMENTS_HEADING = "Agreements behind the committed money"
AGREEMENTS_NOTE = (
    "An MOU, board resolution or contract makes a partner's money committed for the fiscal years it covers, before "
    "the partner's budget for those years is adopted."
)
LEDGER_NOTE = "The detailed ledger: every commitment to the cent, with the status it counts as and why."
