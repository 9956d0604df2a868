import ipaddress
import subprocess

from fastapi import APIRouter, HTTPException

router = APIRouter(prefix="/diag")


@router.get("/traceroute")
def traceroute(target: str):
    try:
        addr = ipaddress.ip_address(target)
    except ValueError:
        raise HTTPException(status_code=400, detail="target must be an IP address")
    proc = subprocess.run(
        ["traceroute", "-n", "-w", "2", str(addr)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return {"hops": proc.stdout.splitlines()[1:]}
