resource "aws_vpc_security_group_ingress_rule" "any_v6" {
  security_group_id = aws_security_group.app.id
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

resource "aws_security_group_rule" "db" {
  type              = "ingress"
  from_port         = 5000
  to_port           = 5500
  protocol          = "tcp"
  cidr_blocks       = ["10.20.0.0/16", "0.0.0.0/0"]
  security_group_id = aws_security_group.db.id
}
