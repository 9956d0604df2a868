"""Webhook intake: GitHub and GitLab routes, signature checks, and the steps they share."""
