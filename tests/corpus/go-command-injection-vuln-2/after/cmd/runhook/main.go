package main

import (
	"log"
	"os"
	"os/exec"
)

func main() {
	if len(os.Args) < 2 {
		log.Fatal("usage: runhook <hook>")
	}
	hook := os.Getenv("HOOK_DIR") + "/" + os.Args[1]
	cmd := exec.Command(hook)
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		log.Fatal(err)
	}
}
