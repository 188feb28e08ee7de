from regiekamer.accounts import permissions


def regiekamer(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"can": permissions.capabilities_of(user), "current_gemeente": user.gemeente}
