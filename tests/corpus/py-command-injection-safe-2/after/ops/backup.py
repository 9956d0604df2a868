import shlex
import subprocess
import sys


def main():
    database = sys.argv[1]
    quoted = shlex.quote(database)
    subprocess.run(f"pg_dump -Fc {quoted} | gzip > /backups/{quoted}.dump.gz", shell=True, check=True)
    subprocess.run("find /backups -name '*.gz' -mtime +14 -delete", shell=True, check=True)


if __name__ == "__main__":
    main()
