import sys

import psycopg


def main() -> None:
    tenant = sys.argv[1]
    with psycopg.connect("dbname=app") as conn:
        with conn.cursor() as cur:
            cur.execute("DELETE FROM sessions WHERE tenant = '" + tenant + "'")
            print(f"purged {cur.rowcount} sessions")


if __name__ == "__main__":
    main()
