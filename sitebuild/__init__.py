"""The build: what turns docs/ and tools/ into the published site, apart from the browser's code.

Plain functions over page HTML, the docs/ files and the built site's folder; nothing here knows
MkDocs except engine.py, which reads what the build needs from MkDocs' configuration. The hooks
in hooks/ hand MkDocs' events to these functions; pipeline.py holds the order of the steps that
run once the pages are written. tools/ is what the browser runs: this package uses it and it
never uses this package.
"""
