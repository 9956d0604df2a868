resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "mysql"
  instance_class      = "db.t4g.small"
  allocated_storage   = 20
  username            = "orders"
  password            = "1xxXHU0BSc!JXj67"
  storage_encrypted   = true
  skip_final_snapshot = false
}
