#!/bin/sh
set -eu
export DEPLOY_TOKEN="ghp_qyhPzDalfDsnqdVtx8qRuzg1ODn5N5LBS9QN"
REGION=eu-west-1
./bin/deploy --region "$REGION"
