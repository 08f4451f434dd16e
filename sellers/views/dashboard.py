"""The seller centre's dashboard: what needs the cooperative's attention today."""
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from catalog.models import Grade, Product
from ovop_market.selectors import notification_list
from sellers.selectors import CURRENT_COOPERATIVE_SESSION_KEY, cooperatives_acted_for

from .access import seller_required

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
    })


@login_required
def act_for(request):
    """Choose the cooperative to work for: a member of several, or an officer acting for one."""
    choosable = cooperatives_acted_for(user=request.user)
    if request.method == "POST":
        chosen = request.POST.get("cooperative", "")
        cooperative = get_object_or_404(choosable, pk=int(chosen) if chosen.isdigit() else 0)
        request.session[CURRENT_COOPERATIVE_SESSION_KEY] = cooperative.pk
        return redirect("sellers:dashboard")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        choosable = choosable.filter(name__icontains=query)
    return render(request, "sellers/act_for.html", {"choosable": choosable[:100], "q": query})
