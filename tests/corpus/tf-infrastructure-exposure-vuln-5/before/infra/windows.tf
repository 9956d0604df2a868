resource "aws_security_group" "jump" {
  name = "windows-jump"

  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.0/24"]
  }
}
