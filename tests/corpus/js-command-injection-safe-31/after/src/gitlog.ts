import { execFileSync } from "child_process";

function createArgs(options: { branch?: string; author?: string }): string[] {
  const args = ["log", "--oneline"];
  let label = "log";
  if (options.branch) {
    args.push(options.branch);
    label += " " + options.branch;
  }
  if (options.author) args.push(`--author=${options.author}`);
  return args;
}

export function gitlog(repo: string, options: { branch?: string; author?: string }): string {
  return execFileSync("git", ["--", ...createArgs(options)], { cwd: repo }).toString();
}
