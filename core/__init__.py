"""Envoy's plumbing: what every app uses and that knows no domain app.

- `api`: pagination, query-parameter checks, throttling first, the API's error mapping;
- `errors`: the pages' error mapping;
- `models`: the abstract bases of reference items (cited, with provenance);
- `reference_cache`: per-process caches of reference data, kept correct across processes;
- `templatetags`: the project's template filters.
"""
