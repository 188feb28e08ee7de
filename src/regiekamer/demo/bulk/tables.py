"""The tables the bulk loader fills, their columns, and the order they are written in (parents first)."""

from regiekamer.bronnen.models import Bronraadpleging
from regiekamer.casussen.models import (
    Analyse,
    Betrokkene,
    Casus,
    CasusSignaal,
    Deelnemer,
    Doel,
    Interventie,
    PlanVersie,
)
from regiekamer.delen.models import DelingsBesluit
from regiekamer.demo.bulk.writer import Table
from regiekamer.doelbinding.models import Verenigbaarheidsbesluit
from regiekamer.protocol.models import Weging
from regiekamer.signalen.models import Signaal
from regiekamer.subjects.models import Adres, Persoon, Rechtspersoon, SubjectRelatie, Voertuig


def _through(field_name: str) -> Table:
    through = Signaal._meta.get_field(field_name).remote_field.through
    target = Signaal._meta.get_field(field_name).m2m_reverse_field_name()
    return Table(through, ("signaal", target))


def build_tables() -> dict[str, Table]:
    return {
        "persoon": Table(
            Persoon,
            (
                "id",
                "gemeente",
                "voornamen",
                "tussenvoegsel",
                "achternaam",
                "geboortedatum",
                "bsn",
                "bsn_index",
                "naam_sleutel",
                "aangemaakt_op",
                "blok_naam",
            ),
        ),
        "adres": Table(
            Adres,
            (
                "id",
                "gemeente",
                "postcode",
                "huisnummer",
                "huisletter",
                "toevoeging",
                "straat",
                "woonplaats",
                "buurt",
                "latitude",
                "longitude",
                "aangemaakt_op",
            ),
        ),
        "rechtspersoon": Table(
            Rechtspersoon, ("id", "gemeente", "kvk_nummer", "naam", "aangemaakt_op", "naam_sleutel")
        ),
        "voertuig": Table(Voertuig, ("id", "gemeente", "kenteken", "omschrijving", "aangemaakt_op")),
        "relatie": Table(
            SubjectRelatie,
            ("id", "gemeente", "soort", "van_persoon", "van_rechtspersoon", "naar_persoon", "naar_adres")
            + ("naar_rechtspersoon", "naar_voertuig", "toelichting"),
        ),
        "signaal": Table(
            Signaal,
            ("id", "gemeente", "nummer", "ontvangen_op", "omschrijving", "melder_organisatie", "melder", "api_token")
            + ("anoniem", "anonieme_bron", "locatie", "buurt", "doel", "status", "stap", "stap_gestart_op", "termijn")
            + ("afgerond_op", "vernietigen_op", "bijgewerkt_op"),
        ),
        "signaal_fenomenen": _through("fenomenen"),
        "signaal_indicatoren": _through("indicatoren"),
        "signaal_personen": _through("personen"),
        "signaal_adressen": _through("adressen"),
        "signaal_rechtspersonen": _through("rechtspersonen"),
        "signaal_voertuigen": _through("voertuigen"),
        "weging": Table(
            Weging,
            ("id", "gemeente", "signaal", "soort", "uitkomst", "toelichting", "grondslag", "details", "status_voor")
            + ("status_na", "corrigeert", "vastgelegd_door", "rol", "vastgelegd_op", "stap", "stap_gestart_op")
            + ("doorlooptijd",),
        ),
        "bronraadpleging": Table(
            Bronraadpleging,
            ("id", "gemeente", "signaal", "bron", "soort", "persoon", "adres", "rechtspersoon", "hit", "inhoud")
            + ("motivering", "uitgevoerd_door", "rol", "uitgevoerd_op"),
        ),
        "casus": Table(
            Casus,
            ("id", "gemeente", "nummer", "titel", "omschrijving", "aanpak", "doel", "herkomst", "regisseur", "status")
            + ("buurt", "geopend_op", "laatste_activiteit_op", "gesloten_op", "sluitreden", "evaluatie"),
        ),
        "verenigbaarheidsbesluit": Table(
            Verenigbaarheidsbesluit,
            ("id", "gemeente", "signaal", "casus", "van_doel", "naar_doel", "verband_doelen", "context_verzameling")
            + ("aard_gegevens", "gevolgen_betrokkene", "waarborgen", "conclusie", "toelichting", "vastgelegd_door")
            + ("rol", "vastgelegd_op"),
        ),
        "casussignaal": Table(
            CasusSignaal, ("id", "gemeente", "casus", "signaal", "soort", "gekoppeld_op", "gezien_op")
        ),
        "betrokkene": Table(
            Betrokkene,
            ("id", "gemeente", "casus", "persoon", "adres", "rechtspersoon", "rol", "dader", "slachtoffer")
            + ("problematiek", "toegevoegd_op"),
        ),
        "deelnemer": Table(Deelnemer, ("id", "gemeente", "casus", "organisatie", "gebruiker", "rol", "toegevoegd_op")),
        "analyse": Table(Analyse, ("id", "gemeente", "casus", "leefgebied", "tekst")),
        "doel": Table(Doel, ("id", "gemeente", "casus", "leefgebied", "omschrijving", "resultaat", "aangemaakt_op")),
        "interventie": Table(
            Interventie,
            ("id", "gemeente", "casus", "soort", "doel", "omschrijving", "eigenaar_organisatie", "eigenaar")
            + ("deadline", "status", "resultaat", "impact_huishouden", "opvang_gevolgen", "agendapunt")
            + ("aangemaakt_op", "bijgewerkt_op", "afgerond_op"),
        ),
        "planversie": Table(
            PlanVersie, ("id", "gemeente", "casus", "versie", "wijziging", "inhoud", "gewijzigd_door", "gewijzigd_op")
        ),
        "delingsbesluit": Table(
            DelingsBesluit,
            ("id", "gemeente", "ontvanger", "casus", "signaal", "categorieen", "omschrijving", "doel", "grondslag")
            + ("geldig_tot", "weging", "vastgelegd_door", "rol", "vastgelegd_op", "ingetrokken_op")
            + ("ingetrokken_door", "reden_intrekking"),
        ),
    }


# Parents before children (on PostgreSQL the foreign keys are checked at the end anyway; SQLite checks them at
# commit, but a sensible order costs nothing).
ORDER = (
    "persoon",
    "adres",
    "rechtspersoon",
    "voertuig",
    "relatie",
    "signaal",
    "signaal_fenomenen",
    "signaal_indicatoren",
    "signaal_personen",
    "signaal_adressen",
    "signaal_rechtspersonen",
    "signaal_voertuigen",
    "weging",
    "bronraadpleging",
    "casus",
    "verenigbaarheidsbesluit",
    "casussignaal",
    "betrokkene",
    "deelnemer",
    "analyse",
    "doel",
    "interventie",
    "planversie",
    "delingsbesluit",
)
