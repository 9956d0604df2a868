import boto3
from moto import mock_aws

FAKE_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
FAKE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TEST_PASSWORD = "correct-horse-battery"


@mock_aws
def test_upload():
    s3 = boto3.client("s3", aws_access_key_id=FAKE_KEY_ID, aws_secret_access_key=FAKE_SECRET)
    assert s3
