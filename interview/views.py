from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from interview.selectors import returns_for


@login_required
def dashboard(request):
    return render(request, "interview/dashboard.html", {"returns": returns_for(request.user)})
