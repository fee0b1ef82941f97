"""What the tests (tests/) and the benchmark (bench/run.py) share: the worksheet pages, how to
tell that Python is ready or its runtime primed, the servers that serve a built site, how
Chromium is started, and the DevTools driver the benchmark times with."""
