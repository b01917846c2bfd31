package conformance

import (
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestMultiKeyIndexes covers global secondary indexes with multi-attribute
// keys (Developer Guide, "Multi-attribute keys pattern" and "Working with
// global secondary indexes: multi-attribute key schema", November 2025):
// up to four partition key attributes and four sort key attributes, each
// with its own type; sparse indexes; queries with equality on every
// partition attribute and conditions on the sort attributes from the
// left; paging and projections. Where the documentation gives no message,
// the cases hold DynamoDB Local 3.3.0's, which github.com/scylladb/scylladb
// test/alternator/test_gsi_composite_keys.py (run on DynamoDB) matches.
func TestMultiKeyIndexes(t *testing.T) { runCases(t, multiKeyCases) }

// withMultiGSI returns a copy of table with a global secondary index named
// name, with the partition key attributes hash and the sort key
// attributes sort, each "name:TYPE".
func withMultiGSI(table *dynamodb.CreateTableInput, name string, p *types.Projection, hash, sort []string) *dynamodb.CreateTableInput {
	out := *table
	var ks []types.KeySchemaElement
	var defs []types.AttributeDefinition
	for i, a := range append(append([]string(nil), hash...), sort...) {
		n, typ, _ := strings.Cut(a, ":")
		kt := types.KeyTypeRange
		if i < len(hash) {
			kt = types.KeyTypeHash
		}
		ks = append(ks, types.KeySchemaElement{AttributeName: str(n), KeyType: kt})
		defs = append(defs, types.AttributeDefinition{AttributeName: str(n), AttributeType: types.ScalarAttributeType(typ)})
	}
	out.AttributeDefinitions = addDefs(out.AttributeDefinitions, defs)
	out.GlobalSecondaryIndexes = append(append([]types.GlobalSecondaryIndex(nil), out.GlobalSecondaryIndexes...),
		types.GlobalSecondaryIndex{IndexName: str(name), KeySchema: ks, Projection: p})
	return &out
}

// mkTable has the global index "mki": partition key (h1 S, h2 N), sort key
// (r1 S, r2 N, r3 B), projecting p.
func mkTable(p *types.Projection) *dynamodb.CreateTableInput {
	return withMultiGSI(hashS, "mki", p, []string{"h1:S", "h2:N"}, []string{"r1:S", "r2:N", "r3:B"})
}

// mkItem is item pk of mkTable with index key (h1, h2, r1, r2, r3) and
// attribute x; "" leaves an attribute out.
func mkItem(pk, h1, h2, r1, r2, r3 string) Item {
	item := Item{"pk": S(pk), "x": S("x" + pk)}
	set := func(name, v string, av types.AttributeValue) {
		if v != "" {
			item[name] = av
		}
	}
	set("h1", h1, S(h1))
	set("h2", h2, N(h2))
	set("r1", r1, S(r1))
	set("r2", r2, N(r2))
	set("r3", r3, B([]byte(r3)))
	return item
}

// mkItems are put in another order than the index orders partition
// (a, 1): by r1, then r2 as numbers, then r3 as bytes, as the names i1 to
// i7 go. j1 and k1 are in other partitions; s1 and s2 lack a key
// attribute, so the index leaves them out.
var mkItems = []Step{
	put(mkItem("i6", "a", "1", "y", "10", "\x00")),
	put(mkItem("i1", "a", "1", "x", "-5", "\xff")),
	put(mkItem("s1", "a", "1", "x", "3", "")),
	put(mkItem("i4", "a", "1", "x", "9", "\x01")),
	put(mkItem("k1", "b", "1", "x", "2", "\x00")),
	put(mkItem("i3", "a", "1", "x", "2", "\x00\x01")),
	put(mkItem("i7", "a", "1", "yy", "1", "\x00")),
	put(mkItem("s2", "a", "", "x", "3", "\x00")),
	put(mkItem("i2", "a", "1", "x", "2", "\x00")),
	put(mkItem("j1", "a", "2", "x", "2", "\x00")),
	put(mkItem("i5", "a", "1", "x", "10", "\x00")),
}

// mkValues are the expression attribute values of mkIn's queries.
var mkValues = Item{":a": S("a"), ":b": S("b"), ":one": N("1"), ":two": N("2"), ":ten": N("10"),
	":x": S("x"), ":y": S("y"), ":z": B([]byte{0})}

var valueRef = regexp.MustCompile(`:\w+`)

// mkIn is a Query of the index "mki" with key condition kc, the values of
// mkValues that kc uses, and the table key projected.
func mkIn(kc string) *dynamodb.QueryInput {
	vals := Item{}
	for _, ref := range valueRef.FindAllString(kc, -1) {
		vals[ref] = mkValues[ref]
	}
	return &dynamodb.QueryInput{IndexName: str("mki"), KeyConditionExpression: str(kc), ExpressionAttributeValues: vals,
		ProjectionExpression: str("pk")}
}

// mkQuery is a Query of the index "mki" with key condition kc wanting the
// items pks, in order.
func mkQuery(kc string, pks ...string) Step {
	return Step{Call: mkIn(kc), Want: pkItems(pks...)}
}

// pkItems is the JSON of a Query's Items projected on pk.
func pkItems(pks ...string) string {
	items := make([]string, len(pks))
	for i, pk := range pks {
		items[i] = `{"pk":{"S":"` + pk + `"}}`
	}
	return `{"Items":[` + strings.Join(items, ",") + `],"Count":` + itoa(len(pks)) + `}`
}

// mkCase is a case on mkTable(p) holding mkItems.
func mkCase(name string, p *types.Projection, steps ...Step) Case {
	return Case{Name: name, Table: mkTable(p), Steps: append(append([]Step(nil), mkItems...), steps...)}
}

// mkErr is a Query of the index "mki" with key condition kc that DynamoDB
// rejects with msg.
func mkErr(kc, msg string) Step { return queryErr(mkIn(kc), msg) }

const (
	msgHashEquality  = " must have equality conditions specified in the query"
	msgRangeEquality = " must have equality conditions specified in the query because a condition is present on key attribute "
)

// mkKeySchema is the KeySchema DescribeTable gives of mkTable's index.
const mkKeySchema = `[{"AttributeName":"h1","KeyType":"HASH"},{"AttributeName":"h2","KeyType":"HASH"},` +
	`{"AttributeName":"r1","KeyType":"RANGE"},{"AttributeName":"r2","KeyType":"RANGE"},{"AttributeName":"r3","KeyType":"RANGE"}]`

// gsiKeyErr is a case whose CreateTable of a global index with key schema
// ks (of attributes a to i, all defined) DynamoDB rejects with msg, which
// DynamoDB Local words differently.
func gsiKeyErr(name string, ks []types.KeySchemaElement, msg string) Case {
	spec := withMultiGSI(hashS, "mki", projAll, []string{"a:S", "b:S", "c:S", "d:S", "e:S"}, []string{"f:S", "g:S", "h:S", "i:S"})
	spec.GlobalSecondaryIndexes[0].KeySchema = ks
	return createErr(name, spec, msg, localMultiKeySchema)
}

// keys returns a key schema of "name:HASH" and "name:RANGE" elements.
func keys(elems ...string) []types.KeySchemaElement {
	out := make([]types.KeySchemaElement, len(elems))
	for i, e := range elems {
		n, kt, _ := strings.Cut(e, ":")
		out[i] = types.KeySchemaElement{AttributeName: str(n), KeyType: types.KeyType(kt)}
	}
	return out
}

var multiKeyCases = []Case{
	{Name: "CreateTable and DescribeTable with a multi-attribute index", Steps: []Step{
		create(mkTable(projAll), `{"TableDescription":{"GlobalSecondaryIndexes":[{"IndexName":"mki","KeySchema":`+mkKeySchema+`}]}}`),
		describe(`{"Table":{"KeySchema":[` + pkHash + `],"GlobalSecondaryIndexes":[{"IndexName":"mki","KeySchema":` + mkKeySchema + `,` +
			`"Projection":{"ProjectionType":"ALL"}}],"AttributeDefinitions":[{"AttributeName":"h1","AttributeType":"S"},` +
			`{"AttributeName":"h2","AttributeType":"N"},{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"r1","AttributeType":"S"},` +
			`{"AttributeName":"r2","AttributeType":"N"},{"AttributeName":"r3","AttributeType":"B"}]}}`),
	}},
	{Name: "index of four partition and four sort key attributes", Steps: []Step{
		create(withMultiGSI(hashS, "mki", projKeysOnly, []string{"a:S", "b:N", "c:B", "d:S"}, []string{"e:N", "f:S", "g:B", "h:N"}),
			`{"TableDescription":{"GlobalSecondaryIndexes":[{"IndexName":"mki","KeySchema":[{"AttributeName":"a","KeyType":"HASH"},`+
				`{"AttributeName":"b","KeyType":"HASH"},{"AttributeName":"c","KeyType":"HASH"},{"AttributeName":"d","KeyType":"HASH"},`+
				`{"AttributeName":"e","KeyType":"RANGE"},{"AttributeName":"f","KeyType":"RANGE"},{"AttributeName":"g","KeyType":"RANGE"},`+
				`{"AttributeName":"h","KeyType":"RANGE"}]}]}}`),
	}},
	{Name: "index of two partition key attributes and no sort key", Steps: []Step{
		create(withMultiGSI(hashS, "mki", projAll, []string{"a:S", "b:S"}, nil),
			`{"TableDescription":{"GlobalSecondaryIndexes":[{"IndexName":"mki","KeySchema":[{"AttributeName":"a","KeyType":"HASH"},`+
				`{"AttributeName":"b","KeyType":"HASH"}]}]}}`),
		put(Item{"pk": S("1"), "a": S("x"), "b": S("y")}),
		{Call: &dynamodb.QueryInput{IndexName: str("mki"), KeyConditionExpression: str("a = :x AND b = :y"),
			ExpressionAttributeValues: Item{":x": S("x"), ":y": S("y")}}, Want: `{"Items":[{"pk":{"S":"1"},"a":{"S":"x"},"b":{"S":"y"}}],"Count":1}`},
	}},
	gsiKeyErr("multi-attribute index key starting with RANGE", keys("a:RANGE", "b:HASH"),
		"Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
	gsiKeyErr("multi-attribute index HASH after RANGE", keys("a:HASH", "b:RANGE", "c:HASH"),
		"*All HASH key attributes must precede RANGE key attributes in the KeySchema"),
	gsiKeyErr("multi-attribute index of five partition key attributes", keys("a:HASH", "b:HASH", "c:HASH", "d:HASH", "e:HASH"),
		"*The KeySchema exceeds the maximum allowed number of HASH key attributes"),
	gsiKeyErr("multi-attribute index of five sort key attributes", keys("a:HASH", "b:RANGE", "c:RANGE", "d:RANGE", "e:RANGE", "f:RANGE"),
		"*The KeySchema exceeds the maximum allowed number of RANGE key attributes"),
	createErr("multi-attribute index naming an attribute twice", withMultiGSI(hashS, "mki", projAll, []string{"a:S", "b:S", "a:S"}, nil),
		"*same name", ""),
	createErr("multi-attribute index attribute without a definition", spec(withMultiGSI(hashS, "mki", projAll, []string{"a:S", "b:S"}, nil),
		func(in *dynamodb.CreateTableInput) { in.AttributeDefinitions = in.AttributeDefinitions[:2] }),
		invalidArg+"Some index key attributes are not defined in AttributeDefinitions. Keys: [a, b], AttributeDefinitions: [pk, a]", localCreateTable),
	// DynamoDB keeps local indexes to one partition and one sort key
	// attribute (test_gsi_composite_keys.py, test_gsi_composite_lsi_multiattr_rejected).
	createErr("local index of three key attributes", spec(hashRangeS, func(in *dynamodb.CreateTableInput) {
		in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{AttributeName: str("l"), AttributeType: "S"})
		in.LocalSecondaryIndexes = []types.LocalSecondaryIndex{{IndexName: str("lsi"), KeySchema: keys("pk:HASH", "sk:RANGE", "l:RANGE"), Projection: projAll}}
	}), "", ""),
	mkCase("multi-attribute index is sparse", projKeysOnly,
		Step{Call: &dynamodb.ScanInput{IndexName: str("mki"), ProjectionExpression: str("pk")},
			Want: `{"Items":[{"pk":{"S":"i1"}},{"pk":{"S":"i2"}},{"pk":{"S":"i3"}},{"pk":{"S":"i4"}},{"pk":{"S":"i5"}},` +
				`{"pk":{"S":"i6"}},{"pk":{"S":"i7"}},{"pk":{"S":"j1"}},{"pk":{"S":"k1"}}],"Count":9,"ScannedCount":9}`},
		mkQuery("h1 = :a AND h2 = :two", "j1"),
		mkQuery("h1 = :b AND h2 = :one", "k1"),
	),
	mkCase("multi-attribute index query on the partition key", projAll,
		mkQuery("h1 = :a AND h2 = :one", "i1", "i2", "i3", "i4", "i5", "i6", "i7"),
		mkQuery("h2 = :one AND h1 = :a", "i1", "i2", "i3", "i4", "i5", "i6", "i7"),
		Step{Call: func() *dynamodb.QueryInput {
			in := mkIn("h1 = :a AND h2 = :one")
			in.ProjectionExpression, in.Select, in.ReturnConsumedCapacity = nil, types.SelectCount, types.ReturnConsumedCapacityIndexes
			return in
		}(), Want: `{"Count":7,"ScannedCount":7,"ConsumedCapacity":{"TableName":"$T","CapacityUnits":0.5,"GlobalSecondaryIndexes":{"mki":{"CapacityUnits":0.5}}}}`},
		Step{Call: func() *dynamodb.QueryInput {
			in := mkIn("h1 = :a AND h2 = :one")
			in.ScanIndexForward = no
			return in
		}(), Want: pkItems("i7", "i6", "i5", "i4", "i3", "i2", "i1")},
		// Legacy KeyConditions work on multi-attribute keys too
		// (github.com/scylladb/scylladb pull 31448: "DynamoDB does accept the
		// legacy KeyConditions on a composite-key GSI").
		Step{Call: &dynamodb.QueryInput{IndexName: str("mki"), ProjectionExpression: str("pk"), KeyConditions: map[string]types.Condition{
			"h1": {ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{S("a")}},
			"h2": {ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{N("1")}},
			"r1": {ComparisonOperator: types.ComparisonOperatorGt, AttributeValueList: []types.AttributeValue{S("x")}}}},
			Want: pkItems("i6", "i7")},
	),
	mkCase("multi-attribute index query on the first sort key attribute", projAll,
		mkQuery("h1 = :a AND h2 = :one AND r1 = :x", "i1", "i2", "i3", "i4", "i5"),
		mkQuery("h1 = :a AND h2 = :one AND r1 > :x", "i6", "i7"),
		mkQuery("h1 = :a AND h2 = :one AND r1 >= :y", "i6", "i7"),
		mkQuery("h1 = :a AND h2 = :one AND r1 < :y", "i1", "i2", "i3", "i4", "i5"),
		mkQuery("h1 = :a AND h2 = :one AND r1 <= :y", "i1", "i2", "i3", "i4", "i5", "i6"),
		mkQuery("h1 = :a AND h2 = :one AND r1 BETWEEN :x AND :y", "i1", "i2", "i3", "i4", "i5", "i6"),
		mkQuery("h1 = :a AND h2 = :one AND begins_with(r1, :y)", "i6", "i7"),
	),
	mkCase("multi-attribute index query on later sort key attributes", projAll,
		mkQuery("h1 = :a AND h2 = :one AND r1 = :x AND r2 = :two", "i2", "i3"),
		mkQuery("h1 = :a AND h2 = :one AND r1 = :x AND r2 > :two", "i4", "i5"),
		mkQuery("h1 = :a AND h2 = :one AND r1 = :x AND r2 <= :two", "i1", "i2", "i3"),
		mkQuery("h1 = :a AND h2 = :one AND r1 = :x AND r2 BETWEEN :two AND :ten", "i2", "i3", "i4", "i5"),
		mkQuery("h1 = :a AND h2 = :one AND r1 = :x AND r2 = :two AND r3 = :z", "i2"),
		mkQuery("h1 = :a AND h2 = :one AND r1 = :x AND r2 = :two AND r3 > :z", "i3"),
		mkQuery("h1 = :a AND h2 = :one AND r1 = :x AND r2 = :two AND begins_with(r3, :z)", "i2", "i3"),
		mkQuery("r3 = :z AND r2 = :two AND r1 = :x AND h2 = :one AND h1 = :a", "i2"),
	),
	{Name: "multi-attribute index query errors", Table: mkTable(projAll), Steps: []Step{
		mkErr("h1 = :a", "HASH key attributes h2"+msgHashEquality),
		mkErr("r1 = :x", "HASH key attributes h1, h2"+msgHashEquality),
		mkErr("h1 = :a AND h2 > :one", "HASH key attributes h2"+msgHashEquality),
		mkErr("h1 = :a AND h2 BETWEEN :one AND :two", "HASH key attributes h2"+msgHashEquality),
		mkErr("h1 = :a AND h2 = :one AND r2 = :two", "RANGE key attributes r1"+msgRangeEquality+"r2"),
		mkErr("h1 = :a AND h2 = :one AND r3 = :z", "RANGE key attributes r1, r2"+msgRangeEquality+"r3"),
		mkErr("h1 = :a AND h2 = :one AND r1 > :x AND r2 = :two", "RANGE key attributes r1"+msgRangeEquality+"r2"),
		mkErr("h1 = :a AND h2 = :one AND begins_with(r1, :x) AND r2 = :two", "RANGE key attributes r1"+msgRangeEquality+"r2"),
		mkErr("h1 = :a AND h2 = :one AND r1 > :x AND r2 > :two", "RANGE key attributes r1"+msgRangeEquality+"r2"),
		mkErr("h1 = :a AND h2 = :x", "One or more parameter values were invalid: Condition parameter type does not match schema type"),
		mkErr("h1 = :a AND h2 = :one AND r1 = :x AND r2 = :x", "One or more parameter values were invalid: Condition parameter type does not match schema type"),
		mkErr("h1 = :a AND h2 = :one AND r1 = :x AND r2 = :two AND r3 = :z AND x = :x", "Query key condition not supported"),
		mkErr("h1 = :a AND h2 = :one AND r1 = :x AND r1 = :y", "KeyConditionExpressions must only contain one condition per key"),
		{Call: mkIn("h1 = :a AND h2 = :one AND x = :x"), Err: "ValidationException", Msg: "Query condition missed key schema element: r1",
			LocalDiffers: localMissedKey, Local: &Expect{Err: "ValidationException", Msg: "Query condition missed key schema element*"}},
		queryErr(func() *dynamodb.QueryInput {
			in := mkIn("h1 = :a AND h2 = :one")
			in.FilterExpression = str("r2 > :two")
			in.ExpressionAttributeValues[":two"] = N("2")
			return in
		}(), "Filter Expression can only contain non-primary key attributes: Primary key attribute: r2"),
		queryErr(func() *dynamodb.QueryInput {
			in := mkIn("h1 = :a AND h2 = :one")
			in.ConsistentRead = yes
			return in
		}(), "Consistent reads are not supported on global secondary indexes"),
	}},
	mkCase("multi-attribute index writes of key attributes", projAll,
		putErr(Item{"pk": S("e"), "r1": S("")}, "One or more parameter values are not valid. A value specified for a secondary index key "+
			"is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: mki, IndexKey: r1"),
		Step{Call: &dynamodb.PutItemInput{Item: Item{"pk": S("e"), "h1": S("a"), "h2": S("1")}}, Err: "ValidationException",
			Msg: "One or more parameter values were invalid: Type mismatch for Index Key h2 Expected: N Actual: S IndexName: mki", LocalDiffers: localIndexType,
			Local: &Expect{Err: "ValidationException", Msg: "One or more parameter values were invalid: Type mismatch for Index Key"}},
		// Each key's attributes together are limited as a single-attribute
		// key is: 2048 bytes of partition key, 1024 of sort key.
		put(Item{"pk": S("e"), "r1": S(strings.Repeat("x", 1022)), "r2": N("1")}),
		putErr(Item{"pk": S("e"), "r1": S(strings.Repeat("x", 1023)), "r2": N("1")},
			"Aggregate size for RANGE key attributes r1, r2 of index mki has exceeded limit 1024 bytes, with actual size 1025 bytes"),
		putErr(Item{"pk": S("e"), "r1": S(strings.Repeat("x", 600)), "r3": B([]byte(strings.Repeat("x", 600)))},
			"Aggregate size for RANGE key attributes r1, r3 of index mki has exceeded limit 1024 bytes, with actual size 1200 bytes"),
		put(Item{"pk": S("e"), "h1": S(strings.Repeat("x", 2046)), "h2": N("1")}),
		putErr(Item{"pk": S("e"), "h1": S(strings.Repeat("x", 2047)), "h2": N("1"), "r1": S(strings.Repeat("x", 600)),
			"r3": B([]byte(strings.Repeat("x", 600)))},
			"Aggregate size for HASH key attributes h1, h2 of index mki has exceeded limit 2048 bytes, with actual size 2049 bytes"),
		keyErr(putErr(Item{"pk": S("e"), "r1": S(strings.Repeat("x", 1025))}, msgRangeKey)),
	),
	mkCase("multi-attribute index follows updates, deletes, batches and transactions", projAll,
		Step{Call: &dynamodb.UpdateItemInput{Key: Item{"pk": S("i1")}, UpdateExpression: str("SET h2 = :two"),
			ExpressionAttributeValues: Item{":two": N("2")}, ReturnConsumedCapacity: types.ReturnConsumedCapacityIndexes},
			Want: `{"ConsumedCapacity":{"TableName":"$T","CapacityUnits":3,"Table":{"CapacityUnits":1},"GlobalSecondaryIndexes":{"mki":{"CapacityUnits":2}}}}`},
		Step{Call: &dynamodb.UpdateItemInput{Key: Item{"pk": S("s1")}, UpdateExpression: str("SET r3 = :z"),
			ExpressionAttributeValues: Item{":z": B([]byte{0})}}},
		Step{Call: &dynamodb.UpdateItemInput{Key: Item{"pk": S("i2")}, UpdateExpression: str("REMOVE r3")}},
		Step{Call: &dynamodb.DeleteItemInput{Key: Item{"pk": S("i3")}}},
		Step{Call: &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"$T": {
			{PutRequest: &types.PutRequest{Item: mkItem("b1", "a", "1", "x", "0", "\x00")}},
			{DeleteRequest: &types.DeleteRequest{Key: Item{"pk": S("i4")}}},
		}}}},
		Step{Call: &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
			{Put: &types.Put{TableName: str("$T"), Item: mkItem("t1", "a", "1", "x", "0", "\x01")}},
			{Update: &types.Update{TableName: str("$T"), Key: Item{"pk": S("i5")}, UpdateExpression: str("SET r1 = :z"),
				ExpressionAttributeValues: Item{":z": S("z")}}},
		}}},
		mkQuery("h1 = :a AND h2 = :one", "b1", "t1", "s1", "i6", "i7", "i5"),
		mkQuery("h1 = :a AND h2 = :two", "i1", "j1"),
	),
	mkCase("multi-attribute index KEYS_ONLY projection", projKeysOnly,
		Step{Call: &dynamodb.QueryInput{IndexName: str("mki"), KeyConditionExpression: str("h1 = :a AND h2 = :one AND r1 = :x AND r2 = :ten"),
			ExpressionAttributeValues: Item{":a": S("a"), ":one": N("1"), ":x": S("x"), ":ten": N("10")}},
			Want: `{"Items":[{"pk":{"S":"i5"},"h1":{"S":"a"},"h2":{"N":"1"},"r1":{"S":"x"},"r2":{"N":"10"},"r3":{"B":"AA=="}}],"Count":1}`},
		queryErr(func() *dynamodb.QueryInput {
			in := mkIn("h1 = :a AND h2 = :one")
			in.ProjectionExpression, in.Select = nil, types.SelectAllAttributes
			return in
		}(), "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index mki because its projection type is not ALL"),
	),
	mkCase("multi-attribute index INCLUDE projection", projInclude("x"),
		Step{Call: &dynamodb.ScanInput{IndexName: str("mki"), FilterExpression: str("x = :x"), ExpressionAttributeValues: Item{":x": S("xk1")}},
			Want: `{"Items":[{"pk":{"S":"k1"},"h1":{"S":"b"},"h2":{"N":"1"},"r1":{"S":"x"},"r2":{"N":"2"},"r3":{"B":"AA=="},"x":{"S":"xk1"}}],"Count":1,"ScannedCount":9}`},
	),
	{Name: "multi-attribute index paging", Table: mkTable(projAll), Steps: mkItems, Run: func(e *Env) {
		pages := e.readPages(func(esk Item) any {
			in := mkIn("h1 = :a AND h2 = :one")
			in.Limit, in.ExclusiveStartKey, in.ProjectionExpression = i32(3), esk, nil
			return in
		})
		e.wantValues(allItems(pages), "pk", "i1", "i2", "i3", "i4", "i5", "i6", "i7")
		if len(pages) != 3 || len(pages[0].lek) != 6 {
			e.Errorf("%d pages, the first with LastEvaluatedKey %v: want 3, and keys of the table and the index's five attributes", len(pages), pages[0].lek)
		}
		scanned := allItems(e.readPages(func(esk Item) any {
			return &dynamodb.ScanInput{IndexName: str("mki"), Limit: i32(4), ExclusiveStartKey: esk}
		}))
		if len(scanned) != 9 {
			e.Errorf("paged Scan of the index read %d items, want 9", len(scanned))
		}
		e.Do(Step{Call: func() *dynamodb.QueryInput {
			in := mkIn("h1 = :a AND h2 = :one")
			in.ExclusiveStartKey = Item{"pk": S("i1"), "h1": S("a"), "h2": N("1"), "r1": S("x"), "r2": N("-5")}
			return in
		}(), Err: "ValidationException", Msg: "The provided starting key is invalid"})
	}},
	{Name: "UpdateTable adds a multi-attribute index and backfills it", Table: hashS, Steps: []Step{
		put(mkItem("2", "a", "1", "x", "2", "\x00")),
		put(mkItem("1", "a", "1", "x", "1", "\x00")),
		put(mkItem("s", "a", "1", "x", "1", "")),
		{Call: &dynamodb.UpdateTableInput{AttributeDefinitions: mkTable(projAll).AttributeDefinitions[1:],
			GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
				IndexName: str("mki"), KeySchema: keys("h1:HASH", "r1:RANGE", "h2:HASH"), Projection: projAll}}}},
			Err: "ValidationException", Msg: "*All HASH key attributes must precede RANGE key attributes in the KeySchema",
			LocalDiffers: localMultiKeySchema, Local: &Expect{Err: "ValidationException"}},
		{Call: &dynamodb.UpdateTableInput{AttributeDefinitions: mkTable(projAll).AttributeDefinitions[1:],
			GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
				IndexName: str("mki"), KeySchema: mkTable(projAll).GlobalSecondaryIndexes[0].KeySchema, Projection: projAll}}}},
			Want: `{"TableDescription":{"GlobalSecondaryIndexes":[{"IndexName":"mki","KeySchema":` + mkKeySchema + `}]}}`},
	}, Run: func(e *Env) {
		e.WaitActive("$T")
		e.Do(mkQuery("h1 = :a AND h2 = :one", "1", "2"))
	}},
}
