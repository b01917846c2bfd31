"""Runs flow.json's steps on a DynamoDB endpoint with boto3 and checks them.

    python3 boto3_flow.py http://127.0.0.1:8000 [flow.json]

Uses the low-level client for the control plane, scans and transactions, and
the high-level Table resource for items. Prints every step's result as one
JSON object on stdout (items as plain JSON values, the ResponseMetadata left
out), and exits with status 1 and one line per mismatch on stderr when a
result differs from flow.json's "want". Credentials and region come from the
environment (any will do unless the server checks signatures).
"""

import base64
import datetime
import decimal
import json
import os
import sys

import boto3
from boto3.dynamodb.conditions import Key
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.config import Config
from botocore.exceptions import ClientError

MISSING = object()
WAIT = {"Delay": 1, "MaxAttempts": 10}


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    endpoint = argv[1]
    path = argv[2] if len(argv) == 3 else os.path.join(os.path.dirname(__file__), "flow.json")
    with open(path) as f:
        flow = json.load(f, parse_float=decimal.Decimal)
    results = run(flow, endpoint)
    json.dump(results, sys.stdout, default=to_json, sort_keys=True)
    print()
    errors = mismatches(flow["want"], results)
    for e in errors:
        print("boto3 flow: " + e, file=sys.stderr)
    return 1 if errors else 0


def run(flow, endpoint):
    """Runs every step and returns their results by step name."""
    config = Config(retries={"max_attempts": 2}, connect_timeout=5, read_timeout=10)
    client = boto3.client("dynamodb", endpoint_url=endpoint, config=config)
    table = boto3.resource("dynamodb", endpoint_url=endpoint, config=config).Table(flow["table"])
    name, index = flow["table"], flow["index"]
    put = flow["put"]
    key = {"PK": put["PK"], "SK": put["SK"]}
    r = {}

    r["create-table"] = client.create_table(
        TableName=name,
        AttributeDefinitions=[
            {"AttributeName": "PK", "AttributeType": "S"},
            {"AttributeName": "SK", "AttributeType": "S"},
        ],
        KeySchema=[
            {"AttributeName": "PK", "KeyType": "HASH"},
            {"AttributeName": "SK", "KeyType": "RANGE"},
        ],
        GlobalSecondaryIndexes=[{
            "IndexName": index,
            "KeySchema": [
                {"AttributeName": "SK", "KeyType": "HASH"},
                {"AttributeName": "PK", "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "ALL"},
        }],
        BillingMode="PAY_PER_REQUEST",
    )
    client.get_waiter("table_exists").wait(TableName=name, WaiterConfig=WAIT)
    r["describe-table"] = client.describe_table(TableName=name)

    r["put-item"] = table.put_item(Item=put, ReturnConsumedCapacity="TOTAL")
    with table.batch_writer() as batch:
        for item in flow["batch"]:
            batch.put_item(Item=item)
    # batch_writer resends what DynamoDB leaves unprocessed until nothing is.
    r["batch-write-item"] = {"UnprocessedItems": {}}
    r["get-item"] = table.get_item(Key=key)
    q = flow["query"]
    r["query"] = table.query(KeyConditionExpression=Key("PK").eq(q["pk"]) & Key("SK").begins_with(q["prefix"]))

    transaction = [
        {"Put": {
            "TableName": name,
            "Item": to_dynamodb(flow["transact"]),
            "ConditionExpression": "attribute_not_exists(PK)",
        }},
        {"ConditionCheck": {
            "TableName": name,
            "Key": to_dynamodb(key),
            "ConditionExpression": "attribute_exists(PK)",
        }},
    ]
    r["transact-write-items"] = client.transact_write_items(TransactItems=transaction, ReturnConsumedCapacity="TOTAL")
    r["transact-write-items-cancelled"] = cancelled(client, transaction)

    r["query-index"] = table.query(IndexName=index, KeyConditionExpression=Key("SK").eq(flow["queryIndex"]["sk"]))
    scan = client.scan(TableName=name)
    scan["Items"] = sorted((from_dynamodb(i) for i in scan["Items"]), key=lambda i: (i["PK"], i["SK"]))
    r["scan"] = scan
    r["delete-item"] = table.delete_item(Key=key, ReturnValues="ALL_OLD")
    r["delete-table"] = client.delete_table(TableName=name)
    client.get_waiter("table_not_exists").wait(TableName=name, WaiterConfig=WAIT)
    r["list-tables"] = client.list_tables()

    for result in r.values():
        result.pop("ResponseMetadata", None)
    return r


def cancelled(client, transaction):
    """Runs a transaction that must be cancelled; returns its error code and reasons."""
    try:
        client.transact_write_items(TransactItems=transaction)
    except ClientError as e:
        reasons = e.response.get("CancellationReasons", [])
        return {"Code": e.response["Error"]["Code"], "Reasons": [x["Code"] for x in reasons]}
    return {"Code": "none: the transaction succeeded", "Reasons": []}


def to_dynamodb(item):
    s = TypeSerializer()
    return {k: s.serialize(v) for k, v in item.items()}


def from_dynamodb(item):
    d = TypeDeserializer()
    return {k: d.deserialize(v) for k, v in item.items()}


def mismatches(want, results):
    """Lists how results differ from want: step -> dotted path -> value."""
    out = []
    for step, fields in want.items():
        if step not in results:
            out.append(f"{step}: no result")
            continue
        for path, value in fields.items():
            got = lookup(results[step], path)
            if got is MISSING:
                out.append(f"{step}: {path} is missing, want {dump(value)}")
            elif got != value:
                out.append(f"{step}: {path} = {dump(got)}, want {dump(value)}")
    return out


def lookup(value, path):
    """The value at a dotted path (list elements by index), or MISSING."""
    for part in path.split("."):
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return MISSING
    return value


def dump(value):
    return json.dumps(value, default=to_json, sort_keys=True)


def to_json(value):
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if hasattr(value, "value"):  # boto3's Binary
        return base64.b64encode(value.value).decode()
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
