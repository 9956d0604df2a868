import os

DEBUG = os.environ.get("DEBUG") == "1"
AWS_REGION = "eu-west-1"
AWS_ACCESS_KEY_ID = "AKIAXM35BPAGXIUWP53B"
AWS_SECRET_ACCESS_KEY = "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"
S3_BUCKET = "acme-uploads"
