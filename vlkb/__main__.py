from vlkb.cli import main

raise SystemExit(main())
