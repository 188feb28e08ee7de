"""Exports of a network for Gephi: GEXF and GraphML, written by networkx from exactly what the viewer sees (the
same ``Netwerk`` as the page, so the same labels: pseudonyms for analysts)."""

import io

import networkx as nx

FORMATEN = {
    "gexf": ("application/gexf+xml", nx.write_gexf),
    "graphml": ("application/graphml+xml", nx.write_graphml),
}


def als_graaf(netwerk) -> nx.MultiGraph:
    """Nodes with their label, kind, distance and structure; one edge per link with its kind and reason."""
    graph = nx.MultiGraph(name="Regiekamer netwerk", weergave=netwerk.weergave, diepte=netwerk.diepte)
    for knoop in netwerk.knopen:
        graph.add_node(
            knoop.id,
            label=knoop.label,
            soort=knoop.soort,
            afstand=knoop.afstand,
            cluster=knoop.cluster,
            verbinder=knoop.verbinder,
            scharnierpunt=knoop.scharnierpunt,
            gedeeld=knoop.gedeeld,
            tussenliggendheid=round(knoop.tussenliggendheid, 6),
        )
    for index, verbinding in enumerate(netwerk.verbindingen):
        graph.add_edge(
            verbinding.bron,
            verbinding.doel,
            key=index,
            soort=verbinding.soort,
            reden=verbinding.reden,
            gewicht=verbinding.gewicht,
        )
    return graph


def schrijf(netwerk, formaat: str) -> tuple[bytes, str]:
    """The file content and its media type."""
    media_type, writer = FORMATEN[formaat]
    buffer = io.BytesIO()
    writer(als_graaf(netwerk), buffer)
    return buffer.getvalue(), media_type
