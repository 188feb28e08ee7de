from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from regiekamer.accounts import permissions, two_factor
from regiekamer.accounts.forms import CodeForm, LoginForm
from regiekamer.core.forms import error_summary


class LoginView(auth_views.LoginView):
    """Django's login with our template. django-axes counts failures and shows
    ``accounts/lockout.html`` when an account is locked (settings.AXES_LOCKOUT_TEMPLATE)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["error_summary"] = error_summary(context["form"])
        context["oidc_naam"] = settings.OIDC_IDP_NAME if settings.OIDC_ENABLED else ""
        return context


class LogoutView(auth_views.LogoutView):
    """POST only (Django's default); the header holds the logout form."""


@login_required
def home(request):
    """Send each user to the page that fits what they may do."""
    can = permissions.capabilities_of(request.user)
    if permissions.MANAGE_CASES in can:
        return redirect("casussen:start")
    if permissions.VIEW_SIGNALS in can:
        return redirect("signalen:werkvoorraad")
    if permissions.UPDATE_OWN_ACTIONS in can and _heeft_open_acties(request.user):
        # A partner's daily work is the actions assigned to them; their reports are one click away.
        return redirect("casussen:acties")
    if permissions.REPORT_SIGNAL in can or permissions.VIEW_OWN_REPORTS in can:
        return redirect("signalen:mijn-meldingen")
    if permissions.VIEW_AGGREGATES in can:
        return redirect("inzicht:signalen")
    if permissions.MANAGE_CONFIGURATION in can:
        return redirect("admin:index")
    return render(request, "home.html")


def _heeft_open_acties(user) -> bool:
    from regiekamer.casussen.models import Interventie
    from regiekamer.casussen.selectors import eigen_acties

    return eigen_acties(user).filter(status__in=Interventie.OPEN_STATUSES).exists()


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(request, name: str):
    target = resolve_url(name)
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        target += "?" + urlencode({"next": next_url})
    return redirect(target)


@sensitive_post_parameters("code")
@never_cache
@login_required
def tweestaps(request):
    """The second login step: the code from the authenticator app, or a recovery code."""
    if not two_factor.needs_second_step(request):
        return redirect(_next_url(request))
    device = two_factor.confirmed_totp_device(request.user)
    if device is None:
        return _with_next(request, "accounts:tweestaps-instellen")
    form = CodeForm(request.POST or None, recovery=True)
    if request.method == "POST" and form.is_valid():
        if two_factor.throttled(request.user):
            form.add_error("code", _("Te veel onjuiste codes achter elkaar. Wacht even en probeer het opnieuw."))
        elif two_factor.verify_code(request, request.user, form.cleaned_data["code"]):
            return redirect(_next_url(request))
        else:
            form.add_error("code", _("Deze code is onjuist of verlopen. Probeer de code die uw app nu toont."))
    demo_code = two_factor.acceptable_code(device) if two_factor.demo_hint_enabled() else ""
    return render(
        request,
        "accounts/tweestaps.html",
        {
            "form": form,
            "error_summary": error_summary(form),
            "next": request.POST.get("next") or request.GET.get("next", ""),
            "demo_code": demo_code,
        },
    )


@sensitive_post_parameters("code")
@never_cache
@login_required
def tweestaps_instellen(request):
    """Set up the authenticator app: QR code and secret, confirmed with a first code. Only while the user has no
    confirmed device: after that the secret is never shown again, and only the functioneel beheerder can reset it."""
    if not permissions.requires_two_factor(request.user) or two_factor.is_verified(request):
        return redirect(_next_url(request))
    if two_factor.has_confirmed_device(request.user):
        return _with_next(request, "accounts:tweestaps")
    device = two_factor.enrolment_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", _("Te veel onjuiste codes achter elkaar. Wacht even en probeer het opnieuw."))
        else:
            herstelcodes = two_factor.confirm_enrolment(request, device, form.cleaned_data["code"])
            if herstelcodes is not None:
                return render(
                    request,
                    "accounts/tweestaps_herstelcodes.html",
                    {"herstelcodes": herstelcodes, "next": _next_url(request)},
                )
            form.add_error("code", _("Deze code is onjuist of verlopen. Probeer de code die uw app nu toont."))
    return render(
        request,
        "accounts/tweestaps_instellen.html",
        {
            "form": form,
            "error_summary": error_summary(form),
            "qr_svg": two_factor.qr_svg(device),
            "geheim": two_factor.grouped_secret(device),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )
