"""`recordlint serve`: a local web page that checks a note as it is typed.

``checker`` wraps one :class:`~recordlint.engine.Linter` for the whole process (the spaCy
model stays loaded); ``server`` is the loopback HTTP server with its safety checks; the page
itself (``page.html``, ``page.css``, ``page.js``) is package data, served as it is.
"""
