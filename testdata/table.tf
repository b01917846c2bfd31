resource "aws_dynamodb_table" "app_table_1" {
  name         = "App-Table.1"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "PK"
  range_key    = "SK"

  attribute {
    name = "PK"
    type = "S"
  }

  attribute {
    name = "SK"
    type = "S"
  }

  attribute {
    name = "Game"
    type = "S"
  }

  attribute {
    name = "Score"
    type = "N"
  }

  attribute {
    name = "Date"
    type = "S"
  }

  global_secondary_index {
    name            = "GSI_1"
    hash_key        = "SK"
    range_key       = "PK"
    projection_type = "ALL"
  }

  global_secondary_index {
    name            = "ByScore"
    hash_key        = "Game"
    range_key       = "Score"
    projection_type = "INCLUDE"
    non_key_attributes = ["Player"]
  }

  local_secondary_index {
    name            = "ByDate"
    range_key       = "Date"
    projection_type = "KEYS_ONLY"
  }

  ttl {
    attribute_name = "Expires"
    enabled        = true
  }
}
