package conformance

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestQuery covers Query: key conditions, sort-key ordering by type,
// filters, Limit, Select, paging over 1 MB pages, and secondary indexes
// with their projections. Messages are DynamoDB's as recorded by
// dynalite's test/query.js and moto's tests (see sources_test.go).
func TestQuery(t *testing.T) { runCases(t, queryCases) }

// sortKeys are the puts of items with partition key "p" and the given
// number sort keys, in the order given.
func sortKeys(sks ...string) []Step {
	steps := make([]Step, len(sks))
	for i, sk := range sks {
		steps[i] = put(Item{"pk": S("p"), "sk": N(sk), "v": N(strconv.Itoa(i))})
	}
	return steps
}

// query is a Query on "$T" with key condition kc and values vals,
// projecting sk; it wants the response want.
func query(kc string, vals Item, want string) Step {
	return Step{Call: &dynamodb.QueryInput{KeyConditionExpression: str(kc), ExpressionAttributeValues: vals,
		ProjectionExpression: str("sk")}, Want: want}
}

// queryIn is a QueryInput for partition "p".
func queryIn() *dynamodb.QueryInput {
	return &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: Item{":p": S("p")}}
}

// queryErr is a Query that DynamoDB rejects with a ValidationException and
// message msg.
func queryErr(in *dynamodb.QueryInput, msg string) Step {
	return Step{Call: in, Err: "ValidationException", Msg: msg}
}

// sks is the JSON of a Query's Items projected on a number sort key.
func sks(keys ...string) string {
	items := make([]string, len(keys))
	for i, k := range keys {
		items[i] = `{"sk":{"N":"` + k + `"}}`
	}
	return fmt.Sprintf(`{"Items":[%s],"Count":%d,"ScannedCount":%d}`, strings.Join(items, ","), len(keys), len(keys))
}

// p is the value of partition key "p".
var p = Item{":p": S("p")}

// withP returns p and more values.
func withP(more Item) Item {
	out := Item{":p": S("p")}
	for k, v := range more {
		out[k] = v
	}
	return out
}

var orderedSteps = sortKeys("10", "-2", "1.5", "-10", "0")

var queryCases = []Case{
	{Name: "number sort keys in numeric order", Table: hashRangeN, Steps: append(orderedSteps,
		query("pk = :p", p, sks("-10", "-2", "0", "1.5", "10")),
		Step{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: p,
			ProjectionExpression: str("sk"), ScanIndexForward: aws.Bool(false)}, Want: sks("10", "1.5", "0", "-2", "-10")},
	)},
	{Name: "binary sort keys in unsigned byte order", Table: hashRangeB, Steps: []Step{
		put(Item{"pk": S("p"), "sk": B([]byte{0xff})}),
		put(Item{"pk": S("p"), "sk": B([]byte{0x01, 0x00})}),
		put(Item{"pk": S("p"), "sk": B([]byte{0x80})}),
		put(Item{"pk": S("p"), "sk": B([]byte{0x00})}),
		put(Item{"pk": S("p"), "sk": B([]byte{0x7f})}),
		put(Item{"pk": S("p"), "sk": B([]byte{0x01})}),
		{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: p, ProjectionExpression: str("sk")},
			Want: `{"Items":[{"sk":{"B":"AA=="}},{"sk":{"B":"AQ=="}},{"sk":{"B":"AQA="}},{"sk":{"B":"fw=="}},{"sk":{"B":"gA=="}},{"sk":{"B":"/w=="}}],"Count":6}`},
		{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p AND sk > :b"), ExpressionAttributeValues: withP(Item{":b": B([]byte{0x7f})}),
			ProjectionExpression: str("sk")}, Want: `{"Items":[{"sk":{"B":"gA=="}},{"sk":{"B":"/w=="}}],"Count":2}`},
	}},
	{Name: "string sort keys in UTF-8 byte order", Table: hashRangeS, Steps: []Step{
		put(Item{"pk": S("p"), "sk": S("é")}),
		put(Item{"pk": S("p"), "sk": S("b")}),
		put(Item{"pk": S("p"), "sk": S("aa")}),
		put(Item{"pk": S("p"), "sk": S("a")}),
		put(Item{"pk": S("p"), "sk": S("Z")}),
		put(Item{"pk": S("p"), "sk": S("B")}),
		{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: p, ProjectionExpression: str("sk")},
			Want: `{"Items":[{"sk":{"S":"B"}},{"sk":{"S":"Z"}},{"sk":{"S":"a"}},{"sk":{"S":"aa"}},{"sk":{"S":"b"}},{"sk":{"S":"é"}}],"Count":6}`},
	}},
	{Name: "key condition operators", Table: hashRangeN, Steps: append(orderedSteps,
		query("pk = :p AND sk = :v", withP(Item{":v": N("1.50")}), sks("1.5")),
		query("pk = :p AND sk < :v", withP(Item{":v": N("0")}), sks("-10", "-2")),
		query("pk = :p AND sk <= :v", withP(Item{":v": N("0")}), sks("-10", "-2", "0")),
		query("pk = :p AND sk > :v", withP(Item{":v": N("0")}), sks("1.5", "10")),
		query("pk = :p AND sk >= :v", withP(Item{":v": N("0")}), sks("0", "1.5", "10")),
		query("pk = :p AND sk BETWEEN :a AND :b", withP(Item{":a": N("-2"), ":b": N("1.5")}), sks("-2", "0", "1.5")),
		query(":p = pk AND :v > sk", withP(Item{":v": N("-2")}), sks("-10")),
		query("(pk = :p) AND (sk = :v)", withP(Item{":v": N("10")}), sks("10")),
		query("pk = :q", Item{":q": S("other")}, sks()),
	)},
	{Name: "begins_with on a string sort key", Table: hashRangeS, Steps: []Step{
		put(Item{"pk": S("p"), "sk": S("USER#a")}),
		put(Item{"pk": S("p"), "sk": S("USER#b")}),
		put(Item{"pk": S("p"), "sk": S("GROUP#a")}),
		put(Item{"pk": S("p"), "sk": S("USER")}),
		{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p AND begins_with(sk, :pre)"), ProjectionExpression: str("sk"),
			ExpressionAttributeValues: withP(Item{":pre": S("USER#")})},
			Want: `{"Items":[{"sk":{"S":"USER#a"}},{"sk":{"S":"USER#b"}}],"Count":2,"ScannedCount":2}`},
	}},
	{Name: "FilterExpression after the key condition", Table: hashRangeN, Steps: append(orderedSteps,
		Step{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), FilterExpression: str("v >= :two"),
			ExpressionAttributeValues: withP(Item{":two": N("2")}), ProjectionExpression: str("sk")},
			Want: `{"Items":[{"sk":{"N":"-10"}},{"sk":{"N":"0"}},{"sk":{"N":"1.5"}}],"Count":3,"ScannedCount":5}`},
	)},
	{Name: "Limit applies before the filter", Table: hashRangeN, Steps: append(orderedSteps,
		Step{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), FilterExpression: str("v = :one"),
			ExpressionAttributeValues: withP(Item{":one": N("1")}), Limit: i32(2)},
			Want: `{"Items":[{"pk":{"S":"p"},"sk":{"N":"-2"},"v":{"N":"1"}}],"Count":1,"ScannedCount":2,` +
				`"LastEvaluatedKey":{"pk":{"S":"p"},"sk":{"N":"-2"}}}`},
		Step{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), FilterExpression: str("v = :x"),
			ExpressionAttributeValues: withP(Item{":x": N("99")}), Limit: i32(1)},
			Want: `{"Items":[],"Count":0,"ScannedCount":1,"LastEvaluatedKey":{"pk":{"S":"p"},"sk":{"N":"-10"}}}`},
	)},
	{Name: "Select COUNT", Table: hashRangeN, Steps: append(orderedSteps,
		Step{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: p, Select: types.SelectCount},
			Want: `{"Count":5,"ScannedCount":5,"Items":null}`},
		Step{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: withP(Item{":z": N("0")}),
			FilterExpression: str("v > :z"), Select: types.SelectCount}, Want: `{"Count":4,"ScannedCount":5,"Items":null}`},
		queryErr(&dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: p, Select: types.SelectCount,
			ProjectionExpression: str("v")}, "*Cannot specify the ProjectionExpression when choosing to get only the Count"),
		queryErr(&dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: p,
			Select: types.SelectSpecificAttributes}, "*Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"),
	)},
	{Name: "paging with Limit and ExclusiveStartKey", Table: hashRangeN, Steps: orderedSteps, Run: func(e *Env) {
		pages := e.readPages(func(esk Item) any {
			in := queryIn()
			in.Limit, in.ExclusiveStartKey = i32(2), esk
			return in
		})
		e.wantValues(allItems(pages), "sk", "-10", "-2", "0", "1.5", "10")
		if len(pages) < 3 {
			e.Errorf("got %d pages of at most 2 items, want at least 3", len(pages))
		}
	}},
	{Name: "pages of at most 1 MB", Table: hashRangeN, Run: func(e *Env) {
		var items []Item
		for i := range 12 {
			items = append(items, Item{"pk": S("p"), "sk": N(strconv.Itoa(i)), "d": S(strings.Repeat("x", 100_000))})
		}
		e.putAll(items)
		pages := e.readPages(func(esk Item) any {
			in := queryIn()
			in.ExclusiveStartKey = esk
			return in
		})
		if n := len(pages[0].items); n < 10 || n > 11 || pages[0].lek == nil {
			e.Errorf("first page: %d items of 100 KB and LastEvaluatedKey %v, want 10 or 11 and a key", n, pages[0].lek)
		}
		e.wantValues(allItems(pages), "sk", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")
	}},
	{Name: "ConsumedCapacity of a Query", Table: hashRangeN, Steps: append(orderedSteps,
		Step{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: p,
			ReturnConsumedCapacity: total, Select: types.SelectCount}, Want: capacity("0.5")},
		Step{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: p,
			ReturnConsumedCapacity: total, ConsistentRead: aws.Bool(true)}, Want: capacity("1")},
	)},
	{Name: "key condition errors", Table: hashRangeN, Steps: []Step{
		{Call: &dynamodb.QueryInput{KeyConditionExpression: str("sk = :v"), ExpressionAttributeValues: Item{":v": N("1")}},
			Err: "ValidationException", Msg: "Query condition missed key schema element: pk",
			LocalDiffers: localMissedKey, Local: &Expect{Err: "ValidationException", Msg: "Query condition missed key schema element*"}},
		queryErr(&dynamodb.QueryInput{KeyConditionExpression: str("pk < :p"), ExpressionAttributeValues: p}, "Query key condition not supported"),
		queryErr(&dynamodb.QueryInput{KeyConditionExpression: str("pk = :p OR sk = :v"), ExpressionAttributeValues: withP(Item{":v": N("1")})},
			"Invalid operator used in KeyConditionExpression: OR"),
		queryErr(&dynamodb.QueryInput{KeyConditionExpression: str("pk = :p AND sk <> :v"), ExpressionAttributeValues: withP(Item{":v": N("1")})},
			"Invalid operator used in KeyConditionExpression: <>"),
		queryErr(&dynamodb.QueryInput{KeyConditionExpression: str("pk = :p AND sk > :v AND sk < :v"),
			ExpressionAttributeValues: withP(Item{":v": N("1")})}, "KeyConditionExpressions must only contain one condition per key"),
		queryErr(&dynamodb.QueryInput{KeyConditionExpression: str("pk = :p AND sk = :v"), ExpressionAttributeValues: withP(Item{":v": S("1")})},
			"One or more parameter values were invalid: Condition parameter type does not match schema type"),
		queryErr(&dynamodb.QueryInput{KeyConditionExpression: str("pk = :p AND begins_with(sk, :v)"), ExpressionAttributeValues: withP(Item{":v": N("1")})},
			"Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"),
		queryErr(&dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), FilterExpression: str("sk = :v"),
			ExpressionAttributeValues: withP(Item{":v": N("1")})}, "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk"),
		queryErr(&dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: p, IndexName: str("nope")},
			"The table does not have the specified index: nope"),
	}},
	{Name: "Query parameter errors", Table: hashRangeN, Steps: []Step{
		{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: p, Limit: i32(0)},
			Err: "ValidationException", Msg: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
			LocalDiffers: localLimit, Local: &Expect{Err: "ValidationException"}},
		{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: p, ExclusiveStartKey: Item{"x": S("1")}},
			Err: "ValidationException", Msg: "The provided starting key is invalid*",
			LocalDiffers: localStartKey, Local: &Expect{Err: "ValidationException"}},
	}},
}

// wantValues checks the values of the string or number attribute name
// of items, in order.
func (e *Env) wantValues(items []Item, name string, want ...string) {
	var got []string
	for _, item := range items {
		switch v := item[name].(type) {
		case *types.AttributeValueMemberN:
			got = append(got, v.Value)
		case *types.AttributeValueMemberS:
			got = append(got, v.Value)
		default:
			e.Errorf("item without a string or number %s: %v", name, item)
			return
		}
	}
	if !slices.Equal(got, want) {
		e.Errorf("%s values %v, want %v", name, got, want)
	}
}
