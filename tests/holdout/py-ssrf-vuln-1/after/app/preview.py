import re

import httpx
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
TITLE_RE = re.compile(r"<title>(.*?)</title>", re.I | re.S)


class PreviewIn(BaseModel):
    url: str


@app.post("/preview")
async def preview(body: PreviewIn):
    async with httpx.AsyncClient(timeout=5, follow_redirects=True) as client:
        resp = await client.get(body.url)
    match = TITLE_RE.search(resp.text)
    return {"status": resp.status_code, "title": match.group(1).strip() if match else None}
