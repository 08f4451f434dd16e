"""The seller centre's dashboard: what needs the cooperative's attention today."""
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from catalog.models import Grade, Product
from orders import selectors as orders_selectors
from ovop_market.officers import officer_second_factor_verified
from ovop_market.selectors import notification_list
from sellers.models import Cooperative
from sellers.selectors import CURRENT_COOPERATIVE_SESSION_KEY, cooperatives_acted_for

from .access import second_factor_url, seller_required

LOW_STOCK = 2
GRADE_WARNING_DAYS = 60
DOCUMENT_WARNING_DAYS = 60


@seller_required
def dashboard(request):
    cooperative = request.cooperative
    today = timezone.localdate()
    counts = dict(
        Product.objects.filter(cooperative=cooperative).values_list("status").annotate(n=Count("pk")).order_by()
    )
    return render(request, "sellers/dashboard.html", {
        "status_counts": [(label, counts.get(value, 0), value) for value, label in Product.Status.choices],
        "low_stock": Product.objects.filter(
            cooperative=cooperative, made_to_order=False, stock__lte=LOW_STOCK,
        ).exclude(status=Product.Status.ARCHIVED).only("pk", "name", "stock").order_by("stock", "name")[:20],
        "expiring_grades": Grade.objects.filter(
            product__cooperative=cooperative, expires_on__gte=today,
            expires_on__lte=today + timedelta(days=GRADE_WARNING_DAYS),
        ).select_related("product", "level", "programme").order_by("expires_on")[:20],
        "expiring_documents": cooperative.documents.filter(
            expires_on__lte=today + timedelta(days=DOCUMENT_WARNING_DAYS),
        ).order_by("expires_on")[:20],
        "notifications": notification_list(user=request.user)[:5],
        "several": request.user.is_staff or cooperatives_acted_for(user=request.user).count() > 1,
        "grade_warning_days": GRADE_WARNING_DAYS,
        "document_warning_days": DOCUMENT_WARNING_DAYS,
        "today": today,
        "orders_to_act_on": orders_selectors.shipments_to_act_on(cooperative=cooperative),
    })


@login_required
def act_for(request):
    """Choose the cooperative to work for: a member of several, or an officer acting for one. An
    officer acts for a cooperative only after the second factor, so one who has not passed it yet is
    sent there first (a member-officer still sees their own cooperatives)."""
    choosable = cooperatives_acted_for(user=request.user)
    needs_second_factor = request.user.is_staff and not officer_second_factor_verified(request.user)
    if request.method == "POST":
        chosen = request.POST.get("cooperative", "")
        pk = int(chosen) if chosen.isdigit() else 0
        cooperative = choosable.filter(pk=pk).first()
        if cooperative is None:
            if needs_second_factor and Cooperative.objects.filter(pk=pk).exists():
                return redirect(second_factor_url(reverse("sellers:act_for")))
            raise Http404
        request.session[CURRENT_COOPERATIVE_SESSION_KEY] = cooperative.pk
        return redirect("sellers:dashboard")
    if needs_second_factor and not choosable.exists():
        return redirect(second_factor_url(request.get_full_path()))
    query = request.GET.get("q", "").strip()[:100]
    if query:
        choosable = choosable.filter(name__icontains=query)
    return render(request, "sellers/act_for.html", {
        "choosable": choosable[:100], "q": query, "needs_second_factor": needs_second_factor,
        "second_factor_url": second_factor_url(request.get_full_path()),
    })
