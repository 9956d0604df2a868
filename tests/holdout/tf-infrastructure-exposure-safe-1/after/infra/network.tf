variable "vpn_cidr" {
  type    = string
  default = "10.20.0.0/16"
}

resource "aws_security_group" "bastion" {
  name        = "bastion-sg"
  description = "Bastion access from VPN only"
  vpc_id      = var.vpc_id

  ingress {
    description = "SSH from VPN"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.vpn_cidr]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
