"""The workbook's layout, shared by the export (:mod:`planner.core.interchange.workbook`) and the import
(:mod:`planner.core.interchange.workbook_import`): the one contract between the two. No openpyxl here, so the app
can know
the layout without loading the spreadsheet library on its start-up path."""

from __future__ import annotations

# Sheet names (Excel allows 31 characters).
README_SHEET = "README"
COST_SHEET = "Cost items"
COMMITMENT_SHEET = "Commitments"
ASK_SHEET = "Ask by partner"
GAP_SHEET = "Funding gap"
ITEM_GAP_SHEET = "Gap by item"
ACTION_SHEET = "Action plan"

# The row with a blank id and this word in the second column holds a sheet's totals (formulas, never read back).
TOTAL_LABEL = "Total"
HEADER_ROW = 1
FIRST_ROW = 2

# Cost items: these columns, then one column per plan year, then the item's total.
COST_COLUMNS = ("ID", "Cost item", "Category", "Priority")
COST_FIRST_YEAR_COLUMN = len(COST_COLUMNS) + 1
# Commitments, in this order.
COMMITMENT_COLUMNS = (
    "ID",
    "Partner",
    "Partner ID",
    "Cost item",
    "Cost item ID",
    "Plan year",
    "Amount",
    "Status",
    "Kind",
    "Fund",
    "Source",
    "In-kind",
)
COMMITMENT_COLUMN = {name: n for n, name in enumerate(COMMITMENT_COLUMNS, 1)}
# Written by the export after the columns above and never read back: the status each commitment counts as (committed
# only with an adopted budget or an agreement for its fiscal year) and why.
COUNTS_AS_COLUMN = len(COMMITMENT_COLUMNS) + 1
COUNTS_AS_TITLE = "Counts as"
WHY_COLUMN = COUNTS_AS_COLUMN + 1
