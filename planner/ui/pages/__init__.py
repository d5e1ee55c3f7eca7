"""The section pages of the main window, one module per section (``profile``, ``rubric``, ``costs``,
``actions``, ``summary``, ``scenarios``) and the widgets they share (``common``).

Each page shows the session's document and turns what a person does into core edits through the session; none
of them computes a score or a total. Nothing is imported here, so a window can start without loading them."""
