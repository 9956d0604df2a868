from pathlib import Path

from fastapi import FastAPI, HTTPException

app = FastAPI()
DOCS = Path("/srv/docs")


@app.get("/docs/{page}")
async def read_doc(page: str):
    target = DOCS / f"{page}.md"
    if not target.exists():
        raise HTTPException(status_code=404)
    return {"page": page, "body": target.read_text(encoding="utf-8")}
