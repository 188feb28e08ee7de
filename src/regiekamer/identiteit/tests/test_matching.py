"""The comparison model without a database: normalisation, levels, weights and the decision rules."""

import datetime as dt
import math

import pytest

from regiekamer.identiteit import matching
from regiekamer.identiteit.matching import Kenmerken, beslis, vergelijk


@pytest.mark.parametrize(
    ("tussenvoegsel", "achternaam"),
    [("van der", "Berg"), ("", "van der Berg"), ("", "v.d. Berg"), ("vd", "Berg"), ("", "Van Den Berg"), ("", "Berg")],
)
def test_tussenvoegsel_variants_give_one_surname_key(tussenvoegsel, achternaam):
    assert matching.achternaam_sleutel(tussenvoegsel, achternaam) == "berg"


def test_sound_key_and_initials():
    assert matching.klank("kitty") == matching.klank("kitti") == "kiti"
    assert matching.klank("meijer") == matching.klank("meyer") == matching.klank("meier")
    assert matching.voornamen_delen("J.P.") == ((), "jp")
    assert matching.voornamen_delen("Jan Pieter") == (("jan", "pieter"), "jp")
    assert matching.voornamen_delen("Jan-Willem P.") == (("jan", "willem"), "jwp")
    assert matching.voornamen_delen("Zoë") == (("zoe",), "z")


def test_weights_are_log2_of_m_over_u():
    for veld, niveaus in matching.PARAMETERS.items():
        for niveau, (m, u) in niveaus.items():
            assert matching.gewicht(veld, niveau) == pytest.approx(math.log2(m / u), abs=0.01)
    assert matching.gewicht("adres", "onbekend") == 0


@pytest.mark.parametrize(
    ("a", "b", "niveau"),
    [
        (dt.date(1985, 4, 9), dt.date(1985, 4, 9), "gelijk"),
        (dt.date(1985, 4, 9), dt.date(1985, 9, 4), "verwisseld"),
        (dt.date(1985, 4, 9), dt.date(1985, 4, 8), "typo"),
        (dt.date(1985, 4, 9), dt.date(1958, 4, 9), "typo"),  # two digits swapped
        (dt.date(1985, 4, 9), dt.date(1990, 7, 1), "verschillend"),
        (dt.date(1985, 4, 9), None, "onbekend"),
    ],
)
def test_birth_date_levels(a, b, niveau):
    assert matching.vergelijk_geboortedatum(a, b) == niveau


@pytest.mark.parametrize(
    ("a", "b", "niveau"),
    [
        ("Kitty", "Kitty", "gelijk"),
        ("Kitty", "Kitti", "klank"),
        ("Kees", "Cornelis", "bijnaam"),
        ("Jan", "Jan Pieter", "roepnaam"),
        ("K.", "Kitty", "initialen"),
        ("J.P.", "Jan", "initialen"),
        ("Marieke", "Marjeke", "typo"),
        ("Kim", "Kevin", "verschillend"),
        ("K.", "Lotte", "verschillend"),
    ],
)
def test_first_name_levels(a, b, niveau):
    assert matching.vergelijk_voornamen(Kenmerken.van(a, "", "X"), Kenmerken.van(b, "", "X")) == niveau


def test_the_sum_is_the_weight_and_every_field_is_explained():
    a = Kenmerken.van("Kitty", "de", "Vries", dt.date(2004, 3, 7), "", "1234AB1")
    b = Kenmerken.van("K.", "", "Vries", dt.date(2004, 3, 7), "", "1234AB1", ident=1)
    v = vergelijk(a, b)
    assert [o.veld for o in v.velden] == list(matching.VELDEN)
    assert v.gewicht == pytest.approx(sum(o.gewicht for o in v.velden), abs=0.05)
    assert {o.veld: o.oordeel for o in v.velden}["voornamen"] == "deels"


def test_an_ambiguous_pair_of_strong_candidates_goes_to_review():
    record = Kenmerken.van("K.", "", "de Vries", dt.date(2004, 3, 7), "", "1234AB1")
    kim = Kenmerken.van("Kitty", "", "de Vries", dt.date(2004, 3, 7), "", "1234AB1", ident=1)
    kira = Kenmerken.van("Kira", "", "de Vries", dt.date(2004, 3, 7), "", "1234AB1", ident=2)
    besluit = beslis(record, [kim, kira])
    assert besluit.uitkomst == matching.TER_BEOORDELING
    assert {v.kandidaat.ident for v in besluit.ter_beoordeling} == {1, 2}
    assert beslis(record, [kim]).uitkomst == matching.AUTOMATISCH


def test_excluded_candidates_are_not_linked():
    record = Kenmerken.van("Kitty", "", "de Vries", dt.date(2004, 3, 7))
    kitty = Kenmerken.van("Kitty", "", "de Vries", dt.date(2004, 3, 7), ident=1)
    assert beslis(record, [kitty]).uitkomst == matching.AUTOMATISCH
    assert beslis(record, [kitty], verschillend=[1]).uitkomst == matching.NIEUW


def test_the_register_finds_candidates_on_every_key_and_follows_updates():
    register = matching.Register()
    kitty = Kenmerken.van("Kitty", "de", "Vries", dt.date(2004, 3, 7), "b1", "1234AB1", ident=1)
    register.voeg_toe(kitty)
    assert register.kandidaten(Kenmerken.van("X", "", "Y", None, "b1")) == [kitty]
    assert register.kandidaten(Kenmerken.van("X", "", "Y", dt.date(2004, 7, 3))) == [kitty]  # swapped
    assert register.kandidaten(Kenmerken.van("X", "", "Y", None, "", "1234AB1")) == [kitty]
    assert register.kandidaten(Kenmerken.van("K.", "", "de Vries")) == [kitty]
    verhuisd = matching.aangevuld(kitty, Kenmerken.van("K.", "", "Vries", None, "", "9999ZZ9"))
    register.voeg_toe(verhuisd)
    assert (verhuisd.adres, verhuisd.vorig_adres) == ("9999ZZ9", "1234AB1")
    assert register.kandidaten(Kenmerken.van("X", "", "Y", None, "", "1234AB1")) == [verhuisd]
