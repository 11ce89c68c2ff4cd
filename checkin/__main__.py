from checkin.cli import main

raise SystemExit(main())
