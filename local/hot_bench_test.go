package local

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// benchItemJSON is the wire form of an item like benchItem(i).
func benchItemJSON(i int) string {
	return fmt.Sprintf(`{"PK":{"S":"USER#%08d"},"SK":{"S":"GROUP#%08d"},"name":{"S":"user name number %d with some padding text"},`+
		`"email":{"S":"user%d@example.com"},"n":{"N":"%d"},"payload":{"S":"%s"}}`, i/100, i%100, i, i, i, strings.Repeat("x", 85))
}

// runOp runs op with body b.N times through the handler, without the SDK,
// failing when the answer lacks want.
func runOp(b *testing.B, e *Engine, op string, body func(i int) []byte, want string) {
	b.Helper()
	b.ReportAllocs()
	b.ResetTimer()
	var dst []byte
	for i := range b.N {
		out, err := operations[op](e, &request{body: body(i)}, dst[:0])
		if err != nil || !bytes.Contains(out, []byte(want)) {
			b.Fatal(err, string(out))
		}
		dst = out
	}
}

// BenchmarkTransactWrite puts two items in a transaction with a
// ClientRequestToken, as the Go SDK sends.
func BenchmarkTransactWrite(b *testing.B) {
	e := benchEngine(b, 10_000)
	rest := []byte(`","TransactItems":[{"Put":{"TableName":"bench","Item":` + benchItemJSON(1) + `}},{"Put":{"TableName":"bench","Item":` + benchItemJSON(2) + `}}]}`)
	var body []byte
	runOp(b, e, "TransactWriteItems", func(i int) []byte {
		body = append(strconv.AppendInt(append(body[:0], `{"ClientRequestToken":"tok-`...), int64(i), 10), rest...)
		return body
	}, "{")
}

// BenchmarkBatchWrite puts 25 items, into benchEngine's table with its
// inverse index and into the same table without indexes.
func BenchmarkBatchWrite(b *testing.B) {
	b.Run("table=inverse", func(b *testing.B) { benchBatchWrite(b, benchEngine(b, 10_000)) })
	b.Run("table=plain", func(b *testing.B) {
		e := New(WithTTLInterval(0))
		b.Cleanup(func() { _ = e.Close() })
		plain := benchTable[:strings.Index(benchTable, `,"GlobalSecondaryIndexes"`)] + "}"
		fillTable(b, e, plain, 10_000, func(i int) int { return i })
		benchBatchWrite(b, e)
	})
}

// benchBatchWrite puts 25 items into e's table "bench".
func benchBatchWrite(b *testing.B, e *Engine) {
	var sb strings.Builder
	sb.WriteString(`{"RequestItems":{"bench":[`)
	for i := range 25 {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(`{"PutRequest":{"Item":` + benchItemJSON(i*7) + `}}`)
	}
	sb.WriteString(`]}}`)
	body := []byte(sb.String())
	runOp(b, e, "BatchWriteItem", func(int) []byte { return body }, "UnprocessedItems")
}

// BenchmarkPutItem puts one item.
func BenchmarkPutItem(b *testing.B) {
	e := benchEngine(b, 10_000)
	body := []byte(`{"TableName":"bench","Item":` + benchItemJSON(4242) + `}`)
	runOp(b, e, "PutItem", func(int) []byte { return body }, "{")
}

// BenchmarkGetItemHandler gets one item of a small table.
func BenchmarkGetItemHandler(b *testing.B) {
	e := benchEngine(b, 10_000)
	body := []byte(`{"TableName":"bench","Key":{"PK":{"S":"USER#00000050"},"SK":{"S":"GROUP#00000042"}}}`)
	runOp(b, e, "GetItem", func(int) []byte { return body }, "Item")
}

// BenchmarkQueryHandler25 queries 25 items of a small table.
func BenchmarkQueryHandler25(b *testing.B) {
	e := benchEngine(b, 10_000)
	body := []byte(`{"TableName":"bench","KeyConditionExpression":"PK = :p","ExpressionAttributeValues":{":p":{"S":"USER#00000050"}},"Limit":25}`)
	runOp(b, e, "Query", func(int) []byte { return body }, `"Count":25`)
}

// BenchmarkQueryIndexHandler25 queries 25 items of the inverse index of a
// small table.
func BenchmarkQueryIndexHandler25(b *testing.B) {
	e := benchEngine(b, 10_000)
	body := []byte(`{"TableName":"bench","IndexName":"GSI_1","KeyConditionExpression":"SK = :s AND PK > :p",` +
		`"ExpressionAttributeValues":{":s":{"S":"GROUP#00000042"},":p":{"S":"USER#00000020"}},"Limit":25}`)
	runOp(b, e, "Query", func(int) []byte { return body }, `"Count":25`)
}
