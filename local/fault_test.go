package local

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// mustAdd adds a fault and fails the test on error.
func mustAdd(t *testing.T, e *Engine, f Fault) FaultID {
	t.Helper()
	id, err := e.Faults().Add(f)
	mustOK(t, err)
	return id
}

// put writes an item with key (p, s) to table.
func put(c *dynamodb.Client, table, p, s string) error {
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: pk(p, s)})
	return err
}

func TestFaultErrors(t *testing.T) {
	e, c := newClient(t)
	createPKSK(t, c, "TabA")
	createPKSK(t, c, "TabB")
	tests := []struct {
		err       error
		code, msg string
	}{
		{ErrThrottling, "ThrottlingException", "Rate of requests exceeds the allowed throughput."},
		{ErrProvisionedThroughputExceeded, "ProvisionedThroughputExceededException",
			"The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API."},
		{ErrInternalServerError, "InternalServerError", "Internal server error"},
		{ErrTransactionConflict, "TransactionConflictException", "Transaction is ongoing for the item"},
	}
	for _, tt := range tests {
		e.Faults().Clear()
		mustAdd(t, e, Fault{Op: "PutItem", Table: "TabA", Err: tt.err})
		wantErr(t, put(c, "TabA", "p", "s"), tt.code, tt.msg)
		mustOK(t, put(c, "TabB", "p", "s"))
		_, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("TabA"), Key: pk("p", "s")})
		mustOK(t, err)
	}
}

func TestFaultInternalServerErrorStatus(t *testing.T) {
	e := New()
	defer e.Close()
	mustAdd(t, e, Fault{Op: "ListTables", Err: ErrInternalServerError})
	status, body := post(t, e, targetPrefix+"ListTables", []byte(`{}`))
	if status != 500 || body != `{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"Internal server error"}` {
		t.Fatalf("%d %s", status, body)
	}
	mustAdd(t, e, Fault{Op: "DescribeTable", Err: ErrThrottling})
	status, body = post(t, e, targetPrefix+"DescribeTable", []byte(`{"TableName":"nope"}`))
	if status != 400 || body != `{"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate of requests exceeds the allowed throughput."}` {
		t.Fatalf("%d %s", status, body)
	}
}

func TestFaultCountAndRemove(t *testing.T) {
	e, c := newClient(t)
	createPKSK(t, c, "Tab")
	id := mustAdd(t, e, Fault{Table: "Tab", Err: ErrProvisionedThroughputExceeded, Count: 2})
	for range 2 {
		wantErr(t, put(c, "Tab", "p", "s"), "ProvisionedThroughputExceededException", "")
	}
	mustOK(t, put(c, "Tab", "p", "s"))
	if len(e.Faults().List()) != 0 || e.Faults().Remove(id) {
		t.Fatal("a spent fault stays listed")
	}
	id = mustAdd(t, e, Fault{Err: ErrThrottling})
	if got := e.Faults().List(); len(got) != 1 || got[0].ID != id || got[0].Err != ErrThrottling {
		t.Fatalf("List = %+v", got)
	}
	wantErr(t, put(c, "Tab", "p", "s"), "ThrottlingException", "")
	if !e.Faults().Remove(id) {
		t.Fatal("Remove found nothing")
	}
	mustOK(t, put(c, "Tab", "p", "s"))
}

func TestFaultKeyAndIndexScope(t *testing.T) {
	e, c := newClient(t)
	createNumTable(t, c)
	mustAdd(t, e, Fault{Key: map[string]types.AttributeValue{"N": num("1.0")}, Err: ErrThrottling})
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("nums"), Item: map[string]av{"P": str("a"), "N": num("1")}})
	wantErr(t, err, "ThrottlingException", "")
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("nums"), Item: map[string]av{"P": str("a"), "N": num("2")}})
	mustOK(t, err)
	e.Faults().Clear()
	mustAdd(t, e, Fault{Op: "Query", Index: "byG", Latency: time.Millisecond, Err: ErrInternalServerError})
	_, err = c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("nums"), KeyConditionExpression: aws.String("P = :p"),
		ExpressionAttributeValues: map[string]av{":p": str("p")}})
	mustOK(t, err)
	_, err = c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("nums"), IndexName: aws.String("byG"),
		KeyConditionExpression: aws.String("G = :g"), ExpressionAttributeValues: map[string]av{":g": str("g")}})
	wantErr(t, err, "InternalServerError", "")
}

func TestFaultTransactionConflict(t *testing.T) {
	e, c := newClient(t)
	createPKSK(t, c, "Tab")
	mustAdd(t, e, Fault{Key: map[string]types.AttributeValue{"PK": str("b")}, Err: ErrTransactionConflict})
	_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String("Tab"), Item: pk("a", "1")}},
		{Put: &types.Put{TableName: aws.String("Tab"), Item: pk("b", "1")}},
	}})
	var tce *types.TransactionCanceledException
	if !errors.As(err, &tce) || len(tce.CancellationReasons) != 2 ||
		aws.ToString(tce.CancellationReasons[0].Code) != "None" ||
		aws.ToString(tce.CancellationReasons[1].Code) != "TransactionConflict" ||
		aws.ToString(tce.CancellationReasons[1].Message) != "Transaction is ongoing for the item" {
		t.Fatalf("TransactWriteItems: %v", err)
	}
	wantErr(t, put(c, "Tab", "b", "1"), "TransactionConflictException", "Transaction is ongoing for the item")
	mustOK(t, put(c, "Tab", "a", "1"))
}

func TestFaultUnprocessed(t *testing.T) {
	e, c := newClient(t)
	createPKSK(t, c, "Tab")
	mustAdd(t, e, Fault{Key: map[string]types.AttributeValue{"PK": str("left")}, Unprocessed: true})
	out, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"Tab": {
		{PutRequest: &types.PutRequest{Item: pk("kept", "1")}},
		{PutRequest: &types.PutRequest{Item: pk("left", "1")}},
		{DeleteRequest: &types.DeleteRequest{Key: pk("left", "2")}},
	}}})
	mustOK(t, err)
	left := out.UnprocessedItems["Tab"]
	if len(left) != 2 || !reflect.DeepEqual(left[0].PutRequest.Item, pk("left", "1")) || !reflect.DeepEqual(left[1].DeleteRequest.Key, pk("left", "2")) {
		t.Fatalf("UnprocessedItems = %+v", out.UnprocessedItems)
	}
	got, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{"Tab": {
		Keys: []map[string]av{pk("kept", "1"), pk("left", "1")}, ProjectionExpression: aws.String("PK")}}})
	mustOK(t, err)
	if len(got.Responses["Tab"]) != 1 || !reflect.DeepEqual(got.UnprocessedKeys["Tab"].Keys, []map[string]av{pk("left", "1")}) ||
		aws.ToString(got.UnprocessedKeys["Tab"].ProjectionExpression) != "PK" {
		t.Fatalf("BatchGetItem = %+v, unprocessed %+v", got.Responses, got.UnprocessedKeys)
	}
}

func TestFaultLatency(t *testing.T) {
	e, c := newClient(t)
	mustAdd(t, e, Fault{Op: "ListTables", Latency: 60 * time.Millisecond})
	start := time.Now()
	_, err := c.ListTables(ctx, &dynamodb.ListTablesInput{})
	mustOK(t, err)
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Fatalf("ListTables took %v", d)
	}
}

// outcomes runs n PutItems against a fresh engine seeded with seed, with a
// throttling fault of probability p, and returns which failed.
func outcomes(t *testing.T, seed uint64, n int, p float64) string {
	e, c := newClient(t, WithFaultSeed(seed))
	createPKSK(t, c, "Tab")
	mustAdd(t, e, Fault{Op: "PutItem", Err: ErrThrottling, Probability: p})
	var b strings.Builder
	for range n {
		if put(c, "Tab", "p", "s") != nil {
			b.WriteByte('x')
		} else {
			b.WriteByte('.')
		}
	}
	return b.String()
}

func TestFaultProbabilityIsSeeded(t *testing.T) {
	a, b := outcomes(t, 7, 60, 0.3), outcomes(t, 7, 60, 0.3)
	if a != b {
		t.Fatalf("same seed, different faults:\n%s\n%s", a, b)
	}
	if n := strings.Count(a, "x"); n < 5 || n > 35 {
		t.Fatalf("%d of 60 failed with probability 0.3: %s", n, a)
	}
	if other := outcomes(t, 8, 60, 0.3); other == a {
		t.Fatalf("seeds 7 and 8 give the same faults: %s", a)
	}
}

func TestFaultValidation(t *testing.T) {
	bad := []Fault{
		{},
		{Err: errors.New("mine")},
		{Err: ErrThrottling, Probability: 1.5},
		{Err: ErrThrottling, Count: -1},
		{Unprocessed: true, Err: ErrThrottling},
		{Unprocessed: true, Op: "PutItem"},
		{Op: "Frobnicate", Err: ErrThrottling},
		{Err: ErrThrottling, Key: map[string]types.AttributeValue{"k": &types.AttributeValueMemberBOOL{Value: true}}},
		{Err: ErrThrottling, Key: map[string]types.AttributeValue{"k": num("x")}},
	}
	f := New().Faults()
	for _, b := range bad {
		if _, err := f.Add(b); err == nil {
			t.Errorf("Add(%+v) succeeded", b)
		}
	}
}

func TestFaultJSON(t *testing.T) {
	in := `{"Op":"PutItem","Table":"Tab","Key":{"PK":{"S":"a"},"N":{"N":"5"},"B":{"B":"AQI="}},"Error":"TransactionConflict","Latency":"250ms","Probability":0.5,"Count":3}`
	var f Fault
	mustOK(t, json.Unmarshal([]byte(in), &f))
	want := Fault{Op: "PutItem", Table: "Tab", Key: map[string]types.AttributeValue{"PK": str("a"), "N": num("5"), "B": &types.AttributeValueMemberB{Value: []byte{1, 2}}},
		Err: ErrTransactionConflict, Latency: 250 * time.Millisecond, Probability: 0.5, Count: 3}
	if !reflect.DeepEqual(f, want) {
		t.Fatalf("decoded %+v\nwant    %+v", f, want)
	}
	out, err := json.Marshal(f)
	mustOK(t, err)
	var back Fault
	mustOK(t, json.Unmarshal(out, &back))
	if !reflect.DeepEqual(back, want) {
		t.Fatalf("round trip %s gives %+v", out, back)
	}
	for _, bad := range []string{`{"Eror":"ThrottlingException"}`, `{"Error":"Nope"}`, `{"Latency":"soon"}`, `{"Key":{"PK":"a"}}`} {
		if err := json.Unmarshal([]byte(bad), &f); err == nil {
			t.Errorf("%s decoded", bad)
		}
	}
}

func TestFaultsConcurrently(t *testing.T) {
	e, c := newClient(t)
	createPKSK(t, c, "Tab")
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 50 {
			id, _ := e.Faults().Add(Fault{Op: "PutItem", Err: ErrThrottling, Probability: 0.5, Count: 3})
			if i%2 == 0 {
				e.Faults().Remove(id)
			}
			_ = e.Faults().List()
		}
		e.Faults().Clear()
	}()
	for i := range 100 {
		_ = put(c, "Tab", "p", itoa(i))
	}
	<-done
	mustOK(t, put(c, "Tab", "p", "last"))
}
