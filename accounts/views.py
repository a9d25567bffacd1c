from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.forms import TokenForm
from accounts.levels import signed_in
from accounts.models import ApiToken
from accounts.tokens import token_issue, token_revoke
from core.forms import ConfirmForm
from core.http import require_safe_or_post


@never_cache  # a new key is shown once, in this answer: no cache may keep it
@login_required
@require_safe_or_post
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's own API tokens; a new key is shown once, in the answer that creates it."""
    user = signed_in(request.user)
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = token_issue(user, form.cleaned_data["name"])
        form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": ApiToken.objects.filter(user=user),
        },
    )


@login_required
@require_safe_or_post
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the user's own tokens, once they confirm it with the tick box here."""
    user = signed_in(request.user)
    token = ApiToken.objects.active().filter(user=user, pk=token_id).first()
    if token is None:
        messages.error(request, _("No such active token."))
        return redirect("tokens")
    form = ConfirmForm(
        request.POST or None,
        label=_("Yes, revoke this token: requests that use it are refused from now on."),
    )
    if request.method == "POST":
        if form.is_valid() and token_revoke(user, token.pk):
            messages.success(request, _("The token is revoked; requests using it are refused."))
            return redirect("tokens")
        messages.error(request, _("Tick the box to confirm the revocation; the token still works."))
    return render(request, "accounts/token_revoke.html", {"token": token, "form": form})
