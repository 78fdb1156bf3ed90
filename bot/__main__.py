"""`python -m bot` is the same as the `kinderschutz-lotse` command."""

from bot.cli import main

raise SystemExit(main())
