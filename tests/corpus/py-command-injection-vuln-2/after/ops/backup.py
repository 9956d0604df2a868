import argparse
import subprocess


def parse_args():
    p = argparse.ArgumentParser(description="Nightly database backup")
    p.add_argument("database")
    p.add_argument("--dest", default="/backups")
    return p.parse_args()


def main():
    args = parse_args()
    cmd = f"pg_dump -Fc {args.database} | gzip > {args.dest}/{args.database}.dump.gz"
    subprocess.run(cmd, shell=True, check=True)


if __name__ == "__main__":
    main()
