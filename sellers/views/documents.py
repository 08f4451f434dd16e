"""Private documents: downloaded only by the cooperative's members and staff, as attachments."""
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from .. import selectors
from ..models import CooperativeDocument


@login_required
def document_download(request, pk: int):
    """Anyone but a member of the document's cooperative or a staff officer who may act for it (second
    factor passed, cooperative in their scope: ``ovop_market.officers.officer_may_act_for``) gets 404
    (not 403: the document's existence is not revealed). Never inline, never sniffed into HTML."""
    document = get_object_or_404(CooperativeDocument.objects.select_related("cooperative"), pk=pk)
    if not selectors.may_act_for(user=request.user, cooperative=document.cooperative):
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"{document.get_kind_display()} {document.number}".strip().replace("/", "-")
    extension = document.file.name.rsplit(".", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=f"{filename}.{extension}",
                            content_type=document.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
