"""Versioned schema migrations of the PostGIS store, applied in file-name order.

Each ``NNNN_name.sql`` file runs once, in one transaction, and is recorded in
the ``schema_migrations`` table (see :func:`geo.pgstore.migrate`). A
migration is never edited after release: a change is a new file.
"""
