"""The permission matrix: which role may do what. Views, API and services all ask here.

A capability is a verb on a kind of thing. The matrix below is the single source of truth;
``docs/architecture.md`` describes it in words.
"""

from django.utils.translation import gettext_lazy as _

from regiekamer.accounts.roles import Rol

REPORT_SIGNAL = "signaal.melden"
VIEW_OWN_REPORTS = "signaal.eigen-meldingen"
VIEW_SIGNALS = "signaal.inzien"
RECORD_WEGING = "weging.vastleggen"
CONSULT_SOURCES = "bron.raadplegen"
VIEW_SUBJECTS = "subject.inzien"
VIEW_CASES = "casus.inzien"
MANAGE_CASES = "casus.regie"
UPDATE_OWN_ACTIONS = "actie.eigen-bijwerken"
VIEW_AGGREGATES = "overzicht.cijfers"
MANAGE_CONFIGURATION = "beheer.configuratie"
VIEW_PROCESSING_LOG = "verwerkingen.inzien"
ANALYSE_PSEUDONYMISED = "analyse.gepseudonimiseerd"
REIDENTIFY = "analyse.heridentificeren"
FOLLOW_UP_ESCALATIONS = "escalatie.opvolgen"
MERGE_PERSONS = "persoon.samenvoegen"
IMPORT_SIGNALS = "signaal.importeren"
HANDLE_SUBJECT_REQUESTS = "inzage.behandelen"

CAPABILITY_LABELS = {
    REPORT_SIGNAL: _("Signaal melden"),
    VIEW_OWN_REPORTS: _("Status van eigen meldingen zien"),
    VIEW_SIGNALS: _("Signalen inzien (werkvoorraad)"),
    RECORD_WEGING: _("Wegingen en privacychecks vastleggen"),
    CONSULT_SOURCES: _("Bronnen raadplegen"),
    VIEW_SUBJECTS: _("Personen, adressen en ondernemingen inzien"),
    VIEW_CASES: _("Casussen inzien"),
    MANAGE_CASES: _("Casussen voeren: plan, interventies, overleggen, sluiten"),
    UPDATE_OWN_ACTIONS: _("Eigen acties in casussen zien en bijwerken"),
    VIEW_AGGREGATES: _("Geaggregeerde cijfers zien (zonder persoonsgegevens)"),
    MANAGE_CONFIGURATION: _("Fenomenen, indicatoren, termijnen en organisaties beheren"),
    VIEW_PROCESSING_LOG: _("Verwerkingenlogging inzien (wie heeft wat verwerkt, waarom)"),
    ANALYSE_PSEUDONYMISED: _("Gepseudonimiseerde signalen en casussen analyseren"),
    REIDENTIFY: _("Een pseudoniem heridentificeren (met vastgelegde reden)"),
    FOLLOW_UP_ESCALATIONS: _("Escalaties over casussen ontvangen, inzien en de opvolging vastleggen"),
    MERGE_PERSONS: _("Twijfelachtige koppelingen beoordelen, personen samenvoegen en splitsen"),
    IMPORT_SIGNALS: _("Signalen in bulk aanleveren (importbestand)"),
    HANDLE_SUBJECT_REQUESTS: _(
        "Verzoeken van betrokkenen behandelen: inzagerapport, rectificatie en beperking (AVG art. 15, 16 en 18)"
    ),
}

MATRIX: dict[str, frozenset[str]] = {
    Rol.REGISSEUR: frozenset(
        {
            REPORT_SIGNAL,
            VIEW_OWN_REPORTS,
            VIEW_SIGNALS,
            RECORD_WEGING,
            CONSULT_SOURCES,
            VIEW_SUBJECTS,
            VIEW_CASES,
            MANAGE_CASES,
            UPDATE_OWN_ACTIONS,
            VIEW_AGGREGATES,
            FOLLOW_UP_ESCALATIONS,
            MERGE_PERSONS,
            HANDLE_SUBJECT_REQUESTS,
        }
    ),
    Rol.ONDERMIJNINGSTEAM: frozenset(
        {
            REPORT_SIGNAL,
            VIEW_OWN_REPORTS,
            VIEW_SIGNALS,
            RECORD_WEGING,
            CONSULT_SOURCES,
            VIEW_SUBJECTS,
            VIEW_CASES,
            MANAGE_CASES,
            UPDATE_OWN_ACTIONS,
            VIEW_AGGREGATES,
            FOLLOW_UP_ESCALATIONS,
            MERGE_PERSONS,
            HANDLE_SUBJECT_REQUESTS,
        }
    ),
    Rol.PARTNERPROFESSIONAL: frozenset({REPORT_SIGNAL, VIEW_OWN_REPORTS, UPDATE_OWN_ACTIONS, IMPORT_SIGNALS}),
    Rol.ANALIST: frozenset({VIEW_AGGREGATES, ANALYSE_PSEUDONYMISED, REIDENTIFY}),
    # Escalations name a case, an action with its deadline and the follow-up: case content, so a second factor.
    Rol.MANAGER: frozenset({VIEW_AGGREGATES, FOLLOW_UP_ESCALATIONS}),
    # Requests of data subjects are the privacy officer's own task (with the regie, who know the cases).
    Rol.PRIVACYFUNCTIONARIS: frozenset({VIEW_AGGREGATES, VIEW_PROCESSING_LOG, HANDLE_SUBJECT_REQUESTS}),
    # A beheerder imports a file on behalf of any organisation of the gemeente (importen.services).
    Rol.FUNCTIONEEL_BEHEERDER: frozenset({MANAGE_CONFIGURATION, IMPORT_SIGNALS}),
}

# Partner systems calling with an organisation token act in this role.
PARTNER_SYSTEM_CAPABILITIES = frozenset({REPORT_SIGNAL, VIEW_OWN_REPORTS, IMPORT_SIGNALS})


def capabilities_of(principal) -> frozenset[str]:
    if principal is None or not principal.is_authenticated:
        return frozenset()
    if getattr(principal, "is_partner_system", False):
        return PARTNER_SYSTEM_CAPABILITIES
    if principal.gemeente is None:
        return frozenset()
    result: set[str] = set()
    for rol in principal.rollen:
        result |= MATRIX.get(rol, frozenset())
    return frozenset(result)


def has_capability(principal, capability: str) -> bool:
    return capability in capabilities_of(principal)


def acting_rol(user, *capabilities: str) -> str:
    """The role a user acts in when using one of ``capabilities``: the first of their roles that holds one, else
    their first role. Recorded with wegingen, source queries and decisions."""
    for rol in user.rollen:
        if MATRIX.get(rol, frozenset()) & set(capabilities):
            return rol
    return user.rollen[0] if user.rollen else ""


# --- Two-factor authentication -----------------------------------------------------------------------------------
# Every capability except these shows or handles personal data (of subjects, reporters or staff). A user who holds
# only these (aggregate figures) may log in with a password alone; no role is limited to them today. Any capability
# added later requires a second factor unless it is listed here, so the rule fails safe.
CAPABILITIES_WITHOUT_PERSONAL_DATA = frozenset({VIEW_AGGREGATES})


def requires_two_factor(user) -> bool:
    """Whether this user must pass the second login step (TOTP, or an MFA login at the gemeente's identity
    provider) before any page. Staff and superusers reach the admin, which lists users and configuration, so they
    always need it. Partner systems (organisation tokens) are not interactive and never do; personal API tokens are
    issued by a beheerder on the server and are not reached through a password (docs/privacy.md)."""
    if user is None or not user.is_authenticated or getattr(user, "is_partner_system", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return bool(capabilities_of(user) - CAPABILITIES_WITHOUT_PERSONAL_DATA)
