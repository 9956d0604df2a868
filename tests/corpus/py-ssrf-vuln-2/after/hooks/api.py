import httpx
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class WebhookTest(BaseModel):
    callback_url: str
    event: str = "ping"


@app.post("/webhooks/test")
async def test_webhook(body: WebhookTest):
    async with httpx.AsyncClient(timeout=5) as client:
        resp = await client.post(body.callback_url, json={"event": body.event})
    return {"delivered": resp.is_success, "status": resp.status_code}
