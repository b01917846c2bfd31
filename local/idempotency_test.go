package local

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// txEngine returns an engine with the table "tok_t" (hash key "k"), whose
// clock is *now.
func txEngine(t *testing.T, now *time.Time) *Engine {
	t.Helper()
	e := New(WithTTLInterval(0), WithClock(func() time.Time { return *now }))
	t.Cleanup(func() { _ = e.Close() })
	if out, st := e.call("CreateTable", `{"TableName":"tok_t","AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],`+
		`"KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`); st != http.StatusOK {
		t.Fatalf("CreateTable: %s", out)
	}
	return e
}

func TestTokenSameRequestOtherOrder(t *testing.T) {
	now := time.Unix(1e9, 0)
	e := txEngine(t, &now)
	first := `{"ClientRequestToken":"tok","TransactItems":[{"Update":{"TableName":"tok_t","Key":{"k":{"S":"a"}},"UpdateExpression":"ADD n :one",` +
		`"ExpressionAttributeNames":{"#a":"x","#b":"y"},"ExpressionAttributeValues":{":one":{"N":"1"},":m":{"M":{"p":{"S":"1"},"q":{"N":"2"}}}},` +
		`"ConditionExpression":"attribute_not_exists(#a) AND attribute_not_exists(#b) AND :m = :m"}}]}`
	same := `{ "TransactItems" : [{"Update":{"ConditionExpression":"attribute_not_exists(#a) AND attribute_not_exists(#b) AND :m = :m",` +
		`"ExpressionAttributeValues":{":m":{"M":{"q":{"N":"2"},"p":{"S":"1"}}},":one":{"N":"1"}},"ExpressionAttributeNames":{"#b":"y","#a":"x"},` +
		`"UpdateExpression":"ADD n :one","Key":{"k":{"S":"a"}},"TableName":"tok_t"}}], "ClientRequestToken":"tok"}`
	for i, body := range []string{first, same, first} {
		if out, st := e.call("TransactWriteItems", body); st != http.StatusOK {
			t.Fatalf("request %d: %s", i, out)
		}
	}
	if out, _ := e.call("GetItem", `{"TableName":"tok_t","Key":{"k":{"S":"a"}}}`); !strings.Contains(string(out), `"n":{"N":"1"}`) {
		t.Fatalf("not applied once: %s", out)
	}
	for _, other := range []string{
		strings.Replace(first, `"N":"1"`, `"N":"2"`, 1),
		strings.Replace(first, `"#b":"y"`, `"#b":"z"`, 1),
		strings.Replace(first, `"q":{"N":"2"}`, `"q":{"S":"2"}`, 1),
		strings.Replace(first, `"ClientRequestToken":"tok",`, `"ClientRequestToken":"tok","ReturnConsumedCapacity":"TOTAL",`, 1),
	} {
		out, st := e.call("TransactWriteItems", other)
		if st == http.StatusOK || !strings.Contains(string(out), "IdempotentParameterMismatchException") {
			t.Fatalf("%s: %s", other, out)
		}
	}
}

func TestTokenExpiry(t *testing.T) {
	now := time.Unix(1e9, 0)
	e := txEngine(t, &now)
	put := func(tok, v string) (string, int) {
		out, st := e.call("TransactWriteItems", fmt.Sprintf(`{"ClientRequestToken":%q,"TransactItems":[{"Put":{"TableName":"tok_t","Item":{"k":{"S":%q}}}}]}`, tok, v))
		return string(out), st
	}
	for i := range 100 {
		if out, st := put(fmt.Sprint("t", i), "a"); st != http.StatusOK {
			t.Fatal(out)
		}
		now = now.Add(10 * time.Second)
	}
	if out, _ := put("t99", "b"); !strings.Contains(out, "IdempotentParameterMismatchException") {
		t.Fatal(out)
	}
	if out, st := put("t0", "b"); st != http.StatusOK { // 1000 s old: expired
		t.Fatal(out)
	}
	c := &e.txTokens
	if live := len(c.queue) - c.head; live > 62 || len(c.byTok) > 62 {
		t.Fatalf("%d arrivals and %d tokens kept, want at most 62", live, len(c.byTok))
	}
	now = now.Add(time.Hour)
	if out, st := put("t1", "c"); st != http.StatusOK {
		t.Fatal(out)
	}
	if len(c.byTok) != 1 || len(c.queue)-c.head != 1 {
		t.Fatalf("%d tokens, %d arrivals kept after an hour", len(c.byTok), len(c.queue)-c.head)
	}
}

func TestTokenLimit(t *testing.T) {
	now := time.Unix(1e9, 0)
	e := New(WithTTLInterval(0), WithClock(func() time.Time { return now }), WithTokenLimit(10))
	t.Cleanup(func() { _ = e.Close() })
	if out, st := e.call("CreateTable", `{"TableName":"tok_t","AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],`+
		`"KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`); st != http.StatusOK {
		t.Fatalf("CreateTable: %s", out)
	}
	put := func(tok, v string) (string, int) {
		out, st := e.call("TransactWriteItems", fmt.Sprintf(`{"ClientRequestToken":%q,"TransactItems":[{"Put":{"TableName":"tok_t","Item":{"k":{"S":%q}}}}]}`, tok, v))
		return string(out), st
	}
	for i := range 1000 {
		if out, st := put(fmt.Sprint("t", i), "a"); st != http.StatusOK {
			t.Fatal(out)
		}
		now = now.Add(time.Millisecond) // all well within the ten minutes
	}
	c := &e.txTokens
	if live := len(c.queue) - c.head; len(c.byTok) != 10 || live != 10 || cap(c.queue) > 40 {
		t.Fatalf("%d tokens, %d arrivals, capacity %d kept; want 10, 10, at most 40", len(c.byTok), live, cap(c.queue))
	}
	for i := 990; i < 1000; i++ { // the newest are remembered
		if out, _ := put(fmt.Sprint("t", i), "b"); !strings.Contains(out, "IdempotentParameterMismatchException") {
			t.Fatalf("t%d: %s", i, out)
		}
	}
	if out, st := put("t0", "b"); st != http.StatusOK { // the oldest were forgotten early
		t.Fatal(out)
	}
}
