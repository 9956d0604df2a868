resource "aws_db_instance" "analytics" {
  identifier              = "analytics-pg"
  engine                  = "postgres"
  engine_version          = "15.5"
  instance_class          = "db.t3.medium"
  allocated_storage       = 100
  db_name                 = "analytics"
  username                = "analytics_admin"
  manage_master_user_password = true
  db_subnet_group_name    = aws_db_subnet_group.public.name
  vpc_security_group_ids  = [aws_security_group.db.id]
  publicly_accessible     = true
  storage_encrypted       = false
  backup_retention_period = 7
  skip_final_snapshot     = true
}
