"""The terms of art of the field, explained in Dutch for the people who use them: the page Begrippen, linked from
every page. docs/glossary.md explains the same terms in English for developers."""

from django.utils.translation import gettext_lazy as _

BEGRIPPEN = [
    ("Signaal", _("Een melding van een partner of inwoner over een mogelijke ondermijnende situatie.")),
    (
        "Weging",
        _(
            "Een vastgelegde beslissing in een stap van het privacyprotocol, met uitkomst, toelichting en wie "
            "wanneer in welke rol besliste. Een weging wordt niet gewijzigd; een correctie is een nieuwe "
            "weging."
        ),
    ),
    (
        "Privacycheck",
        _(
            "De weging vooraf van welke bronnen mogen worden geraadpleegd (1) of welke gegevens met wie "
            "mogen worden gedeeld (2A intern, 2B voor de aanpak)."
        ),
    ),
    (
        "Grondslag",
        _("De wettelijke taak of bevoegdheid waarop een verwerking berust, bijvoorbeeld art. 172 Gemeentewet."),
    ),
    (
        "Doelbinding",
        _(
            "Gegevens worden alleen gebruikt voor het doel waarvoor ze zijn verzameld; ander gebruik vraagt "
            "een vastgelegd besluit over verenigbaarheid."
        ),
    ),
    ("Casus", _("Eén aanpak van een persoon, huishouden, groep of gebied, met één plan van aanpak.")),
    ("Regisseur", _("De medewerker die signalen weegt en casussen voert namens de gemeente.")),
    ("Plan van aanpak", _("De doelen en acties van een casus; elke vastgestelde versie blijft bewaard.")),
    ("Actie (interventie)", _("Een taak in een casus voor een organisatie of professional, met een uiterste datum.")),
    ("Delingsbesluit", _("Het besluit wat een partnerorganisatie van een casus mag zien, met grondslag en doel.")),
    (
        "Indicator en rode vlag",
        _(
            "Een kenmerk dat op ondermijning wijst. Situationele en lokale verankering maakt "
            "het een zaak van de gemeente; een rode vlag hoort bij een fenomeen."
        ),
    ),
    ("Fenomeen", _("Een soort ondermijning, zoals hennepteelt of criminele uitbuiting.")),
    ("Buurt en wijk", _("De gebieden van het CBS; elk signaal hoort bij de buurt van zijn adres.")),
    (
        "Hotspot",
        _("Een adres of buurt dat opvalt door het aantal signalen, fenomenen, organisaties of inschrijvingen."),
    ),
    (
        "Bewaarplicht",
        _("Een besluit dat een signaal of casus niet wordt vernietigd zolang het nodig is, ook na de bewaartermijn."),
    ),
    (
        "Verwerkingenlogging",
        _("Het register van wie welke persoonsgegevens heeft ingezien of gewijzigd, waarom en op welke grondslag."),
    ),
    (
        "Inzageverzoek",
        _("Het verzoek van een persoon om te zien welke gegevens de gemeente over hem of haar verwerkt (AVG art. 15)."),
    ),
    ("RIEC", _("Regionaal Informatie- en Expertisecentrum: het samenwerkingsverband tegen ondermijning.")),
    (
        "Artikel 13b Opiumwet",
        _("De bevoegdheid van de burgemeester om een pand te sluiten waar drugs worden verkocht of aanwezig zijn."),
    ),
    (
        "Vroegsignalering",
        _("Het vroeg oppakken van betalingsachterstanden, zodat een huishouden hulp krijgt voordat schulden oplopen."),
    ),
]
