"""Worksheet logic for the Implementation Support Practice Guide.

Pure Python, standard library only, so the same code runs under pytest on CPython
and in the reader's browser on Pyodide (the build packs this folder into the site).
"""
