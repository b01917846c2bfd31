package local

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// mks builds a key schema from "name:HASH" and "name:RANGE" elements.
func mks(elems ...string) []types.KeySchemaElement {
	out := make([]types.KeySchemaElement, len(elems))
	for i, e := range elems {
		name, typ, _ := strings.Cut(e, ":")
		out[i] = types.KeySchemaElement{AttributeName: aws.String(name), KeyType: types.KeyType(typ)}
	}
	return out
}

// multiGSI is the global index "gsi" of createMulti's table: partition key
// (h1 S, h2 N), sort key (r1 S, r2 N, r3 B).
var multiGSI = mks("h1:HASH", "h2:HASH", "r1:RANGE", "r2:RANGE", "r3:RANGE")

// createMulti creates the table "multi", keyed on p (S), with the global
// index multiGSI projecting proj.
func createMulti(t *testing.T, c *dynamodb.Client, proj types.ProjectionType) {
	t.Helper()
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("multi"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: attrDefs("p", "S", "h1", "S", "h2", "N", "r1", "S", "r2", "N", "r3", "B"),
		KeySchema:            keySchemaOf("p"),
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{IndexName: aws.String("gsi"), KeySchema: multiGSI,
			Projection: &types.Projection{ProjectionType: proj}}},
	})
	mustOK(t, err)
}

// multiItem is item p of createMulti's table with index key (h1, h2, r1,
// r2, r3) and attribute x.
func multiItem(p, h1, h2, r1, r2, r3 string) map[string]av {
	return map[string]av{"p": str(p), "h1": str(h1), "h2": num(h2), "r1": str(r1), "r2": num(r2),
		"r3": &types.AttributeValueMemberB{Value: []byte(r3)}, "x": str("x" + p)}
}

// putItems puts items in table, failing the test on an error.
func putItems(t *testing.T, c *dynamodb.Client, table string, items ...map[string]av) {
	t.Helper()
	for _, item := range items {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item})
		mustOK(t, err)
	}
}

// ps returns the p values of items, in order.
func ps(items []map[string]av) string {
	var out []string
	for _, it := range items {
		out = append(out, it["p"].(*types.AttributeValueMemberS).Value)
	}
	return strings.Join(out, " ")
}

// queryGSI queries createMulti's index with the key condition cond, where
// :a is "a" and :one is 1, and returns the items' p values and the output.
func queryGSI(t *testing.T, c *dynamodb.Client, cond string, vals map[string]av, change ...func(*dynamodb.QueryInput)) (string, *dynamodb.QueryOutput) {
	t.Helper()
	in := multiQuery(cond, vals)
	for _, f := range change {
		f(in)
	}
	out, err := c.Query(ctx, in)
	if err != nil {
		t.Fatalf("%s: %v", cond, err)
	}
	return ps(out.Items), out
}

// multiQuery is a Query of createMulti's index with the key condition
// cond and the values vals, and :a ("a") and :one (1) if cond uses them.
func multiQuery(cond string, vals map[string]av) *dynamodb.QueryInput {
	all := map[string]av{}
	for k, v := range map[string]av{":a": str("a"), ":one": num("1")} {
		if strings.Contains(cond, k) {
			all[k] = v
		}
	}
	for k, v := range vals {
		all[k] = v
	}
	return &dynamodb.QueryInput{TableName: aws.String("multi"), IndexName: aws.String("gsi"),
		KeyConditionExpression: aws.String(cond), ExpressionAttributeValues: all}
}

// fillMulti puts items whose index keys order them as their p values
// do, in another order: partition (a, 1) sorted by r1, then r2 numerically,
// then r3; one item in partition (a, 2) and one in (b, 1).
func fillMulti(t *testing.T, c *dynamodb.Client) {
	t.Helper()
	putItems(t, c, "multi",
		multiItem("06", "a", "1", "y", "10", "\x00"),
		multiItem("01", "a", "1", "x", "-5", "\xff"),
		multiItem("04", "a", "1", "x", "9", "\x01"),
		multiItem("03", "a", "1", "x", "2", "\x00\x01"),
		multiItem("07", "a", "1", "yy", "1", "\x00"),
		multiItem("02", "a", "1", "x", "2", "\x00"),
		multiItem("05", "a", "1", "x", "10", "\x00"),
		multiItem("08", "a", "2", "x", "2", "\x00"),
		multiItem("09", "b", "1", "x", "2", "\x00"),
	)
}

func TestMultiKeyQueryShapes(t *testing.T) {
	_, c := newClient(t)
	createMulti(t, c, types.ProjectionTypeAll)
	fillMulti(t, c)
	x, y, two, ten := str("x"), str("y"), num("2"), num("10")
	for _, tc := range []struct {
		cond string
		vals map[string]av
		want string
	}{
		{"h1 = :a AND h2 = :one", nil, "01 02 03 04 05 06 07"},
		{"h2 = :one AND h1 = :a", nil, "01 02 03 04 05 06 07"},
		{"h1 = :a AND h2 = :two", map[string]av{":two": two}, "08"},
		{"h1 = :a AND h2 = :one AND r1 = :x", map[string]av{":x": x}, "01 02 03 04 05"},
		{"h1 = :a AND h2 = :one AND r1 > :x", map[string]av{":x": x}, "06 07"},
		{"h1 = :a AND h2 = :one AND r1 <= :y", map[string]av{":y": y}, "01 02 03 04 05 06"},
		{"h1 = :a AND h2 = :one AND r1 < :y", map[string]av{":y": y}, "01 02 03 04 05"},
		{"h1 = :a AND h2 = :one AND r1 >= :y", map[string]av{":y": y}, "06 07"},
		{"h1 = :a AND h2 = :one AND begins_with(r1, :y)", map[string]av{":y": y}, "06 07"},
		{"h1 = :a AND h2 = :one AND r1 BETWEEN :x AND :y", map[string]av{":x": x, ":y": y}, "01 02 03 04 05 06"},
		{"h1 = :a AND h2 = :one AND r1 = :x AND r2 = :two", map[string]av{":x": x, ":two": two}, "02 03"},
		{"h1 = :a AND h2 = :one AND r1 = :x AND r2 > :two", map[string]av{":x": x, ":two": two}, "04 05"},
		{"h1 = :a AND h2 = :one AND r1 = :x AND r2 <= :two", map[string]av{":x": x, ":two": two}, "01 02 03"},
		{"h1 = :a AND h2 = :one AND r1 = :x AND r2 BETWEEN :two AND :ten", map[string]av{":x": x, ":two": two, ":ten": ten}, "02 03 04 05"},
		{"r2 = :two AND r1 = :x AND h2 = :one AND h1 = :a AND r3 = :b", map[string]av{":x": x, ":two": two,
			":b": &types.AttributeValueMemberB{Value: []byte{0}}}, "02"},
		{"h1 = :a AND h2 = :one AND r1 = :x AND r2 = :two AND begins_with(r3, :b)", map[string]av{":x": x, ":two": two,
			":b": &types.AttributeValueMemberB{Value: []byte{0}}}, "02 03"},
		{"h1 = :a AND h2 = :one AND r1 = :x AND r2 = :two AND r3 > :b", map[string]av{":x": x, ":two": two,
			":b": &types.AttributeValueMemberB{Value: []byte{0}}}, "03"},
	} {
		if got, _ := queryGSI(t, c, tc.cond, tc.vals); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.cond, got, tc.want)
		}
	}
	got, _ := queryGSI(t, c, "h1 = :a AND h2 = :one AND r1 = :x", map[string]av{":x": x},
		func(in *dynamodb.QueryInput) { in.ScanIndexForward = aws.Bool(false) })
	if got != "05 04 03 02 01" {
		t.Errorf("backwards: got %q", got)
	}
}

func TestMultiKeyQueryErrors(t *testing.T) {
	_, c := newClient(t)
	createMulti(t, c, types.ProjectionTypeAll)
	const (
		hashMsg  = " must have equality conditions specified in the query"
		rangeMsg = " must have equality conditions specified in the query because a condition is present on key attribute "
	)
	for _, tc := range []struct{ cond, msg string }{
		{"h1 = :a", "HASH key attributes h2" + hashMsg},
		{"h1 = :a AND h2 > :one", "HASH key attributes h2" + hashMsg},
		{"h1 = :a AND h2 = :one AND r2 = :one", "RANGE key attributes r1" + rangeMsg + "r2"},
		{"h1 = :a AND h2 = :one AND r1 > :a AND r2 = :one", "RANGE key attributes r1" + rangeMsg + "r2"},
		{"h1 = :a AND h2 = :a", "One or more parameter values were invalid: Condition parameter type does not match schema type"},
		{"h1 = :a AND h2 = :one AND x = :a", "Query condition missed key schema element: r1"},
	} {
		_, err := c.Query(ctx, multiQuery(tc.cond, nil))
		wantErr(t, err, "ValidationException", tc.msg)
	}
	in := multiQuery("h1 = :a AND h2 = :one", nil)
	in.FilterExpression = aws.String("r3 = :a")
	_, err := c.Query(ctx, in)
	wantErr(t, err, "ValidationException", "Filter Expression can only contain non-primary key attributes: Primary key attribute: r3")
	_, err = c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("multi"), IndexName: aws.String("gsi"),
		KeyConditions: map[string]types.Condition{"h1": {ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []av{str("a")}}}})
	wantErr(t, err, "ValidationException", "HASH key attributes h2"+hashMsg)
}

func TestMultiKeyPagingAndProjection(t *testing.T) {
	_, c := newClient(t)
	createMulti(t, c, types.ProjectionTypeKeysOnly)
	fillMulti(t, c)
	var got []string
	var esk map[string]av
	for range 10 {
		p, out := queryGSI(t, c, "h1 = :a AND h2 = :one", nil, func(in *dynamodb.QueryInput) {
			in.Limit, in.ExclusiveStartKey = aws.Int32(3), esk
		})
		got = append(got, p)
		if esk = out.LastEvaluatedKey; esk == nil {
			break
		}
		if len(esk) != 6 {
			t.Fatalf("LastEvaluatedKey %v, want p and the five index key attributes", esk)
		}
		for _, item := range out.Items {
			if len(item) != 6 || item["x"] != nil {
				t.Fatalf("KEYS_ONLY item %v", item)
			}
		}
	}
	if strings.Join(got, "|") != "01 02 03|04 05 06|07" {
		t.Fatalf("pages %q", got)
	}
	in := multiQuery("h1 = :a AND h2 = :one", nil)
	in.ExclusiveStartKey = map[string]av{"p": str("01"), "h1": str("a"), "h2": num("1"), "r1": str("x"), "r2": num("-5")}
	_, err := c.Query(ctx, in)
	wantErr(t, err, "ValidationException", "The provided starting key is invalid")
	var scanned []string
	esk = nil
	for range 20 {
		out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("multi"), IndexName: aws.String("gsi"), Limit: aws.Int32(4), ExclusiveStartKey: esk})
		mustOK(t, err)
		scanned = append(scanned, ps(out.Items))
		if esk = out.LastEvaluatedKey; esk == nil {
			break
		}
	}
	if got := strings.Join(scanned, " "); got != "01 02 03 04 05 06 07 08 09" {
		t.Fatalf("scanned %q", got)
	}
}

// TestMultiKeyScanSegments checks that a parallel scan of an index spreads
// its items by all the partition key's attributes.
func TestMultiKeyScanSegments(t *testing.T) {
	_, c := newClient(t)
	createMulti(t, c, types.ProjectionTypeKeysOnly)
	for i := range 20 {
		putItems(t, c, "multi", multiItem(strconv.Itoa(i), "a", strconv.Itoa(i), "x", "1", "b"))
	}
	total := 0
	for seg := range int32(2) {
		out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("multi"), IndexName: aws.String("gsi"),
			Segment: aws.Int32(seg), TotalSegments: aws.Int32(2)})
		mustOK(t, err)
		if out.Count == 0 || out.Count == 20 {
			t.Errorf("segment %d holds %d of 20 partitions", seg, out.Count)
		}
		total += int(out.Count)
	}
	if total != 20 {
		t.Fatalf("segments hold %d items, want 20", total)
	}
}

func TestMultiKeyWrites(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	e, c := newClient(t, WithClock(clock.now), WithTTLInterval(0))
	createMulti(t, c, types.ProjectionTypeAll)
	sparse := multiItem("s1", "a", "1", "x", "1", "b")
	delete(sparse, "r3")
	putItems(t, c, "multi", sparse, multiItem("m1", "a", "1", "x", "1", "b"))
	scanGSI := func() string {
		t.Helper()
		out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("multi"), IndexName: aws.String("gsi")})
		mustOK(t, err)
		return ps(out.Items)
	}
	if got := scanGSI(); got != "m1" {
		t.Fatalf("index holds %q, want only the item with every key attribute", got)
	}
	// An update of one key attribute moves the item in the index.
	up, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("multi"), Key: map[string]av{"p": str("m1")},
		UpdateExpression: aws.String("SET h2 = :two"), ExpressionAttributeValues: map[string]av{":two": num("2")},
		ReturnConsumedCapacity: types.ReturnConsumedCapacityIndexes})
	mustOK(t, err)
	if u := *up.ConsumedCapacity.GlobalSecondaryIndexes["gsi"].CapacityUnits; u != 2 {
		t.Errorf("moving the index entry cost %v units, want 2", u)
	}
	if got, _ := queryGSI(t, c, "h1 = :a AND h2 = :one", nil); got != "" {
		t.Errorf("old partition still holds %q", got)
	}
	if got, _ := queryGSI(t, c, "h1 = :a AND h2 = :two", map[string]av{":two": num("2")}); got != "m1" {
		t.Errorf("new partition holds %q", got)
	}
	// Writes of every kind keep the index in step.
	_, err = c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"multi": {
		{PutRequest: &types.PutRequest{Item: multiItem("b1", "a", "1", "y", "1", "b")}},
		{DeleteRequest: &types.DeleteRequest{Key: map[string]av{"p": str("m1")}}},
	}}})
	mustOK(t, err)
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String("multi"), Item: withAttrs(multiItem("t1", "a", "1", "x", "3", "b"), "exp", num("1700000100"))}},
		{Update: &types.Update{TableName: aws.String("multi"), Key: map[string]av{"p": str("s1")},
			UpdateExpression: aws.String("SET r3 = :b"), ExpressionAttributeValues: map[string]av{":b": &types.AttributeValueMemberB{Value: []byte("c")}}}},
	}})
	mustOK(t, err)
	if got, _ := queryGSI(t, c, "h1 = :a AND h2 = :one", nil); got != "s1 t1 b1" {
		t.Errorf("after batch and transaction: %q", got)
	}
	_, err = c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("multi"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("exp"), Enabled: aws.Bool(true)}})
	mustOK(t, err)
	clock.set(time.Unix(1_700_000_200, 0))
	e.SweepExpired()
	if got := scanGSI(); got != "s1 b1" {
		t.Errorf("after the TTL sweep: %q", got)
	}
}

func TestMultiKeyWriteErrors(t *testing.T) {
	_, c := newClient(t)
	createMulti(t, c, types.ProjectionTypeAll)
	long := func(n int) string { return strings.Repeat("x", n) }
	for _, tc := range []struct {
		item map[string]av
		msg  string
	}{
		{map[string]av{"p": str("1"), "h2": str("1")}, "One or more parameter values were invalid: Type mismatch for Index Key h2 Expected: N Actual: S IndexName: gsi"},
		{map[string]av{"p": str("1"), "r3": str("1")}, "One or more parameter values were invalid: Type mismatch for Index Key r3 Expected: B Actual: S IndexName: gsi"},
		{map[string]av{"p": str("1"), "r1": str("")}, "One or more parameter values are not valid. A value specified for a secondary index key is not supported. " +
			"The AttributeValue for a key attribute cannot contain an empty string value. IndexName: gsi, IndexKey: r1"},
		{map[string]av{"p": str("1"), "r1": str(long(1025))}, "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"},
		{map[string]av{"p": str("1"), "r1": str(long(1023)), "r2": num("1")},
			"Aggregate size for RANGE key attributes r1, r2 of index gsi has exceeded limit 1024 bytes, with actual size 1025 bytes"},
		{map[string]av{"p": str("1"), "r1": str(long(600)), "r3": &types.AttributeValueMemberB{Value: []byte(long(600))}},
			"Aggregate size for RANGE key attributes r1, r3 of index gsi has exceeded limit 1024 bytes, with actual size 1200 bytes"},
		{map[string]av{"p": str("1"), "h1": str(long(2048)), "h2": num("1"), "r1": str(long(1000)), "r2": num("1")},
			"Aggregate size for HASH key attributes h1, h2 of index gsi has exceeded limit 2048 bytes, with actual size 2050 bytes"},
	} {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("multi"), Item: tc.item})
		wantErr(t, err, "ValidationException", tc.msg)
	}
	putItems(t, c, "multi", map[string]av{"p": str("1"), "r1": str(long(1022)), "r2": num("1")})
	_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("multi"), Key: map[string]av{"p": str("1")},
		UpdateExpression: aws.String("SET r2 = :n"), ExpressionAttributeValues: map[string]av{":n": num("123")}})
	wantErr(t, err, "ValidationException", "Aggregate size for RANGE key attributes r1, r2 of index gsi has exceeded limit 1024 bytes, with actual size 1025 bytes")
}

func TestMultiKeyCreateTable(t *testing.T) {
	_, c := newClient(t)
	create := func(ks []types.KeySchemaElement, defs ...string) error {
		_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
			TableName: aws.String("bad"), BillingMode: types.BillingModePayPerRequest,
			AttributeDefinitions: attrDefs(append([]string{"p", "S"}, defs...)...), KeySchema: keySchemaOf("p"),
			GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{IndexName: aws.String("gsi"), KeySchema: ks,
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll}}},
		})
		return err
	}
	abcd := []string{"a", "S", "b", "S", "c", "S", "d", "S", "e", "S", "f", "S", "g", "S", "h", "S", "i", "S"}
	for _, tc := range []struct {
		ks  []types.KeySchemaElement
		msg string
	}{
		{mks("a:RANGE", "b:HASH"), "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"},
		{mks("a:HASH", "b:RANGE", "c:HASH"), "One or more parameter values were invalid: All HASH key attributes must precede RANGE key attributes in the KeySchema"},
		{mks("a:HASH", "b:HASH", "c:HASH", "d:HASH", "e:HASH"), "One or more parameter values were invalid: The KeySchema exceeds the maximum allowed number of HASH key attributes"},
		{mks("a:HASH", "b:RANGE", "c:RANGE", "d:RANGE", "e:RANGE", "f:RANGE"), "One or more parameter values were invalid: The KeySchema exceeds the maximum allowed number of RANGE key attributes"},
		{mks("a:HASH", "b:HASH", "c:HASH", "d:HASH", "e:HASH", "f:RANGE", "g:RANGE", "h:RANGE", "i:RANGE"), "One or more parameter values were invalid: The KeySchema exceeds the maximum allowed number of HASH key attributes"},
		{mks("a:HASH", "a:HASH"), "Both the Hash Key and the Range Key element in the KeySchema have the same name"},
		{mks("a:HASH", "b:HASH", "a:RANGE"), "The KeySchema contains multiple key attributes with the same name"},
		{mks("a:HASH", "z:HASH"), "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. " +
			"Keys: [a, z], AttributeDefinitions: [p, a, b, c, d, e, f, g, h, i]"},
	} {
		wantErr(t, create(tc.ks, abcd...), "ValidationException", tc.msg)
	}
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("bad"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: attrDefs("p", "S", "s", "S", "l", "S"), KeySchema: keySchemaOf("p", "s"),
		LocalSecondaryIndexes: []types.LocalSecondaryIndex{{IndexName: aws.String("lsi"), KeySchema: mks("p:HASH", "s:RANGE", "l:RANGE"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll}}},
	})
	wantErr(t, err, "ValidationException", "1 validation error detected: Value '[KeySchemaElement(attributeName=p, keyType=HASH), "+
		"KeySchemaElement(attributeName=s, keyType=RANGE), KeySchemaElement(attributeName=l, keyType=RANGE)]' at "+
		"'localSecondaryIndexes.1.member.keySchema' failed to satisfy constraint: Member must have length less than or equal to 2")
	createMulti(t, c, types.ProjectionTypeAll)
	d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("multi")})
	mustOK(t, err)
	if got := d.Table.GlobalSecondaryIndexes[0].KeySchema; !sameKeySchema(got, multiGSI) {
		t.Fatalf("described key schema %v", got)
	}
}

// sameKeySchema reports whether two key schemas list the same elements.
func sameKeySchema(a, b []types.KeySchemaElement) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if *a[i].AttributeName != *b[i].AttributeName || a[i].KeyType != b[i].KeyType {
			return false
		}
	}
	return true
}

func TestMultiKeyUpdateTable(t *testing.T) {
	_, c := newClient(t)
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("multi"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: attrDefs("p", "S"), KeySchema: keySchemaOf("p")})
	mustOK(t, err)
	wrongType := multiItem("w", "a", "1", "x", "1", "b")
	wrongType["h1"] = num("1")
	putItems(t, c, "multi", multiItem("2", "a", "1", "x", "2", "b"), multiItem("1", "a", "1", "x", "1", "b"), wrongType,
		map[string]av{"p": str("sparse"), "h1": str("a"), "h2": num("1")})
	update := func(ks []types.KeySchemaElement) error {
		_, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("multi"),
			AttributeDefinitions: attrDefs("h1", "S", "h2", "N", "r1", "S", "r2", "N", "r3", "B"),
			GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
				IndexName: aws.String("gsi"), KeySchema: ks, Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll}}}}})
		return err
	}
	wantErr(t, update(mks("h1:HASH", "r1:RANGE", "h2:HASH")), "ValidationException",
		"One or more parameter values were invalid: All HASH key attributes must precede RANGE key attributes in the KeySchema")
	mustOK(t, update(multiGSI))
	if got, _ := queryGSI(t, c, "h1 = :a AND h2 = :one", nil); got != "1 2" {
		t.Fatalf("backfilled index holds %q", got)
	}
}
