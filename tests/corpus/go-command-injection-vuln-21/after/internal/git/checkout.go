package git

import "os/exec"

func Checkout(dir, branch string) error {
	cmd := exec.Command("sh", "-c", "cd "+dir+" && git checkout "+branch)
	return cmd.Run()
}
