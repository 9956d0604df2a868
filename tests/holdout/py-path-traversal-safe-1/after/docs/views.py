from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.contrib.auth.decorators import login_required

EXPORT_ROOT = (Path(settings.MEDIA_ROOT) / "exports").resolve()


@login_required
def export_download(request, name: str):
    candidate = (EXPORT_ROOT / name).resolve()
    if not candidate.is_relative_to(EXPORT_ROOT) or not candidate.is_file():
        raise Http404("no such export")
    return FileResponse(candidate.open("rb"), as_attachment=True, filename=candidate.name)
