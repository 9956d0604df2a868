import { execSync } from "child_process";

function createCommand(options: { branch?: string; author?: string }): string {
  let command = "git log --oneline";
  if (options.branch) {
    command += " " + options.branch;
  }
  if (options.author) command += ` --author="${options.author}"`;
  return command;
}

export function gitlog(repo: string, options: { branch?: string; author?: string }): string {
  return execSync(createCommand(options), { cwd: repo }).toString();
}
