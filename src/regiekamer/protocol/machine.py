"""The model privacy protocol (steps 1-4) as an explicit state machine.

Each non-final status waits for exactly one kind of weging; each outcome of that weging leads to
the next status. Nothing here touches the database: ``services.record_weging`` applies it.
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    WEGING_1 = "weging-1", _("Stap 1 · weging 1: ondermijning?")
    WEGING_2A = "weging-2a", _("Stap 1 · weging 2A: gemeentelijke taak?")
    WEGING_2B = "weging-2b", _("Stap 1 · weging 2B: eigen grondgebied?")
    WEGING_3 = "weging-3", _("Stap 2 · weging 3: zwaarte")
    PRIVACYCHECK_1 = "privacycheck-1", _("Stap 3 · privacycheck 1: bronnen")
    BRONNENONDERZOEK = "bronnenonderzoek", _("Stap 3 · bronnenonderzoek")
    PRIVACYCHECK_2A = "privacycheck-2a", _("Stap 4 · privacycheck 2A: intern delen")
    PRIVACYCHECK_2B = "privacycheck-2b", _("Stap 4 · privacycheck 2B: delen voor de aanpak")
    AANPAK = "aanpak", _("Stap 4 · signaaloverleg: aanpak")
    # Final statuses.
    GEEN_ONDERMIJNING = "geen-ondermijning", _("Afgerond: geen ondermijning")
    NIET_GEMEENTELIJK = "niet-gemeentelijk", _("Afgerond: geen gemeentelijke taak, verwezen")
    ANDER_GRONDGEBIED = "ander-grondgebied", _("Afgerond: ander grondgebied, verwezen")
    GEEN_ACTIE = "geen-actie", _("Afgerond: geen actie (bewaard tot vernietiging)")
    DOORGEZET_AFDELING = "doorgezet-afdeling", _("Afgerond: doorgezet naar afdeling")
    DOORGEZET_RIEC = "doorgezet-riec", _("Afgerond: doorgezet naar het RIEC")
    GESTOPT = "gestopt", _("Afgerond: gestopt na bronnenonderzoek")
    CASUS = "casus", _("Overgedragen aan casus")
    GEEN_CASUS = "geen-casus", _("Afgerond: geen casus")


class WegingSoort(models.TextChoices):
    WEGING_1 = "1", _("Weging 1: betreft het ondermijning?")
    WEGING_2A = "2a", _("Weging 2A: raakt het een gemeentelijke taak of bevoegdheid?")
    WEGING_2B = "2b", _("Weging 2B: betreft het eigen grondgebied?")
    WEGING_3 = "3", _("Weging 3: zwaarte en besluit")
    PRIVACYCHECK_1 = "pc1", _("Privacycheck 1: welke bronnen mogen worden geraadpleegd")
    BRONNEN = "bronnen", _("Weging van de resultaten van het bronnenonderzoek")
    PRIVACYCHECK_2A = "pc2a", _("Privacycheck 2A: wat mag intern worden gedeeld")
    PRIVACYCHECK_2B = "pc2b", _("Privacycheck 2B: wat mag worden gedeeld voor de aanpak")
    AANPAK = "aanpak", _("Signaaloverleg: besluit over de aanpak")


class Aanpak(models.TextChoices):
    PERSOONSGERICHT = "persoonsgericht", _("Persoonsgericht")
    HUISHOUDEN = "huishouden", _("Huishouden / gezin")
    GROEPSGERICHT = "groepsgericht", _("Groepsgericht")
    GEBIEDSGERICHT = "gebiedsgericht", _("Gebiedsgericht")


# The reporter's view of a status: only whether it is received, being handled, or finished.
class MelderStatus(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Ontvangen")
    IN_BEHANDELING = "in-behandeling", _("In behandeling")
    AFGEROND = "afgerond", _("Afgerond")


@dataclass(frozen=True)
class Outcome:
    code: str
    label: str
    next_status: Status
    # Extra details this outcome needs besides the toelichting.
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class WegingDefinition:
    soort: WegingSoort
    from_status: Status
    outcomes: tuple[Outcome, ...]
    # Whether a legal basis (grondslag) must be recorded: required for every privacy check.
    requires_grondslag: bool = False
    help: str = ""
    by_code: dict = field(default_factory=dict, compare=False)

    def __post_init__(self):
        self.by_code.update({outcome.code: outcome for outcome in self.outcomes})

    def outcome(self, code: str) -> Outcome | None:
        return self.by_code.get(code)


WEGINGEN: dict[str, WegingDefinition] = {
    definition.soort.value: definition
    for definition in (
        WegingDefinition(
            WegingSoort.WEGING_1,
            Status.WEGING_1,
            (
                Outcome("ondermijning", _("Ja, het betreft ondermijning"), Status.WEGING_2A),
                Outcome("geen-ondermijning", _("Nee, geen ondermijning"), Status.GEEN_ONDERMIJNING),
            ),
            help=_(
                "Gaat het om ondermijning? Vink ten minste één indicator van situationele en lokale verankering aan "
                "en de rode vlaggen die u ziet. Zonder verankering is het geen zaak voor de regiekamer; zo blijft "
                "de verwerking beperkt tot wat er werkelijk toe doet."
            ),
        ),
        WegingDefinition(
            WegingSoort.WEGING_2A,
            Status.WEGING_2A,
            (
                Outcome("gemeentelijke-taak", _("Ja, raakt een gemeentelijke taak of bevoegdheid"), Status.WEGING_2B),
                Outcome(
                    "geen-gemeentelijke-taak",
                    _("Nee, niet opgepakt; verwijzen naar de juiste instantie"),
                    Status.NIET_GEMEENTELIJK,
                ),
            ),
            help=_(
                "Raakt het signaal een taak of bevoegdheid van de gemeente (openbare orde, vergunningen, wonen, zorg, "
                "inkomen)? Alleen dan mag de gemeente het verwerken; anders verwijst u naar de juiste instantie."
            ),
        ),
        WegingDefinition(
            WegingSoort.WEGING_2B,
            Status.WEGING_2B,
            (
                Outcome("eigen-grondgebied", _("Ja, eigen grondgebied"), Status.WEGING_3),
                Outcome("ander-grondgebied", _("Nee, ander grondgebied; verwijzen"), Status.ANDER_GRONDGEBIED),
            ),
            help=_(
                "Speelt het zich af in uw gemeente? Een signaal over een andere gemeente verwijst u door; "
                "uw gemeente heeft daar geen taak."
            ),
        ),
        WegingDefinition(
            WegingSoort.WEGING_3,
            Status.WEGING_3,
            (
                Outcome("geen-actie", _("Geen actie (een jaar bewaren, dan vernietigen)"), Status.GEEN_ACTIE),
                Outcome(
                    "doorzetten-afdeling", _("Doorzetten naar een gemeentelijke afdeling"), Status.DOORGEZET_AFDELING
                ),
                Outcome("doorzetten-riec", _("Doorzetten naar het RIEC"), Status.DOORGEZET_RIEC),
                Outcome("bronnenonderzoek", _("Verder met bronnenonderzoek"), Status.PRIVACYCHECK_1),
            ),
            help=_(
                "Hoe zwaar weegt het signaal? Is het concreet en recent genoeg, en hoort het bij een fenomeen dat "
                "aandacht vraagt? Kies de lichtste weg die volstaat: geen actie, doorzetten, of bronnenonderzoek."
            ),
        ),
        WegingDefinition(
            WegingSoort.PRIVACYCHECK_1,
            Status.PRIVACYCHECK_1,
            (Outcome("bronnen-vastgesteld", _("Bronnen vastgesteld"), Status.BRONNENONDERZOEK, requires=("bronnen",)),),
            requires_grondslag=True,
            help=_(
                "Welke bronnen mogen worden geraadpleegd, en op welke grondslag? Alleen wat nodig is om het signaal "
                "te toetsen: elke raadpleging wordt vastgelegd en is later te verantwoorden."
            ),
        ),
        WegingDefinition(
            WegingSoort.BRONNEN,
            Status.BRONNENONDERZOEK,
            (
                Outcome("doorgaan", _("Doorgaan naar signaaloverleg"), Status.PRIVACYCHECK_2A),
                Outcome("stoppen", _("Stoppen"), Status.GESTOPT),
            ),
            help=_(
                "Wat leverde het bronnenonderzoek op? Bevestigen de bronnen het beeld, ga dan door naar het "
                "signaaloverleg; zo niet, dan stopt de verwerking hier."
            ),
        ),
        WegingDefinition(
            WegingSoort.PRIVACYCHECK_2A,
            Status.PRIVACYCHECK_2A,
            (
                Outcome(
                    "delen", _("Delen toegestaan voor de behandeling"), Status.PRIVACYCHECK_2B, requires=("gegevens",)
                ),
                Outcome("niet-delen", _("Niet delen; stoppen"), Status.GESTOPT),
            ),
            requires_grondslag=True,
            help=_(
                "Welke gegevens mogen binnen de gemeente worden gedeeld om het signaal te bespreken, met welk doel en "
                "op welke grondslag? Deel niet meer dan het overleg nodig heeft."
            ),
        ),
        WegingDefinition(
            WegingSoort.PRIVACYCHECK_2B,
            Status.PRIVACYCHECK_2B,
            (
                Outcome(
                    "delen",
                    _("Delen toegestaan voor de uitvoering van de aanpak"),
                    Status.AANPAK,
                    requires=("ontvangers",),
                ),
                Outcome("niet-delen", _("Niets delen met partners; gemeente voert zelf uit"), Status.AANPAK),
            ),
            requires_grondslag=True,
            help=_(
                "Met welke partners wordt gedeeld voor de uitvoering van de aanpak, en wat zien zij van de casus? "
                "Per ontvanger wordt een delingsbesluit vastgelegd; opent het signaaloverleg een casus, dan worden de "
                "ontvangers daar voorgesteld als deelnemer."
            ),
        ),
        WegingDefinition(
            WegingSoort.AANPAK,
            Status.AANPAK,
            (
                Outcome("casus", _("Casus starten"), Status.CASUS, requires=("aanpak",)),
                Outcome("geen-casus", _("Geen casus"), Status.GEEN_CASUS),
            ),
            help=_(
                "Het signaaloverleg besluit: een casus met één plan voor de persoon, het huishouden, de groep of het "
                "gebied, of geen casus. Na 'Casus starten' opent de nieuwe casus."
            ),
        ),
    )
}

EXPECTED_WEGING: dict[Status, WegingDefinition] = {d.from_status: d for d in WEGINGEN.values()}

STEP_OF_STATUS: dict[str, int] = {
    Status.WEGING_1: 1,
    Status.WEGING_2A: 1,
    Status.WEGING_2B: 1,
    Status.WEGING_3: 2,
    Status.PRIVACYCHECK_1: 3,
    Status.BRONNENONDERZOEK: 3,
    Status.PRIVACYCHECK_2A: 4,
    Status.PRIVACYCHECK_2B: 4,
    Status.AANPAK: 4,
}

FINAL_STATUSES = frozenset(status for status in Status if status not in STEP_OF_STATUS)


def is_final(status: str) -> bool:
    return status in FINAL_STATUSES


def melder_status(status: str) -> MelderStatus:
    if status == Status.WEGING_1:
        return MelderStatus.ONTVANGEN
    if is_final(status) and status != Status.CASUS:
        return MelderStatus.AFGEROND
    return MelderStatus.IN_BEHANDELING
