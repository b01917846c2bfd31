package conformance

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestMisc covers DescribeLimits, DescribeEndpoints, paging on an index,
// the legacy Expected and AttributeUpdates parameters, and concurrent
// writers.
func TestMisc(t *testing.T) { runCases(t, miscCases) }

// concurrently runs f n times at once and returns the outcomes.
func concurrently(n int, f func() outcome) []outcome {
	results := make(chan outcome, n)
	for range n {
		go func() { results <- f() }()
	}
	out := make([]outcome, n)
	for i := range out {
		out[i] = <-results
	}
	return out
}

// count returns how many outcomes have exception type code ("" for
// successes).
func count(outcomes []outcome, code string) int {
	n := 0
	for _, o := range outcomes {
		if o.code == code {
			n++
		}
	}
	return n
}

// number returns the number attribute name of the item with key k, read
// consistently.
func (e *Env) number(k Item, name string) string {
	o := e.Call(&dynamodb.GetItemInput{Key: k, ConsistentRead: yes})
	out, _ := o.out.(*dynamodb.GetItemOutput)
	if out == nil {
		e.Fatalf("GetItem: %s", o.describe())
	}
	n, _ := out.Item[name].(*types.AttributeValueMemberN)
	if n == nil {
		e.Fatalf("item %v has no number %s", k, name)
	}
	return n.Value
}

var miscCases = []Case{
	{Name: "DescribeLimits", Steps: []Step{
		{Call: &dynamodb.DescribeLimitsInput{}, Want: `{"AccountMaxReadCapacityUnits":80000,"AccountMaxWriteCapacityUnits":80000,` +
			`"TableMaxReadCapacityUnits":40000,"TableMaxWriteCapacityUnits":40000}`},
	}},
	{Name: "DescribeEndpoints", LocalDiffers: localEndpoints, Run: func(e *Env) {
		o := e.Call(&dynamodb.DescribeEndpointsInput{})
		out, _ := o.out.(*dynamodb.DescribeEndpointsOutput)
		if out == nil || len(out.Endpoints) != 1 || aws.ToString(out.Endpoints[0].Address) == "" || out.Endpoints[0].CachePeriodInMinutes <= 0 {
			e.Errorf("DescribeEndpoints: %s, want one endpoint with an address and a cache period", o.describe())
		}
	}},
	{Name: "paging a global index", Table: indexTable(projKeysOnly), Steps: append(append([]Step(nil), indexItems...),
		Step{Call: &dynamodb.QueryInput{IndexName: str("gsi"), KeyConditionExpression: str("g = :g"),
			ExpressionAttributeValues: Item{":g": S("x")}, Limit: i32(1)},
			Want: `{"Count":1,"LastEvaluatedKey":{"pk":{"S":"a"},"sk":{"S":"2"},"g":{"S":"x"},"gs":{"N":"1"}}}`},
		Step{Call: &dynamodb.QueryInput{IndexName: str("gsi"), KeyConditionExpression: str("g = :g"),
			ExpressionAttributeValues: Item{":g": S("x")}, Limit: i32(1),
			ExclusiveStartKey: Item{"pk": S("a"), "sk": S("2"), "g": S("x"), "gs": N("1")}},
			Want: `{"Items":[{"pk":{"S":"a"},"sk":{"S":"1"},"g":{"S":"x"},"gs":{"N":"2"}}],"Count":1}`},
		Step{Call: &dynamodb.QueryInput{IndexName: str("lsi"), KeyConditionExpression: str("pk = :a"),
			ExpressionAttributeValues: Item{":a": S("a")}, Limit: i32(1)},
			Want: `{"Count":1,"LastEvaluatedKey":{"pk":{"S":"a"},"sk":{"S":"2"},"ls":{"N":"10"}}}`},
	)},
	{Name: "legacy Expected and AttributeUpdates", Table: hashS, Steps: []Step{
		{Call: &dynamodb.PutItemInput{Item: Item{"pk": S("a"), "n": N("1")},
			Expected: map[string]types.ExpectedAttributeValue{"pk": {Exists: no}}}},
		{Call: &dynamodb.PutItemInput{Item: kA, Expected: map[string]types.ExpectedAttributeValue{"pk": {Exists: no}}},
			Err: "ConditionalCheckFailedException"},
		{Call: &dynamodb.UpdateItemInput{Key: kA, ReturnValues: types.ReturnValueAllNew,
			AttributeUpdates: map[string]types.AttributeValueUpdate{
				"n": {Action: types.AttributeActionAdd, Value: N("2")},
				"s": {Action: types.AttributeActionPut, Value: S("x")}}},
			Want: `{"Attributes":{"pk":{"S":"a"},"n":{"N":"3"},"s":{"S":"x"}}}`},
		{Call: &dynamodb.PutItemInput{Item: kA, ConditionExpression: str("attribute_exists(pk)"),
			Expected: map[string]types.ExpectedAttributeValue{"pk": {Exists: yes, Value: S("a")}}}, Err: "ValidationException",
			Msg: "Can not use both expression and non-expression parameters in the same request: " +
				"Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}"},
	}},
	{Name: "concurrent conditional inserts: exactly one wins", Table: hashS, Run: func(e *Env) {
		outcomes := concurrently(12, func() outcome {
			return e.Call(&dynamodb.PutItemInput{Item: kA, ConditionExpression: str("attribute_not_exists(pk)")})
		})
		if wins, lost := count(outcomes, ""), count(outcomes, "ConditionalCheckFailedException"); wins != 1 || lost != 11 {
			e.Errorf("%d puts succeeded and %d failed their condition, want 1 and 11", wins, lost)
		}
	}},
	{Name: "concurrent increments are not lost", Table: hashS, Run: func(e *Env) {
		outcomes := concurrently(20, func() outcome {
			return e.Call(&dynamodb.UpdateItemInput{Key: kA, UpdateExpression: str("ADD n :one"), ExpressionAttributeValues: Item{":one": N("1")}})
		})
		if ok := count(outcomes, ""); ok != 20 {
			e.Errorf("%d of 20 increments succeeded", ok)
		}
		if n := e.number(kA, "n"); n != "20" {
			e.Errorf("n = %s after 20 increments, want 20", n)
		}
	}},
	{Name: "concurrent transactions are atomic", Table: hashS, Steps: []Step{
		put(Item{"pk": S("a"), "n": N("0")}), put(Item{"pk": S("b"), "n": N("0")}),
	}, Run: func(e *Env) {
		outcomes := concurrently(10, func() outcome {
			return e.Call(transact(tUpdate(kA, "ADD n :m", Item{":m": N("-1")}), tUpdate(kB, "ADD n :p", Item{":p": N("1")})))
		})
		ok := count(outcomes, "")
		if ok+count(outcomes, "TransactionCanceledException")+count(outcomes, "TransactionConflictException") != 10 {
			e.Errorf("unexpected outcomes: %v", outcomes)
		}
		a, b := e.number(kA, "n"), e.number(kB, "n")
		if want := itoa(ok); b != want || a != "-"+want && !(ok == 0 && a == "0") {
			e.Errorf("after %d transfers a = %s and b = %s, want -%d and %d", ok, a, b, ok, ok)
		}
	}},
}
