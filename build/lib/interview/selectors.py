"""Owner-scoped reads. Views fetch returns only through here, so another user's return is always a 404."""

from django.shortcuts import get_object_or_404

from interview.models import TaxReturn


def returns_for(user):
    return TaxReturn.objects.filter(owner=user)


def get_return_for(user, return_id) -> TaxReturn:
    return get_object_or_404(returns_for(user), pk=return_id)
