"""``python -m tikjobs``: the same as the ``tikjobs`` console command."""

from tikjobs.cli import main

raise SystemExit(main())
