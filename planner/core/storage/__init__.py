"""Files on disk: bounded reads and atomic writes, loading and saving documents, schema migrations, instrument
upgrades, matching a document to its instruments, the recent-plan cards and the bundled demo."""
