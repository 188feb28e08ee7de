"""Casework for the demo: plans, interventions, meetings, escalations and closures, all through the services.

Runs after the signals are weighed, so the protocol has opened its cases. The hand-written example situations of
DOMAIN.md get a full case (household, plan, interventions in every state, meetings); the other cases the protocol
opened get a light plan. Everything is planned on one timeline and run in the order it happened: a case is only
discussed after it was opened, an escalation only fires when the action was overdue at that moment, a new signal
only lands on a case that was open when it came in.

The services stamp everything with the current time. Each service call runs in a block of the ``Clock``; afterwards
whatever was stamped during a block is moved to the planned moment of that block. Only timestamps move; outcomes,
texts and statuses are what the services recorded.
"""

import bisect
import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from regiekamer.accounts.models import Organisatie
from regiekamer.accounts.roles import Rol
from regiekamer.casussen import monitoring
from regiekamer.casussen.models import (
    Afspraak,
    Betrokkene,
    Casus,
    CasusSignaal,
    Deelnemer,
    Doel,
    Escalatie,
    Interventie,
    Leefgebied,
    PlanVersie,
)
from regiekamer.casussen.services import (
    InterventieInvoer,
    add_afspraak,
    add_betrokkene,
    add_deelnemer,
    add_doel,
    add_interventie,
    close_casus,
    instellingen,
    koppel_signaal,
    link_new_signaal,
    open_casus,
    save_analyse,
    update_betrokkene,
    update_interventie,
)
from regiekamer.delen import selectors as delen_selectors
from regiekamer.delen import services as delen_services
from regiekamer.delen.models import Categorie, DelingsBesluit
from regiekamer.demo import data
from regiekamer.demo.builder import _set_columns
from regiekamer.demo.doelbinding import TEKSTEN_TERUGVAL
from regiekamer.doelbinding.models import Verenigbaarheidsbesluit
from regiekamer.doelbinding.services import BesluitInvoer, leg_besluit_vast
from regiekamer.notifications.models import Notificatie
from regiekamer.overleggen.models import Agendapunt, BesprekingsVerzoek, Overleg
from regiekamer.overleggen.services import (
    add_agendapunt,
    agenda_candidates,
    build_agenda,
    plan_overleg,
    record_notulen,
    request_bespreking,
)
from regiekamer.protocol.machine import Aanpak
from regiekamer.signalen.models import Signaal
from regiekamer.signalen.services import report_signaal

# Records whose timestamps the services set to "now", per model the fields.
TRACKED = (
    (Casus, ("geopend_op", "laatste_activiteit_op", "gesloten_op")),
    (CasusSignaal, ("gekoppeld_op", "gezien_op")),
    (Betrokkene, ("toegevoegd_op",)),
    (Deelnemer, ("toegevoegd_op",)),
    (Doel, ("aangemaakt_op",)),
    (Afspraak, ("aangemaakt_op",)),
    (Interventie, ("aangemaakt_op", "bijgewerkt_op", "afgerond_op")),
    (PlanVersie, ("gewijzigd_op",)),
    (Escalatie, ("aangemaakt_op", "afgehandeld_op")),
    (Overleg, ("aangemaakt_op",)),
    (BesprekingsVerzoek, ("aangevraagd_op",)),
    (Signaal, ("bijgewerkt_op",)),
    (Notificatie, ("aangemaakt_op",)),
    (DelingsBesluit, ("vastgelegd_op", "ingetrokken_op")),
)
# What a partner sees of a case, per kind of organisation, when the regisseur records a sharing decision.
_ALLES = [Categorie.KOPGEGEVENS, Categorie.BETROKKENEN, Categorie.PLAN, Categorie.EIGEN_ACTIES, Categorie.OVERLEG]
DEMO_CATEGORIEEN = {
    Organisatie.Soort.WIJKTEAM: _ALLES,
    Organisatie.Soort.ZORG_EN_VEILIGHEIDSHUIS: _ALLES,
    Organisatie.Soort.POLITIE: [
        Categorie.KOPGEGEVENS,
        Categorie.BETROKKENEN,
        Categorie.EIGEN_ACTIES,
        Categorie.OVERLEG,
    ],
    Organisatie.Soort.GEMEENTE_AFDELING: [Categorie.KOPGEGEVENS, Categorie.BETROKKENEN, Categorie.EIGEN_ACTIES],
    "": [Categorie.KOPGEGEVENS, Categorie.EIGEN_ACTIES, Categorie.OVERLEG],
}
DEMO_DELEN_OMSCHRIJVING = {
    True: "Namen, adres en rol van de betrokkenen; de acties voor deze organisatie en de afspraken uit het overleg.",
    False: "Casusnummer en aanpak; alleen de acties voor deze organisatie en de besluiten uit het overleg.",
}
DEMO_DELEN_DOEL = "Uitvoering van de eigen acties in het plan van aanpak."
DEMO_DELEN_GRONDSLAG = "Art. 6 lid 1 sub e AVG; convenant Integrale aanpak ondermijning, art. 5"

# The hand-written signals that become a full case (see the methods named after them).
RICH = (
    "geldezel-17000",
    "bouali-wijkteam",
    "huurder-keuken",
    "ronselen-noah",
    "hangplek-handhaving",
    "vrouwen-wijkteam",
    "willems-schuldhulp",
    "migranten-ggd",
)
# At most this many of the protocol's other cases per gemeente get a light plan (a --scale run makes many).
MAX_LIGHT = 60
MAX_AGENDA = 40


class Clock:
    """Moves what the services stamped "now" during a block to that block's planned moment."""

    def __init__(self, now: dt.datetime):
        self.now = now
        self.markers: list[dt.datetime] = []
        self.moments: list[dt.datetime] = []

    def start(self, moment: dt.datetime) -> None:
        self.markers.append(timezone.now())
        self.moments.append(moment)

    def settle(self) -> None:
        """Move every timestamp set since the first unsettled block; keep the order within a block."""
        if not self.markers:
            return
        first = self.markers[0]
        week_ago = self.now - dt.timedelta(days=7)
        for model, fields in TRACKED:
            for name in fields:
                rows = []
                for pk, value in model.objects.filter(**{f"{name}__gte": first}).values_list("pk", name):
                    index = bisect.bisect_right(self.markers, value) - 1
                    moment = self.moments[index] + (value - self.markers[index])
                    if model is Notificatie:
                        rows.append((pk, [moment, moment + dt.timedelta(hours=20) if moment < week_ago else None]))
                    else:
                        rows.append((pk, [moment]))
                _set_columns(model, [name, "gelezen_op"] if model is Notificatie else [name], rows)
        self.markers, self.moments = [], []


@dataclass
class Event:
    moment: dt.datetime
    order: int
    run: Callable[[], None]
    settle: bool = False  # the event reads timestamps (stalled cases, agenda), so settle what came before


@dataclass(frozen=True)
class LichteActie:
    soort: str
    organisatie: str
    omschrijving: str
    afgerond: str
    gestopt: str
    tussenstand: str
    impact: str = ""
    opvang: str = ""


@dataclass(frozen=True)
class LichtPlan:
    leefgebied: str
    analyse: str
    doel: str
    acties: tuple[LichteActie, LichteActie]


LICHT = {
    "hennepteelt": LichtPlan(
        "wonen",
        "Hennepkwekerij in de woning. De bewoner heeft schulden en zegt onder druk te staan van degene die de "
        "kwekerij plaatste; het huurcontract staat op het spel.",
        "Kwekerij geruimd en geen nieuwe teelt op het adres",
        (
            LichteActie(
                "doorzetten-politie-om",
                "politie",
                "Ruiming van de kwekerij en onderzoek naar de opdrachtgever.",
                "Kwekerij geruimd; de netbeheerder heeft de illegale aansluiting verwijderd.",
                "Bij de controle was de kwekerij al weg; ruiming niet meer nodig.",
                "Ruiming gepland met de netbeheerder.",
            ),
            LichteActie(
                "schuldhulpverlening",
                "schuldhulp",
                "Schulden in beeld brengen: vaak de reden om een zolder of schuur beschikbaar te stellen.",
                "Schuldregeling gestart; de bewoner heeft een vaste schuldhulpverlener.",
                "De bewoner wil geen schuldhulp; over drie maanden opnieuw aanbieden.",
                "Intakegesprek gehouden; de schulden worden geïnventariseerd.",
            ),
        ),
    ),
    "drugslab": LichtPlan(
        "justitie-veiligheid",
        "Opslag van grondstoffen voor synthetische drugs in een bedrijfspand; de verhuurder zegt van niets te weten.",
        "Opslag beëindigd en het pand niet opnieuw voor criminele doelen verhuurd",
        (
            LichteActie(
                "doorzetten-politie-om",
                "politie",
                "Ontmanteling en onderzoek naar de huurder via politie en OM.",
                "Opslag ontmanteld door de LFO; het onderzoek loopt bij het OM.",
                "Pand bleek al leeg; de politie neemt het mee in een lopend onderzoek.",
                "Inval voorbereid met de LFO.",
            ),
            LichteActie(
                "last-onder-dwangsom",
                "handhaving",
                "Last onder dwangsom aan de eigenaar: het pand binnen vier weken ontruimen en afsluiten.",
                "Pand binnen de termijn ontruimd en afgesloten; de last is niet verbeurd.",
                "De eigenaar heeft het pand verkocht; de nieuwe eigenaar heeft het direct afgesloten.",
                "Voornemen tot last verstuurd; de eigenaar heeft een zienswijze ingediend.",
                impact="Geen huishouden getroffen: het gaat om een bedrijfspand zonder bewoners.",
                opvang="Niet van toepassing; de eigenaar informeert eventuele andere huurders.",
            ),
        ),
    ),
    "drugshandel": LichtPlan(
        "justitie-veiligheid",
        "Handel vanuit of rond de woning met veel aanloop; buren ervaren overlast en durven niets te zeggen.",
        "Handel vanuit de woning gestopt en de straat weer rustig",
        (
            LichteActie(
                "doorzetten-politie-om",
                "politie",
                "Gerichte controles en informatie naar de recherche.",
                "Twee controles met een aanhouding; de aanloop is sterk afgenomen.",
                "Geen grond voor verdere controles; de aanloop is gestopt.",
                "Eerste controle uitgevoerd; buren houden een logboek bij.",
            ),
            LichteActie(
                "gesprek",
                "corporatie",
                "Waarschuwingsgesprek met de huurder over het huurcontract.",
                "Laatste waarschuwing vastgelegd; bij herhaling volgt ontbinding van het huurcontract.",
                "De huurder heeft de huur opgezegd; het gesprek is niet meer nodig.",
                "Uitnodiging verstuurd; de huurder reageert nog niet.",
            ),
        ),
    ),
    "witwassen": LichtPlan(
        "financien",
        "Uitgaven en bezit passen niet bij het bekende inkomen; contante betalingen en een onderneming zonder "
        "zichtbare omzet.",
        "Herkomst van het geld opgehelderd",
        (
            LichteActie(
                "belastingdienst",
                "belastingdienst",
                "Melding aan de Belastingdienst via het RIEC-convenant.",
                "Melding gedaan; de Belastingdienst start een boekenonderzoek.",
                "De Belastingdienst had de onderneming al in onderzoek; geen aparte melding nodig.",
                "Informatie verzameld voor de melding.",
            ),
            LichteActie(
                "bibob-toets",
                "vergunningen",
                "Bibob-toets bij de lopende vergunningaanvraag.",
                "Bibob-advies: mindere mate van gevaar; vergunning verleend met voorschriften.",
                "De aanvraag is ingetrokken; de Bibob-toets is niet meer nodig.",
                "Bibob-vragenlijst opgevraagd bij de aanvrager.",
            ),
        ),
    ),
    "geldezel": LichtPlan(
        "financien",
        "Jongvolwassene stelt zijn rekening beschikbaar en heeft plotseling schulden; er staan contracten op zijn "
        "naam.",
        "Rekening en identiteit weer veilig, schulden in beeld",
        (
            LichteActie(
                "aangifte",
                "politie",
                "Aangifte van identiteitsfraude opnemen.",
                "Aangifte opgenomen; de bank heeft de rekening opnieuw beveiligd.",
                "De betrokkene wil (nog) geen aangifte doen uit angst voor represailles.",
                "Afspraak voor de aangifte gemaakt.",
            ),
            LichteActie(
                "schuldhulpverlening",
                "schuldhulp",
                "Schulden inventariseren en een basisbetaalrekening regelen.",
                "Schulden in beeld; basisbetaalrekening geopend en een betalingsregeling getroffen.",
                "De betrokkene kwam niet op de afspraken; schuldhulp blijft beschikbaar.",
                "Eerste gesprek gehouden; bankafschriften opgevraagd.",
            ),
        ),
    ),
    "ronselen-jongeren": LichtPlan(
        "opvoeding-ontwikkeling",
        "Jongere met plotseling geld en dure spullen, verzuim op school en contact met oudere jongens die 'werk' "
        "aanbieden.",
        "Jongere weer op school en uit beeld bij de ronselaars",
        (
            LichteActie(
                "gesprek",
                "school",
                "Gesprek met de jongere en de ouders over verzuim en veiligheid.",
                "Gesprek gevoerd; de jongere is weer volledig op school.",
                "Ouders wilden geen gesprek op school; het jongerenwerk neemt het contact over.",
                "Eerste gesprek met de jongere gevoerd; ouders volgen.",
            ),
            LichteActie(
                "outreachend-jongerenwerk",
                "jongerenwerk",
                "De jongere opzoeken op straat en koppelen aan activiteiten in de wijk.",
                "De jongere doet mee aan de sportavonden en is niet meer met de oudere jongens gezien.",
                "De jongere is verhuisd naar familie buiten de gemeente.",
                "Contact gelegd bij de hangplek; de jongere staat open voor een activiteit.",
            ),
        ),
    ),
    "criminele-uitbuiting": LichtPlan(
        "justitie-veiligheid",
        "Kwetsbare bewoner wordt door anderen gebruikt (woning, bankrekening of als koerier) en durft niet te "
        "weigeren.",
        "Betrokkene veilig en vrij van uitbuiting",
        (
            LichteActie(
                "doorzetten-politie-om",
                "politie",
                "Informatie over de uitbuiters naar de politie.",
                "Informatie gedeeld; de politie heeft twee verdachten in beeld.",
                "Te weinig concrete informatie om door te zetten.",
                "Informatie verzameld met de wijkagent.",
            ),
            LichteActie(
                "wijkteam",
                "wijkteam-zuid",
                "Begeleiding door het wijkteam: veiligheid, geldzaken en een steunend netwerk.",
                "Betrokkene heeft vaste begeleiding en weet wie te bellen als de mannen terugkomen.",
                "Betrokkene wil geen begeleiding; het wijkteam houdt via de huisarts contact.",
                "Wekelijks huisbezoek; het vertrouwen groeit.",
            ),
        ),
    ),
    "arbeidsuitbuiting": LichtPlan(
        "werk-dagbesteding",
        "Arbeidsmigranten wonen met te veel mensen in een pand van de werkgever: dubbele afhankelijkheid van werk "
        "en woning.",
        "Werknemers veilig gehuisvest, met eigen papieren en volledig loon",
        (
            LichteActie(
                "last-onder-dwangsom",
                "handhaving",
                "Last onder dwangsom wegens overbewoning.",
                "Last opgelegd; het pand is binnen de termijn teruggebracht naar vier bewoners.",
                "De werkgever heeft het pand zelf leeggehaald; de last is ingetrokken.",
                "Voornemen verstuurd; hercontrole gepland.",
                impact="Een deel van de bewoners moet het pand verlaten; het risico is dat zij met de werkgever "
                "naar een ander pand verhuizen.",
                opvang="Gemeente (team Ondermijning) met de GGD: tijdelijke opvang en informatie in de eigen taal.",
            ),
            LichteActie(
                "doorzetten-politie-om",
                "riec",
                "Dossier naar het RIEC en de Arbeidsinspectie.",
                "Dossier overgedragen; de Arbeidsinspectie start een onderzoek naar de werkgever.",
                "Het RIEC had de werkgever al in een bredere casus; geen apart dossier nodig.",
                "Dossier in voorbereiding.",
            ),
        ),
    ),
    "seksuele-uitbuiting": LichtPlan(
        "gezondheid-zorg",
        "Signalen van gedwongen sekswerk in een woning; de vrouwen hebben geen eigen geld of telefoon.",
        "De vrouwen zijn in beeld bij de zorg en veilig",
        (
            LichteActie(
                "gesprek",
                "ggd",
                "Hulpaanbod en voorlichting via het spreekuur seksuele gezondheid.",
                "Twee vrouwen zijn in zorg; een van hen is naar een opvang voor slachtoffers gegaan.",
                "De vrouwen waren bij het bezoek vertrokken; adres onbekend.",
                "Eerste contact via het spreekuur.",
            ),
            LichteActie(
                "doorzetten-politie-om",
                "politie",
                "Informatie naar de politie (AVIM).",
                "Informatie gedeeld; AVIM heeft een onderzoek gestart.",
                "Geen aanknopingspunten voor een onderzoek.",
                "Informatie verzameld.",
            ),
        ),
    ),
    "zorgfraude": LichtPlan(
        "gezondheid-zorg",
        "Zorgaanbieder declareert zorg die niet of nauwelijks wordt geleverd; de cliënten zijn afhankelijk van hem.",
        "Cliënten krijgen passende zorg; de aanbieder is aangepakt",
        (
            LichteActie(
                "bibob-toets",
                "vergunningen",
                "Bibob-toets bij de verlenging van het contract.",
                "Bibob-advies: ernstig gevaar; het contract wordt niet verlengd.",
                "De aanbieder heeft zich teruggetrokken.",
                "Vragenlijst opgevraagd.",
            ),
            LichteActie(
                "wmo-voorziening",
                "wijkteam-zuid",
                "Cliënten overzetten naar een betrouwbare aanbieder.",
                "Alle cliënten hebben een nieuwe aanbieder.",
                "Cliënten wilden bij de aanbieder blijven; het wijkteam houdt toezicht.",
                "Eerste cliënten overgezet.",
            ),
        ),
    ),
    "uitkeringsfraude": LichtPlan(
        "financien",
        "De opgegeven woon- of inkomenssituatie klopt niet met wat partners zien.",
        "Uitkering rechtmatig en passend",
        (
            LichteActie(
                "gesprek",
                "werk-inkomen",
                "Heronderzoek van het recht op uitkering.",
                "Heronderzoek afgerond; de uitkering is aangepast en het teveel betaalde wordt teruggevorderd.",
                "De betrokkene heeft zelf afgezien van de uitkering.",
                "Huisbezoek gepland.",
            ),
            LichteActie(
                "belastingdienst",
                "belastingdienst",
                "Melding aan de Belastingdienst.",
                "Melding gedaan.",
                "Niet nodig: geen aanwijzingen voor verzwegen inkomen.",
                "Gegevens verzameld.",
            ),
        ),
    ),
    "woonfraude": LichtPlan(
        "wonen",
        "De woning wordt onderverhuurd of bewoond door meer mensen dan er staan ingeschreven.",
        "Woning rechtmatig bewoond",
        (
            LichteActie(
                "gesprek",
                "corporatie",
                "Huisbezoek woonfraude door de corporatie.",
                "Onderhuur vastgesteld; de huurder heeft de woning opgezegd.",
                "Geen onderhuur vastgesteld; de inschrijving is gecorrigeerd.",
                "Eerste huisbezoek: niemand thuis; tweede bezoek gepland.",
            ),
            LichteActie(
                "bestuurlijke-boete",
                "handhaving",
                "Bestuurlijke boete voor een onjuiste inschrijving in de BRP.",
                "Boete opgelegd en betaald.",
                "Afgezien van een boete: de inschrijving is direct gecorrigeerd.",
                "Voornemen verstuurd.",
                impact="Boete voor de hoofdbewoner; geen gevolgen voor de huisvesting van de andere bewoners.",
                opvang="De schuldhulpverlening biedt een betalingsregeling aan als dat nodig is.",
            ),
        ),
    ),
    "intimidatie": LichtPlan(
        "justitie-veiligheid",
        "Bewoners of medewerkers worden geïntimideerd; de melders zijn bang voor represailles.",
        "Intimidatie gestopt en melders beschermd",
        (
            LichteActie(
                "doorzetten-politie-om",
                "politie",
                "Aangifte en bescherming van de melders via de politie.",
                "Aangifte opgenomen; de melders hebben een vast aanspreekpunt bij de politie.",
                "De melders wilden geen aangifte doen.",
                "Gesprek met de melders gevoerd.",
            ),
            LichteActie(
                "gesprek",
                "oov",
                "Bestuurlijke waarschuwing door de burgemeester.",
                "Waarschuwingsgesprek gevoerd; sindsdien geen nieuwe meldingen.",
                "De betrokkene is niet verschenen; verder via het strafrechtelijke spoor.",
                "Uitnodiging verstuurd.",
            ),
        ),
    ),
    "betalingsachterstand": LichtPlan(
        "financien",
        "Oplopende achterstanden bij huur, energie en water; weinig zicht op de oorzaak.",
        "Achterstanden ingelopen en een stabiele financiële situatie",
        (
            LichteActie(
                "schuldhulpverlening",
                "schuldhulp",
                "Schulden inventariseren en betalingsregelingen treffen.",
                "Betalingsregelingen lopen; de achterstanden nemen af.",
                "De bewoner wil geen hulp; de vroegsignalering blijft volgen.",
                "Intake gedaan.",
            ),
            LichteActie(
                "wijkteam",
                "wijkteam-noord",
                "Huisbezoek door het wijkteam: wat zit er achter de achterstanden?",
                "Het huishouden heeft hulp bij de administratie; geen signalen van uitbuiting.",
                "Niemand thuis na drie pogingen; het wijkteam houdt de vroegsignalering in de gaten.",
                "Eerste huisbezoek gedaan.",
            ),
        ),
    ),
}
ROL_HOOFDPERSOON = {
    Aanpak.PERSOONSGERICHT: "hoofdpersoon",
    Aanpak.HUISHOUDEN: "hoofdbewoner",
    Aanpak.GROEPSGERICHT: "groepslid",
    Aanpak.GEBIEDSGERICHT: "",
}
EVALUATIE = {
    Casus.Sluitreden.AFGESCHAALD: (
        "De doelen zijn grotendeels bereikt. De betrokkenen worden verder begeleid in het reguliere werk van de "
        "partners; nieuwe signalen over hen komen weer bij de regisseur binnen.",
        "Het plan heeft gewerkt: de situatie is stabiel en er zijn geen nieuwe signalen. Afgeschaald naar de "
        "reguliere hulpverlening.",
    ),
    Casus.Sluitreden.OVERGEDRAGEN: (
        "De verdere aanpak ligt bij het RIEC; de informatie is met grondslag overgedragen en de gemeente blijft "
        "aangesloten voor het bestuurlijke deel.",
        "Overgedragen aan het Zorg- en Veiligheidshuis, dat de regie neemt omdat er ook een strafrechtelijk traject "
        "loopt.",
    ),
    Casus.Sluitreden.BEEINDIGD: (
        "De betrokkene is verhuisd naar een andere gemeente. De gemeente heeft daar geen taak meer; de casus is "
        "beëindigd zonder dat alle doelen zijn bereikt.",
        "De betrokkene wil geen hulp meer en er is onvoldoende grond voor een bestuurlijk spoor; de casus is "
        "beëindigd. Bij nieuwe signalen volgt een nieuwe weging.",
    ),
}
VOORTGANG = (
    "De partners zien geen nieuwe signalen.",
    "De betrokkene werkt mee en komt de afspraken na.",
    "Het contact verloopt moeizaam; de regisseur belt de partner na.",
    "De uitvoering ligt op schema.",
)
BESLUIT = (
    "Plan ongewijzigd; volgende bespreking over zes weken.",
    "Acties lopen door; de regisseur koppelt de voortgang terug aan de melder (alleen de status).",
    "Plan ongewijzigd. Bij de volgende bespreking beslissen over afschalen.",
)
TUSSENSTAND = (
    "Tweede gesprek gevoerd; het loopt volgens plan.",
    "Contact met de betrokkene gehad; de volgende stap is ingepland.",
    "Voortgang afgestemd met de regisseur; geen nieuwe zorgen.",
    "Het gaat langzaam, maar de betrokkene komt de afspraken na.",
)
AFSPRAAK_RECENT = (
    "Evaluatie van het plan in het volgende casusoverleg.",
    "De partners melden nieuwe signalen via Regiekamer; geen uitwisseling buiten de casus.",
    "De regisseur heeft contact met de betrokkene over de voortgang; volgende afspraak over vier weken.",
)


class CaseworkBuilder:
    """The casework of the demo gemeenten, planned as events and run in the order they happened."""

    def __init__(self, builder, log=None):
        self.builder = builder
        self.log = log or (lambda message: None)
        self.now = builder.now
        self.today = builder.today
        self.rng = random.Random(builder.rng.getrandbits(32))
        self.clock = Clock(self.now)
        self.events: list[Event] = []
        self.moment: dt.datetime | None = None
        self.ref: dict[str, object] = {}
        self.zv = builder.tenants[0]
        self.casussen: dict[str, Casus] = {}  # rich cases by the key of their signal
        self.licht: list[tuple] = []  # (tenant, casus, main phenomenon)
        self.leefgebieden: dict = {}
        self.partners: dict = {}  # per gemeente: organisation key -> its first partner professional
        self.extra_subjects: set = set()  # subjects added to cases during the casework
        self.vergeten: Casus | None = None  # the case nobody put on an agenda: it stalls

    # --- Entry point --------------------------------------------------------------------------------------------------

    def build(self) -> None:
        self._date_2b_decisions()
        for tenant in self.builder.tenants:
            self._prepare(tenant)
        for key in RICH:
            if key in self.casussen:
                getattr(self, "_" + key.replace("-", "_"))(self.casussen[key])
        self._zvh_nazorg()
        self._plan_light()
        self._meetings()
        self._monitoring()
        self._deferred_signals()
        self._link_replays()
        self._run()
        self._delen_voorbeelden()
        self._upcoming()
        self.log(f"Casework done: {len(self.events)} events.")

    def _prepare(self, tenant) -> None:
        gemeente = tenant.gemeente
        settings_row = instellingen(gemeente)
        if "manager" in tenant.users:
            # Configuration, as a functioneel beheerder sets it: overdue actions and stalled cases go to the manager.
            settings_row.escalatie_naar = tenant.users["manager"]
            settings_row.save(update_fields=["escalatie_naar"])
        self.leefgebieden[gemeente.pk] = {lg.code: lg for lg in Leefgebied.objects.filter(gemeente=gemeente)}
        partners = self.partners.setdefault(gemeente.pk, {})
        for gebruiker in tenant.spec.gebruikers:
            if gebruiker.rol == Rol.PARTNERPROFESSIONAL:
                partners.setdefault(gebruiker.organisatie, tenant.users[gebruiker.username])
        plans = {plan.signaal.pk: plan for plan in self.builder.plans if plan.tenant is tenant and plan.signaal}
        light = []
        for koppeling in CasusSignaal.objects.filter(
            gemeente=gemeente, soort=CasusSignaal.Soort.OVERDRACHT
        ).select_related("casus__regisseur"):
            plan = plans[koppeling.signaal_id]
            if tenant is self.zv and plan.script_key in RICH:
                self.casussen[plan.script_key] = koppeling.casus
            else:
                light.append((tenant, koppeling.casus, plan.hoofdfenomeen))
        light.sort(key=lambda item: item[1].geopend_op, reverse=True)
        self.licht += sorted(light[:MAX_LIGHT], key=lambda item: item[1].geopend_op)

    # --- Timeline -----------------------------------------------------------------------------------------------------

    def op(self, moment: dt.datetime, settle: bool = False):
        """Register the decorated function as something that happens at ``moment``."""

        def register(function):
            self.events.append(Event(moment, len(self.events), function, settle))
            return function

        return register

    def verder(self, minutes: float) -> None:
        """Within an event: what follows happens ``minutes`` later."""
        self.bij(self.moment + dt.timedelta(minutes=minutes))

    def bij(self, moment: dt.datetime) -> None:
        """What follows happens at ``moment``."""
        self.moment = moment
        self.clock.start(moment)

    def _run(self) -> None:
        self.events.sort(key=lambda event: (event.moment, event.order))
        for event in self.events:
            if event.settle:
                self.clock.settle()
            self.bij(event.moment)
            event.run()
        self.clock.settle()

    def _office(self, local: dt.datetime) -> dt.datetime:
        if local.hour < 8:
            local = local.replace(hour=8, minute=30)
        elif local.hour >= 17:
            local = (local + dt.timedelta(days=1)).replace(hour=8, minute=30)
        while local.weekday() >= 5:
            local += dt.timedelta(days=1)
        return local

    def _clamp(self, moment: dt.datetime) -> dt.datetime:
        return min(moment, self.now - dt.timedelta(hours=1))

    def na(self, casus: Casus, dagen: float, uur: int | None = None) -> dt.datetime:
        """A working moment ``dagen`` after the case was opened (never later than an hour ago)."""
        local = timezone.localtime(casus.geopend_op) + dt.timedelta(days=dagen)
        if uur is not None:
            local = local.replace(hour=uur, minute=self.rng.randint(0, 50))
        return self._clamp(self._office(local))

    def geleden(self, dagen: float, uur: int = 10, minuut: int = 0, werkdag: bool = True) -> dt.datetime:
        local = (timezone.localtime(self.now) - dt.timedelta(days=dagen)).replace(
            hour=uur, minute=minuut, second=0, microsecond=0
        )
        while werkdag and local.weekday() >= 5:
            local -= dt.timedelta(days=1)
        return self._clamp(local)

    def dag(self, dagen: int) -> dt.date:
        """A deadline ``dagen`` from today (negative: in the past)."""
        return self.today + dt.timedelta(days=dagen)

    def datum(self, moment: dt.datetime, dagen: int) -> dt.date:
        return timezone.localtime(moment).date() + dt.timedelta(days=dagen)

    # --- Service calls ------------------------------------------------------------------------------------------------

    def tenant_of(self, casus: Casus):
        return next(tenant for tenant in self.builder.tenants if tenant.gemeente.pk == casus.gemeente_id)

    def subject(self, soort: str, key: str):
        tenant = self.zv
        if soort == "p":
            value = tenant.cast_personen[key]
        elif soort == "a":
            value = tenant.cast_adressen[key]
        else:
            value = ("rechtspersoon", *data.ZUIDERVEEN_CAST.rechtspersonen[key])
        return self.builder._subject(tenant, value)

    def betrokkene(self, casus, subject, rol, dader=False, slachtoffer=False, problematiek=""):
        field = type(subject).__name__.lower()
        existing = casus.betrokkenen.filter(**{field: subject}).first()
        if existing is not None:
            return update_betrokkene(casus.regisseur, existing, rol, dader, slachtoffer, problematiek)
        return add_betrokkene(casus.regisseur, casus, subject, rol, dader, slachtoffer, problematiek)

    def delen(self, casus, organisatie) -> None:
        """A sharing decision for a participating organisation, as the regisseur records it on the case page,
        unless one already covers the case (privacy check 2B of its signal)."""
        if delen_selectors.active_decisions(organisatie, casus).exists():
            return
        categorieen = DEMO_CATEGORIEEN.get(organisatie.soort, DEMO_CATEGORIEEN[""])
        delen_services.record_delingsbesluit(
            casus.regisseur,
            ontvanger=organisatie,
            casus=casus,
            categorieen=categorieen,
            omschrijving=DEMO_DELEN_OMSCHRIJVING[Categorie.BETROKKENEN in categorieen],
            doel=DEMO_DELEN_DOEL,
            grondslag=DEMO_DELEN_GRONDSLAG,
        )

    def deelnemer(self, casus, organisatie: str, gebruiker: str | None = None, rol: str = ""):
        tenant = self.tenant_of(casus)
        user = tenant.users[gebruiker] if gebruiker else None
        self.delen(casus, tenant.organisaties[organisatie])
        return add_deelnemer(casus.regisseur, casus, tenant.organisaties[organisatie], user, rol)

    def analyse(self, casus, code: str, tekst: str):
        return save_analyse(casus.regisseur, casus, self.leefgebieden[casus.gemeente_id][code], tekst)

    def doel(self, key: str, casus, code: str, tekst: str):
        self.ref[key] = add_doel(casus.regisseur, casus, tekst, self.leefgebieden[casus.gemeente_id][code])
        return self.ref[key]

    def afspraak(self, casus, tekst: str):
        return add_afspraak(casus.regisseur, casus, tekst)

    def invoer(self, casus, soort, organisatie, gebruiker, deadline, doel=None, tekst="", impact="", opvang=""):
        tenant = self.tenant_of(casus)
        user = tenant.users[gebruiker] if gebruiker else None
        return InterventieInvoer(
            soort=soort,
            eigenaar_organisatie=str(tenant.organisaties[organisatie].pk),
            deadline=deadline,
            doel=str(self.ref[doel].pk) if doel else None,
            eigenaar=str(user.pk) if user else None,
            omschrijving=tekst,
            impact_huishouden=impact,
            opvang_gevolgen=opvang,
        )

    def actie(self, key, casus, soort, organisatie, gebruiker, deadline, doel=None, tekst="", impact="", opvang=""):
        invoer = self.invoer(casus, soort, organisatie, gebruiker, deadline, doel, tekst, impact, opvang)
        self.delen(casus, self.tenant_of(casus).organisaties[organisatie])
        self.ref[key] = add_interventie(casus.regisseur, casus, invoer)
        return self.ref[key]

    def bijwerken(self, key: str, status: str, resultaat: str = "", deadline=None, door=None):
        """The owner updates their action (the regisseur when it has no named owner, or ``door``)."""
        interventie = Interventie.objects.select_related("casus__regisseur", "soort", "eigenaar").get(
            pk=self.ref[key].pk
        )
        user = door or interventie.eigenaar or interventie.casus.regisseur
        self.ref[key] = update_interventie(user, interventie, status, resultaat, deadline)
        return self.ref[key]

    def sluiten(self, casus, resultaten: dict[str, str], reden: str, evaluatie: str):
        casus = Casus.objects.select_related("regisseur").get(pk=casus.pk)
        per_doel = {str(self.ref[key].pk): resultaat for key, resultaat in resultaten.items()}
        return close_casus(casus.regisseur, casus, per_doel, reden, evaluatie)

    def overleg(self, key, user, soort, titel, datum, deelnemers: list[str]):
        tenant = self.zv
        ids = [str(tenant.users[name].pk) for name in deelnemers]
        self.ref[key] = plan_overleg(tenant.users[user], soort, titel, datum, ids)
        return self.ref[key]

    def notulen(self, punt, notulen: str, besluiten: str, actiepunten=()):
        """Minutes for one case; ``actiepunten`` are (key, InterventieInvoer): they become interventions."""
        for _key, invoer in actiepunten:
            self.delen(punt.casus, Organisatie.objects.get(pk=invoer.eigenaar_organisatie))
        record_notulen(punt.overleg.voorzitter, punt, notulen, besluiten, [invoer for _key, invoer in actiepunten])
        created = Interventie.objects.filter(agendapunt=punt).order_by("aangemaakt_op")
        for (key, _invoer), interventie in zip(actiepunten, created, strict=True):
            self.ref[key] = interventie

    def verzoek(self, casus, gebruiker: str, reden: str):
        return request_bespreking(self.tenant_of(casus).users[gebruiker], casus, reden)

    # --- The money mule: persoonsgericht ------------------------------------------------------------------------------

    def _geldezel_17000(self, casus):
        dylan, briefadres = self.subject("p", "dylan"), self.subject("a", "briefadres")

        @self.op(self.na(casus, 0.1))
        def opzet():
            self.betrokkene(
                casus,
                dylan,
                "hoofdpersoon (geldezel)",
                dader=True,
                slachtoffer=True,
                problematiek="21 jaar, dakloos, schuld van ruim 4.000 euro en een geblokkeerde rekening. Stelde zijn "
                "bankrekening beschikbaar (witwassen) en is zelf slachtoffer: de ronselaar zet hem onder druk.",
            )
            self.betrokkene(casus, briefadres, "briefadres (daklozenopvang)")
            self.deelnemer(casus, "schuldhulp", "schuldhulpverlener", "schuldhulpverlener")
            self.deelnemer(casus, "wijkteam-zuid", "wijkcoach", "casemanager wijkteam")
            self.deelnemer(casus, "politie", "wijkagent", "wijkagent")
            self.deelnemer(casus, "corporatie", "partnerprofessional", "woonconsulent (huisvesting)")
            self.deelnemer(casus, "werk-inkomen", "klantmanager", "klantmanager (uitkering en werk)")
            self.verder(20)
            self.analyse(
                casus,
                "financien",
                "Schuld circa 4.300 euro: bank 2.900, twee telefoonabonnementen 900, zorgverzekering 500. De "
                "rekening is geblokkeerd; Dylan heeft geen inkomen. Op zijn naam staan contracten die hij niet zelf "
                "afsloot.",
            )
            self.analyse(
                casus,
                "wonen",
                "Dakloos; slaapt wisselend bij vrienden en staat ingeschreven op het briefadres van de "
                "daklozenopvang. Er is geen urgentie aangevraagd.",
            )
            self.analyse(
                casus,
                "werk-dagbesteding",
                "Geen werk of opleiding sinds hij op zijn achttiende stopte met de mbo-opleiding logistiek. Wil "
                "graag aan het werk.",
            )
            self.analyse(
                casus,
                "justitie-veiligheid",
                "Verdacht van witwassen als geldezel en tegelijk slachtoffer: 'een jongen van de Molenwijk' gebruikte "
                "zijn pas en dreigt als hij niet meewerkt. De politie onderzoekt wie het geld stortte en opnam.",
            )
            self.analyse(
                casus,
                "sociaal-netwerk",
                "Weinig steun; het contact met zijn moeder is beperkt. Een deel van zijn 'vrienden' hoort bij de "
                "groep die hem ronselde.",
            )
            self.verder(15)
            self.doel(
                "dylan.schuld",
                casus,
                "financien",
                "Schulden in beeld, een stabiele regeling en weer een bruikbare bankrekening",
            )
            self.doel("dylan.wonen", casus, "wonen", "Een eigen, veilige woonplek binnen zes maanden")
            self.doel(
                "dylan.veilig",
                casus,
                "justitie-veiligheid",
                "Dylan is uit beeld bij de ronselaars en werkt mee aan het onderzoek",
            )
            self.doel(
                "dylan.werk",
                casus,
                "werk-dagbesteding",
                "Inkomen uit een uitkering en daarna werk of een leer-werktraject",
            )
            self.afspraak(
                casus,
                "Dylan meldt zich elke week bij de wijkcoach. Vraagt iemand opnieuw om zijn pas, rekening of DigiD, "
                "dan belt hij direct de wijkagent.",
            )
            self.afspraak(
                casus, "Alle partners melden nieuwe signalen over Dylan via Regiekamer; geen dossiers buiten de casus."
            )
            self.verder(10)
            self.actie(
                "dylan.aangifte",
                casus,
                "aangifte",
                "politie",
                "wijkagent",
                self.datum(self.moment, 14),
                "dylan.veilig",
                "Aangifte van identiteitsfraude en afpersing opnemen; onderzoek naar wie de pas gebruikte.",
            )
            self.actie(
                "dylan.schuldhulp",
                casus,
                "schuldhulpverlening",
                "schuldhulp",
                "schuldhulpverlener",
                self.dag(30),
                "dylan.schuld",
                "Schulden inventariseren, beslagvrije voet herstellen en met de bank praten over de geblokkeerde "
                "rekening.",
            )
            self.actie(
                "dylan.gesprek",
                casus,
                "gesprek",
                "wijkteam-zuid",
                "wijkcoach",
                self.dag(60),
                "dylan.veilig",
                "Wekelijks gesprek over weerbaarheid, dagstructuur en wie hem benadert.",
            )
            self.actie(
                "dylan.huisvesting",
                casus,
                "huisvesting",
                "corporatie",
                "partnerprofessional",
                self.dag(-24),
                "dylan.wonen",
                "Urgentieaanvraag indienen en een kamer zoeken via Zuiderveen Wonen.",
            )

        @self.op(self.na(casus, 3))
        def gestart():
            self.bijwerken("dylan.gesprek", Interventie.Status.LOPEND)
            self.bijwerken("dylan.schuldhulp", Interventie.Status.LOPEND, "Intake gedaan; bankafschriften opgevraagd.")

        @self.op(self.na(casus, 8))
        def aangifte():
            self.bijwerken(
                "dylan.aangifte",
                Interventie.Status.AFGEROND,
                "Aangifte opgenomen; de recherche onderzoekt de rekeninghouders die het geld stortten. Dylan heeft een "
                "verklaring afgelegd.",
            )

        @self.op(self.na(casus, 14))
        def dagbesteding():
            self.actie(
                "dylan.dagbesteding",
                casus,
                "dagbesteding",
                "werk-inkomen",
                "klantmanager",
                self.datum(self.moment, 28),
                "dylan.werk",
                "Dagbesteding bij het leerwerkbedrijf als opstap naar werk.",
            )

        @self.op(self.na(casus, 35))
        def dagbesteding_gestopt():
            self.bijwerken(
                "dylan.dagbesteding",
                Interventie.Status.GESTOPT,
                "Dylan kwam twee weken niet opdagen: zonder slaapplek lukt het niet. Eerst rust en een woonplek; "
                "daarna een nieuw traject met een jobcoach.",
            )
            self.actie(
                "dylan.jobcoach",
                casus,
                "jobcoach",
                "werk-inkomen",
                "klantmanager",
                self.dag(35),
                "dylan.werk",
                "Leer-werktraject logistiek met een jobcoach, zodra de woonsituatie stabiel is.",
            )

        @self.op(self.geleden(31, 11))
        def schulden_in_beeld():
            self.bijwerken(
                "dylan.schuldhulp",
                Interventie.Status.LOPEND,
                "Schulden volledig in kaart (4.320 euro, vijf schuldeisers). De bank heeft een basisbetaalrekening "
                "geopend.",
            )

        @self.op(self.geleden(28, 14))
        def verzoek():
            self.verzoek(casus, "schuldhulpverlener", "De urgentieaanvraag voor huisvesting komt niet op gang.")

        @self.op(self.geleden(4, 15))
        def kamer():
            self.bijwerken(
                "dylan.huisvesting",
                Interventie.Status.LOPEND,
                "Urgentie toegekend; bezichtiging van een kamer aan de Spoorstraat volgende week.",
            )

    # --- The single mother and her sons: huishouden -------------------------------------------------------------------

    def _bouali_wijkteam(self, casus):
        naima, yassin, ilias = self.subject("p", "naima"), self.subject("p", "yassin"), self.subject("p", "ilias")
        woning = self.subject("a", "bouali")

        @self.op(self.na(casus, 0.1))
        def opzet():
            self.betrokkene(
                casus,
                naima,
                "moeder",
                problematiek="Werkt fulltime als verpleegkundige in wisseldiensten en voedt haar zoons alleen op. "
                "Schulden van circa 11.000 euro en een huurachterstand van drie maanden; overbelast en vraagt zelf om "
                "hulp.",
            )
            self.betrokkene(
                casus,
                yassin,
                "zoon (13)",
                slachtoffer=True,
                problematiek="ADHD. Veel op straat, ook laat; gezien bij de hangplek met oudere jongens en bij het "
                "afgeven van een rugzak: risico op ronselen.",
            )
            self.betrokkene(
                casus,
                ilias,
                "zoon (11)",
                problematiek="ADHD. Volgt zijn broer; heeft na school weinig structuur als moeder werkt.",
            )
            self.betrokkene(casus, woning, "huurwoning (Zuiderveen Wonen)")
            self.deelnemer(casus, "wijkteam-zuid", "wijkcoach", "gezinscoach")
            self.deelnemer(casus, "schuldhulp", "schuldhulpverlener", "schuldhulpverlener")
            self.deelnemer(casus, "jongerenwerk", "jongerenwerker", "outreachend jongerenwerker")
            self.deelnemer(casus, "school", "zorgcoordinator", "zorgcoördinator school van Yassin")
            self.deelnemer(casus, "corporatie", "partnerprofessional", "woonconsulent")
            self.verder(25)
            self.analyse(
                casus,
                "financien",
                "Schulden circa 11.000 euro, waarvan 2.340 euro huurachterstand. Inkomen uit werk is voldoende, maar "
                "de administratie is blijven liggen. Er is een betalingsregeling aangeboden, niet getekend.",
            )
            self.analyse(
                casus,
                "wonen",
                "Huurwoning met drie kamers; de corporatie wil ontruiming voorkomen als er een regeling komt.",
            )
            self.analyse(
                casus,
                "opvoeding-ontwikkeling",
                "Yassin (13) en Ilias (11) hebben ADHD. Na school en in de avonden, als moeder dienst heeft, zijn ze "
                "op straat. Yassin is gevoelig voor aandacht en geld van oudere jongens.",
            )
            self.analyse(
                casus,
                "gezondheid-zorg",
                "De jongens hebben medicatie via de huisarts; er is geen begeleiding voor de middag en avond.",
            )
            self.analyse(
                casus,
                "sociaal-netwerk",
                "Weinig familie in de buurt; een zus woont in Utrecht. Mevrouw schaamt zich voor de schulden.",
            )
            self.verder(15)
            self.doel("bouali.fin", casus, "financien", "Huurachterstand ingelopen en schulden onder beheer")
            self.doel(
                "bouali.jongens",
                casus,
                "opvoeding-ontwikkeling",
                "Yassin en Ilias hebben na school een vaste, begeleide dagbesteding",
            )
            self.doel(
                "bouali.straat",
                casus,
                "justitie-veiligheid",
                "Yassin is uit beeld bij de oudere jongens van de hangplek",
            )
            self.doel(
                "bouali.moeder", casus, "sociaal-netwerk", "Mevrouw heeft hulp bij de opvoeding en ervaart minder druk"
            )
            self.afspraak(
                casus,
                "Eén gezin, één plan, één regisseur: alle hulp loopt via de gezinscoach van het wijkteam; mevrouw "
                "hoeft haar verhaal maar één keer te vertellen.",
            )
            self.verder(10)
            self.actie(
                "bouali.schuldhulp",
                casus,
                "schuldhulpverlening",
                "schuldhulp",
                "schuldhulpverlener",
                self.dag(20),
                "bouali.fin",
                "Betalingsregeling voor de huurachterstand en budgetcoaching.",
            )
            self.actie(
                "bouali.wijkteam",
                casus,
                "wijkteam",
                "wijkteam-zuid",
                "wijkcoach",
                self.dag(50),
                "bouali.moeder",
                "Gezinscoaching: dagstructuur en opvoedondersteuning rond de wisseldiensten.",
            )
            self.actie(
                "bouali.jongerenwerk",
                casus,
                "outreachend-jongerenwerk",
                "jongerenwerk",
                "jongerenwerker",
                self.datum(self.moment, 60),
                "bouali.straat",
                "Yassin opzoeken bij de hangplek en koppelen aan de voetbalclub.",
            )
            self.actie(
                "bouali.school",
                casus,
                "gesprek",
                "school",
                "zorgcoordinator",
                self.datum(self.moment, 20),
                "bouali.straat",
                "Gesprek op school met Yassin en zijn moeder over verzuim en veiligheid.",
            )

        @self.op(self.na(casus, 2))
        def gestart():
            self.bijwerken("bouali.wijkteam", Interventie.Status.LOPEND, "Eerste huisbezoek; weekrooster gemaakt.")
            self.actie(
                "bouali.huiswerk",
                casus,
                "dagbesteding",
                "school",
                "zorgcoordinator",
                self.datum(self.moment, 30),
                "bouali.jongens",
                "Huiswerkklas na school voor Ilias.",
            )

        @self.op(self.na(casus, 5))
        def regeling():
            self.bijwerken("bouali.schuldhulp", Interventie.Status.LOPEND, "Betalingsregeling huur getekend.")
            self.bijwerken("bouali.jongerenwerk", Interventie.Status.LOPEND)

        @self.op(self.na(casus, 15))
        def school():
            self.bijwerken(
                "bouali.school",
                Interventie.Status.AFGEROND,
                "Gesprek gevoerd met Yassin, zijn moeder en de mentor. Verzuimafspraken gemaakt; de mentor meldt "
                "nieuwe zorgen direct aan de zorgcoördinator.",
            )

        @self.op(self.na(casus, 27))
        def huiswerk():
            self.bijwerken(
                "bouali.huiswerk",
                Interventie.Status.GESTOPT,
                "Ilias kon zich in de grote groep niet concentreren; gestopt in overleg met moeder. In plaats daarvan "
                "wordt dagbesteding voor beide jongens aangevraagd.",
            )

        @self.op(self.na(casus, 40))
        def dagbesteding():
            self.actie(
                "bouali.dagbesteding",
                casus,
                "dagbesteding",
                "wijkteam-zuid",
                "wijkcoach",
                self.dag(-12),
                "bouali.jongens",
                "Naschoolse dagbesteding (ADHD-specialistisch) voor Yassin en Ilias aanvragen en regelen.",
            )

        @self.op(self.na(casus, 55))
        def voetbal():
            self.bijwerken(
                "bouali.jongerenwerk",
                Interventie.Status.AFGEROND,
                "Yassin traint twee keer per week bij de voetbalclub en is sinds weken niet meer bij de hangplek "
                "gezien.",
            )

        @self.op(self.geleden(40, 14))
        def tussenstand():
            self.bijwerken(
                "bouali.schuldhulp",
                Interventie.Status.LOPEND,
                "Huurachterstand voor de helft ingelopen; budgetcoaching twee keer per maand.",
            )

        @self.op(self.geleden(29, 9))
        def verzoek():
            self.verzoek(casus, "wijkcoach", "De aanvraag dagbesteding zit vast op een wachtlijst.")

    # --- The tenant with the kitchen and the car: huishouden ----------------------------------------------------------

    def _huurder_keuken(self, casus):
        ricardo, woning = self.subject("p", "ricardo"), self.subject("a", "keuken")

        @self.op(self.na(casus, 0.1))
        def opzet():
            self.betrokkene(
                casus,
                ricardo,
                "huurder en enige bewoner",
                dader=True,
                problematiek="Opgegeven inkomen circa 25.000 euro per jaar en aanvullende bijstand, maar een keuken "
                "van 20.000 euro contant en een Range Rover van rond de 90.000 euro voor de deur.",
            )
            self.betrokkene(casus, woning, "sociale huurwoning")
            self.deelnemer(casus, "corporatie", "partnerprofessional", "woonconsulent (woonfraude)")
            self.deelnemer(casus, "werk-inkomen", "klantmanager", "klantmanager bijstand")
            self.deelnemer(casus, "politie", "wijkagent", "wijkagent")
            self.deelnemer(casus, "belastingdienst", rol="fiscaal spoor")
            self.deelnemer(casus, "vergunningen", rol="Bibob")
            self.verder(20)
            self.analyse(
                casus,
                "financien",
                "Uitgaven en bezit (keuken 20.000 euro contant, auto circa 90.000 euro) passen niet bij het opgegeven "
                "inkomen van 25.000 euro en de aanvullende bijstand. De herkomst van het geld is onverklaard.",
            )
            self.analyse(
                casus,
                "wonen",
                "Sociale huurwoning, toegewezen op basis van het opgegeven inkomen. De corporatie vermoedt dat de "
                "woning ook voor andere doelen wordt gebruikt.",
            )
            self.analyse(
                casus,
                "justitie-veiligheid",
                "Aanvraag van een exploitatievergunning voor een autopoetsbedrijf aan de Havenkade; mogelijk een "
                "dekmantel om geld wit te wassen.",
            )
            self.verder(10)
            self.doel("ricardo.herkomst", casus, "financien", "Herkomst van het vermogen opgehelderd")
            self.doel("ricardo.uitkering", casus, "financien", "Onterecht ontvangen bijstand gestopt en teruggevorderd")
            self.doel("ricardo.woning", casus, "wonen", "De sociale huurwoning wordt rechtmatig bewoond")
            self.verder(10)
            self.actie(
                "ricardo.bibob",
                casus,
                "bibob-toets",
                "vergunningen",
                None,
                self.datum(self.moment, 56),
                "ricardo.herkomst",
                "Bibob-toets op de aanvraag exploitatievergunning 'Hoekstra Car Detailing' aan de Havenkade.",
            )
            self.actie(
                "ricardo.belastingdienst",
                casus,
                "belastingdienst",
                "belastingdienst",
                None,
                self.dag(45),
                "ricardo.herkomst",
                "Melding van vermogen en contante betalingen aan de Belastingdienst via het RIEC-convenant.",
            )
            self.actie(
                "ricardo.politie",
                casus,
                "doorzetten-politie-om",
                "politie",
                "wijkagent",
                self.datum(self.moment, 30),
                "ricardo.herkomst",
                "Witwassignalen (auto, keuken, contante betalingen) doorzetten naar de financiële recherche.",
            )

        @self.op(self.na(casus, 7))
        def gestart():
            self.bijwerken("ricardo.bibob", Interventie.Status.LOPEND, "Bibob-vragenlijst opgevraagd bij de aanvrager.")
            self.bijwerken("ricardo.belastingdienst", Interventie.Status.LOPEND, "Melding gedaan; onderzoek loopt.")

        @self.op(self.na(casus, 24))
        def politie():
            self.bijwerken(
                "ricardo.politie",
                Interventie.Status.AFGEROND,
                "Opgenomen in een lopend onderzoek van de financiële recherche; terugkoppeling via het RIEC.",
            )

        @self.op(self.na(casus, 52))
        def bibob():
            self.bijwerken(
                "ricardo.bibob",
                Interventie.Status.AFGEROND,
                "Bibob-advies: ernstig gevaar. De herkomst van ruim 110.000 euro is niet verklaard; de burgemeester "
                "weigert de vergunning.",
            )
            self.actie(
                "ricardo.woonfraude",
                casus,
                "gesprek",
                "corporatie",
                "partnerprofessional",
                self.dag(-3),
                "ricardo.woning",
                "Huisbezoek woonfraude: wie woont er, en hoe zijn de keuken en de auto betaald?",
            )

        @self.op(self.geleden(30, 15))
        def verzoek():
            self.verzoek(casus, "regisseur", "Vervolg na het Bibob-advies: bijstand en huurcontract.")

        @self.op(self.geleden(8, 11))
        def heronderzoek():
            if "ricardo.heronderzoek" in self.ref:
                self.bijwerken(
                    "ricardo.heronderzoek",
                    Interventie.Status.LOPEND,
                    "Inlichtingen opgevraagd bij de RDW en de bank; gesprek met meneer gepland.",
                )

    # --- Pupils recruited as couriers: groepsgericht ------------------------------------------------------------------

    def _ronselen_noah(self, casus):
        damian, noah = self.subject("p", "damian"), self.subject("p", "noah")
        milan, sem = self.subject("p", "milan"), self.subject("p", "sem")
        self.extra_subjects |= {("persoon", milan.pk), ("persoon", sem.pk)}

        @self.op(self.na(casus, 0.1))
        def opzet():
            self.betrokkene(
                casus,
                damian,
                "ronselaar (oud-leerling, 19)",
                dader=True,
                problematiek="Zet leerlingen in als koerier; haalt ze op bij het schoolhek in een Audi op zijn naam "
                "en biedt jongere kinderen bij de skatebaan geld aan.",
            )
            self.betrokkene(
                casus,
                noah,
                "groepslid (leerling klas 2, 14)",
                slachtoffer=True,
                problematiek="Nieuwe merkkleding en een dure telefoon; verzuimt; 'rijdt voor Damian'.",
            )
            self.betrokkene(
                casus,
                milan,
                "groepslid (leerling klas 3, 15)",
                slachtoffer=True,
                problematiek="Tas met twaalf pakketjes en 450 euro in zijn kluisje; zegt dat de tas van Damian is.",
            )
            self.betrokkene(
                casus,
                sem,
                "groepslid (15)",
                slachtoffer=True,
                problematiek="Verzuimt bijna elke middag; krijgt 50 euro per rit; nieuwe scooter.",
            )
            self.deelnemer(casus, "school", "zorgcoordinator", "zorgcoördinator (bundelt de signalen van de school)")
            self.deelnemer(casus, "politie", "wijkagent", "wijkagent")
            self.deelnemer(casus, "jongerenwerk", "jongerenwerker", "jongerenwerker")
            self.verder(20)
            self.analyse(
                casus,
                "opvoeding-ontwikkeling",
                "Drie leerlingen van 14 en 15 jaar van het Stedelijk College verzuimen en hebben geld en spullen "
                "zonder verklaring. De ouders van Noah en Sem maken zich zorgen; de ouders van Milan zijn nog niet "
                "bereikt.",
            )
            self.analyse(
                casus,
                "justitie-veiligheid",
                "Damian Verhoeven (19), oud-leerling, ronselt rond het schoolhek (15.15 uur) en bij de skatebaan. "
                "Pakketjes in kluisjes wijzen op drugshandel met minderjarigen als koerier.",
            )
            self.analyse(
                casus,
                "sociaal-netwerk",
                "De jongens kennen elkaar van de skatebaan in het Zuiderpark; Damian is voor hen een 'grote broer'.",
            )
            self.verder(10)
            self.doel(
                "groep.school",
                casus,
                "opvoeding-ontwikkeling",
                "Noah, Milan en Sem gaan weer volledig naar school en rijden niet meer voor Damian",
            )
            self.doel("groep.ronselen", casus, "justitie-veiligheid", "Het ronselen rond het Stedelijk College stopt")
            self.doel(
                "groep.ouders", casus, "sociaal-netwerk", "Ouders herkennen de signalen en weten wie ze kunnen bellen"
            )
            self.afspraak(
                casus,
                "School, wijkagent en jongerenwerk stemmen wekelijks kort af; de zorgcoördinator bundelt de signalen "
                "van de school en meldt ze in Regiekamer.",
            )
            self.verder(10)
            self.actie(
                "groep.gesprekken",
                casus,
                "gesprek",
                "school",
                "zorgcoordinator",
                self.datum(self.moment, 21),
                "groep.school",
                "Gesprekken met de drie leerlingen en hun ouders; verzuimafspraken.",
            )
            self.actie(
                "groep.jongerenwerk",
                casus,
                "outreachend-jongerenwerk",
                "jongerenwerk",
                "jongerenwerker",
                self.dag(45),
                "groep.ronselen",
                "Aanwezig bij het schoolhek en de skatebaan op de ophaalmomenten; de jongens koppelen aan "
                "activiteiten.",
            )

        @self.op(self.na(casus, 3))
        def gestart():
            self.bijwerken("groep.gesprekken", Interventie.Status.LOPEND, "Gesprek met Noah en zijn ouders gevoerd.")
            self.bijwerken("groep.jongerenwerk", Interventie.Status.LOPEND)

        @self.op(self.na(casus, 19))
        def gesprekken():
            self.bijwerken(
                "groep.gesprekken",
                Interventie.Status.AFGEROND,
                "Met alle drie de gezinnen gesproken. Noah en Sem zijn weer volledig aanwezig; Milan verzuimt nog "
                "wisselend, de leerplichtambtenaar is ingeschakeld.",
            )
            self.actie(
                "groep.ouderavond",
                casus,
                "gesprek",
                "school",
                "zorgcoordinator",
                self.dag(12),
                "groep.ouders",
                "Ouderavond over ronselen, met voorlichting door de wijkagent en het jongerenwerk.",
            )

        @self.op(self.geleden(20, 11))
        def recherche():
            if "groep.recherche" in self.ref:
                self.bijwerken("groep.recherche", Interventie.Status.LOPEND, "Informatie verzameld met de school.")

        @self.op(self.geleden(15, 16))
        def stopgesprek():
            if "groep.stopgesprek" in self.ref:
                self.bijwerken(
                    "groep.stopgesprek",
                    Interventie.Status.GESTOPT,
                    "Damian weigerde het gesprek en verwees naar zijn advocaat. Verder via het strafrechtelijke spoor.",
                )

        @self.op(self.geleden(5, 17))
        def tussenstand():
            self.bijwerken(
                "groep.jongerenwerk",
                Interventie.Status.LOPEND,
                "Drie avonden per week bij de skatebaan; Noah en Sem doen mee met het zaalvoetbal. De Audi is twee "
                "weken niet bij de school gezien.",
            )

    # --- The youth hangout: gebiedsgericht, without names -------------------------------------------------------------

    def _hangplek_handhaving(self, casus):
        portiek = self.subject("a", "hangplek")

        @self.op(self.na(casus, 0.1))
        def opzet():
            self.betrokkene(casus, portiek, "hotspot: bergingen van de portiekflat (voorraadplek)")
            self.deelnemer(casus, "handhaving", "handhaver", "boa's Zuiderpark")
            self.deelnemer(casus, "politie", "wijkagent", "wijkagent")
            self.deelnemer(casus, "jongerenwerk", "jongerenwerker", "jongerenwerk")
            self.deelnemer(casus, "corporatie", "partnerprofessional", "buurtbeheer")
            self.deelnemer(casus, "oov", rol="openbare ruimte en verlichting")
            self.verder(20)
            self.analyse(
                casus,
                "justitie-veiligheid",
                "Dagelijkse straathandel bij de skatebaan, vooral tussen 20.00 en 22.00 uur; kopers komen op scooters. "
                "De voorraad ligt in de open bergingen van een portiekflat. Geen namen in deze casus: personen lopen "
                "via hun eigen casus.",
            )
            self.analyse(
                casus,
                "sociaal-netwerk",
                "Omwonenden aan de Parkweg durven 's avonds niet meer door het park. Jongens van buiten de wijk "
                "spreken jongere kinderen aan.",
            )
            self.analyse(
                casus,
                "werk-dagbesteding",
                "Voor jongeren van 14 tot 18 is er na 20.00 uur geen aanbod in het Zuiderpark.",
            )
            self.verder(10)
            self.doel("park.handel", casus, "justitie-veiligheid", "Geen straathandel meer bij de skatebaan")
            self.doel(
                "park.veilig", casus, "sociaal-netwerk", "Omwonenden voelen zich 's avonds weer veilig in het park"
            )
            self.doel("park.aanbod", casus, "werk-dagbesteding", "Een avondaanbod voor jongeren in de wijk")
            self.afspraak(
                casus,
                "Het gebiedsoverleg bespreekt de buurt zonder namen; signalen over personen gaan via hun eigen casus.",
            )
            self.verder(10)
            self.actie(
                "park.last",
                casus,
                "last-onder-dwangsom",
                "handhaving",
                "handhaver",
                self.datum(self.moment, 35),
                "park.handel",
                "Last onder dwangsom aan de eigenaar van de portiekflat: bergingen afsluiten en de toegangsdeur "
                "herstellen.",
                impact="Geen huishouden getroffen: de last richt zich op de eigenaar. Bewoners houden toegang tot hun "
                "eigen berging met een nieuwe sleutel.",
                opvang="Zuiderveen Wonen (buurtbeheer) regelt de nieuwe sleutels en informeert de bewoners.",
            )
            self.actie(
                "park.toezicht",
                casus,
                "gesprek",
                "handhaving",
                "handhaver",
                self.dag(30),
                "park.veilig",
                "Boa-toezicht in de avonduren bij de skatebaan; jongeren aanspreken.",
            )
            self.actie(
                "park.jongerenwerk",
                casus,
                "outreachend-jongerenwerk",
                "jongerenwerk",
                "jongerenwerker",
                self.dag(60),
                "park.aanbod",
                "Outreachend jongerenwerk drie avonden per week; jongere kinderen wegleiden van de hangplek.",
            )
            self.actie(
                "park.schouw",
                casus,
                "gesprek",
                "oov",
                None,
                self.datum(self.moment, 21),
                "park.veilig",
                "Schouw met bewoners en groenbeheer: snoeien, verlichting, camera onderzoeken.",
            )
            self.actie(
                "park.politie",
                casus,
                "doorzetten-politie-om",
                "politie",
                "wijkagent",
                self.datum(self.moment, 60),
                "park.handel",
                "Gerichte controles; informatie over de handelaren naar de recherche (buiten deze casus).",
            )

        @self.op(self.na(casus, 4))
        def gestart():
            self.bijwerken("park.last", Interventie.Status.LOPEND, "Voornemen tot last verstuurd aan de eigenaar.")
            self.bijwerken("park.toezicht", Interventie.Status.LOPEND)
            self.bijwerken("park.jongerenwerk", Interventie.Status.LOPEND)
            self.bijwerken("park.politie", Interventie.Status.LOPEND)

        @self.op(self.na(casus, 19))
        def schouw():
            self.bijwerken(
                "park.schouw",
                Interventie.Status.AFGEROND,
                "Struiken gesnoeid en twee lantaarnpalen bijgeplaatst. Een camera is niet nodig geacht.",
            )

        @self.op(self.na(casus, 30))
        def last():
            self.bijwerken(
                "park.last",
                Interventie.Status.AFGEROND,
                "Bergingen binnen de termijn afgesloten en de deur hersteld; de last is niet verbeurd.",
            )

        @self.op(self.na(casus, 55))
        def politie():
            self.bijwerken(
                "park.politie",
                Interventie.Status.AFGEROND,
                "Twee controles met aanhoudingen; informatie gedeeld met de recherche.",
            )

        @self.op(self.na(casus, 50))
        def voetbalkooi():
            self.actie(
                "park.kooi",
                casus,
                "outreachend-jongerenwerk",
                "jongerenwerk",
                "jongerenwerker",
                self.datum(self.moment, 30),
                "park.aanbod",
                "Vrijdagavond zaalvoetbal in de gymzaal aan de Parkweg.",
            )

        @self.op(self.na(casus, 70))
        def kooi_gestopt():
            self.bijwerken(
                "park.kooi",
                Interventie.Status.GESTOPT,
                "Na vier weken gestopt: de gymzaal is op vrijdag niet meer beschikbaar. Het jongerenwerk zoekt een "
                "andere plek.",
            )

        @self.op(self.geleden(31, 10))
        def verzoek():
            self.verzoek(casus, "jongerenwerker", "Evaluatie na drie maanden gebiedsaanpak.")

        @self.op(self.geleden(6, 16))
        def tussenstand():
            self.bijwerken(
                "park.toezicht",
                Interventie.Status.LOPEND,
                "Minder contacten gezien; de handel lijkt te verplaatsen naar de ingang aan de Kerkstraat.",
            )

    # --- Two women forced to deal from their home: huishouden, repressive and care ------------------------------------

    def _vrouwen_wijkteam(self, casus):
        anja, petra, woning = self.subject("p", "anja"), self.subject("p", "petra"), self.subject("a", "vrouwen")

        @self.op(self.na(casus, 0.1))
        def opzet():
            self.betrokkene(
                casus,
                anja,
                "bewoonster en huurder",
                slachtoffer=True,
                problematiek="Licht verstandelijke beperking. Moet 'zakjes afgeven aan mensen die aanbellen'; de "
                "mannen dreigen als zij weigert.",
            )
            self.betrokkene(
                casus,
                petra,
                "bewoonster",
                slachtoffer=True,
                problematiek="Licht verstandelijke beperking en angstklachten; durft de mannen niet weg te sturen.",
            )
            self.betrokkene(casus, woning, "woning (in gebruik als dealpand)")
            self.deelnemer(casus, "politie", "wijkagent", "wijkagent")
            self.deelnemer(casus, "wijkteam-zuid", "wijkcoach", "begeleider wijkteam")
            self.deelnemer(casus, "corporatie", "partnerprofessional", "woonconsulent (nieuwe woning)")
            self.deelnemer(casus, "handhaving", "handhaver", "uitvoering sluiting")
            self.deelnemer(casus, "oov", rol="burgemeester (bevoegd gezag art. 13b)")
            self.verder(20)
            self.analyse(
                casus,
                "wonen",
                "De woning wordt door drie jonge mannen gebruikt als dealpand; zij hebben de sleutel en bepalen wie "
                "binnenkomt. De voordeur is twee keer ingetrapt. Beide vrouwen willen in de buurt blijven wonen.",
            )
            self.analyse(
                casus,
                "gezondheid-zorg",
                "Beiden hebben een licht verstandelijke beperking en geen begeleiding. Petra heeft angstklachten.",
            )
            self.analyse(
                casus,
                "justitie-veiligheid",
                "Slachtoffers van criminele uitbuiting. De politie vond 120 gram cocaïne en 2.800 euro contant; de "
                "burgemeester overweegt sluiting op grond van art. 13b Opiumwet.",
            )
            self.analyse(
                casus,
                "financien",
                "Beiden hebben een Wajong-uitkering; de mannen namen hun bankpassen af.",
            )
            self.analyse(
                casus,
                "sociaal-netwerk",
                "Kleine kring: de moeder van Anja woont in de Molenwijk. De buren zijn boos over de overlast.",
            )
            self.verder(10)
            self.doel(
                "vrouwen.veilig", casus, "justitie-veiligheid", "Anja en Petra zijn veilig en vrij van de uitbuiters"
            )
            self.doel("vrouwen.wonen", casus, "wonen", "Een nieuwe woning in de eigen buurt")
            self.doel("vrouwen.zorg", casus, "gezondheid-zorg", "Passende begeleiding met een Wmo-indicatie")
            self.verder(10)
            self.actie(
                "vrouwen.politie",
                casus,
                "doorzetten-politie-om",
                "politie",
                "wijkagent",
                self.datum(self.moment, 35),
                "vrouwen.veilig",
                "Onderzoek naar de drie mannen; Anja en Petra horen als slachtoffer.",
            )

        @self.op(self.na(casus, 30))
        def politie():
            self.bijwerken(
                "vrouwen.politie",
                Interventie.Status.AFGEROND,
                "Drie mannen geïdentificeerd, twee aangehouden; de zaak ligt bij het OM. Anja en Petra zijn als "
                "slachtoffer gehoord.",
            )

        @self.op(self.na(casus, 17))
        def sluiting_gestart():
            if "vrouwen.sluiting" in self.ref:
                self.bijwerken("vrouwen.sluiting", Interventie.Status.LOPEND, "Besluit van de burgemeester verstuurd.")
                self.bijwerken("vrouwen.tijdelijk", Interventie.Status.LOPEND)

        @self.op(self.na(casus, 24))
        def verhuisd():
            if "vrouwen.tijdelijk" in self.ref:
                self.bijwerken(
                    "vrouwen.tijdelijk",
                    Interventie.Status.AFGEROND,
                    "Anja en Petra wonen sinds deze week in een tijdelijke woning twee straten verder.",
                )
                self.actie(
                    "vrouwen.wmo",
                    casus,
                    "wmo-voorziening",
                    "wijkteam-zuid",
                    "wijkcoach",
                    self.datum(self.moment, 42),
                    "vrouwen.zorg",
                    "Wmo-indicatie voor ambulante begeleiding aanvragen (acht uur per week).",
                )
                self.actie(
                    "vrouwen.begeleiding",
                    casus,
                    "wijkteam",
                    "wijkteam-zuid",
                    "wijkcoach",
                    self.dag(40),
                    "vrouwen.zorg",
                    "Extra begeleiding door het wijkteam: wekelijks huisbezoek, hulp bij geldzaken en contact met de "
                    "nieuwe buren.",
                )

        @self.op(self.na(casus, 29))
        def gesloten():
            if "vrouwen.sluiting" in self.ref:
                self.bijwerken(
                    "vrouwen.sluiting",
                    Interventie.Status.AFGEROND,
                    "Woning op last van de burgemeester voor drie maanden gesloten. Anja en Petra waren op dat moment "
                    "al verhuisd; de nazorg loopt via het wijkteam.",
                )
                self.bijwerken("vrouwen.begeleiding", Interventie.Status.LOPEND, "Eerste huisbezoek gedaan.")

        @self.op(self.na(casus, 58))
        def indicatie():
            if "vrouwen.wmo" in self.ref:
                self.bijwerken(
                    "vrouwen.wmo", Interventie.Status.AFGEROND, "Indicatie afgegeven voor een jaar, acht uur per week."
                )
                self.actie(
                    "vrouwen.dagbesteding",
                    casus,
                    "dagbesteding",
                    "wijkteam-zuid",
                    "wijkcoach",
                    self.dag(-60),
                    "vrouwen.zorg",
                    "Dagbesteding voor Petra bij de zorgboerderij.",
                )
                self.actie(
                    "vrouwen.vast",
                    casus,
                    "huisvesting",
                    "corporatie",
                    "partnerprofessional",
                    self.dag(-40),
                    "vrouwen.wonen",
                    "Een vaste woning in het Zuiderpark, met begeleidingsafspraken in het huurcontract.",
                )

        @self.op(self.geleden(70, 11))
        def dagbesteding_gestopt():
            if "vrouwen.dagbesteding" in self.ref:
                self.bijwerken(
                    "vrouwen.dagbesteding",
                    Interventie.Status.GESTOPT,
                    "Petra stopte na drie weken: de reistijd en de grote groep pasten niet. Het wijkteam zoekt een "
                    "plek dichter bij huis.",
                )

        @self.op(self.geleden(55, 14))
        def vaste_woning():
            if "vrouwen.vast" in self.ref:
                self.bijwerken(
                    "vrouwen.vast",
                    Interventie.Status.AFGEROND,
                    "Huurcontract getekend voor een vaste woning in het Zuiderpark, met begeleidingsafspraken.",
                )

        @self.op(self.geleden(50, 10))
        def blijven():
            self.afspraak(
                casus,
                "Anja en Petra blijven in het Zuiderpark wonen. Het wijkteam bezoekt hen wekelijks en de wijkagent "
                "houdt de nieuwe woning in de gaten.",
            )

    # --- The cannabis attic: huishouden, closed and then a relapse signal ---------------------------------------------

    def _willems_schuldhulp(self, casus):
        marco, debbie, woning = self.subject("p", "marco"), self.subject("p", "debbie"), self.subject("a", "willems")

        @self.op(self.na(casus, 0.1))
        def opzet():
            self.betrokkene(
                casus,
                marco,
                "vader en huurder",
                dader=True,
                slachtoffer=True,
                problematiek="Liet 'een kennis' de zolder gebruiken om een schuld af te lossen en zegt niet te kunnen "
                "stoppen: dader en slachtoffer.",
            )
            self.betrokkene(
                casus,
                debbie,
                "moeder",
                problematiek="Werkt parttime in de thuiszorg; wist van de zolder maar durfde niets te zeggen.",
            )
            self.betrokkene(casus, woning, "woning (hennepkwekerij op zolder)")
            self.deelnemer(casus, "schuldhulp", "schuldhulpverlener", "schuldhulpverlener")
            self.deelnemer(casus, "politie", "wijkagent", "wijkagent")
            self.deelnemer(casus, "wijkteam-zuid", "wijkcoach", "gezinscoach")
            self.deelnemer(casus, "corporatie", "partnerprofessional", "woonconsulent")
            self.deelnemer(casus, "handhaving", "handhaver", "handhaving 13b")
            self.verder(20)
            self.analyse(
                casus,
                "financien",
                "Schuld van ruim 38.000 euro, waarvan een deel aan 'de kennis'. Energieachterstand 640 euro.",
            )
            self.analyse(
                casus,
                "wonen",
                "Huurwoning van Zuiderveen Wonen; hennepkwekerij op zolder met een illegale aansluiting. Brandgevaar.",
            )
            self.analyse(
                casus,
                "opvoeding-ontwikkeling",
                "Twee kinderen van 8 en 10 jaar; school ziet geen problemen, wel spanning thuis.",
            )
            self.analyse(
                casus,
                "justitie-veiligheid",
                "Schuld aan criminelen: de kwekerij dient om die af te lossen. Marco voelt zich bedreigd.",
            )
            self.verder(10)
            self.doel("willems.kwekerij", casus, "justitie-veiligheid", "Kwekerij geruimd en geen nieuwe teelt")
            self.doel(
                "willems.schuld", casus, "financien", "Schuld aan criminelen doorbroken en een schuldregeling gestart"
            )
            self.doel(
                "willems.kinderen",
                casus,
                "opvoeding-ontwikkeling",
                "De kinderen zijn veilig en in beeld bij school en wijkteam",
            )
            self.verder(10)
            self.actie(
                "willems.politie",
                casus,
                "doorzetten-politie-om",
                "politie",
                "wijkagent",
                self.datum(self.moment, 14),
                "willems.kwekerij",
                "Ruiming van de kwekerij en onderzoek naar 'de kennis' die de zolder gebruikt.",
            )
            self.actie(
                "willems.sluiting",
                casus,
                "sluiting-13b",
                "handhaving",
                "handhaver",
                self.datum(self.moment, 21),
                "willems.kwekerij",
                "Sluiting van de woning (art. 13b Opiumwet) overwegen na de ruiming.",
                impact="Gezin met twee kinderen van 8 en 10 verliest de woning; dakloosheid dreigt en de kinderen "
                "moeten mogelijk van school wisselen.",
                opvang="Wijkteam Zuiderveen-Zuid en Zuiderveen Wonen; bij sluiting tijdelijke opvang via de gemeente.",
            )
            self.actie(
                "willems.schuldhulp",
                casus,
                "schuldhulpverlening",
                "schuldhulp",
                "schuldhulpverlener",
                self.dag(-10),
                "willems.schuld",
                "Alle schulden in kaart en een minnelijke schuldregeling aanvragen.",
            )
            self.actie(
                "willems.wijkteam",
                casus,
                "wijkteam",
                "wijkteam-zuid",
                "wijkcoach",
                self.dag(-12),
                "willems.kinderen",
                "Gezinscoaching; contact met de school van de kinderen.",
            )
            self.actie(
                "willems.huurcontract",
                casus,
                "gesprek",
                "corporatie",
                "partnerprofessional",
                self.datum(self.moment, 14),
                "willems.kwekerij",
                "Gesprek over het huurcontract: waarschuwing in plaats van ontbinding als het gezin meewerkt.",
            )

        @self.op(self.na(casus, 3))
        def gestart():
            self.bijwerken("willems.schuldhulp", Interventie.Status.LOPEND)
            self.bijwerken("willems.wijkteam", Interventie.Status.LOPEND)

        @self.op(self.na(casus, 6))
        def geruimd():
            self.bijwerken(
                "willems.politie",
                Interventie.Status.AFGEROND,
                "Kwekerij (312 planten) geruimd; 'de kennis' is aangehouden. De netbeheerder heeft de illegale "
                "aansluiting verwijderd.",
            )

        @self.op(self.na(casus, 9))
        def geen_sluiting():
            self.bijwerken(
                "willems.sluiting",
                Interventie.Status.GESTOPT,
                "De burgemeester ziet af van sluiting: de kwekerij is geruimd, het gezin werkt mee en sluiting zou "
                "vooral de kinderen treffen. Bestuurlijke waarschuwing gegeven.",
                door=casus.regisseur,
            )

        @self.op(self.na(casus, 12))
        def huurcontract():
            self.bijwerken(
                "willems.huurcontract",
                Interventie.Status.AFGEROND,
                "Laatste waarschuwing vastgelegd; het huurcontract blijft.",
            )

        @self.op(self.geleden(28, 11))
        def verzoek():
            self.verzoek(casus, "regisseur2", "Afschalen bespreken: de kwekerij is weg en de schuldregeling loopt.")

        @self.op(self.geleden(19, 15))
        def kinderen():
            self.bijwerken(
                "willems.wijkteam",
                Interventie.Status.AFGEROND,
                "De kinderen zijn goed in beeld op school; de ouders hebben een vast contactpersoon in het wijkteam.",
            )

        @self.op(self.geleden(17, 10))
        def schuldregeling():
            self.bijwerken(
                "willems.schuldhulp",
                Interventie.Status.AFGEROND,
                "Schulden (38.400 euro) volledig in kaart; minnelijke schuldregeling aangevraagd. De begeleiding loopt "
                "verder in de reguliere schuldhulp.",
            )

        @self.op(self.geleden(13, 14))
        def sluiten():
            self.sluiten(
                casus,
                {
                    "willems.kwekerij": Doel.Resultaat.BEHAALD,
                    "willems.schuld": Doel.Resultaat.DEELS,
                    "willems.kinderen": Doel.Resultaat.BEHAALD,
                },
                Casus.Sluitreden.AFGESCHAALD,
                "De kwekerij is geruimd en het gezin werkt mee aan een schuldregeling; de kinderen zijn goed in beeld. "
                "Afgeschaald naar de reguliere schuldhulp en het wijkteam. De schuld aan 'de kennis' is nog niet "
                "helemaal van tafel: nieuwe signalen over het adres komen als mogelijke terugval bij de regisseur.",
            )

    # --- Labour migrants: groepsgericht, handed over to the RIEC ------------------------------------------------------

    def _migranten_ggd(self, casus):
        piotr, marek, andrei = self.subject("p", "piotr"), self.subject("p", "marek"), self.subject("p", "andrei")
        lammers, pand = self.subject("p", "lammers"), self.subject("a", "migranten")
        flexwerk = self.subject("r", "flexwerk")
        self.extra_subjects |= {("persoon", marek.pk), ("persoon", andrei.pk), ("persoon", lammers.pk)}

        @self.op(self.na(casus, 0.05))
        def opzet():
            self.betrokkene(
                casus,
                piotr,
                "groepslid (arbeidsmigrant, bewoner)",
                slachtoffer=True,
                problematiek="Wond opgelopen in de vleesverwerking; durft niet naar de huisarts. Paspoort ingehouden, "
                "95 euro per week ingehouden voor een matras.",
            )
            self.betrokkene(casus, marek, "groepslid (arbeidsmigrant, bewoner)", slachtoffer=True)
            self.betrokkene(casus, andrei, "groepslid (arbeidsmigrant, bewoner)", slachtoffer=True)
            self.betrokkene(casus, pand, "pand: negen bewoners in een eengezinswoning")
            self.betrokkene(casus, flexwerk, "werkgever en verhuurder", dader=True)
            self.betrokkene(casus, lammers, "bestuurder Flexwerk Oost B.V.", dader=True)
            self.deelnemer(casus, "ggd", rol="zorg en voorlichting")
            self.deelnemer(casus, "handhaving", "handhaver", "handhaving (overbewoning)")
            self.deelnemer(casus, "politie", "wijkagent", "wijkagent")
            self.deelnemer(casus, "riec", rol="RIEC (werkgeversaanpak)")
            self.deelnemer(casus, "corporatie", "partnerprofessional", "noodopvang")
            self.verder(15)
            self.analyse(
                casus,
                "wonen",
                "Negen mannen in een eengezinswoning met twee slaapkamers; matrassen in de woonkamer en op zolder. "
                "Werk en woning komen van dezelfde werkgever.",
            )
            self.analyse(
                casus,
                "werk-dagbesteding",
                "Werk via Flexwerk Oost B.V. in de vleesverwerking; ophalen om 5.30 uur; inhoudingen op het loon.",
            )
            self.analyse(
                casus,
                "gezondheid-zorg",
                "Piotr heeft een ontstoken snijwond. De bewoners durven niet naar de huisarts, uit angst voor "
                "loonverlies.",
            )
            self.analyse(
                casus,
                "justitie-veiligheid",
                "Paspoorten ingehouden door de werkgever: signaal van arbeidsuitbuiting en mogelijk mensenhandel.",
            )
            self.verder(10)
            self.doel("migranten.wonen", casus, "wonen", "De bewoners zijn veilig en fatsoenlijk gehuisvest")
            self.doel(
                "migranten.papieren",
                casus,
                "werk-dagbesteding",
                "De bewoners hebben hun eigen paspoort en loon zonder onrechtmatige inhoudingen",
            )
            self.doel("migranten.werkgever", casus, "justitie-veiligheid", "De werkgever is aangepakt")
            self.verder(5)
            self.actie(
                "migranten.ggd",
                casus,
                "gesprek",
                "ggd",
                None,
                self.datum(self.moment, 10),
                "migranten.papieren",
                "Spreekuur op locatie: zorg voor Piotr en voorlichting over rechten, in het Pools en Roemeens.",
            )
            self.actie(
                "migranten.politie",
                casus,
                "doorzetten-politie-om",
                "politie",
                "wijkagent",
                self.datum(self.moment, 21),
                "migranten.werkgever",
                "Signalen van mensenhandel (ingehouden paspoorten) naar de politie (AVIM) en het RIEC.",
            )

        @self.op(self.na(casus, 2))
        def gestart():
            if "migranten.last" in self.ref:
                self.bijwerken("migranten.last", Interventie.Status.LOPEND, "Voornemen tot last verstuurd.")

        @self.op(self.na(casus, 7))
        def ggd():
            self.bijwerken(
                "migranten.ggd",
                Interventie.Status.AFGEROND,
                "Piotr is behandeld; twaalf bewoners zijn voorgelicht door FairWork.",
            )

        @self.op(self.na(casus, 11))
        def opvang():
            if "migranten.opvang" in self.ref:
                self.bijwerken(
                    "migranten.opvang",
                    Interventie.Status.AFGEROND,
                    "Vijf mannen tijdelijk in een pension aan de Kanaalweg; twee kozen voor terugkeer naar Polen.",
                )

        @self.op(self.na(casus, 15))
        def politie():
            self.bijwerken(
                "migranten.politie",
                Interventie.Status.AFGEROND,
                "AVIM heeft twee paspoorten teruggehaald; het RIEC neemt de aanpak van Flexwerk Oost B.V. over.",
            )

        @self.op(self.na(casus, 19))
        def last():
            if "migranten.last" in self.ref:
                self.bijwerken(
                    "migranten.last",
                    Interventie.Status.AFGEROND,
                    "Last opgelegd; binnen de termijn wonen er nog vier bewoners. De dwangsom is niet verbeurd.",
                )

        @self.op(min(self.na(casus, 22), self.geleden(5, 15)))
        def sluiten():
            self.sluiten(
                casus,
                {
                    "migranten.wonen": Doel.Resultaat.BEHAALD,
                    "migranten.papieren": Doel.Resultaat.DEELS,
                    "migranten.werkgever": Doel.Resultaat.NIET,
                },
                Casus.Sluitreden.OVERGEDRAGEN,
                "Overgedragen aan het RIEC Oost-Nederland en de Nederlandse Arbeidsinspectie, die de werkgever "
                "aanpakken. De bewoners wonen veilig; twee paspoorten zijn terug, de andere nog niet. De zorg voor de "
                "bewoners loopt via de GGD.",
            )

    # --- Brought in directly by the Zorg- en Veiligheidshuis; ended ("beëindigd") -----------------------------------

    def _zvh_nazorg(self):
        tenant = self.zv
        regisseur = tenant.users["regisseur"]
        # Opened and ended within this year: the service numbers a case by the year it is opened in.
        start = max(self.geleden(75, 11), self._office(timezone.localtime(self.now).replace(month=1, day=3, hour=11)))
        start = self._clamp(start)
        end = start + min(dt.timedelta(days=32), (self.now - start) * 0.6)

        def at(fraction: float) -> dt.datetime:
            return start + (end - start) * fraction

        @self.op(start)
        def openen():
            jordy = self.builder._subject(tenant, tenant.cast_personen["jordy"])
            buurt = next(buurt for buurt in tenant.buurten if buurt.naam == "Vlinderbuurt")
            casus = open_casus(
                regisseur,
                "Nazorg na detentie: terugkeer in de Vlinderbuurt",
                Aanpak.PERSOONSGERICHT,
                "Jordy K. (24) komt over twee weken vrij na een straf voor drugshandel. Hij keert terug naar de "
                "Vlinderbuurt, heeft ruim 9.000 euro schuld en geen woning. Zijn oude groep heeft hem in de gevangenis "
                "al benaderd. De ZVH vraagt de gemeente de regie op de terugkeer te nemen.",
                herkomst="Zorg- en Veiligheidshuis Regio Zuid (nazorg na detentie)",
                buurt=buurt,
            )
            self.casussen["zvh-nazorg"] = casus
            self.verder(20)
            self.betrokkene(
                casus,
                jordy,
                "hoofdpersoon (ex-gedetineerde)",
                dader=True,
                problematiek="Veroordeeld voor drugshandel; schulden van ruim 9.000 euro; geen woning en geen werk.",
            )
            self.deelnemer(casus, "zvh", rol="inbrenger (nazorg)")
            self.deelnemer(casus, "reclassering", rol="toezicht bijzondere voorwaarden")
            self.deelnemer(casus, "schuldhulp", "schuldhulpverlener", "schuldhulpverlener")
            self.analyse(casus, "wonen", "Geen woning na de vrijlating; kan tijdelijk bij een oom in de Vlinderbuurt.")
            self.analyse(
                casus,
                "justitie-veiligheid",
                "Bijzondere voorwaarden: meldplicht bij de reclassering en een contactverbod met twee oud-groepsleden.",
            )
            self.doel("zvh.wonen", casus, "wonen", "Een stabiele woonplek en inkomen na de vrijlating")
            self.doel("zvh.terugval", casus, "justitie-veiligheid", "Geen terugval in de drugshandel")
            self.actie(
                "zvh.schuldhulp",
                casus,
                "schuldhulpverlening",
                "schuldhulp",
                "schuldhulpverlener",
                self.datum(start, 30),
                "zvh.wonen",
                "Intake schuldhulp in de eerste week na de vrijlating.",
            )
            self.actie(
                "zvh.reclassering",
                casus,
                "gesprek",
                "reclassering",
                None,
                self.datum(start, 40),
                "zvh.terugval",
                "Toezichtgesprekken van de reclassering; terugkoppeling over het contactverbod.",
            )

        @self.op(at(0.35))
        def gestart():
            self.bijwerken("zvh.reclassering", Interventie.Status.LOPEND, "Eerste meldgesprek gevoerd.")

        @self.op(at(0.8))
        def gestopt():
            self.bijwerken(
                "zvh.schuldhulp",
                Interventie.Status.GESTOPT,
                "Jordy kwam twee keer niet op de intake en zegt het zelf te regelen.",
            )
            self.bijwerken(
                "zvh.reclassering",
                Interventie.Status.AFGEROND,
                "Jordy houdt zich aan de meldplicht; het toezicht loopt door binnen de reclassering.",
            )

        @self.op(end)
        def beeindigen():
            self.sluiten(
                self.casussen["zvh-nazorg"],
                {"zvh.wonen": Doel.Resultaat.NIET, "zvh.terugval": Doel.Resultaat.DEELS},
                Casus.Sluitreden.BEEINDIGD,
                "Jordy wil na twee gesprekken geen hulp van de gemeente en woont bij een vriend. Zonder medewerking en "
                "zonder nieuwe signalen is er geen grond voor een verdere aanpak; de casus is beëindigd. Het toezicht "
                "loopt via de reclassering; nieuwe signalen leiden tot een nieuwe weging.",
            )

    # --- The other cases: a light plan --------------------------------------------------------------------------------

    def _plan_light(self) -> None:
        zv_light = [casus for tenant, casus, _f in self.licht if tenant is self.zv]
        # One older open case of the regisseur is forgotten on every agenda, so it stalls.
        candidates = [
            casus
            for casus in zv_light
            if self.now - dt.timedelta(days=190) < casus.geopend_op < self.now - dt.timedelta(days=110)
        ]
        # Not one that new signals come in about: they land on the case, and that is activity.
        candidates = [casus for casus in candidates if not self._later_signals(casus).exists()]
        mine = [casus for casus in candidates if casus.regisseur.username == "regisseur"]
        self.vergeten = (mine or candidates or [None])[-1]
        for tenant, casus, fenomeen in self.licht:
            self._light(tenant, casus, fenomeen)

    def _later_signals(self, casus):
        betrokkenen = casus.betrokkenen.all()
        condition = (
            Q(personen__in=betrokkenen.exclude(persoon=None).values("persoon"))
            | Q(adressen__in=betrokkenen.exclude(adres=None).values("adres"))
            | Q(rechtspersonen__in=betrokkenen.exclude(rechtspersoon=None).values("rechtspersoon"))
        )
        return Signaal.objects.filter(gemeente=casus.gemeente, ontvangen_op__gt=casus.geopend_op).filter(condition)

    def _light(self, tenant, casus, fenomeen: str) -> None:
        rng = self.rng
        plan = LICHT.get(fenomeen, LICHT["criminele-uitbuiting"])
        opened = timezone.localtime(casus.geopend_op)
        age = (self.now - casus.geopend_op).days
        forgotten = casus == self.vergeten
        close = age > 200 and rng.random() < 0.85
        reden = None
        if close:
            reden = rng.choices(
                [Casus.Sluitreden.AFGESCHAALD, Casus.Sluitreden.OVERGEDRAGEN, Casus.Sluitreden.BEEINDIGD], [5, 2, 2]
            )[0]
        first, second = plan.acties
        key = f"licht.{casus.pk}"
        deadline1 = opened.date() + dt.timedelta(days=rng.randint(28, 56))
        if not close and age <= 60:
            deadline1 = max(deadline1, self.dag(rng.randint(5, 30)))
        owner1 = self.partners[tenant.gemeente.pk].get(first.organisatie)
        owner2 = self.partners[tenant.gemeente.pk].get(second.organisatie)
        person = casus.betrokkenen.filter(persoon__isnull=False).select_related("persoon").first()

        @self.op(self.na(casus, 0.08))
        def opzet():
            if person is not None and ROL_HOOFDPERSOON[casus.aanpak]:
                update_betrokkene(casus.regisseur, person, ROL_HOOFDPERSOON[casus.aanpak], False, False, "")
            self.analyse(casus, plan.leefgebied, plan.analyse)
            self.doel(key + ".doel", casus, plan.leefgebied, plan.doel)
            self._light_actie(key + ".1", casus, first, owner1, deadline1)

        started = self.na(casus, rng.uniform(2, 5))
        if started < self.now - dt.timedelta(days=1):
            self.op(started)(lambda: self.bijwerken(key + ".1", Interventie.Status.LOPEND, first.tussenstand))
        if age <= 60:
            if age > 14:
                self._recent(tenant, casus, key + ".1", started)
            return
        done = self._office(timezone.localtime(self.moment_of(deadline1)) - dt.timedelta(days=rng.randint(2, 6)))
        done = max(done, started + dt.timedelta(days=1))
        stopped = rng.random() < 0.15
        if close:
            deadline2 = done.date() + dt.timedelta(days=rng.randint(28, 49))
        elif not forgotten and rng.random() < 0.2:
            deadline2 = self.dag(-rng.randint(2, 8))  # a little overdue: a reminder, no escalation yet
        else:
            deadline2 = self.dag(rng.randint(7, 60))

        @self.op(done)
        def eerste_klaar():
            if stopped:
                self.bijwerken(key + ".1", Interventie.Status.GESTOPT, first.gestopt)
            else:
                self.bijwerken(key + ".1", Interventie.Status.AFGEROND, first.afgerond)
            self.verder(45)
            self._light_actie(key + ".2", casus, second, owner2, deadline2)

        second_started = done + dt.timedelta(days=rng.randint(2, 5))
        keep_planned = not close and not forgotten and rng.random() < 0.3
        if not keep_planned and second_started < self.now - dt.timedelta(days=1):
            self.op(self._office(second_started))(
                lambda: self.bijwerken(key + ".2", Interventie.Status.LOPEND, second.tussenstand)
            )
        if close:
            finished = timezone.localtime(self.moment_of(deadline2)) - dt.timedelta(days=rng.randint(1, 5))
            finished = self._office(finished)
            finished = max(finished, second_started + dt.timedelta(days=1))
            closing = self._office(finished + dt.timedelta(days=rng.randint(2, 9)))
            uitkomst = {
                Casus.Sluitreden.AFGESCHAALD: Doel.Resultaat.BEHAALD,
                Casus.Sluitreden.OVERGEDRAGEN: Doel.Resultaat.DEELS,
                Casus.Sluitreden.BEEINDIGD: rng.choice([Doel.Resultaat.NIET, Doel.Resultaat.DEELS]),
            }[reden]
            evaluatie = rng.choice(EVALUATIE[reden])

            @self.op(finished)
            def tweede_klaar():
                if reden == Casus.Sluitreden.BEEINDIGD:
                    self.bijwerken(key + ".2", Interventie.Status.GESTOPT, second.gestopt)
                else:
                    self.bijwerken(key + ".2", Interventie.Status.AFGEROND, second.afgerond)

            @self.op(closing)
            def sluiten():
                self.sluiten(casus, {key + ".doel": uitkomst}, reden, evaluatie)

            return
        if forgotten:
            # The last word on the case, some seven weeks ago; since then nobody looked at it.
            moment = max(self.geleden(rng.randint(45, 55), rng.randint(9, 16)), second_started + dt.timedelta(days=1))
            text = rng.choice(TUSSENSTAND)
            self.op(moment)(lambda: self.bijwerken(key + ".2", Interventie.Status.LOPEND, text))
            return
        self._recent(tenant, casus, None if keep_planned else key + ".2", second_started)

    def _recent(self, tenant, casus, key: str | None, after: dt.datetime) -> None:
        """Activity in the last weeks, so the case does not stall: the owner reports on the open action (or the
        regisseur records an agreement). Without a monthly casusoverleg (the second gemeente) also a month ago."""
        rng = self.rng
        windows = [(3, 11)] if tenant is self.zv else [(14, 25), (3, 11)]
        for low, high in windows:
            moment = self._clamp(max(self.geleden(rng.randint(low, high), rng.randint(9, 16)), after))
            if key is None:
                text = rng.choice(AFSPRAAK_RECENT)
                self.op(moment)(lambda text=text: self.afspraak(casus, text))
            else:
                text = rng.choice(TUSSENSTAND)
                self.op(moment)(lambda text=text: self.bijwerken(key, Interventie.Status.LOPEND, text))
            after = moment + dt.timedelta(days=1)

    def _light_actie(self, key, casus, actie: LichteActie, owner, deadline):
        tenant = self.tenant_of(casus)
        invoer = InterventieInvoer(
            soort=actie.soort,
            eigenaar_organisatie=str(tenant.organisaties[actie.organisatie].pk),
            deadline=deadline,
            doel=str(self.ref[f"licht.{casus.pk}.doel"].pk),
            eigenaar=str(owner.pk) if owner else None,
            omschrijving=actie.omschrijving,
            impact_huishouden=actie.impact,
            opvang_gevolgen=actie.opvang,
        )
        self.delen(casus, tenant.organisaties[actie.organisatie])
        self.ref[key] = add_interventie(casus.regisseur, casus, invoer)

    def moment_of(self, day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))

    # --- Meetings -----------------------------------------------------------------------------------------------------

    def _meetings(self) -> None:
        zv = self.zv
        casussen = self.casussen
        regie = ["regisseur2", "aandachtsfunctionaris"]
        light_zv = [casus for tenant, casus, _f in self.licht if tenant is zv]

        # The handhavingstafel that advised the mayor to close the women's home.
        if "vrouwen-wijkteam" in casussen:
            vrouwen = casussen["vrouwen-wijkteam"]
            datum = self.na(vrouwen, 14, uur=14)

            @self.op(datum - dt.timedelta(days=6))
            def plan_hht():
                self.overleg(
                    "hht",
                    "aandachtsfunctionaris",
                    Overleg.Soort.HANDHAVINGSTAFEL,
                    f"Handhavingstafel {timezone.localtime(datum):%d-%m-%Y}",
                    datum,
                    ["regisseur", "ondermijningsteam", "handhaver", "wijkagent", "wijkcoach", "partnerprofessional"],
                )

            @self.op(datum + dt.timedelta(minutes=40))
            def hht():
                punt = add_agendapunt(self.ref["hht"].voorzitter, self.ref["hht"], vrouwen, Agendapunt.Reden.NIEUW)
                self.notulen(
                    punt,
                    "Politie licht de doorzoeking toe: 120 gram cocaïne en 2.800 euro contant; de bewoonsters werden "
                    "gedwongen. Advies aan de burgemeester: sluiting voor drie maanden op grond van art. 13b Opiumwet. "
                    "Het wijkteam wijst erop dat Anja en Petra zonder opvang terug in handen van de mannen kunnen "
                    "vallen; zij willen in de buurt blijven.",
                    "De burgemeester sluit de woning voor drie maanden. Vóór de sluiting hebben Anja en Petra een "
                    "tijdelijke woning in de buurt en begeleiding van het wijkteam. De politie zet het onderzoek naar "
                    "de mannen voort.",
                    [
                        (
                            "vrouwen.sluiting",
                            self.invoer(
                                vrouwen,
                                "sluiting-13b",
                                "handhaving",
                                "handhaver",
                                self.datum(datum, 21),
                                "vrouwen.veilig",
                                "Sluiting van de woning voor drie maanden op last van de burgemeester (art. 13b "
                                "Opiumwet).",
                                impact="Anja en Petra verliezen tijdelijk hun woning. Zonder opvang dreigen "
                                "dakloosheid en terugkeer naar de uitbuiters. De sluiting is gericht tegen het gebruik "
                                "als dealpand, niet tegen de bewoonsters.",
                                opvang="Wijkteam Zuiderveen-Zuid (wijkcoach) en Zuiderveen Wonen: een tijdelijke "
                                "woning in de buurt en begeleiding vanaf de dag van de sluiting.",
                            ),
                        ),
                        (
                            "vrouwen.tijdelijk",
                            self.invoer(
                                vrouwen,
                                "huisvesting",
                                "corporatie",
                                "partnerprofessional",
                                self.datum(datum, 14),
                                "vrouwen.wonen",
                                "Tijdelijke woning in het Zuiderpark, beschikbaar vóór de sluiting.",
                            ),
                        ),
                    ],
                )

        # The signaaloverleg in which the labour migrants' case was taken up.
        if "migranten-ggd" in casussen:
            migranten = casussen["migranten-ggd"]
            opened = migranten.geopend_op

            @self.op(opened - dt.timedelta(days=6))
            def plan_so():
                self.overleg(
                    "so",
                    "regisseur",
                    Overleg.Soort.SIGNAALOVERLEG,
                    f"Signaaloverleg {timezone.localtime(opened):%d-%m-%Y}",
                    opened - dt.timedelta(minutes=30),
                    ["regisseur2", "ondermijningsteam", "aandachtsfunctionaris", "privacyfunctionaris"],
                )

            @self.op(opened + dt.timedelta(hours=3))
            def so():
                overleg = self.ref["so"]
                punt = add_agendapunt(overleg.voorzitter, overleg, migranten, Agendapunt.Reden.NIEUW)
                self.notulen(
                    punt,
                    "Signaal van de GGD over een bewoner van het pand van Flexwerk Oost B.V., aansluitend op de "
                    "controle van handhaving: negen mannen in een eengezinswoning, paspoorten ingehouden. "
                    "Privacycheck 2B: gegevens worden gedeeld met politie, GGD en RIEC voor de groepsaanpak.",
                    "Groepsaanpak; regie bij de aandachtsfunctionaris mensenhandel. Handhaving legt een last op wegens "
                    "overbewoning; de corporatie regelt noodopvang voor wie weg wil.",
                    [
                        (
                            "migranten.last",
                            self.invoer(
                                migranten,
                                "last-onder-dwangsom",
                                "handhaving",
                                "handhaver",
                                self.datum(opened, 28),
                                "migranten.wonen",
                                "Last onder dwangsom wegens overbewoning (ten hoogste vier bewoners).",
                                impact="Vijf bewoners moeten het pand verlaten; het risico is dat zij met de werkgever "
                                "naar een ander pand verhuizen of op straat komen.",
                                opvang="Team Ondermijning met Zuiderveen Wonen en de GGD: noodopvang in een pension en "
                                "informatie in de eigen taal.",
                            ),
                        ),
                        (
                            "migranten.opvang",
                            self.invoer(
                                migranten,
                                "huisvesting",
                                "corporatie",
                                "partnerprofessional",
                                self.datum(opened, 14),
                                "migranten.wonen",
                                "Noodopvang voor de bewoners die weg willen.",
                            ),
                        ),
                    ],
                )
                for casus in light_zv:
                    if opened - dt.timedelta(days=7) < casus.geopend_op < opened and casus != self.vergeten:
                        self.verder(6)
                        punt = add_agendapunt(overleg.voorzitter, overleg, casus, Agendapunt.Reden.NIEUW)
                        self.notulen(
                            punt,
                            f"Nieuwe casus na de weging aanpak ({casus.get_aanpak_display().lower()}); regie bij "
                            f"{casus.regisseur.get_full_name()}.",
                            "Regisseur stelt het plan op met de betrokken partners.",
                        )

        # The monthly casusoverleg: every case that needs discussion, as the agenda would have been built that day.
        review = self.geleden(26, 13, 30)

        @self.op(review - dt.timedelta(days=8))
        def plan_co():
            self.overleg(
                "co",
                "regisseur",
                Overleg.Soort.CASUSOVERLEG,
                f"Casusoverleg {timezone.localtime(review):%d-%m-%Y}",
                review,
                regie
                + ["wijkagent", "wijkcoach", "schuldhulpverlener", "jongerenwerker", "zorgcoordinator"]
                + ["partnerprofessional", "klantmanager"],
            )

        for tenant, casus, _f in self.licht:
            if tenant is zv and casus.geopend_op < review - dt.timedelta(days=60) and casus != self.vergeten:
                self.op(self.geleden(self.rng.randint(27, 29), self.rng.randint(9, 16)))(
                    lambda casus=casus: self._request_progress(casus)
                )

        @self.op(review + dt.timedelta(minutes=5), settle=True)
        def co():
            overleg = self.ref["co"]
            rich = {casus.pk: key for key, casus in casussen.items()}
            candidates = [(casus, reden) for casus, reden in self._candidates(zv) if casus != self.vergeten]
            for casus, reden in candidates[:MAX_AGENDA]:
                self.verder(4)
                punt = add_agendapunt(overleg.voorzitter, overleg, casus, reden)
                key = rich.get(casus.pk)
                if key == "geldezel-17000":
                    self.notulen(
                        punt,
                        "Schuldhulp heeft de schulden in beeld (4.320 euro) en de bank heeft een basisbetaalrekening "
                        "geopend. De urgentieaanvraag bij Zuiderveen Wonen is nog niet ingediend: Dylan slaapt nog "
                        "steeds wisselend bij vrienden. De wijkagent heeft hem niet meer met de ronselaar gezien.",
                        "De woonconsulent dient de urgentieaanvraag deze week in. Schuldhulp bereidt de aanvraag "
                        "saneringskrediet voor.",
                        [
                            (
                                "dylan.sanering",
                                self.invoer(
                                    casus,
                                    "saneringskrediet",
                                    "schuldhulp",
                                    "schuldhulpverlener",
                                    self.dag(40),
                                    "dylan.schuld",
                                    "Aanvraag saneringskrediet bij de Kredietbank, zodat Dylan met één schuldeiser "
                                    "verder kan.",
                                ),
                            )
                        ],
                    )
                elif key == "bouali-wijkteam":
                    self.notulen(
                        punt,
                        "De wijkcoach meldt dat de aanvraag naschoolse dagbesteding vastzit op een wachtlijst. Mevrouw "
                        "houdt zich aan de betalingsregeling. Yassin traint bij de voetbalclub; het jongerenwerk ziet "
                        "hem niet meer bij de hangplek.",
                        "De regisseur belt de aanbieder over de wachtlijst; de wijkcoach zoekt een overbruggingsplek.",
                    )
                elif key == "ronselen-noah":
                    self.notulen(
                        punt,
                        "Nieuw signaal van het jongerenwerk: Damian bood bij de skatebaan twee jongens van dertien "
                        "geld om een tasje weg te brengen. Noah en Sem zijn weer volledig op school; Milan "
                        "verzuimt nog wisselend.",
                        "De wijkagent voert een stopgesprek met Damian. De informatie over het ronselen van "
                        "minderjarigen gaat naar de recherche.",
                        [
                            (
                                "groep.stopgesprek",
                                self.invoer(
                                    casus,
                                    "gesprek",
                                    "politie",
                                    "wijkagent",
                                    self.dag(-13),
                                    "groep.ronselen",
                                    "Stopgesprek met Damian Verhoeven.",
                                ),
                            ),
                            (
                                "groep.recherche",
                                self.invoer(
                                    casus,
                                    "doorzetten-politie-om",
                                    "politie",
                                    "wijkagent",
                                    self.dag(-6),
                                    "groep.ronselen",
                                    "Informatie over het ronselen van minderjarigen (Audi ZN-877-K) naar de recherche.",
                                ),
                            ),
                        ],
                    )
                elif key == "willems-schuldhulp":
                    self.notulen(
                        punt,
                        "Kwekerij geruimd en geen nieuwe signalen over het adres. De schuldregeling is bijna rond; de "
                        "kinderen zijn goed in beeld bij school en wijkteam.",
                        "De casus wordt afgeschaald naar de reguliere schuldhulp en het wijkteam zodra de laatste "
                        "acties zijn afgerond.",
                    )
                elif key == "hangplek-handhaving":
                    self.notulen(
                        punt,
                        "Gebiedsbespreking zonder namen. De bergingen zijn afgesloten en er is extra verlichting; het "
                        "aantal contacten bij de skatebaan is gedaald. Omwonenden melden nog overlast op vrijdag.",
                        "Boa-toezicht en jongerenwerk lopen door; de wijkagent rijdt op vrijdagavond extra langs.",
                    )
                elif key == "huurder-keuken":
                    self.notulen(
                        punt,
                        "Bibob-advies: ernstig gevaar; de burgemeester heeft de vergunning geweigerd. De "
                        "Belastingdienst onderzoekt het vermogen. Het huisbezoek woonfraude van de corporatie staat "
                        "nog open.",
                        "Werk & Inkomen bekijkt of een heronderzoek van de bijstand nodig is.",
                    )
                else:
                    self._light_minutes(punt, casus)

        # The triage of what came in since: new cases, and the new signal about the tenant.
        triage = self.geleden(16, 9, 30)

        @self.op(triage - dt.timedelta(days=5))
        def plan_tr():
            self.overleg(
                "tr",
                "regisseur",
                Overleg.Soort.TRIAGE,
                f"Triage {timezone.localtime(triage):%d-%m-%Y}",
                triage,
                ["regisseur2", "ondermijningsteam", "aandachtsfunctionaris", "klantmanager"],
            )

        @self.op(triage + dt.timedelta(minutes=5), settle=True)
        def tr():
            overleg = self.ref["tr"]
            ricardo = casussen.get("huurder-keuken")
            for casus, reden in self._candidates(zv):
                new_case = reden == Agendapunt.Reden.NIEUW and casus != self.vergeten
                if not (new_case or casus == ricardo):
                    continue
                self.verder(5)
                punt = add_agendapunt(overleg.voorzitter, overleg, casus, reden)
                if casus == ricardo:
                    self.notulen(
                        punt,
                        "Nieuw signaal van Werk & Inkomen: meneer kwam in de Range Rover naar het heronderzoek en gaf "
                        "opnieuw een jaarinkomen van 25.000 euro op. Dit past bij het eerdere Bibob-advies.",
                        "Werk & Inkomen start een heronderzoek van de bijstand. De corporatie plant het huisbezoek "
                        "woonfraude.",
                        [
                            (
                                "ricardo.heronderzoek",
                                self.invoer(
                                    casus,
                                    "gesprek",
                                    "werk-inkomen",
                                    "klantmanager",
                                    self.dag(14),
                                    "ricardo.uitkering",
                                    "Heronderzoek van het recht op bijstand, met terugvordering als het inkomen hoger "
                                    "blijkt.",
                                ),
                            )
                        ],
                    )
                else:
                    tenant_orgs = ", ".join(
                        sorted({d.organisatie.naam for d in casus.deelnemers.select_related("organisatie")})
                    )
                    self.notulen(
                        punt,
                        f"Casus getrieerd: aanpak {casus.get_aanpak_display().lower()} bevestigd. Betrokken partners: "
                        f"{tenant_orgs or 'nog te bepalen'}.",
                        "De regisseur stelt het plan op; bespreking in het volgende casusoverleg.",
                    )

    def _candidates(self, tenant) -> list:
        """The agenda as it would have been built at this moment: the protocol opened every case at once, so
        leave out the ones opened later."""
        return [
            (casus, reden)
            for casus, reden in agenda_candidates(tenant.gemeente, now=self.moment)
            if casus.geopend_op < self.moment
        ]

    def _request_progress(self, casus) -> None:
        if Casus.objects.filter(pk=casus.pk, status=Casus.Status.OPEN).exists():
            self.verzoek(casus, casus.regisseur.username, "Voortgang bespreken (periodieke bespreking).")

    def _light_minutes(self, punt, casus) -> None:
        acties = "; ".join(
            f"{interventie.soort.naam.lower()}: {interventie.get_status_display().lower()}"
            for interventie in casus.interventies.select_related("soort")
        )
        self.notulen(
            punt,
            f"Voortgang besproken ({acties or 'nog geen acties'}). {self.rng.choice(VOORTGANG)}",
            self.rng.choice(BESLUIT),
        )

    # --- Monitoring and escalation ------------------------------------------------------------------------------------

    def _monitoring(self) -> None:
        for dagen in (12, 1):
            moment = self.geleden(dagen, 7, werkdag=False)

            @self.op(moment, settle=True)
            def dagelijks(moment=moment):
                for tenant in self.builder.tenants:
                    monitoring.run_daily(tenant.gemeente, today=timezone.localtime(moment).date(), now=moment)

        @self.op(self.geleden(11, 10, 15))
        def opvolging():
            if "dylan.huisvesting" not in self.ref:
                return
            escalatie = Escalatie.objects.filter(interventie=self.ref["dylan.huisvesting"]).first()
            if escalatie is None:
                return
            monitoring.follow_up(
                self.zv.users["manager"],
                escalatie,
                "Gesproken met de teamleider verhuur van Zuiderveen Wonen: de aanvraag lag stil door ziekte van de "
                "woonconsulent. Urgentie is alsnog aangevraagd; de regisseur zet een nieuwe deadline.",
            )
            self.verder(30)
            self.bijwerken(
                "dylan.huisvesting",
                Interventie.Status.LOPEND,
                "Urgentieaanvraag ingediend na opschaling.",
                deadline=self.dag(9),
                door=self.casussen["geldezel-17000"].regisseur,
            )

    # --- Signals after the casework, and replayed links of signals to the cases that were open ------------------------

    def _deferred_signals(self) -> None:
        for plan in self.builder.plans:
            if plan.uitgesteld:

                @self.op(plan.ontvangen_op, settle=True)
                def melden(plan=plan):
                    plan.signaal = report_signaal(plan.principal, plan.invoer, ontvangen_op=plan.ontvangen_op)

                if plan.script_key == "willems-terugval":
                    # Collected for care (early warning of payment arrears): not linked to the closed case
                    # automatically. The regisseur weighs the use and links it as possible relapse.
                    @self.op(plan.ontvangen_op + dt.timedelta(hours=4))
                    def terugval_koppelen(plan=plan):
                        casus = Casus.objects.get(pk=self.casussen["willems-schuldhulp"].pk)
                        besluit = leg_besluit_vast(
                            casus.regisseur,
                            BesluitInvoer(
                                signaal=str(plan.signaal.pk),
                                casus=str(casus.pk),
                                conclusie=Verenigbaarheidsbesluit.Conclusie.VERENIGBAAR,
                                **TEKSTEN_TERUGVAL,
                            ),
                        )
                        Verenigbaarheidsbesluit.objects.filter(pk=besluit.pk).update(vastgelegd_op=self.moment)
                        koppel_signaal(casus.regisseur, casus, plan.signaal)

    def _link_replays(self) -> None:
        """The demo reports every signal before the protocol opens any case. A signal about a subject of a case that
        was already open when it came in would have landed on that case: link it at its moment of receipt."""
        openings = list(Casus.objects.values_list("geopend_op", flat=True))
        if not openings:
            return
        earliest = min(openings)
        known = set(self.extra_subjects)
        for persoon, adres, rechtspersoon in Betrokkene.objects.values_list("persoon", "adres", "rechtspersoon"):
            if persoon:
                known.add(("persoon", persoon))
            else:
                known.add(("adres", adres) if adres else ("rechtspersoon", rechtspersoon))
        subjects: dict = {}
        for field in ("personen", "adressen", "rechtspersonen"):
            through = getattr(Signaal, field).through
            column = {"personen": "persoon", "adressen": "adres", "rechtspersonen": "rechtspersoon"}[field]
            for signaal_id, subject_id in through.objects.values_list("signaal_id", f"{column}_id"):
                subjects.setdefault(signaal_id, set()).add((column, subject_id))
        for plan in self.builder.plans:
            if plan.signaal is None or plan.uitgesteld or plan.ontvangen_op <= earliest:
                continue
            if not subjects.get(plan.signaal.pk, set()) & known:
                continue

            @self.op(plan.ontvangen_op + dt.timedelta(minutes=1))
            def koppelen(signaal=plan.signaal, ontvangen_op=plan.ontvangen_op):
                condition = (
                    Q(betrokkenen__persoon__in=signaal.personen.all())
                    | Q(betrokkenen__adres__in=signaal.adressen.all())
                    | Q(betrokkenen__rechtspersoon__in=signaal.rechtspersonen.all())
                )
                cases = Casus.objects.filter(gemeente=signaal.gemeente).filter(condition)
                cases = cases.exclude(casus_signalen__signaal=signaal).distinct()
                # Only when every case it would land on existed then (the protocol opened them all at once).
                if cases and all(casus.geopend_op < ontvangen_op for casus in cases):
                    link_new_signaal(signaal)

    # --- Coming up ----------------------------------------------------------------------------------------------------

    def _date_2b_decisions(self) -> None:
        """The decisions privacy check 2B recorded carry the moment of that check (moved into the past)."""
        rows = [
            (pk, [moment])
            for pk, moment in DelingsBesluit.objects.filter(weging__isnull=False).values_list(
                "pk", "weging__vastgelegd_op"
            )
        ]
        _set_columns(DelingsBesluit, ["vastgelegd_op"], rows)

    def _delen_voorbeelden(self) -> None:
        """One withdrawn and one expired sharing decision, for the case page and the disclosures report."""
        tenant = self.zv
        # Organisations that do not take part in these cases otherwise, so no demo partner loses access.
        cases = list(Casus.objects.filter(gemeente=tenant.gemeente, status=Casus.Status.OPEN).order_by("nummer"))
        if len(cases) < 2:
            return
        ggd, school = tenant.organisaties["ggd"], tenant.organisaties["school"]
        eerste, tweede = cases[-1], cases[-2]
        self.bij(self.geleden(40))
        besluit = delen_services.record_delingsbesluit(
            eerste.regisseur,
            ontvanger=ggd,
            casus=eerste,
            categorieen=[Categorie.KOPGEGEVENS, Categorie.BETROKKENEN],
            omschrijving="Namen en geboortedata van de kinderen in het huishouden.",
            doel="Nagaan of de jeugdgezondheidszorg het gezin in beeld heeft.",
            grondslag=DEMO_DELEN_GRONDSLAG,
        )
        self.bij(self.geleden(12))
        delen_services.withdraw(
            eerste.regisseur, besluit, "De GGD heeft het gezin al in beeld; verder delen is niet nodig."
        )
        self.bij(self.geleden(60))
        verlopen = delen_services.record_delingsbesluit(
            tweede.regisseur,
            ontvanger=school,
            casus=tweede,
            categorieen=[Categorie.KOPGEGEVENS, Categorie.EIGEN_ACTIES],
            omschrijving="Het casusnummer en de actie voor de school (gesprek met de leerling).",
            doel="Eén gesprek met de leerling over verzuim.",
            grondslag=DEMO_DELEN_GRONDSLAG,
        )
        self.clock.settle()
        # Recorded with a validity that has since passed: the school no longer sees the case.
        DelingsBesluit.objects.filter(pk=verlopen.pk).update(geldig_tot=self.dag(-30))

    def _upcoming(self) -> None:
        """Two meetings ahead: a casusoverleg whose agenda is built now, and a handhavingstafel with requests."""
        local = timezone.localtime(self.now)
        thursday = local + dt.timedelta(days=(3 - local.weekday()) % 7 or 7)
        if (thursday - local).days < 2:
            thursday += dt.timedelta(days=7)
        tuesday = local + dt.timedelta(days=(1 - local.weekday()) % 7 or 7)
        if (tuesday - local).days < 8:
            tuesday += dt.timedelta(days=7)
        co = thursday.replace(hour=13, minute=30, second=0, microsecond=0)
        hht = tuesday.replace(hour=14, minute=0, second=0, microsecond=0)
        self.bij(self.geleden(3, 9))
        overleg = self.overleg(
            "co2",
            "regisseur",
            Overleg.Soort.CASUSOVERLEG,
            f"Casusoverleg {co:%d-%m-%Y}",
            co,
            ["regisseur2", "aandachtsfunctionaris", "wijkagent", "wijkcoach", "schuldhulpverlener"]
            + ["jongerenwerker", "zorgcoordinator", "partnerprofessional", "klantmanager"],
        )
        self.bij(self.geleden(2, 11))
        handhavingstafel = self.overleg(
            "hht2",
            "ondermijningsteam",
            Overleg.Soort.HANDHAVINGSTAFEL,
            f"Handhavingstafel {hht:%d-%m-%Y}",
            hht,
            ["regisseur", "regisseur2", "handhaver", "wijkagent", "partnerprofessional", "klantmanager"],
        )
        requests = (
            ("huurder-keuken", "partnerprofessional", "Huisbezoek woonfraude: bevindingen en het huurcontract."),
            ("hangplek-handhaving", "handhaver", "De handel verplaatst naar de Kerkstraat: nieuwe maatregel nodig?"),
        )
        for key, gebruiker, reden in requests:
            casus = self.casussen.get(key)
            if casus is not None and Casus.objects.filter(pk=casus.pk, status=Casus.Status.OPEN).exists():
                self.verder(20)
                self.verzoek(casus, gebruiker, reden)
                add_agendapunt(handhavingstafel.voorzitter, handhavingstafel, casus, Agendapunt.Reden.AANGEVRAAGD)
        self.bij(self.geleden(1, 16))
        build_agenda(overleg.voorzitter, overleg)
        self.clock.settle()
