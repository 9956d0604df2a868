import argparse
import subprocess


def parse_args():
    p = argparse.ArgumentParser(description="Nightly database backup")
    p.add_argument("database")
    p.add_argument("--dest", default="/backups")
    return p.parse_args()


def main():
    args = parse_args()
    subprocess.run(["pg_dump", "-Fc", "-f", f"{args.dest}/{args.database}.dump", args.database], check=True)


if __name__ == "__main__":
    main()
