package conformance

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestIndexReads covers what a Query or Scan of a secondary index may ask
// of the attributes the index does not project. A global index refuses
// them in a projection; a local one fetches them from the table, and
// counts the fetch as a read of the table. A Query's filter must name
// projected attributes on either kind (DynamoDB Local's answers, which
// DynamoDB's ExecuteStatement gives for a keyed read of an index:
// github.com/nubo-db/dynoxide tests/partiql_index_qualifier.rs, captured
// from DynamoDB), and a Scan's filter sees only the projected ones.
func TestIndexReads(t *testing.T) { runCases(t, indexReadCases) }

// gsiQuery is a Query of the global index for g = "x", changed by with.
func gsiQuery(with func(*dynamodb.QueryInput)) *dynamodb.QueryInput {
	in := &dynamodb.QueryInput{IndexName: str("gsi"), KeyConditionExpression: str("g = :g"), ExpressionAttributeValues: Item{":g": S("x")}}
	with(in)
	return in
}

// lsiQuery is a Query of the local index for pk = "a", changed by with.
func lsiQuery(with func(*dynamodb.QueryInput)) *dynamodb.QueryInput {
	in := &dynamodb.QueryInput{IndexName: str("lsi"), KeyConditionExpression: str("pk = :a"), ExpressionAttributeValues: Item{":a": S("a")}}
	with(in)
	return in
}

// eqX is the legacy condition attribute = "x".
var eqX = types.Condition{ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{S("x")}}

// refused is a step wanting a ValidationException with message
// "One or more parameter values were invalid: " + msg.
func refused(in any, msg string) Step {
	return Step{Call: in, Err: "ValidationException", Msg: invalidArg + msg}
}

const notProjectedOth = "Global secondary index gsi does not project [oth]"

// indexes is ReturnConsumedCapacity INDEXES.
const indexes = types.ReturnConsumedCapacityIndexes

var indexReadCases = []Case{
	indexCase("a global index refuses projections of attributes it does not project", projInclude("inc"),
		refused(gsiQuery(func(in *dynamodb.QueryInput) { in.ProjectionExpression = str("oth") }), notProjectedOth),
		refused(gsiQuery(func(in *dynamodb.QueryInput) {
			in.ProjectionExpression, in.ExpressionAttributeNames = str("inc, oth.a, #z"), Names{"#z": "zz"}
		}), "Global secondary index gsi does not project [zz, oth]"),
		refused(&dynamodb.QueryInput{IndexName: str("gsi"), KeyConditions: map[string]types.Condition{"g": eqX},
			AttributesToGet: []string{"inc", "oth"}}, notProjectedOth),
		refused(&dynamodb.ScanInput{IndexName: str("gsi"), ProjectionExpression: str("oth")}, notProjectedOth),
		refused(&dynamodb.ScanInput{IndexName: str("gsi"), Select: types.SelectSpecificAttributes, AttributesToGet: []string{"oth"}}, notProjectedOth),
		Step{Call: gsiQuery(func(in *dynamodb.QueryInput) { in.ProjectionExpression = str("inc, pk, gs") }),
			Want: `{"Items":[{"pk":{"S":"a"},"gs":{"N":"1"},"inc":{"S":"i2"}},{"pk":{"S":"a"},"gs":{"N":"2"},"inc":{"S":"i1"}}]}`},
	),
	indexCase("a query filter names only projected attributes", projInclude("inc"),
		refused(gsiQuery(func(in *dynamodb.QueryInput) {
			in.FilterExpression, in.ExpressionAttributeValues[":o"] = str("oth = :o"), S("o1")
		}), "Secondary index gsi does not project one or more filter attributes: [oth]"),
		refused(lsiQuery(func(in *dynamodb.QueryInput) {
			in.FilterExpression, in.ExpressionAttributeValues[":o"] = str("zz = :o OR oth = :o OR inc = :o"), S("o1")
		}), "Secondary index lsi does not project one or more filter attributes: [oth, zz]"),
		refused(&dynamodb.QueryInput{IndexName: str("lsi"), KeyConditions: map[string]types.Condition{"pk": {
			ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{S("a")}}},
			QueryFilter: map[string]types.Condition{"oth": eqX}}, "Secondary index lsi does not project one or more filter attributes: [oth]"),
		Step{Call: lsiQuery(func(in *dynamodb.QueryInput) {
			in.FilterExpression, in.ExpressionAttributeValues[":i"] = str("inc = :i"), S("i1")
		}), Want: `{"Count":1,"ScannedCount":2,"Items":[{` + keysA1 + `,"ls":{"N":"20"},"inc":{"S":"i1"}}]}`},
	),
	{Name: "a scan filter sees only what the index projects", Table: indexTable(projKeysOnly), LocalDiffers: localIndexScanFilter,
		Steps: append(append([]Step(nil), indexItems...),
			Step{Call: &dynamodb.ScanInput{IndexName: str("gsi"), FilterExpression: str("attribute_exists(oth)")},
				Want: `{"Count":0,"ScannedCount":3,"Items":[]}`},
			Step{Call: &dynamodb.ScanInput{IndexName: str("lsi"), FilterExpression: str("attribute_not_exists(oth)"), Select: types.SelectCount},
				Want: `{"Count":2,"ScannedCount":2}`},
		)},
	indexCase("a local index fetches from the table what it does not project", projKeysOnly,
		onLSI("", `{"Items":[{`+keysA2+`,"ls":{"N":"10"}},{`+keysA1+`,"ls":{"N":"20"}}]}`),
		Step{Call: lsiQuery(func(in *dynamodb.QueryInput) { in.ProjectionExpression = str("oth, ls") }),
			Want: `{"Items":[{"oth":{"S":"o2"},"ls":{"N":"10"}},{"oth":{"S":"o1"},"ls":{"N":"20"}}]}`},
		Step{Call: &dynamodb.ScanInput{IndexName: str("lsi"), Select: types.SelectAllAttributes},
			Want: `{"Count":2,"Items":[{` + keysA1 + `,"g":{"S":"x"},"gs":{"N":"2"},"ls":{"N":"20"},"inc":{"S":"i1"},"oth":{"S":"o1"}},` +
				`{` + keysA2 + `,"g":{"S":"x"},"gs":{"N":"1"},"ls":{"N":"10"},"inc":{"S":"i2"},"oth":{"S":"o2"}}]}`},
	),
	indexCase("a local index read counts the fetch from the table", projKeysOnly,
		Step{Call: lsiQuery(func(in *dynamodb.QueryInput) {
			in.Select, in.ConsistentRead, in.ReturnConsumedCapacity = types.SelectAllAttributes, yes, indexes
		}),
			Want:         `{"ConsumedCapacity":{"CapacityUnits":2,"Table":{"CapacityUnits":1},"LocalSecondaryIndexes":{"lsi":{"CapacityUnits":1}}}}`,
			LocalDiffers: localIndexFetchCapacity, Local: &Expect{}},
		Step{Call: lsiQuery(func(in *dynamodb.QueryInput) {
			in.ProjectionExpression, in.ReturnConsumedCapacity = str("oth"), indexes
		}),
			Want:         `{"ConsumedCapacity":{"CapacityUnits":1,"Table":{"CapacityUnits":0.5},"LocalSecondaryIndexes":{"lsi":{"CapacityUnits":0.5}}}}`,
			LocalDiffers: localIndexFetchCapacity, Local: &Expect{}},
		Step{Call: lsiQuery(func(in *dynamodb.QueryInput) {
			in.ProjectionExpression, in.ReturnConsumedCapacity = str("ls, sk"), indexes
		}),
			Want:         `{"ConsumedCapacity":{"CapacityUnits":0.5,"Table":{"CapacityUnits":0},"LocalSecondaryIndexes":{"lsi":{"CapacityUnits":0.5}}}}`,
			LocalDiffers: localIndexNoFetch, Local: &Expect{}},
		Step{Call: &dynamodb.ScanInput{IndexName: str("lsi"), Select: types.SelectAllAttributes, ReturnConsumedCapacity: indexes},
			Want:         `{"ConsumedCapacity":{"CapacityUnits":1,"Table":{"CapacityUnits":0.5},"LocalSecondaryIndexes":{"lsi":{"CapacityUnits":0.5}}}}`,
			LocalDiffers: localIndexScanFetch, Local: &Expect{}},
	),
}
