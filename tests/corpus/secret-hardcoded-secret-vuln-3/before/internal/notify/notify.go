package notify

import "os"

var channel = os.Getenv("SLACK_CHANNEL")

func Channel() string { return channel }
