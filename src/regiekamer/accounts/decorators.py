"""Access to web views by capability (see ``permissions.MATRIX``)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from regiekamer.accounts import permissions


def capability_required(*capabilities: str):
    """The user needs (any of) the given capabilities.

    Anonymous users are sent to the login page; a logged-in user without the capability gets 403.
    """
    if not capabilities:
        raise ValueError("capability_required needs at least one capability")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            held = permissions.capabilities_of(request.user)
            if not any(capability in held for capability in capabilities):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
