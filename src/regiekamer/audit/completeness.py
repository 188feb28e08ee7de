"""Does every record of personal data have the processing-log entry that created it?

The chain check (``services.verify``) proves that no entry was changed, inserted or removed; it cannot see a record
stored without any entry at all. This check can: each domain registers its records and the handelingen that log
their creation (in its ``AppConfig.ready``), and :func:`missing` lists the records whose id appears in no such entry.
It runs as one anti-join per kind in the database, so it stays cheap on millions of rows.
"""

import json
from dataclasses import dataclass

from django.db import connection

from regiekamer.audit.models import Verwerking

# The synthetic bulk loader logs what it creates under this handeling (one entry per batch).
BULK_LOAD = "demo.laden"

_REGISTRY: dict[str, tuple[type, frozenset[str]]] = {}


def register(soort: str, model, handelingen: set[str]) -> None:
    """Records of ``model`` (``soort``: their Dutch plural, for messages) are created by the logged handelingen
    ``handelingen``, whose entries hold their ids."""
    _REGISTRY[soort] = (model, frozenset(handelingen) | {BULK_LOAD})


def also_created_by(soort: str, handelingen: set[str]) -> None:
    """Records of ``soort`` (registered before) are also created under ``handelingen`` (e.g. the bulk import)."""
    model, existing = _REGISTRY[soort]
    _REGISTRY[soort] = (model, existing | frozenset(handelingen))


def registered() -> dict[str, tuple[type, frozenset[str]]]:
    return dict(_REGISTRY)


@dataclass(frozen=True)
class Ontbrekend:
    soort: str
    aantal: int
    voorbeelden: list[str]  # a few ids, to look them up


# The ids named in the creation entries, in the form the record's primary key column has.
_LOGGED_IDS = {
    "postgresql": "SELECT DISTINCT jsonb_array_elements_text(v.object_ids)::uuid AS id FROM {log} v "
    "WHERE v.handeling = ANY(%s)",
    # SQLite keeps UUIDs as 32 hex digits; the log holds them in the dashed form.
    "sqlite": "SELECT DISTINCT replace(j.value, '-', '') AS id FROM {log} v, json_each(v.object_ids) j "
    "WHERE v.handeling IN (SELECT value FROM json_each(%s))",
}
_MISSING = "SELECT {select} FROM {table} m LEFT JOIN ({logged}) l ON l.id = m.{pk} WHERE l.id IS NULL{limit}"


def _missing_sql(model, count: bool) -> str:
    quote = connection.ops.quote_name
    pk = quote(model._meta.pk.column)
    logged = _LOGGED_IDS[connection.vendor].format(log=quote(Verwerking._meta.db_table))
    return _MISSING.format(
        select="COUNT(*)" if count else f"m.{pk}",
        table=quote(model._meta.db_table),
        logged=logged,
        pk=pk,
        limit="" if count else " ORDER BY 1 LIMIT 10",
    )


def _parameter(handelingen: frozenset[str]):
    return sorted(handelingen) if connection.vendor == "postgresql" else json.dumps(sorted(handelingen))


def missing() -> list[Ontbrekend]:
    """Per registered kind: how many records have no creation entry, and up to ten of their ids."""
    result = []
    with connection.cursor() as cursor:
        for soort, (model, handelingen) in sorted(_REGISTRY.items()):
            cursor.execute(_missing_sql(model, count=True), [_parameter(handelingen)])
            aantal = cursor.fetchone()[0]
            voorbeelden = []
            if aantal:
                cursor.execute(_missing_sql(model, count=False), [_parameter(handelingen)])
                voorbeelden = [str(model._meta.pk.to_python(row[0])) for row in cursor.fetchall()]
            result.append(Ontbrekend(soort, aantal, voorbeelden))
    return result
