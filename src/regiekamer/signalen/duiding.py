"""Guidance per indicator of the seed catalogue: what it means, how to check or enrich it, and the likely next step.

A gemeente starts with this text (``catalogue.seed_catalogue``, and migration 0008 for gemeenten that existed
before) and changes it per indicator in the beheer pages. It is shown with the indicator in the report form and in
weging 1. The text is Dutch: it is read by reporters and regisseurs, never by code.
"""

from typing import NamedTuple


class Duiding(NamedTuple):
    betekenis: str  # what the indicator means
    nagaan: str  # how to check or enrich it
    vervolg: str  # the likely next step


DUIDING: dict[str, Duiding] = {
    # Situationele en lokale verankering
    "verankering-woning": Duiding(
        "Het signaal speelt in of vanuit een pand in de gemeente; dat maakt het een lokale zaak.",
        "Controleer het adres in de BAG (gebruiksdoel) en wie er staat ingeschreven (BRP).",
        "Weeg of de gemeente bevoegd is (2A) en het eigen grondgebied betreft (2B).",
    ),
    "verankering-buurt": Duiding(
        "Bewoners merken de gevolgen: overlast, onveiligheid of verloedering.",
        "Vraag wijkagent en woningcorporatie naar eerdere meldingen over dezelfde plek.",
        "Neem het mee in het gebiedsbeeld; overweeg een gebiedsgerichte aanpak.",
    ),
    "verankering-kwetsbare-inwoner": Duiding(
        "Een inwoner met weinig weerbaarheid wordt ingezet of uitgebuit door anderen.",
        "Ga na of het wijkteam of de zorg de persoon kent; let op schulden en afhankelijkheid.",
        "Zorg en veiligheid samen: bescherming van de persoon gaat voor.",
    ),
    "verankering-lokale-onderneming": Duiding(
        "Een bedrijf of pand in de gemeente dient mogelijk als dekmantel of om geld wit te wassen.",
        "Raadpleeg KvK (bestuurders, adreswijzigingen) en vergunningen; vraag Bibob-informatie op waar dat mag.",
        "Bestuurlijke toets (Bibob) of controle door toezicht en handhaving.",
    ),
    "verankering-gemeentelijke-dienst": Duiding(
        "Een vergunning, uitkering of voorziening van de gemeente wordt misbruikt.",
        "Vraag de betrokken afdeling naar de verstrekking en de voorwaarden.",
        "Heronderzoek of intrekking door de afdeling; zo nodig terugvordering.",
    ),
    # Hennepteelt
    "lampen-planten": Duiding(
        "Spullen voor een kwekerij worden een pand in gebracht.",
        "Vraag de melder wanneer en hoe vaak; vergelijk met het energieverbruik.",
        "Bij meer rode vlaggen: bronnenonderzoek en afstemming met de politie over een inval.",
    ),
    "hennepgeur": Duiding(
        "Een nieuwe, blijvende geur wijst op teelt of drogen van hennep.",
        "Laat de wijkagent of een toezichthouder de geur vaststellen op verschillende momenten.",
        "Samen met energieverbruik reden voor bronnenonderzoek.",
    ),
    "ramen-afgeplakt": Duiding(
        "Het pand wordt afgeschermd; condens wijst op warmte en vocht van een kwekerij.",
        "Schouw van buitenaf; vraag de eigenaar of corporatie naar de bewoning.",
        "Weeg samen met andere rode vlaggen; alleen is het zwak bewijs.",
    ),
    "hoog-energieverbruik": Duiding(
        "Kweeklampen vragen veel stroom; geen verbruik kan wijzen op aftappen.",
        "Vraag de netbeheerder naar het verbruiksprofiel en naar fraude met de aansluiting.",
        "Bij illegale aansluiting: brandgevaar, snel handelen met netbeheerder en politie.",
    ),
    # Drugslab / opslag
    "chemische-lucht": Duiding(
        "Productie van synthetische drugs geeft een scherpe of anijsachtige geur.",
        "Niet zelf gaan kijken: gevaar voor gezondheid en explosie. Vraag de politie.",
        "Direct afstemmen met politie en brandweer; mogelijk sluiting (art. 13b Opiumwet).",
    ),
    "vaten-jerrycans": Duiding(
        "Afval van een drugslab wordt afgevoerd of in de natuur gedumpt.",
        "Laat het afval niet aanraken; meld het bij omgevingsdienst en politie.",
        "Opruimen door een gespecialiseerd bedrijf; zoek naar het lab in de omgeving.",
    ),
    "loods-verhuurd-contant": Duiding(
        "Contante verhuur aan onbekenden past bij opslag of productie van drugs.",
        "Vraag de eigenaar naar de huurder en het contract; raadpleeg de KvK.",
        "Voorlichting aan verhuurders (weerbaarheid) en controle door toezicht.",
    ),
    # Drugshandel
    "aanloop": Duiding(
        "Kort bezoek van steeds andere mensen past bij verkoop vanuit de woning.",
        "Vraag de melder om tijden en frequentie; leg waarnemingen van de wijkagent vast.",
        "Bestuurlijke waarschuwing of sluiting van de woning (art. 13b Opiumwet).",
    ),
    "dealen-straat": Duiding(
        "Openlijke handel op straat of bij een hangplek.",
        "Combineer met politie-informatie en camerabeelden waar die er zijn.",
        "Gebiedsgerichte aanpak met politie, jongerenwerk en beheer van de openbare ruimte.",
    ),
    "drugspakketjes": Duiding(
        "Verpakte drugs wijzen op handel, niet alleen gebruik.",
        "Laat de politie de vondst vastleggen; vraag naar eerdere vondsten op dezelfde plek.",
        "Strafrechtelijk via de politie; bestuurlijk bij een woning.",
    ),
    # Witwassen
    "uitgaven-boven-inkomen": Duiding(
        "Iemand geeft meer uit dan het bekende inkomen toelaat.",
        "Vergelijk met gegevens over inkomen en uitkering waar dat mag; let op contante betalingen.",
        "Informatie delen via het RIEC; mogelijk onderzoek door Belastingdienst of FIOD.",
    ),
    "contante-aankoop": Duiding(
        "Grote contante betalingen verbergen de herkomst van geld.",
        "Vraag notaris of makelaar naar de betaling (Wwft-meldingen lopen via de FIU).",
        "Via het RIEC naar de partners die de herkomst mogen onderzoeken.",
    ),
    "snelle-doorverkoop": Duiding(
        "Panden wisselen snel van eigenaar tegen prijzen die niet kloppen.",
        "Bekijk de eigendomshistorie in het Kadaster en de betrokken bedrijven in de KvK.",
        "Bibob-toets bij vergunningen op het pand; signaal aan het RIEC.",
    ),
    # Seksuele uitbuiting
    "wisselende-vrouwen": Duiding(
        "Wisselende vrouwen en kort bezoek van mannen wijzen op illegale prostitutie.",
        "Ga na of er een vergunning is; vraag de politie (AVIM) naar bekendheid van het adres.",
        "Controle met politie; hulp voor de slachtoffers via de zorgcoördinator mensenhandel.",
    ),
    "geen-eigen-geld": Duiding(
        "Iemand heeft geen zeggenschap over eigen geld, telefoon of papieren: een teken van dwang.",
        "Spreek de persoon alleen, met een tolk als dat nodig is.",
        "Melden bij de zorgcoördinator mensenhandel; veiligheid van de persoon eerst.",
    ),
    # Arbeidsuitbuiting
    "paspoort-ingehouden": Duiding(
        "Het innemen van identiteitspapieren maakt een werknemer afhankelijk.",
        "Vraag de werknemer ernaar in een veilige setting; meld het bij de Arbeidsinspectie.",
        "Inspectie bij de werkgever; opvang en hulp voor de werknemer.",
    ),
    "huur-ingehouden": Duiding(
        "De werkgever houdt woonkosten in op het loon, vaak te hoog.",
        "Bekijk loonstroken en huurafspraken; vraag de Arbeidsinspectie naar de werkgever.",
        "Controle op huisvesting en loon door Arbeidsinspectie en gemeente.",
    ),
    "dubbele-afhankelijkheid": Duiding(
        "Wie werk en woning van dezelfde baas heeft, verliest bij ontslag ook zijn huis.",
        "Ga na wie de woning verhuurt en wie het werk geeft (KvK, inschrijvingen).",
        "Samen met Arbeidsinspectie; zorg voor een alternatief onderdak.",
    ),
    "overbewoning-arbeidsmigranten": Duiding(
        "Veel arbeidsmigranten op één adres: risico op slechte en onveilige huisvesting.",
        "Vergelijk inschrijvingen (BRP) met de oppervlakte (BAG); controle brandveiligheid.",
        "Handhaving op bewoning en brandveiligheid; nagaan wie verhuurt.",
    ),
    # Criminele uitbuiting
    "gedwongen-dealen": Duiding(
        "Iemand wordt onder druk gezet om drugs te verkopen of te bewaren.",
        "Ga na of de persoon jong of kwetsbaar is en wie hem onder druk zet.",
        "Bescherming en hulp voor de persoon; politie richt zich op de uitbuiters.",
    ),
    "schuld-aan-criminelen": Duiding(
        "Een schuld die met diensten wordt afgelost maakt iemand afhankelijk van criminelen.",
        "Vraag naar de schuld in een vertrouwelijk gesprek; schuldhulp kan inzicht geven.",
        "Schuldhulp en bescherming; informatie over de schuldeisers naar de politie.",
    ),
    # Geldezel
    "bankpas-afgegeven": Duiding(
        "Wie zijn bankpas afgeeft, laat criminelen geld via zijn rekening sluizen.",
        "Vraag de persoon hoe het zo kwam; vraag de bank of de rekening is geblokkeerd.",
        "Voorlichting en hulp; melding bij de bank en aangifte waar dat kan.",
    ),
    "grote-bedragen-rekening": Duiding(
        "Grote bedragen in korte tijd passen niet bij een gewone rekening.",
        "Alleen via de bank of FIU na te gaan; de gemeente vraagt het niet zelf op.",
        "Informatie delen via het RIEC; hulp voor de rekeninghouder.",
    ),
    "contracten-op-naam": Duiding(
        "Abonnementen of voertuigen op naam van een kwetsbare persoon worden door anderen gebruikt.",
        "Vraag naar de contracten; raadpleeg het kentekenregister voor voertuigen.",
        "Schuldhulp en bescherming; contracten laten ontbinden.",
    ),
    "plotselinge-schulden": Duiding(
        "Schulden die ineens opkomen kunnen wijzen op misbruik van iemands naam.",
        "Vraag schuldhulp of de persoon weet waar de schulden vandaan komen.",
        "Schuldhulp; bij misbruik van identiteit aangifte.",
    ),
    # Ronselen van jongeren
    "dure-spullen": Duiding(
        "Dure spullen zonder inkomen kunnen een beloning van ronselaars zijn.",
        "Vraag school, jongerenwerk en ouders wat zij zien.",
        "Gesprek met de jongere en ouders; persoonsgerichte aanpak als het past.",
    ),
    "opgehaald-dure-auto": Duiding(
        "Een jongere die vaak wordt opgehaald door oudere bekenden kan worden geronseld.",
        "Noteer kenteken en tijden; vraag de politie naar het voertuig.",
        "Samen met ouders en school; politie richt zich op de ronselaars.",
    ),
    "schoolverzuim": Duiding(
        "Verzuim en plotselinge verandering zijn vaak de eerste tekenen van ronselen.",
        "Vraag de leerplichtambtenaar en de mentor naar het verloop.",
        "Gesprek met leerplicht, jongere en ouders; hulp via het wijkteam.",
    ),
    "plotseling-geld": Duiding(
        "Contant geld zonder verklaring kan uit criminele klussen komen.",
        "Vraag ouders en jongerenwerk wat zij zien; let op andere rode vlaggen.",
        "Gesprek met de jongere; bij meer signalen een persoonsgerichte aanpak.",
    ),
    # Zorgfraude
    "criminelen-bestuur": Duiding(
        "Bestuurders met een strafrechtelijk verleden vergroten het risico op misbruik van zorggeld.",
        "Raadpleeg de KvK en vraag een Bibob- of VOG-toets waar dat mag.",
        "Contractmanagement en toezicht Wmo/Jeugdwet; zo nodig het contract beëindigen.",
    ),
    "dagbesteding-dekmantel": Duiding(
        "Dagbesteding die niet plaatsvindt maar wel wordt gedeclareerd.",
        "Onaangekondigd bezoek door de toezichthouder Wmo; vraag cliënten naar hun ervaring.",
        "Toezicht en terugvordering; cliënten een andere aanbieder bieden.",
    ),
    "declaraties-afwijkend": Duiding(
        "Declaraties die niet passen bij de geleverde zorg.",
        "Vergelijk declaraties met indicaties en aanwezigheid; vraag de zorgverzekeraar.",
        "Materiële controle en terugvordering; melding bij de toezichthouder.",
    ),
    # Uitkeringsfraude
    "inkomsten-niet-gemeld": Duiding(
        "Inkomsten of vermogen die niet zijn gemeld, terwijl de uitkering doorloopt.",
        "Vraag de afdeling inkomen om een heronderzoek; raadpleeg Suwinet waar dat mag.",
        "Heronderzoek en terugvordering door de afdeling inkomen.",
    ),
    "woonsituatie-onjuist": Duiding(
        "De opgegeven woonsituatie (alleen of samen) klopt niet.",
        "Huisbezoek door de afdeling; vergelijk met inschrijvingen en verbruik.",
        "Heronderzoek; eventueel aanpassing of terugvordering.",
    ),
    # Woonfraude
    "onderhuur": Duiding(
        "De huurder verhuurt de woning door zonder toestemming.",
        "Vraag de corporatie naar de huurder en naar wie er woont (BRP).",
        "Corporatie handhaaft het huurcontract; gemeente controleert inschrijvingen.",
    ),
    "veel-inschrijvingen": Duiding(
        "Veel inschrijvingen op één adres kunnen wijzen op spookbewoning of overbewoning.",
        "Vergelijk de inschrijvingen (BRP) met de oppervlakte (BAG); adresonderzoek.",
        "Adresonderzoek BRP; controle op bewoning en brandveiligheid.",
    ),
    "huurder-niet-aanwezig": Duiding(
        "De huurder woont er niet zelf: de woning wordt gebruikt door anderen.",
        "Vraag de corporatie naar contact met de huurder; let op verbruik en post.",
        "Corporatie onderzoekt; bij criminele bewoning samen met de politie.",
    ),
    # Betalingsachterstand
    "huurachterstand": Duiding(
        "Een achterstand in de huur is een vroeg teken van geldzorgen.",
        "Vraag de verhuurder naar hoogte en duur; kijk of er meer schuldeisers melden.",
        "Vroegsignalering: contact opnemen en schuldhulp aanbieden.",
    ),
    "energie-water-achterstand": Duiding(
        "Achterstand bij energie of water: vaak samen met andere schulden.",
        "Kijk of het huishouden al bij schuldhulp bekend is.",
        "Vroegsignalering: huisbezoek of contact en hulp aanbieden.",
    ),
    "zorgpremie-achterstand": Duiding(
        "Achterstand in de zorgpremie kan leiden tot bestuursrechtelijke premie en hogere schulden.",
        "Vraag de zorgverzekeraar naar de duur; kijk naar andere achterstanden.",
        "Vroegsignalering en schuldhulp; zo nodig premie via de gemeente laten inhouden.",
    ),
    # Intimidatie
    "bedreiging-buren": Duiding(
        "Buren of melders worden bang gemaakt: een teken van ondermijnende macht in de buurt.",
        "Bescherm de melder: geen gegevens naar buiten; vraag de wijkagent om een beeld.",
        "Veiligheid van de melder eerst; politie en gemeente samen tegen de intimidatie.",
    ),
    "bedreiging-ambtenaar": Duiding(
        "Bedreiging van ambtenaren of bestuurders raakt de werking van de overheid.",
        "Leg de bedreiging vast en meld het bij de veiligheidscoördinator.",
        "Aangifte en beveiliging; zo nodig een bestuurlijke maatregel tegen de dader.",
    ),
}
