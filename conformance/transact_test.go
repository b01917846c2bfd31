package conformance

import (
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestTransactions covers TransactWriteItems and TransactGetItems:
// atomicity, cancellation reasons, idempotency tokens and limits.
// Messages are DynamoDB's as recorded by moto's AWS-verified tests
// (tests/test_dynamodb/test_dynamodb_transact.py,
// exceptions/test_dynamodb_transactions.py).
func TestTransactions(t *testing.T) { runCases(t, transactCases) }

// tPut, tUpdate, tDelete and tCheck are items of a TransactWriteItems on
// "$T" (or the table in the key's TableName when set).
func tPut(item Item, cond string) types.TransactWriteItem {
	return types.TransactWriteItem{Put: &types.Put{Item: item, ConditionExpression: optStr(cond)}}
}

func tUpdate(key Item, expr string, vals Item) types.TransactWriteItem {
	return types.TransactWriteItem{Update: &types.Update{Key: key, UpdateExpression: str(expr), ExpressionAttributeValues: vals}}
}

func tDelete(key Item) types.TransactWriteItem {
	return types.TransactWriteItem{Delete: &types.Delete{Key: key}}
}

func tCheck(key Item, cond string) types.TransactWriteItem {
	return types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{Key: key, ConditionExpression: str(cond)}}
}

// optStr returns nil for "" and a pointer to s otherwise.
func optStr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// transact is a TransactWriteItems of items.
func transact(items ...types.TransactWriteItem) *dynamodb.TransactWriteItemsInput {
	return &dynamodb.TransactWriteItemsInput{TransactItems: items}
}

// tGets is a TransactGetItems of keys on "$T".
func tGets(keys ...Item) *dynamodb.TransactGetItemsInput {
	in := &dynamodb.TransactGetItemsInput{}
	for _, k := range keys {
		in.TransactItems = append(in.TransactItems, types.TransactGetItem{Get: &types.Get{Key: k}})
	}
	return in
}

// canceled is a step wanting TransactionCanceledException with the given
// reason codes.
func canceled(in any, codes ...string) Step {
	msg := "Transaction cancelled, please refer cancellation reasons for specific reasons ["
	want := `{"CancellationReasons":[`
	for i, c := range codes {
		if i > 0 {
			msg += ", "
			want += ","
		}
		msg += c
		want += `{"Code":"` + c + `"}`
	}
	return Step{Call: in, Err: "TransactionCanceledException", Msg: msg + "]", Want: want + "]}"}
}

// tokenPuts is a TransactWriteItems of two puts with a client token,
// wanting TOTAL capacity.
func tokenPuts() *dynamodb.TransactWriteItemsInput {
	return &dynamodb.TransactWriteItemsInput{ClientRequestToken: str("cap-$R"), ReturnConsumedCapacity: total,
		TransactItems: []types.TransactWriteItem{tPut(kA, ""), tPut(kB, "")}}
}

// txRaw is a raw TransactWriteItems of the actions (JSON objects, comma
// separated) that DynamoDB refuses because the member at path is missing.
func txRaw(actions, path string) Step {
	return Step{Raw: &Raw{Target: target("TransactWriteItems"), Body: `{"TransactItems":[` + actions + `]}`}, Status: 400,
		Err: "ValidationException", Msg: "*Value null at '" + path + "' failed to satisfy constraint: Member must not be null"}
}

// putsN returns n transaction puts of items with keys "0" to n-1.
func putsN(n int) []types.TransactWriteItem {
	items := make([]types.TransactWriteItem, n)
	for i := range items {
		items[i] = tPut(Item{"pk": S(strconv.Itoa(i))}, "")
	}
	return items
}

var transactCases = []Case{
	{Name: "TransactWriteItems applies every action", Table: hashS, Steps: []Step{
		put(Item{"pk": S("b"), "n": N("1")}),
		put(kC),
		put(Item{"pk": S("d"), "n": N("4")}),
		{Call: transact(tPut(kA, "attribute_not_exists(pk)"), tUpdate(kB, "SET n = n + :one", Item{":one": N("1")}),
			tDelete(kC), tCheck(Item{"pk": S("d")}, "attribute_exists(n)")), Want: `{}`},
		{Call: tGets(kA, kB, kC), Want: `{"Responses":[{"Item":{"pk":{"S":"a"}}},{"Item":{"pk":{"S":"b"},"n":{"N":"2"}}},{}]}`},
	}},
	{Name: "TransactWriteItems across two tables", Table: hashS, Table2: hashN, Steps: []Step{
		{Call: transact(tPut(kA, ""), types.TransactWriteItem{Put: &types.Put{TableName: str("$T2"), Item: Item{"pk": N("1")}}})},
		{Call: &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{{Get: &types.Get{Key: kA}},
			{Get: &types.Get{TableName: str("$T2"), Key: Item{"pk": N("1")}}}}},
			Want: `{"Responses":[{"Item":{"pk":{"S":"a"}}},{"Item":{"pk":{"N":"1"}}}]}`},
	}},
	{Name: "a failed condition cancels the whole transaction", Table: hashS, Steps: []Step{
		put(Item{"pk": S("b"), "n": N("1")}),
		put(kC),
		canceled(transact(tPut(kA, ""), tPut(Item{"pk": S("b")}, "attribute_not_exists(pk)"), tDelete(kC)),
			"None", "ConditionalCheckFailed", "None"),
		{Call: tGets(kA, kB, kC), Want: `{"Responses":[{},{"Item":{"pk":{"S":"b"},"n":{"N":"1"}}},{"Item":{"pk":{"S":"c"}}}]}`},
	}},
	{Name: "cancellation reasons carry the item with ALL_OLD", Table: hashS, Steps: []Step{
		put(Item{"pk": S("b"), "n": N("1")}),
		{Call: transact(tPut(kA, ""), types.TransactWriteItem{Put: &types.Put{Item: kB, ConditionExpression: str("attribute_not_exists(pk)"),
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}}),
			Err: "TransactionCanceledException", Want: `{"CancellationReasons":[{"Code":"None"},` +
				`{"Code":"ConditionalCheckFailed","Message":"The conditional request failed","Item":{"pk":{"S":"b"},"n":{"N":"1"}}}]}`},
	}},
	{Name: "ConditionCheck failure reason", Table: hashS, Steps: []Step{
		{Call: transact(tPut(kA, ""), tCheck(kB, "attribute_exists(pk)")), Err: "TransactionCanceledException",
			Want:         `{"CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"}]}`,
			LocalDiffers: localCheckReason, Local: &Expect{Err: "TransactionCanceledException",
				Want: `{"CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed"}]}`}},
	}},
	{Name: "one item twice in a transaction", Table: hashS, Steps: []Step{
		{Call: transact(tPut(kA, ""), tDelete(kA)), Err: "ValidationException",
			Msg: "Transaction request cannot include multiple operations on one item"},
		{Call: transact(tUpdate(kA, "SET n = :one", Item{":one": N("1")}), tCheck(kA, "attribute_not_exists(pk)")),
			Err: "ValidationException", Msg: "Transaction request cannot include multiple operations on one item",
			LocalDiffers: localCheckAndUpdate},
		get(kA, `{"Item":null}`),
	}},
	{Name: "idempotency token", Table: hashS, Steps: []Step{
		put(Item{"pk": S("a"), "n": N("0")}),
		{Call: &dynamodb.TransactWriteItemsInput{ClientRequestToken: str("token-$R"),
			TransactItems: []types.TransactWriteItem{tUpdate(kA, "ADD n :one", Item{":one": N("1")})}}},
		{Call: &dynamodb.TransactWriteItemsInput{ClientRequestToken: str("token-$R"),
			TransactItems: []types.TransactWriteItem{tUpdate(kA, "ADD n :one", Item{":one": N("1")})}}},
		get(kA, `{"Item":{"pk":{"S":"a"},"n":{"N":"1"}}}`),
		{Call: &dynamodb.TransactWriteItemsInput{ClientRequestToken: str("token-$R"),
			TransactItems: []types.TransactWriteItem{tUpdate(kA, "ADD n :two", Item{":two": N("2")})}},
			Err: "IdempotentParameterMismatchException"},
	}},
	{Name: "a repeat of a token reports the capacity of reading the items", Table: hashS, Steps: []Step{
		{Call: tokenPuts(), Want: `{"ConsumedCapacity":[{"TableName":"$T","CapacityUnits":4,"WriteCapacityUnits":4}]}`,
			LocalDiffers: localTransactCapacity, Local: &Expect{}},
		put(Item{"pk": S("b"), "s": S(strings.Repeat("x", 5000))}),
		{Call: tokenPuts(), Want: `{"ConsumedCapacity":[{"TableName":"$T","CapacityUnits":3,"ReadCapacityUnits":3,"WriteCapacityUnits":null}]}`,
			LocalDiffers: localTxReplay, Local: &Expect{}},
		get(Item{"pk": S("b")}, `{"Item":{"pk":{"S":"b"},"s":{"S":"`+strings.Repeat("x", 5000)+`"}}}`),
	}},
	{Name: "TransactWriteItems of 100 items and of 101", Table: hashS, Steps: []Step{
		{Call: transact(putsN(100)...)},
		{Call: &dynamodb.ScanInput{Select: types.SelectCount}, Want: `{"Count":100}`},
		{Call: transact(putsN(101)...), Err: "ValidationException", Msg: "*Member must have length less than or equal to 100*"},
	}},
	{Name: "TransactGetItems with projection and absent items", Table: hashS, Steps: []Step{
		put(Item{"pk": S("a"), "n": N("1"), "s": S("x")}),
		{Call: &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{
			{Get: &types.Get{Key: kA, ProjectionExpression: str("s")}}, {Get: &types.Get{Key: kB}}}},
			Want: `{"Responses":[{"Item":{"s":{"S":"x"}}},{}]}`},
	}},
	{Name: "transactions consume double capacity", Table: hashS, Steps: []Step{
		{Call: &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{tPut(kA, ""), tPut(kB, "")},
			ReturnConsumedCapacity: total}, Want: `{"ConsumedCapacity":[{"TableName":"$T","CapacityUnits":4}]}`,
			LocalDiffers: localTransactCapacity, Local: &Expect{}},
		{Call: &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{{Get: &types.Get{Key: kA}}},
			ReturnConsumedCapacity: total}, Want: `{"ConsumedCapacity":[{"TableName":"$T","CapacityUnits":2}]}`},
	}},
	// DynamoDB's request validation numbers list members from 1 in request
	// order, as dynalite's test/batchWriteItem.js records for
	// "requestItems.aa;.member.1.member.putRequest.item". The SDK refuses
	// to send actions without their required members, hence raw requests.
	// The leading '*' stands for the "1 validation error detected: " that
	// DynamoDB puts first and DynamoDB Local leaves out (see localPrefix).
	{Name: "validation messages name the action's position", Table: hashS, Steps: []Step{
		txRaw(`{"Put":{"TableName":"$T","Item":{"pk":{"S":"a"}}}},{"Put":{"TableName":"$T","Item":{"pk":{"S":"b"}}}},`+
			`{"Update":{"TableName":"$T","Key":{"pk":{"S":"c"}},"ExpressionAttributeValues":{":v":{"N":"1"}}}}`,
			"transactItems.3.member.update.updateExpression"),
		txRaw(`{"Put":{"TableName":"$T","Item":{"pk":{"S":"a"}}}},{"ConditionCheck":{"TableName":"$T","Key":{"pk":{"S":"b"}}}}`,
			"transactItems.2.member.conditionCheck.conditionExpression"),
		get(kA, `{"Item":null}`),
	}},
	{Name: "transaction on an absent table", Steps: []Step{
		{Call: transact(tPut(kA, "")), Err: "ResourceNotFoundException", Msg: "Requested resource not found",
			LocalDiffers: localNotFound, Local: &Expect{Err: "ResourceNotFoundException"}},
	}},
}
