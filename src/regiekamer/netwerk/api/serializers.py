"""The shape of ``GET /api/v1/netwerk``. ``nodes`` and ``edges`` keep the agreed field names exactly; ``analyse``
and the cap fields come beside them. Kinds are plain strings (documented in the help text) so that the schema
gets no second enum named ``Soort``."""

from rest_framework import serializers

SUBJECTSOORTEN = "`persoon`, `adres`, `rechtspersoon` of `voertuig`"


class NodeSerializer(serializers.Serializer):
    id = serializers.CharField(
        help_text="`<soort>:<uuid>`; voor analisten `<soort>:<pseudoniem>`. Bruikbaar als `subject` van een nieuw "
        "netwerk."
    )
    soort = serializers.CharField(help_text=SUBJECTSOORTEN)
    label = serializers.CharField(
        help_text="Naam, adres, naam en KvK-nummer of kenteken; voor analisten het pseudoniem."
    )


class EdgeSerializer(serializers.Serializer):
    bron = serializers.CharField(help_text="`id` van een node.")
    doel = serializers.CharField(help_text="`id` van een node; bij een relatie het subject waar de relatie naar wijst.")
    soort = serializers.CharField(
        help_text="`woont-op`, `ingeschreven-op`, `eigenaar`, `bestuurder`, `familie` (relaties), `signaal` (samen "
        "in een signaal) of `casus` (samen betrokkene in een casus)."
    )
    reden = serializers.CharField(help_text="Leesbare reden, bijv. `samen in signaal S2026-00012`.")


class ClusterSerializer(serializers.Serializer):
    nummer = serializers.IntegerField()
    leden = serializers.ListField(child=serializers.CharField(), help_text="`id`'s van de nodes.")


class VerbinderSerializer(serializers.Serializer):
    id = serializers.CharField()
    tussenliggendheid = serializers.FloatField(help_text="Betweenness centrality, 0 tot 1.")
    scharnierpunt = serializers.BooleanField(help_text="Zonder dit subject valt het netwerk uiteen.")


class GedeeldSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Een adres of rechtspersoon.")
    personen = serializers.ListField(
        child=serializers.CharField(),
        help_text="Personen die het delen zonder onderling rechtstreeks verbonden te zijn.",
    )


class AnalyseSerializer(serializers.Serializer):
    clusters = ClusterSerializer(many=True)
    verbinders = VerbinderSerializer(many=True)
    gedeeld = GedeeldSerializer(many=True)


class NetwerkSerializer(serializers.Serializer):
    subject = serializers.CharField(help_text="`id` van het startsubject.")
    diepte = serializers.IntegerField()
    weergave = serializers.CharField(help_text="`volledig`, `pseudoniem` (analisten) of `deelnemer` (partners).")
    begrensd = serializers.BooleanField(help_text="Of een limiet per stap is bereikt; `begrenzingen` zegt welke.")
    begrenzingen = serializers.ListField(child=serializers.CharField())
    nodes = NodeSerializer(many=True)
    edges = EdgeSerializer(many=True)
    analyse = AnalyseSerializer()
