"""Compatibility decisions of the demo: recorded by the regisseur before a case is opened from a signal that
was collected for another purpose than the case's (e.g. a debt-help signal used in the administrative approach)."""

from regiekamer.doelbinding.doelen import Doel, doel_voor_aanpak, is_verenigbaar_bij_wet
from regiekamer.doelbinding.models import Verenigbaarheidsbesluit
from regiekamer.doelbinding.services import BesluitInvoer, leg_besluit_vast

TEKSTEN = {
    (Doel.ZORG, Doel.HANDHAVING): {
        "verband_doelen": "Het signaal is gemeld om de betrokkene te helpen (schulden, zorg). De bestuurlijke aanpak "
        "richt zich op dezelfde situatie: uitbuiting van de betrokkene door criminelen. Beide doelen dienen de "
        "veiligheid en het herstel van de betrokkene.",
        "context_verzameling": "Verzameld door een hulpverlener in een vertrouwensrelatie. De betrokkene verwacht "
        "niet dat dit voor handhaving wordt gebruikt; daarom alleen de feiten die op ondermijning wijzen.",
        "aard_gegevens": "Gegevens over schulden en kwetsbaarheid; geen medische of strafrechtelijke gegevens.",
        "gevolgen_betrokkene": "De aanpak beschermt de betrokkene tegen uitbuiting; zorg en schuldhulp blijven "
        "onderdeel van het plan. Repressieve maatregelen alleen met vastgelegde impact op het huishouden.",
        "waarborgen": "Alleen de regisseur en het ondermijningsteam zien het signaal; partners krijgen alleen wat "
        "hun actie vraagt; de hulpverlener blijft buiten de handhaving.",
        "toelichting": "Verenigbaar: het gebruik beperkt zich tot de feiten over ondermijning en dient ook de "
        "bescherming van de betrokkene.",
    },
    (Doel.HANDHAVING, Doel.OPENBARE_ORDE): {
        "verband_doelen": "De meldingen over handel en overlast gaan over dezelfde plek waar de burgemeester de "
        "openbare orde handhaaft; de gebiedsaanpak vervolgt wat de bestuurlijke aanpak signaleerde.",
        "context_verzameling": "Gemeld door een handhavingspartner in het kader van de aanpak van ondermijning.",
        "aard_gegevens": "Plaatsen, tijden en waarnemingen; in de gebiedssessies worden geen namen gebruikt.",
        "gevolgen_betrokkene": "Geen maatregelen tegen personen vanuit de gebiedsaanpak; alleen gebiedsgerichte "
        "maatregelen zoals cameratoezicht en extra toezicht.",
        "waarborgen": "Gebiedssessies zonder namen; persoonsgegevens blijven in het signaal.",
        "toelichting": "Verenigbaar: hetzelfde gebied en dezelfde problematiek, zonder gevolgen voor personen.",
    },
}
# The energy company's report on the Willems address after the case was closed: payment arrears (early warning,
# care) used again in the closed household approach as a possible relapse.
TEKSTEN_TERUGVAL = {
    "verband_doelen": "De vroegsignalering van de betalingsachterstand is bedoeld om schulden vroeg aan te pakken. "
    "Het verbruik wijst op een nieuwe kwekerij op hetzelfde adres; de gesloten huishoudaanpak ging over precies "
    "die combinatie van schuld en teelt.",
    "context_verzameling": "Gemeld door het energiebedrijf in het kader van vroegsignalering; het gezin kent de "
    "eerdere aanpak en weet dat nieuwe signalen bij de regisseur komen.",
    "aard_gegevens": "Verbruikscijfers en een betalingsachterstand van een adres; geen bijzondere gegevens.",
    "gevolgen_betrokkene": "Mogelijk een nieuwe aanpak, met schuldhulp als eerste stap; geen maatregel zonder "
    "nieuwe weging.",
    "waarborgen": "Alleen de regisseur ziet het signaal tot het signaaloverleg; het energiebedrijf hoort alleen "
    "dat het signaal in behandeling is.",
    "toelichting": "Verenigbaar: het gaat om dezelfde situatie als de gesloten casus, en de schuldhulp blijft "
    "voorop staan.",
}
ALGEMEEN = {
    "verband_doelen": "Het nieuwe doel ligt in het verlengde van het doel waarvoor het signaal is gemeld.",
    "context_verzameling": "Gemeld door een partner in de regiekamer; de melder is op de hoogte van de aanpak.",
    "aard_gegevens": "Alleen de gegevens die in het signaal staan; geen bijzondere persoonsgegevens.",
    "gevolgen_betrokkene": "De aanpak is gericht op herstel en bescherming; gevolgen worden vooraf gewogen.",
    "waarborgen": "Need to know: alleen de regisseur en het ondermijningsteam zien het signaal.",
    "toelichting": "Verenigbaar, met de genoemde waarborgen.",
}


def besluit_voor_casus_uit_signaal(weger, signaal, aanpak, moment) -> Verenigbaarheidsbesluit | None:
    """Record the decision the protocol's step 4 needs when the case's purpose differs from the signal's."""
    naar_doel = doel_voor_aanpak(aanpak)
    if is_verenigbaar_bij_wet(signaal.doel, naar_doel):
        return None
    teksten = TEKSTEN.get((signaal.doel, naar_doel), ALGEMEEN)
    besluit = leg_besluit_vast(
        weger,
        BesluitInvoer(
            signaal=str(signaal.pk),
            naar_doel=naar_doel,
            conclusie=Verenigbaarheidsbesluit.Conclusie.VERENIGBAAR,
            **teksten,
        ),
    )
    Verenigbaarheidsbesluit.objects.filter(pk=besluit.pk).update(vastgelegd_op=moment)
    return besluit
