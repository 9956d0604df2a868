import os

from aiohttp import web

STORAGE = os.environ.get("ATTACHMENT_DIR", "/srv/attachments")


async def download(request: web.Request) -> web.StreamResponse:
    ticket = request.match_info["ticket"]
    filename = request.query["file"]
    full_path = os.path.join(STORAGE, ticket, filename)
    if not os.path.isfile(full_path):
        raise web.HTTPNotFound()
    return web.FileResponse(
        full_path,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def setup(app: web.Application) -> None:
    app.router.add_get("/tickets/{ticket}/attachment", download)
