"""Every colour and style sheet the app's widgets use, in one place.

Colours are named by what they do (a heading, muted text, a warning, the focus outline...), never by how they
look, so a dark theme can swap the values here without touching a widget. Reports (planner/report) keep their
own print colours. Widgets import from here only; no other module in planner/ui writes a colour.
"""

from __future__ import annotations

# ----- text -----
HEADING = "#1b3a5c"  # page headings, card titles
SECONDARY_TEXT = "#3e4c59"  # descriptions under a heading, level descriptors
MUTED_TEXT = "#52606d"  # hints, guidance, "nothing here yet"
PLACEHOLDER_TEXT = "#6b7280"  # a line with nothing in it yet (a partner's empty commitment)
ACCENT = "#2c5d8f"  # next steps, the selected section
SELECTED_TEXT = "white"  # text on ACCENT

# ----- states -----
FOCUS = ACCENT  # the outline of the card or tile that holds the keyboard
CAUTION = "#a15c07"  # a level picked but not recorded, ratings the team should discuss
WARNING = "#9a3412"  # funding and plan warnings
NOTICE = "#8a4b0f"  # a field's notice (text trimmed to its limit, a value rounded)
FIELD_ERROR = "#b42318"  # a field whose value is refused
ERROR = "#9b1c1c"  # a file that cannot be read, a rating out of range

# ----- surfaces -----
SURFACE = "#ffffff"  # cards
SURFACE_OPEN = "#f8fbff"  # the open criterion card
SIDEBAR = "#f0f4f8"  # the section list, read-only boxes
BORDER = "#d9e2ec"  # criterion cards
CARD_BORDER = "#c8d1dc"  # recent-plan cards
NOTICE_BACKGROUND, NOTICE_BORDER, NOTICE_TEXT = "#fff7e0", "#e6c975", "#5c4400"
FORM_BANNER_BACKGROUND, FORM_BANNER_BORDER, FORM_BANNER_TEXT = "#fff4d6", "#e8c77a", "#5c3c00"
COACH_BANNER_BACKGROUND, COACH_BANNER_BORDER = "#e6f0fa", "#9fbfdf"


def color(value: str) -> str:
    """A label's text colour as a style sheet."""
    return f"color: {value};"


# ----- labels -----
PAGE_HEADING = f"font-size: 18pt; font-weight: 600; color: {HEADING};"
SUBHEADING = f"font-size: 12pt; font-weight: 600; color: {HEADING};"
CARD_TITLE = f"font-size: 11pt; font-weight: 600; color: {HEADING};"
UNAVAILABLE_TEXT = "#7b8794"  # a recent plan whose folder or drive cannot be reached now
CARD_TITLE_UNAVAILABLE = f"font-size: 11pt; font-weight: 600; color: {UNAVAILABLE_TEXT};"
SMALL_TITLE = "font-size: 10pt; font-weight: 600;"
SECONDARY = color(SECONDARY_TEXT)
MUTED = color(MUTED_TEXT)
INDENTED_GUIDANCE = f"color: {MUTED_TEXT}; margin-left: 22px;"
KEYS_HINT = f"color: {MUTED_TEXT}; font-size: 9pt;"
NOTICE_BANNER = (
    f"background: {NOTICE_BACKGROUND}; border: 1px solid {NOTICE_BORDER}; border-radius: 4px; padding: 6px 10px;"
    f" color: {NOTICE_TEXT};"
)
FORM_BANNER = (
    f"background: {FORM_BANNER_BACKGROUND}; color: {FORM_BANNER_TEXT}; border-bottom: 1px solid {FORM_BANNER_BORDER};"
)
COACH_BANNER = (
    f"background: {COACH_BANNER_BACKGROUND}; color: {HEADING}; border-bottom: 1px solid {COACH_BANNER_BORDER};"
)

# ----- fields -----
INVALID_FIELD = f"border: 1px solid {FIELD_ERROR}; border-radius: 2px;"
READ_ONLY_BOXES = (
    f'QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] {{ background: {SIDEBAR}; color: {SECONDARY_TEXT}; }}'
)
BOLD_TOGGLE = "QToolButton { font-weight: 600; border: none; }"

# ----- containers -----
SECTION_LIST = (
    f"QListWidget {{ background: {SIDEBAR}; font-size: 11pt; }} QListWidget::item {{ padding: 9px 12px; }}"
    f" QListWidget::item:selected {{ background: {ACCENT}; color: {SELECTED_TEXT}; }}"
)
RECENT_CARDS = f"""
QFrame#recentCard {{ background: {SURFACE}; border: 1px solid {CARD_BORDER}; border-radius: 6px; }}
QFrame#recentCard:hover {{ border-color: {FOCUS}; }}
QFrame#recentCard:focus {{ border: 2px solid {FOCUS}; }}
QFrame#recentCard[unavailable="true"] {{ background: {SIDEBAR}; border-style: dashed; }}
"""
# Set once on the page body that holds the cards (set on each card, every card's widgets would be styled apart).
CRITERION_CARDS = (
    f"QGroupBox#criterionCard {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 4px;"
    " margin-top: 0px; padding-top: 0px; }"
    f' QGroupBox#criterionCard[open="true"] {{ border: 1px solid {FOCUS}; background: {SURFACE_OPEN}; }}'
)
SHARED_FILE_BANNER = (
    f"QFrame#sharedFileBanner {{ background: {NOTICE_BACKGROUND}; border: 1px solid {NOTICE_BORDER};"
    f" border-radius: 4px; }} QLabel {{ color: {NOTICE_TEXT}; }}"
)
