from mededeling.cli import main

raise SystemExit(main())
