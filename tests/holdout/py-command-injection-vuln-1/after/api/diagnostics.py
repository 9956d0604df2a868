import subprocess

from fastapi import APIRouter, Query

router = APIRouter(prefix="/diag")


@router.get("/ping")
def ping(host: str = Query(..., max_length=253), count: int = 3):
    proc = subprocess.run(
        f"ping -c {count} -W 2 {host}",
        shell=True,
        capture_output=True,
        text=True,
        timeout=15,
    )
    return {"ok": proc.returncode == 0, "output": proc.stdout.splitlines()[-3:]}
