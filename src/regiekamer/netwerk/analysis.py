"""The structure of a network, worked out with networkx: clusters, the subjects that connect them, and addresses or
companies shared by otherwise unrelated people. Works on node ids only, so the same code serves the full and the
pseudonymised network.

- **Clusters**: communities by Louvain modularity (``networkx.community.louvain_communities``, weighted by the
  number of links between two subjects, fixed seed so the same network always gives the same clusters), numbered
  from 1 by size.
- **Verbinders** (subjects that bridge clusters): when there are at least two clusters, every subject linked to a
  subject of another cluster, ordered by betweenness centrality (the share of shortest paths through it).
  ``scharnierpunten`` are the articulation points: subjects without which the network falls apart.
- **Gedeeld**: an address or legal person linked to at least two persons who have no direct link with each other.
"""

from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

SEED = 20260
GEDEELDE_SOORTEN = ("adres", "rechtspersoon")


@dataclass
class Structuur:
    clusters: list[list[str]] = field(default_factory=list)  # node ids per cluster, the largest first
    cluster_van: dict[str, int] = field(default_factory=dict)  # node id -> cluster number (from 1)
    tussenliggendheid: dict[str, float] = field(default_factory=dict)
    verbinders: list[str] = field(default_factory=list)
    scharnierpunten: set[str] = field(default_factory=set)
    gedeeld: dict[str, list[str]] = field(default_factory=dict)  # address/company id -> ids of unrelated persons


def graaf(knopen, verbindingen) -> nx.Graph:
    """An undirected graph of node ids; ``weight`` counts the links (edges of any kind) between two nodes."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(knopen))
    for bron, doel in verbindingen:
        if graph.has_edge(bron, doel):
            graph[bron][doel]["weight"] += 1
        else:
            graph.add_edge(bron, doel, weight=1)
    return graph


def analyseer(graph: nx.Graph, soorten: dict[str, str]) -> Structuur:
    """The structure of ``graph``; ``soorten`` gives each node's kind (persoon, adres, ...)."""
    if graph.number_of_nodes() == 0:
        return Structuur()
    if graph.number_of_edges():
        communities = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    else:
        communities = [{node} for node in graph]
    clusters = sorted((sorted(community) for community in communities), key=lambda leden: (-len(leden), leden[0]))
    cluster_van = {node: nummer for nummer, leden in enumerate(clusters, start=1) for node in leden}
    tussenliggendheid = nx.betweenness_centrality(graph, normalized=True)
    verbinders = []
    if len(clusters) > 1:
        for node in graph:
            if any(cluster_van[buur] != cluster_van[node] for buur in graph.neighbors(node)):
                verbinders.append(node)
    verbinders.sort(key=lambda node: (-tussenliggendheid[node], node))
    gedeeld = {}
    for node in graph:
        if soorten.get(node) not in GEDEELDE_SOORTEN:
            continue
        personen = sorted(buur for buur in graph.neighbors(node) if soorten.get(buur) == "persoon")
        los = {p for pair in combinations(personen, 2) if not graph.has_edge(*pair) for p in pair}
        if los:
            gedeeld[node] = sorted(los)
    return Structuur(
        clusters=clusters,
        cluster_van=cluster_van,
        tussenliggendheid=tussenliggendheid,
        verbinders=verbinders,
        scharnierpunten=set(nx.articulation_points(graph)),
        gedeeld=gedeeld,
    )
