import yaml
from django.http import JsonResponse
from django.views import View

from .models import Pipeline


class PipelineImportView(View):
    def post(self, request, *args, **kwargs):
        upload = request.FILES.get("definition")
        if upload is None:
            return JsonResponse({"error": "missing file"}, status=400)
        spec = yaml.load(upload.read(), Loader=yaml.Loader)
        pipeline = Pipeline.objects.create(
            owner=request.user,
            name=spec.get("name", upload.name),
            steps=spec.get("steps", []),
        )
        return JsonResponse({"id": pipeline.pk}, status=201)
