"""`python -m mentorlog` runs the command line."""

from mentorlog.cli import main

raise SystemExit(main())
