package local

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db/internal/ddbtype"
)

// engineKinds are the two kinds of engine, New's in memory and Open's on
// disk, with a table "tbl" keyed on the string "pk". Each returns the
// engine and a function opening its data again (nil in memory).
var engineKinds = []struct {
	name string
	make func(t *testing.T, opts ...Option) (*Engine, func() *Engine)
}{
	{"memory", func(t *testing.T, opts ...Option) (*Engine, func() *Engine) {
		e := New(append([]Option{WithTTLInterval(0)}, opts...)...)
		t.Cleanup(func() { _ = e.Close() })
		createTbl(t, e)
		return e, nil
	}},
	{"disk", func(t *testing.T, opts ...Option) (*Engine, func() *Engine) {
		dir := t.TempDir()
		e := openT(t, dir, opts...)
		createTbl(t, e)
		return e, func() *Engine { return openT(t, dir) }
	}},
}

// createTbl creates the table "tbl", keyed on the string "pk".
func createTbl(t *testing.T, e *Engine) {
	mustCall(t, e, "CreateTable", `{"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],`+
		`"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`)
}

// storedN returns the number n of item pk of "tbl" as the engine holds
// it, read directly so that it works after Close; "" when there is none.
func storedN(t *testing.T, e *Engine, pk string) string {
	t.Helper()
	tbl := e.lookupTable("tbl")
	k, err := tbl.checkKey(ddbtype.Item{"pk": ddbtype.String(pk)})
	mustOK(t, err)
	en, _ := tbl.items.get(k)
	return en.item["n"].S
}

func TestClosedEngineRefuses(t *testing.T) {
	for _, kind := range engineKinds {
		t.Run(kind.name, func(t *testing.T) {
			e, _ := kind.make(t)
			c := e.Client() // with the SDK's default retries
			mustOK(t, e.Close())
			mustOK(t, e.Close())

			start := time.Now()
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"),
				Item: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a"}}})
			if !errors.Is(err, ErrClosed) {
				t.Fatalf("in-process PutItem after Close: %v, want ErrClosed", err)
			}
			var retried *retry.MaxAttemptsError
			if errors.As(err, &retried) || time.Since(start) > time.Second {
				t.Fatalf("the SDK retried ErrClosed: %v", err)
			}

			const want = `{"__type":"com.amazonaws.dynamodb.v20120810#ServiceUnavailable","message":"Service unavailable: the engine is closed"}`
			if status, body := post(t, e, targetPrefix+"ListTables", []byte(`{}`)); status != http.StatusServiceUnavailable || body != want {
				t.Fatalf("POST after Close: %d %s\nwant 503 %s", status, body, want)
			}
			w := httptest.NewRecorder()
			e.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
			if w.Code != http.StatusServiceUnavailable || w.Body.String() != want {
				t.Fatalf("health check after Close: %d %s", w.Code, w.Body)
			}
		})
	}
}

// TestSweepAfterClose checks that SweepExpired leaves a closed engine
// alone: it neither deletes from memory nor writes to a closed file.
func TestSweepAfterClose(t *testing.T) {
	for _, kind := range engineKinds {
		t.Run(kind.name, func(t *testing.T) {
			clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
			e, _ := kind.make(t, WithClock(clock.now))
			mustCall(t, e, "UpdateTimeToLive", `{"TableName":"tbl","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}}`)
			mustCall(t, e, "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"},"n":{"N":"1"},"exp":{"N":"1700000100"}}}`)
			mustOK(t, e.Close())
			clock.set(time.Unix(1_700_000_200, 0))
			e.SweepExpired()
			if n := storedN(t, e, "a"); n != "1" {
				t.Fatalf("after SweepExpired on a closed engine the item has n = %q, want it kept", n)
			}
			if err := e.failed.get(); err != nil {
				t.Fatalf("SweepExpired after Close failed the engine: %v", err)
			}
		})
	}
}

// TestCloseWithRequestsInFlight closes engines while clients write to
// them: every request either succeeds, in full and durably, or gets
// ErrClosed (503 over HTTP) and changes nothing.
func TestCloseWithRequestsInFlight(t *testing.T) {
	for _, kind := range engineKinds {
		t.Run(kind.name, func(t *testing.T) {
			e, reopen := kind.make(t)
			const workers = 4
			done := make([]int, workers) // transactions that succeeded, by worker
			var lastPut int              // the n of the last PutItem answered 200
			var wg sync.WaitGroup
			run := func(fn func()) {
				wg.Add(1)
				go func() { defer wg.Done(); fn() }()
			}
			for w := range workers {
				run(func() { done[w] = transactUntilClosed(t, e.Client(), strconv.Itoa(w)) })
			}
			run(func() { lastPut = putUntilClosed(t, e) })
			time.Sleep(30 * time.Millisecond)
			for range 2 {
				run(func() { mustOK(t, e.Close()) })
			}
			wg.Wait()

			check := func(e *Engine) {
				t.Helper()
				for w, n := range done {
					for _, pk := range []string{"a" + strconv.Itoa(w), "b" + strconv.Itoa(w)} {
						if got := storedN(t, e, pk); got != strconv.Itoa(n) && !(n == 0 && got == "") {
							t.Errorf("%s: n = %q after %d successful transactions", pk, got, n)
						}
					}
				}
				if got := storedN(t, e, "h"); got != strconv.Itoa(lastPut) && !(lastPut == 0 && got == "") {
					t.Errorf("h: n = %q, the last PutItem answered had n = %d", got, lastPut)
				}
			}
			check(e)
			if reopen != nil {
				check(reopen())
			}
		})
	}
}

// closeDeadline bounds how long writers run before the engine refuses
// them; Close comes long before.
const closeDeadline = 10 * time.Second

// transactUntilClosed adds 1 to items "a"+id and "b"+id in one
// transaction after the other until the engine refuses it, and returns
// how many succeeded. Any other failure fails the test.
func transactUntilClosed(t *testing.T, c *dynamodb.Client, id string) int {
	add := func(pk string) types.TransactWriteItem {
		return types.TransactWriteItem{Update: &types.Update{TableName: aws.String("tbl"),
			Key:              map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: pk}},
			UpdateExpression: aws.String("ADD n :one"), ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}}}}
	}
	for n, end := 0, time.Now().Add(closeDeadline); time.Now().Before(end); n++ {
		// A new input each time: the SDK sets its idempotency token.
		in := &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{add("a" + id), add("b" + id)}}
		_, err := c.TransactWriteItems(ctx, in)
		switch {
		case errors.Is(err, ErrClosed):
			return n
		case err != nil:
			t.Errorf("TransactWriteItems while closing: %v", err)
			return n
		}
	}
	t.Errorf("the engine still answered %s after %v", id, closeDeadline)
	return 0
}

// putUntilClosed puts item "h" with n = 1, 2, ... over the handler until
// the engine answers 503, and returns the last n answered 200.
func putUntilClosed(t *testing.T, e *Engine) int {
	for n, end := 1, time.Now().Add(closeDeadline); time.Now().Before(end); n++ {
		status, body := post(t, e, targetPrefix+"PutItem", []byte(`{"TableName":"tbl","Item":{"pk":{"S":"h"},"n":{"N":"`+strconv.Itoa(n)+`"}}}`))
		switch status {
		case http.StatusOK:
		case http.StatusServiceUnavailable:
			return n - 1
		default:
			t.Errorf("PutItem while closing: %d %s", status, body)
			return n - 1
		}
	}
	t.Errorf("the handler still answered after %v", closeDeadline)
	return 0
}
