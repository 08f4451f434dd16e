"""The demo's programme officers and their second factor.

``officer@ovop.market`` (a superuser, from ``data.USERS``) and a provincial officer limited to Hà Nội
and OCOP each get a TOTP device with a fixed, published key, so anyone trying the demo can log in
to admin: add the key to an authenticator app, or print the current code with
``manage.py totp_code <email>``. These keys are for the demo only; real officers enrol their own.
"""
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from catalog.models import OfficerScope, Programme, Region
from ovop_market.models import User

from . import data

# Hex keys (RFC 6238's test secret and a variant): base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ and
# GIZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ in an authenticator app.
DEMO_TOTP_KEYS = {
    "officer@ovop.market": "3132333435363738393031323334353637383930",
    "province-officer@ovop.market": "3232333435363738393031323334353637383930",
}
PROVINCIAL_OFFICER = {
    "email": "province-officer@ovop.market", "full_name": "Trần Quốc Minh", "language": "vi",
    "regions": ["ha-noi"], "programmes": ["ocop-viet-nam"],
    "role": "provincial officer (staff): admin at /admin/, Hà Nội cooperatives and OCOP grades only",
}
OFFICERS_GROUP = "Programme officers"
# What a programme officer does in admin; their scope decides on which rows.
OFFICER_PERMISSIONS = [
    ("catalog", "view_product"), ("catalog", "change_product"),
    ("catalog", "view_productimage"), ("catalog", "change_productimage"),
    ("catalog", "view_productrevision"), ("catalog", "change_productrevision"),
    ("catalog", "view_grade"), ("catalog", "add_grade"), ("catalog", "delete_grade"),
    ("catalog", "view_programme"), ("catalog", "view_gradelevel"), ("catalog", "view_region"),
    ("catalog", "view_category"), ("catalog", "add_product"),
    ("sellers", "view_cooperative"), ("sellers", "change_cooperative"), ("sellers", "add_cooperative"),
    ("orders", "view_order"), ("orders", "view_shipment"), ("orders", "change_shipment"),
    ("orders", "view_payment"), ("orders", "change_payment"), ("orders", "view_review"), ("orders", "change_review"),
    ("ovop_market", "view_auditentry"), ("ovop_market", "view_decisionreason"),
]


def officers_seed(run) -> None:
    """Create what is missing: the provincial officer, their group and scope, both officers' devices."""
    officer = User.objects.filter(email=PROVINCIAL_OFFICER["email"]).first()
    if officer is None:
        officer = User.objects.create_user(
            PROVINCIAL_OFFICER["email"], password=data.DEMO_PASSWORD, full_name=PROVINCIAL_OFFICER["full_name"],
            language=PROVINCIAL_OFFICER["language"], is_staff=True, email_confirmed_at=timezone.now(),
        )
        run.created["users"] += 1
        officer.groups.add(Group.objects.get_or_create(name=OFFICERS_GROUP)[0])
        scope = OfficerScope.objects.create(user=officer)
        scope.regions.set(Region.objects.filter(slug__in=PROVINCIAL_OFFICER["regions"]))
        scope.programmes.set(Programme.objects.filter(slug__in=PROVINCIAL_OFFICER["programmes"]))
    # The group's permissions are brought up to date on every run, so a later seed adds new ones.
    group = Group.objects.get_or_create(name=OFFICERS_GROUP)[0]
    for app_label, codename in OFFICER_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            group.permissions.add(permission)
    for email, key in DEMO_TOTP_KEYS.items():
        user = User.objects.filter(email=email).first()
        if user is not None and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name="Demo authenticator", key=key, confirmed=True)
