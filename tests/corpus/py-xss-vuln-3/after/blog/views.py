from django.http import HttpResponse
from django.views.decorators.http import require_GET

from blog.models import Post


@require_GET
def tag_page(request):
    tag = request.GET.get("tag", "")
    posts = Post.objects.filter(tags__name=tag).order_by("-published")[:20]
    items = "".join(f"<li><a href='/p/{p.pk}/'>{p.pk}</a></li>" for p in posts)
    body = "<h2>Posts tagged {}</h2><ul id='posts'>{}</ul>".format(tag, items)
    return HttpResponse(body)
