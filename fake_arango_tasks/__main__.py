"""``python -m fake_arango_tasks``: run the dev stub server (see ``fake_arango_tasks._cli``)."""

from ._cli import main

raise SystemExit(main())
