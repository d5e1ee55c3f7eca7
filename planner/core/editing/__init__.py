"""Editing: pure functions that turn one valid document into the next (every undo step of the app is one), readers
of typed values, new-row defaults, spreadsheet paste and the commitment grid."""
