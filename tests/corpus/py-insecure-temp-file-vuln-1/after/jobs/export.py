import os
import tempfile


def write_report(rows):
    name = tempfile.mktemp(suffix=".csv")
    with open(name, "w") as out:
        for row in rows:
            out.write(",".join(row) + "\n")
    os.chmod(name, 0o644)
    return name
