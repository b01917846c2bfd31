package local

import (
	"testing"
)

// multiKeyTable is benchTable with, instead of GSI_1, the index GSI_MK on a
// multi-attribute key: partition key SK, sort key PK then n.
const multiKeyTable = `{"TableName":"bench","AttributeDefinitions":[{"AttributeName":"PK","AttributeType":"S"},{"AttributeName":"SK","AttributeType":"S"},` +
	`{"AttributeName":"n","AttributeType":"N"}],"KeySchema":[{"AttributeName":"PK","KeyType":"HASH"},{"AttributeName":"SK","KeyType":"RANGE"}],` +
	`"BillingMode":"PAY_PER_REQUEST","GlobalSecondaryIndexes":[{"IndexName":"GSI_MK","KeySchema":[{"AttributeName":"SK","KeyType":"HASH"},` +
	`{"AttributeName":"PK","KeyType":"RANGE"},{"AttributeName":"n","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]}`

// multiKeyEngine returns an engine whose table "bench" is multiKeyTable
// holding n items of benchItem.
func multiKeyEngine(b *testing.B, n int) *Engine {
	e := New(WithTTLInterval(0))
	b.Cleanup(func() { _ = e.Close() })
	fillTable(b, e, multiKeyTable, n, func(i int) int { return i })
	return e
}

// BenchmarkPutItemMultiKey puts one item in a table with a multi-attribute
// index.
func BenchmarkPutItemMultiKey(b *testing.B) {
	e := multiKeyEngine(b, 10_000)
	body := []byte(`{"TableName":"bench","Item":` + benchItemJSON(4242) + `}`)
	runOp(b, e, "PutItem", func(int) []byte { return body }, "{")
}

// BenchmarkQueryMultiKeyHandler25 queries 25 items of a multi-attribute
// index, as BenchmarkQueryIndexHandler25 does of a single-attribute one.
func BenchmarkQueryMultiKeyHandler25(b *testing.B) {
	e := multiKeyEngine(b, 10_000)
	body := []byte(`{"TableName":"bench","IndexName":"GSI_MK","KeyConditionExpression":"SK = :s AND PK > :p",` +
		`"ExpressionAttributeValues":{":s":{"S":"GROUP#00000042"},":p":{"S":"USER#00000020"}},"Limit":25}`)
	runOp(b, e, "Query", func(int) []byte { return body }, `"Count":25`)
}
