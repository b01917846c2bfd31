package local

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// createNumTable creates table "nums" with key P (S) and N (N), a sparse
// KEYS_ONLY GSI "byG" on G (S) and an LSI "byL" on L (N).
func createNumTable(t *testing.T, c *dynamodb.Client) {
	t.Helper()
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("nums"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: attrDefs("P", "S", "N", "N", "G", "S", "L", "N"),
		KeySchema:            keySchemaOf("P", "N"),
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{IndexName: aws.String("byG"), KeySchema: keySchemaOf("G"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly}}},
		LocalSecondaryIndexes: []types.LocalSecondaryIndex{{IndexName: aws.String("byL"), KeySchema: keySchemaOf("P", "L"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeInclude, NonKeyAttributes: []string{"x"}}}},
	})
	mustOK(t, err)
	for _, n := range []string{"10", "-2.5", "3", "100", "0", "-100", "7"} {
		item := map[string]av{"P": str("p"), "N": num(n), "x": str("v" + n), "y": str("w")}
		if n != "0" {
			item["G"] = str("g")
			item["L"] = num(n)
		}
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("nums"), Item: item})
		mustOK(t, err)
	}
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("nums"), Item: map[string]av{"P": str("q"), "N": num("1")}})
	mustOK(t, err)
}

// nums returns the N values of items.
func nums(items []map[string]av) string {
	s := ""
	for _, it := range items {
		s += it["N"].(*types.AttributeValueMemberN).Value + " "
	}
	return s
}

func TestQueryOrderAndRanges(t *testing.T) {
	_, c := newClient(t)
	createNumTable(t, c)
	q := func(cond string, vals map[string]av, fwd bool) string {
		t.Helper()
		vals[":p"] = str("p")
		out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("nums"), KeyConditionExpression: aws.String(cond),
			ExpressionAttributeValues: vals, ScanIndexForward: aws.Bool(fwd)})
		mustOK(t, err)
		return nums(out.Items)
	}
	tests := []struct {
		cond string
		vals map[string]av
		fwd  bool
		want string
	}{
		{"P = :p", map[string]av{}, true, "-100 -2.5 0 3 7 10 100 "},
		{"P = :p", map[string]av{}, false, "100 10 7 3 0 -2.5 -100 "},
		{"P = :p AND N < :v", map[string]av{":v": num("3")}, true, "-100 -2.5 0 "},
		{"P = :p AND N <= :v", map[string]av{":v": num("3")}, true, "-100 -2.5 0 3 "},
		{"P = :p AND N > :v", map[string]av{":v": num("7")}, true, "10 100 "},
		{"P = :p AND N >= :v", map[string]av{":v": num("7")}, true, "7 10 100 "},
		{"P = :p AND N = :v", map[string]av{":v": num("7.0")}, true, "7 "},
		{"P = :p AND N BETWEEN :a AND :b", map[string]av{":a": num("-3"), ":b": num("10")}, false, "10 7 3 0 -2.5 "},
	}
	for _, tc := range tests {
		if got := q(tc.cond, tc.vals, tc.fwd); got != tc.want {
			t.Errorf("%s %v: got %q want %q", tc.cond, tc.vals, got, tc.want)
		}
	}
}

func TestQueryPagingFilterAndIndexes(t *testing.T) {
	_, c := newClient(t)
	createNumTable(t, c)
	var got string
	var start map[string]av
	pages := 0
	for {
		out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("nums"), KeyConditionExpression: aws.String("P = :p"),
			FilterExpression: aws.String("x <> :three"), ExpressionAttributeValues: map[string]av{":p": str("p"), ":three": str("v3")},
			Limit: aws.Int32(2), ExclusiveStartKey: start})
		mustOK(t, err)
		pages++
		if out.ScannedCount != 2 && out.LastEvaluatedKey != nil {
			t.Fatalf("scanned %d", out.ScannedCount)
		}
		got += nums(out.Items)
		if out.LastEvaluatedKey == nil {
			break
		}
		start = out.LastEvaluatedKey
	}
	if got != "-100 -2.5 0 7 10 100 " || pages != 4 {
		t.Fatalf("paged %q in %d pages", got, pages)
	}
	out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("nums"), IndexName: aws.String("byG"),
		KeyConditionExpression: aws.String("G = :g"), ExpressionAttributeValues: map[string]av{":g": str("g")}, Limit: aws.Int32(3)})
	mustOK(t, err)
	if len(out.Items) != 3 || len(out.Items[0]) != 3 || len(out.LastEvaluatedKey) != 3 {
		t.Fatalf("GSI items %v LEK %v", out.Items, out.LastEvaluatedKey)
	}
	out, err = c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("nums"), IndexName: aws.String("byG"), Select: types.SelectCount,
		KeyConditionExpression: aws.String("G = :g"), ExpressionAttributeValues: map[string]av{":g": str("g")},
		ExclusiveStartKey: out.LastEvaluatedKey})
	mustOK(t, err)
	if out.Count != 3 || out.Items != nil {
		t.Fatalf("GSI second page count %d", out.Count)
	}
	out, err = c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("nums"), IndexName: aws.String("byL"),
		KeyConditionExpression: aws.String("P = :p AND L > :z"), ExpressionAttributeValues: map[string]av{":p": str("p"), ":z": num("0")}})
	mustOK(t, err)
	if nums(out.Items) != "3 7 10 100 " || out.Items[0]["y"] != nil || out.Items[0]["x"] == nil {
		t.Fatalf("LSI %v", out.Items)
	}
	_, err = c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("nums"), IndexName: aws.String("byG"), ConsistentRead: aws.Bool(true),
		KeyConditionExpression: aws.String("G = :g"), ExpressionAttributeValues: map[string]av{":g": str("g")}})
	wantErr(t, err, "ValidationException", "Consistent reads are not supported on global secondary indexes")
	_, err = c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("nums"), IndexName: aws.String("nope"),
		KeyConditionExpression: aws.String("G = :g"), ExpressionAttributeValues: map[string]av{":g": str("g")}})
	wantErr(t, err, "ValidationException", "The table does not have the specified index: nope")
	_, err = c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("nums"), KeyConditionExpression: aws.String("N = :n"),
		ExpressionAttributeValues: map[string]av{":n": num("1")}})
	wantErr(t, err, "ValidationException", "Query condition missed key schema element: P")
}

func TestScanSegmentsAndBinaryOrder(t *testing.T) {
	_, c := newClient(t)
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("bin"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: attrDefs("P", "S", "B", "B"), KeySchema: keySchemaOf("P", "B")})
	mustOK(t, err)
	for i := range 50 {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("bin"), Item: map[string]av{
			"P": str(fmt.Sprint(i % 5)), "B": &types.AttributeValueMemberB{Value: []byte{byte(255 - i), 0}}}})
		mustOK(t, err)
	}
	seen := 0
	for seg := int32(0); seg < 3; seg++ {
		out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("bin"), Segment: aws.Int32(seg), TotalSegments: aws.Int32(3)})
		mustOK(t, err)
		seen += int(out.Count)
	}
	if seen != 50 {
		t.Fatalf("segments saw %d items", seen)
	}
	out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("bin"), KeyConditionExpression: aws.String("P = :p"),
		ExpressionAttributeValues: map[string]av{":p": str("0")}})
	mustOK(t, err)
	prev := -1
	for _, it := range out.Items {
		b := int(it["B"].(*types.AttributeValueMemberB).Value[0])
		if b <= prev {
			t.Fatalf("binary order: %d after %d", b, prev)
		}
		prev = b
	}
	_, err = c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("bin"), Segment: aws.Int32(3), TotalSegments: aws.Int32(3)})
	wantErr(t, err, "ValidationException", "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 3 is not less than TotalSegments: 3")
	sc, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("bin"), Limit: aws.Int32(7), ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	mustOK(t, err)
	if sc.Count != 7 || sc.LastEvaluatedKey == nil || *sc.ConsumedCapacity.CapacityUnits != 0.5 {
		t.Fatalf("limited scan %d %v %v", sc.Count, sc.LastEvaluatedKey, sc.ConsumedCapacity)
	}
}
