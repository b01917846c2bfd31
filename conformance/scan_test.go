package conformance

import (
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestScan covers Scan: filters, Select, paging and parallel segments.
// Messages are DynamoDB's as recorded by dynalite's test/scan.js.
func TestScan(t *testing.T) { runCases(t, scanCases) }

// scanItems are three items for scan cases.
var scanItems = []Step{
	put(Item{"pk": S("a"), "n": N("1")}),
	put(Item{"pk": S("b"), "n": N("2")}),
	put(Item{"pk": S("c"), "n": N("3"), "x": S("y")}),
}

// numbered returns n items with keys "0" to n-1.
func numbered(n int) []Item {
	items := make([]Item, n)
	for i := range items {
		items[i] = Item{"pk": S(strconv.Itoa(i)), "n": N(strconv.Itoa(i))}
	}
	return items
}

// scanIn is a Scan that DynamoDB rejects with a ValidationException and
// message msg.
func scanIn(in *dynamodb.ScanInput, msg string) Step {
	return Step{Call: in, Err: "ValidationException", Msg: msg}
}

const scanAll = `{"Items":[{"pk":{"S":"a"},"n":{"N":"1"}},{"pk":{"S":"b"},"n":{"N":"2"}},` +
	`{"pk":{"S":"c"},"n":{"N":"3"},"x":{"S":"y"}}],"Count":3,"ScannedCount":3}`

var scanCases = []Case{
	{Name: "Scan returns every item", Table: hashS, Steps: append(append([]Step(nil), scanItems...),
		Step{Call: &dynamodb.ScanInput{}, Want: scanAll},
		Step{Call: &dynamodb.ScanInput{ConsistentRead: yes}, Want: scanAll},
	)},
	{Name: "Scan of an empty table", Table: hashS, Steps: []Step{
		{Call: &dynamodb.ScanInput{}, Want: `{"Items":[],"Count":0,"ScannedCount":0,"LastEvaluatedKey":null}`},
	}},
	{Name: "Scan FilterExpression and ProjectionExpression", Table: hashS, Steps: append(append([]Step(nil), scanItems...),
		Step{Call: &dynamodb.ScanInput{FilterExpression: str("n >= :two"), ProjectionExpression: str("pk"),
			ExpressionAttributeValues: Item{":two": N("2")}},
			Want: `{"Items":[{"pk":{"S":"b"}},{"pk":{"S":"c"}}],"Count":2,"ScannedCount":3}`},
		Step{Call: &dynamodb.ScanInput{FilterExpression: str("attribute_exists(x)"), Select: types.SelectCount},
			Want: `{"Count":1,"ScannedCount":3,"Items":null}`},
	)},
	{Name: "Scan Limit counts scanned items", Table: hashS, Steps: append(append([]Step(nil), scanItems...),
		Step{Call: &dynamodb.ScanInput{Limit: i32(2), Select: types.SelectCount}, Want: `{"Count":2,"ScannedCount":2}`},
		Step{Call: &dynamodb.ScanInput{Limit: i32(2), FilterExpression: str("attribute_exists(absent)")},
			Want: `{"Items":[],"Count":0,"ScannedCount":2}`},
	)},
	{Name: "Scan paging visits every item once", Table: hashS, Run: func(e *Env) {
		e.putAll(numbered(25))
		pages := e.readPages(func(esk Item) any { return &dynamodb.ScanInput{Limit: i32(4), ExclusiveStartKey: esk} })
		e.wantEach(allItems(pages), 25)
	}},
	{Name: "parallel scan segments partition the table", Table: hashS, Run: func(e *Env) {
		e.putAll(numbered(60))
		var all []Item
		for seg := range int32(4) {
			pages := e.readPages(func(esk Item) any {
				return &dynamodb.ScanInput{Segment: i32(seg), TotalSegments: i32(4), Limit: i32(7), ExclusiveStartKey: esk}
			})
			all = append(all, allItems(pages)...)
		}
		e.wantEach(all, 60)
	}},
	{Name: "a single segment is the whole table", Table: hashS, Run: func(e *Env) {
		e.putAll(numbered(10))
		pages := e.readPages(func(esk Item) any {
			return &dynamodb.ScanInput{Segment: i32(0), TotalSegments: i32(1), ExclusiveStartKey: esk}
		})
		e.wantEach(allItems(pages), 10)
	}},
	{Name: "segment errors", Table: hashS, Steps: []Step{
		{Call: &dynamodb.ScanInput{Segment: i32(1)}, Err: "ValidationException",
			Msg:          "The TotalSegments parameter is required but was not present in the request when Segment parameter is present",
			LocalDiffers: localSegments, Local: &Expect{Err: "ValidationException"}},
		{Call: &dynamodb.ScanInput{TotalSegments: i32(2)}, Err: "ValidationException",
			Msg:          "The Segment parameter is required but was not present in the request when parameter TotalSegments is present",
			LocalDiffers: localSegments, Local: &Expect{Err: "ValidationException"}},
		{Call: &dynamodb.ScanInput{Segment: i32(1), TotalSegments: i32(1)}, Err: "ValidationException",
			Msg:          "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 1 is not less than TotalSegments: 1",
			LocalDiffers: localSegments, Local: &Expect{Err: "ValidationException"}},
		scanIn(&dynamodb.ScanInput{Segment: i32(0), TotalSegments: i32(1000001)},
			"1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000"),
	}},
	{Name: "Scan on an absent table", Steps: []Step{
		{Call: &dynamodb.ScanInput{}, Err: "ResourceNotFoundException", Msg: "Requested resource not found",
			LocalDiffers: localNotFound, Local: &Expect{Err: "ResourceNotFoundException"}},
	}},
}

// wantEach checks that items hold keys "0" to n-1, each exactly once.
func (e *Env) wantEach(items []Item, n int) {
	seen := map[string]bool{}
	for _, item := range items {
		if k, ok := item["pk"].(*types.AttributeValueMemberS); ok {
			seen[k.Value] = true
		}
	}
	for i := range n {
		if !seen[strconv.Itoa(i)] {
			e.Errorf("item %d is missing", i)
		}
	}
	if len(items) != n || len(seen) != n {
		e.Errorf("got %d items with %d distinct keys, want %d each once", len(items), len(seen), n)
	}
}
