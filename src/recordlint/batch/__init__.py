"""Caseload batch checking: read exports, lint in parallel, aggregate, report and compare.

``run`` drives the pipeline; ``aggregate`` keeps the running statistics; ``redact`` makes
pseudonyms; ``report_html``, ``report_md`` and ``terminal`` render a summary; ``results``
saves and loads it; ``compare`` sets two saved summaries side by side.
"""
