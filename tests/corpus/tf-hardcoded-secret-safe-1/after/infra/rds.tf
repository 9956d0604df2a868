variable "db_password" {
  type      = string
  sensitive = true
}

variable "db_password_secret_name" {
  type    = string
  default = "prod/orders/db"
}

data "aws_secretsmanager_secret_version" "replica" {
  secret_id = var.db_password_secret_name
}

resource "aws_db_instance" "orders" {
  identifier     = "orders"
  engine         = "mysql"
  instance_class = "db.t4g.small"
  username       = "orders"
  password       = var.db_password
}

resource "aws_db_instance" "replica" {
  identifier     = "orders-replica"
  engine         = "mysql"
  instance_class = "db.t4g.small"
  password       = "${data.aws_secretsmanager_secret_version.replica.secret_string}"
}
