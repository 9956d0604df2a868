package notify

import "os"

var channel = os.Getenv("SLACK_CHANNEL")

const slackBotToken = "xoxb-722403280997-0701343067145-XQIChPnlnhG2BqxLHmAuMe57"

var stripeKey = "sk_live_l9JuO4iIhOvqiZnCxh1Gd1CJ"

func Channel() string { return channel }
