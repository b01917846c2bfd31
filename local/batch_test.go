package local

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestBatchWriteAndGet(t *testing.T) {
	_, c := newClient(t)
	createPKSK(t, c, "tbl")
	var reqs []types.WriteRequest
	for i := range 25 {
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: pk("u", fmt.Sprint(i))}})
	}
	out, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"tbl": reqs},
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	mustOK(t, err)
	if len(out.UnprocessedItems) != 0 || *out.ConsumedCapacity[0].CapacityUnits != 50 {
		t.Fatalf("unprocessed %v capacity %v", out.UnprocessedItems, *out.ConsumedCapacity[0].CapacityUnits)
	}
	_, err = c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"tbl": append(reqs, reqs[0])}})
	wantErr(t, err, "ValidationException", "")
	_, err = c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"tbl": {reqs[0],
		{DeleteRequest: &types.DeleteRequest{Key: pk("u", "0")}}}}})
	wantErr(t, err, "ValidationException", "Provided list of item keys contains duplicates")
	keys := []map[string]av{pk("u", "1"), pk("u", "2"), pk("u", "missing")}
	got, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{"tbl": {Keys: keys}}})
	mustOK(t, err)
	if len(got.Responses["tbl"]) != 2 || len(got.UnprocessedKeys) != 0 {
		t.Fatalf("responses %v", got.Responses)
	}
	_, err = c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{"tbl": {Keys: append(keys, keys[0])}}})
	wantErr(t, err, "ValidationException", "Provided list of item keys contains duplicates")
	_, err = c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{"nope": {Keys: keys}}})
	wantErr(t, err, "ResourceNotFoundException", "Requested resource not found")
}

func TestTransactWrite(t *testing.T) {
	_, c := newClient(t)
	createPKSK(t, c, "tbl")
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"), Item: withAttrs(pk("a", "1"), "n", num("5"))})
	mustOK(t, err)
	tbl := aws.String("tbl")
	items := []types.TransactWriteItem{
		{Put: &types.Put{TableName: tbl, Item: pk("b", "1"), ConditionExpression: aws.String("attribute_not_exists(PK)")}},
		{Update: &types.Update{TableName: tbl, Key: pk("a", "1"), UpdateExpression: aws.String("SET n = n + :one"),
			ExpressionAttributeValues: map[string]av{":one": num("1")}}},
		{ConditionCheck: &types.ConditionCheck{TableName: tbl, Key: pk("a", "1"), ConditionExpression: aws.String("n = :five"),
			ExpressionAttributeValues: map[string]av{":five": num("5")}, ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}},
	}
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	wantErr(t, err, "ValidationException", "Transaction request cannot include multiple operations on one item")
	items[2].ConditionCheck.Key = pk("a", "2")
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	var tce *types.TransactionCanceledException
	if !errorsAs(err, &tce) || len(tce.CancellationReasons) != 3 || *tce.CancellationReasons[2].Code != "ConditionalCheckFailed" ||
		*tce.CancellationReasons[0].Code != "None" {
		t.Fatalf("err %v", err)
	}
	wantErr(t, err, "TransactionCanceledException", "Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed]")
	items = items[:2]
	out, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items, ClientRequestToken: aws.String("tok"),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	mustOK(t, err)
	if *out.ConsumedCapacity[0].CapacityUnits != 8 { // 2 writes and 2 GSI writes, doubled
		t.Fatalf("capacity %v", *out.ConsumedCapacity[0].CapacityUnits)
	}
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items, ClientRequestToken: aws.String("tok"),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	mustOK(t, err) // replayed: n is incremented once
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items[:1], ClientRequestToken: aws.String("tok")})
	wantErr(t, err, "IdempotentParameterMismatchException", "")
	chk, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{ReturnConsumedCapacity: types.ReturnConsumedCapacityIndexes,
		TransactItems: []types.TransactWriteItem{{ConditionCheck: &types.ConditionCheck{TableName: tbl, Key: pk("a", "1"), ConditionExpression: aws.String("attribute_exists(n)")}}}})
	mustOK(t, err)
	if cc := chk.ConsumedCapacity[0]; *cc.CapacityUnits != 2 || cc.GlobalSecondaryIndexes != nil {
		t.Fatalf("condition check capacity %v %v", *cc.CapacityUnits, cc.GlobalSecondaryIndexes)
	}
	g, err := c.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{
		{Get: &types.Get{TableName: tbl, Key: pk("a", "1")}}, {Get: &types.Get{TableName: tbl, Key: pk("zz", "1")}}}})
	mustOK(t, err)
	if g.Responses[0].Item["n"].(*types.AttributeValueMemberN).Value != "6" || g.Responses[1].Item != nil {
		t.Fatalf("get %+v", g.Responses)
	}
}

// TestBatchWriteKeyIndexOverwrite overwrites and deletes items of a table
// whose index is keyed on the table's key attributes, and checks that the
// index and the capacity charged follow.
func TestBatchWriteKeyIndexOverwrite(t *testing.T) {
	e := New(WithTTLInterval(0))
	defer e.Close()
	if _, status := e.call("CreateTable", `{"TableName":"tab","AttributeDefinitions":[{"AttributeName":"PK","AttributeType":"S"},{"AttributeName":"SK","AttributeType":"S"}],`+
		`"KeySchema":[{"AttributeName":"PK","KeyType":"HASH"},{"AttributeName":"SK","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST",`+
		`"GlobalSecondaryIndexes":[{"IndexName":"inv","KeySchema":[{"AttributeName":"SK","KeyType":"HASH"},{"AttributeName":"PK","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]}`); status != 200 {
		t.Fatal("CreateTable failed")
	}
	put := func(pk, v string) string {
		return `{"PutRequest":{"Item":{"PK":{"S":"` + pk + `"},"SK":{"S":"s"},"v":{"S":"` + v + `"}}}}`
	}
	write := func(reqs string) string {
		out, status := e.call("BatchWriteItem", `{"RequestItems":{"tab":[`+reqs+`]},"ReturnConsumedCapacity":"INDEXES"}`)
		if status != 200 {
			t.Fatalf("BatchWriteItem: %s", out)
		}
		return string(out)
	}
	write(put("a", "1") + "," + put("b", "1"))
	if out := write(put("a", "2") + `,{"DeleteRequest":{"Key":{"PK":{"S":"b"},"SK":{"S":"s"}}}}`); !strings.Contains(out, `"GlobalSecondaryIndexes":{"inv":{"CapacityUnits":2`) {
		t.Errorf("capacity: %s", out)
	}
	out, _ := e.call("Query", `{"TableName":"tab","IndexName":"inv","KeyConditionExpression":"SK = :s","ExpressionAttributeValues":{":s":{"S":"s"}}}`)
	if !strings.Contains(string(out), `"Count":1,`) || !strings.Contains(string(out), `"v":{"S":"2"}`) {
		t.Errorf("index: %s", out)
	}
}
