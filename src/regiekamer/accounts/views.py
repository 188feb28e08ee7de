from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from regiekamer.accounts import permissions
from regiekamer.accounts.forms import LoginForm
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
    if permissions.REPORT_SIGNAL in can or permissions.VIEW_OWN_REPORTS in can:
        return redirect("signalen:mijn-meldingen")
    if permissions.VIEW_AGGREGATES in can:
        return redirect("overzicht")
    if permissions.MANAGE_CONFIGURATION in can:
        return redirect("admin:index")
    return render(request, "home.html")
