"""Test helper: record a sharing decision the way a regisseur does on the case page."""

from regiekamer.delen.models import Categorie
from regiekamer.delen.services import record_delingsbesluit


def share(casus, organisatie, categorieen=None, regisseur=None, **kwargs):
    """An active decision for ``organisatie`` on ``casus``; every category unless ``categorieen`` is given."""
    return record_delingsbesluit(
        regisseur or casus.regisseur,
        ontvanger=organisatie,
        casus=casus,
        categorieen=list(Categorie.values) if categorieen is None else categorieen,
        omschrijving=kwargs.pop("omschrijving", "Wat de partner voor zijn acties nodig heeft"),
        doel=kwargs.pop("doel", "Uitvoering van het plan van aanpak"),
        grondslag=kwargs.pop("grondslag", "Art. 6 lid 1 sub e AVG"),
        **kwargs,
    )


def zonder_besluiten(casus, regisseur=None):
    """Withdraw every active decision on ``casus``: e.g. the minimal one recorded when an action was assigned, to test
    a participant who sees nothing."""
    from regiekamer.delen.models import DelingsBesluit
    from regiekamer.delen.services import withdraw

    for besluit in DelingsBesluit.objects.actief().filter(casus=casus):
        withdraw(regisseur or casus.regisseur, besluit, "Ingetrokken voor de test.")
