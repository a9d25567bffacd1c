from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import Case


@login_required
def case_list(request):
    return render(request, "cases/case_list.html", {"cases": Case.objects.all()})
