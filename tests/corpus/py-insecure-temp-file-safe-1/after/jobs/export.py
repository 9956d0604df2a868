import os
import tempfile


def write_report(rows):
    fd, name = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w") as out:
        for row in rows:
            out.write(",".join(row) + "\n")
    return name
