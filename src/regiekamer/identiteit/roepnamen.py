"""Dutch given names and the call names (roepnamen) and nicknames people go by.

A small, hand-kept table: each group holds names that can refer to the same given name ("Catharina", "Kitty",
"Toos"). Two first names in one group agree as ``bijnaam`` (see ``matching``). Names are folded (``core.text.fold``).
"""

GROEPEN: tuple[tuple[str, ...], ...] = (
    ("johannes", "jan", "hans", "johan", "joop", "jo", "hannes", "john", "jean", "johnny"),
    ("johanna", "jo", "joke", "hanna", "hanneke", "jannie", "jans", "hannie"),
    ("cornelis", "kees", "cor", "cees", "kors", "cornelius"),
    ("cornelia", "corrie", "cor", "nel", "nelly", "cora", "neeltje", "nellie"),
    ("catharina", "katharina", "kitty", "toos", "ina", "katrien", "cato", "kathy", "katja", "catrien", "rina", "tinie"),
    ("maria", "mies", "mieke", "marie", "ria", "rie", "marja", "mary", "marieke", "miep", "maaike", "mia"),
    ("hendrik", "henk", "henny", "hein", "harry", "rik", "henri", "henry", "hendrikus"),
    ("hendrika", "riek", "rika", "henny", "hennie", "drika", "riekje"),
    ("jacobus", "koos", "jaap", "sjaak", "co", "jacques", "jack", "kobus", "jacob", "jakob"),
    ("jacoba", "coby", "co", "koosje", "jacqueline", "cobie"),
    ("petrus", "piet", "peter", "pier", "pieter", "pete"),
    ("petronella", "nel", "nelleke", "pietje", "petra", "ellie"),
    ("wilhelmus", "wim", "willem", "pim", "wil", "willy", "william", "willie"),
    ("wilhelmina", "mien", "mina", "wil", "willy", "wilma", "mientje", "willemijn"),
    ("gerardus", "gert", "gerard", "gerrit", "ger", "sjra", "geert", "gerhard"),
    ("theodorus", "theo", "dorus", "ted", "teun"),
    ("antonius", "anton", "toon", "ton", "tonnie", "tony", "antoine", "teun"),
    ("adrianus", "adrie", "arie", "ad", "adriaan", "janus"),
    ("nicolaas", "klaas", "niek", "nico", "nick", "klaasje", "nicolas"),
    ("elisabeth", "lies", "bep", "betty", "els", "elise", "liesbeth", "lisa", "liza", "bettie", "elsje", "beth"),
    ("geertruida", "truus", "trudy", "geertje", "trui", "truida"),
    ("abraham", "bram", "abe"),
    ("albertus", "albert", "bert", "ab", "appie"),
    ("lambertus", "bert", "bertus", "lambert"),
    ("gijsbertus", "gijs", "bert", "gijsbert"),
    ("franciscus", "frans", "frank", "cisca", "francis"),
    ("josephus", "jozef", "sjef", "joep", "jos", "joseph", "josef"),
    ("christiaan", "chris", "christian", "kris", "christiaan"),
    ("christina", "tineke", "stien", "christien", "chris", "tina", "stine"),
    ("alexander", "sander", "alex", "xander"),
    ("robertus", "robert", "rob", "bob", "robbie", "robbert"),
    ("richardus", "richard", "rick", "rik", "rikkert"),
    ("mohammed", "mohamed", "muhammad", "mohammad", "mehmet", "mo", "muhammed"),
    ("fatima", "fatma", "fatiha"),
    ("margaretha", "greet", "grietje", "margriet", "marga", "gretha", "margreet", "grete"),
    ("jacobus", "jaap"),
    ("aleida", "alie", "aaltje", "leida"),
    ("helena", "lena", "leny", "heleen", "lenie", "hella", "ellen"),
    ("dirk", "dick", "dik", "diederik"),
    ("arnoldus", "arnold", "noud", "arno", "nol"),
    ("bernardus", "ben", "bernard", "benno", "bennie", "bernd"),
    ("leonardus", "leo", "leon", "leonard", "leen", "nard"),
    ("maarten", "martinus", "martin", "tijn", "maarten"),
    ("hubertus", "huub", "bert", "hubert"),
    ("matthijs", "thijs", "matthias", "mathijs", "tijs"),
    ("dominicus", "dominic", "dom"),
    ("susanna", "suzanne", "sanne", "suus", "susan", "zus"),
    ("anna", "annie", "anneke", "ans", "anja", "ank", "anne"),
    ("jozefina", "fien", "josje", "fientje", "josephine"),
    ("engelbertus", "engel", "bert"),
    ("everardus", "evert", "eef", "ever"),
    ("kevin", "kev"),
)

ROEPNAAM_GROEPEN: dict[str, frozenset[int]] = {}
for _index, _groep in enumerate(GROEPEN):
    for _naam in _groep:
        ROEPNAAM_GROEPEN[_naam] = ROEPNAAM_GROEPEN.get(_naam, frozenset()) | {_index}


def zelfde_groep(a: str, b: str) -> bool:
    """Whether two folded first names can be the same given name (one a nickname or call name of the other)."""
    groepen = ROEPNAAM_GROEPEN.get(a)
    return bool(groepen and groepen & ROEPNAAM_GROEPEN.get(b, frozenset()))
