package local

import (
	"bytes"
	"fmt"
	"math/rand"
	"net/http"
	"runtime"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db/internal/ddbtype"
)

// benchEngine returns an engine whose table "bench" (PK, SK strings, GSI)
// holds n items of about 200 bytes in partitions of 100.
func benchEngine(b *testing.B, n int) *Engine {
	return benchEngineOrder(b, n, func(i int) int { return i })
}

// benchEngineOrder is benchEngine inserting item order(i) i-th.
func benchEngineOrder(b *testing.B, n int, order func(int) int) *Engine {
	b.Helper()
	e := New(WithTTLInterval(0))
	b.Cleanup(func() { _ = e.Close() })
	fillBench(b, e, n, order)
	return e
}

// benchTable is the CreateTable of benchEngine's table "bench": string
// keys PK and SK, and the inverse index GSI_1 (SK, PK).
const benchTable = `{"TableName":"bench","AttributeDefinitions":[{"AttributeName":"PK","AttributeType":"S"},{"AttributeName":"SK","AttributeType":"S"}],` +
	`"KeySchema":[{"AttributeName":"PK","KeyType":"HASH"},{"AttributeName":"SK","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST",` +
	`"GlobalSecondaryIndexes":[{"IndexName":"GSI_1","KeySchema":[{"AttributeName":"SK","KeyType":"HASH"},{"AttributeName":"PK","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]}`

// fillBench creates the table "bench" of benchEngine and inserts n items,
// item order(i) i-th, committed at once.
func fillBench(b *testing.B, e *Engine, n int, order func(int) int) {
	fillTable(b, e, benchTable, n, order)
}

// fillTable creates the table "bench" with the CreateTable create and
// inserts n items, item order(i) i-th, committed at once.
func fillTable(b *testing.B, e *Engine, create string, n int, order func(int) int) {
	if _, status := e.call("CreateTable", create); status != http.StatusOK {
		b.Fatal("CreateTable failed")
	}
	t := e.lookupTable("bench")
	for i := range n {
		item := benchItem(order(i))
		key, err := t.checkItemKeys(item)
		if err != nil {
			b.Fatal(err)
		}
		t.putEntry(entry{key: key, item: item, size: item.Size()})
	}
	if err := e.commit(t); err != nil {
		b.Fatal(err)
	}
}

// benchItem is item i: about 200 bytes.
func benchItem(i int) ddbtype.Item {
	return ddbtype.Item{
		"PK":      ddbtype.String(fmt.Sprintf("USER#%08d", i/100)),
		"SK":      ddbtype.String(fmt.Sprintf("GROUP#%08d", i%100)),
		"name":    ddbtype.String(fmt.Sprintf("user name number %d with some padding text", i)),
		"email":   ddbtype.String(fmt.Sprintf("user%d@example.com", i)),
		"n":       ddbtype.Int(int64(i)),
		"payload": ddbtype.String("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
	}
}

// call runs one operation without HTTP, for benchmarks.
func (e *Engine) call(op, body string) ([]byte, int) {
	r := request{body: []byte(body)}
	out, err := operations[op](e, &r, nil)
	if err != nil {
		return toAPIError(err).appendJSON(nil), toAPIError(err).status
	}
	return out, http.StatusOK
}

func BenchmarkGetItem(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			e := benchEngine(b, n)
			body := []byte(fmt.Sprintf(`{"TableName":"bench","Key":{"PK":{"S":"USER#%08d"},"SK":{"S":"GROUP#00000042"}}}`, n/200))
			b.ResetTimer()
			for range b.N {
				out, _ := operations["GetItem"](e, &request{body: body}, nil)
				if !bytes.Contains(out, []byte("Item")) {
					b.Fatal(string(out))
				}
			}
		})
	}
}

func BenchmarkQuery25(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			e := benchEngine(b, n)
			body := []byte(fmt.Sprintf(`{"TableName":"bench","KeyConditionExpression":"PK = :p","ExpressionAttributeValues":{":p":{"S":"USER#%08d"}},"Limit":25}`, n/200))
			b.ResetTimer()
			for range b.N {
				out, _ := operations["Query"](e, &request{body: body}, nil)
				if !bytes.Contains(out, []byte(`"Count":25`)) {
					b.Fatal(string(out))
				}
			}
		})
	}
}

// BenchmarkMemoryPerItem reports the heap each stored 200-byte item takes
// (table and GSI), as bytes and as a ratio to the item's size.
func BenchmarkMemoryPerItem(b *testing.B) {
	const n = 200_000
	for range b.N {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		perm := rand.Perm(n)
		e := benchEngineOrder(b, n, func(i int) int { return perm[i] })
		runtime.GC()
		runtime.ReadMemStats(&after)
		raw := 0
		for i := range n {
			raw += benchItem(i).Size()
		}
		used := float64(after.HeapAlloc - before.HeapAlloc)
		b.ReportMetric(used/n, "heap-bytes/item")
		b.ReportMetric(used/float64(raw), "x-raw")
		runtime.KeepAlive(e)
	}
}

// BenchmarkClientGetItem measures GetItem through the in-process SDK
// client.
func BenchmarkClientGetItem(b *testing.B) {
	e := benchEngine(b, 10_000)
	c := e.Client()
	in := &dynamodb.GetItemInput{TableName: aws.String("bench"), Key: map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: "USER#00000050"}, "SK": &types.AttributeValueMemberS{Value: "GROUP#00000042"}}}
	b.ResetTimer()
	for range b.N {
		if out, err := c.GetItem(ctx, in); err != nil || out.Item == nil {
			b.Fatal(err)
		}
	}
}
