from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/api/orders")
async def list_orders(request: web.Request) -> web.Response:
    pool = request.app["db"]
    status = request.query.get("status", "open")
    async with pool.acquire() as conn:
        async with conn.cursor() as cur:
            await cur.execute(
                "SELECT id, customer, total FROM orders WHERE status = %s",
                (status,),
            )
            rows = await cur.fetchall()
    return web.json_response(
        [{"id": r[0], "customer": r[1], "total": float(r[2])} for r in rows]
    )
