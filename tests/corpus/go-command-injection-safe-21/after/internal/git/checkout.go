package git

import "os/exec"

func Checkout(dir, branch string) error {
	cmd := exec.Command("git", "checkout", "--", branch)
	cmd.Dir = dir
	return cmd.Run()
}
