from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def catalogue(request):
    return render(request, "catalogue/index.html", {})
