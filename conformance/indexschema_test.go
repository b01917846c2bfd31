package conformance

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestIndexSchemas covers what CreateTable and UpdateTable check of
// attribute definitions, index keys and projections, and the index key
// values writes and backfills may not hold.
func TestIndexSchemas(t *testing.T) { runCases(t, indexSchemaCases) }

// def is an attribute definition.
func def(name, typ string) types.AttributeDefinition {
	return types.AttributeDefinition{AttributeName: str(name), AttributeType: types.ScalarAttributeType(typ)}
}

// createGSI is an UpdateTable of "$T" creating index name on hash key h,
// with the given definitions and projection.
func createGSI(name, h string, p *types.Projection, defs ...types.AttributeDefinition) *dynamodb.UpdateTableInput {
	return &dynamodb.UpdateTableInput{AttributeDefinitions: defs, GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{
		{Create: &types.CreateGlobalSecondaryIndexAction{IndexName: str(name), Projection: p,
			KeySchema: []types.KeySchemaElement{{AttributeName: str(h), KeyType: types.KeyTypeHash}}}}}}
}

// refusedAs is a step wanting a ValidationException with message msg that
// DynamoDB Local words differently, for the reason localDiffers.
func refusedAs(in any, msg, localDiffers string) Step {
	return Step{Call: in, Err: "ValidationException", Msg: msg, LocalDiffers: localDiffers, Local: &Expect{Err: "ValidationException"}}
}

// long is a name or value of n characters.
func long(n int) string { return strings.Repeat("a", n) }

const (
	msgNameLength = "Names of key attributes and attributes projected into an index must be between 1 and 255 characters, inclusive"
	msgRedefined  = "invalid attribute, SchemaElement redefined should be of same type as previously defined"
)

var indexSchemaCases = []Case{
	{Name: "CreateTable refuses an attribute defined twice", Steps: []Step{
		refusedAs(spec(hashS, func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = []types.AttributeDefinition{def("pk", "S"), def("pk", "N")}
		}), "Attribute Name is duplicated: pk", localDuplicated),
		refusedAs(spec(gsiTable, func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = append(in.AttributeDefinitions, def("g", "S"))
		}), "Attribute Name is duplicated: g", localDuplicated),
		refusedAs(withGSI(spec(gsiTable, func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = append(in.AttributeDefinitions, def("g", "N"))
		}), "gsi2", "g", "N", "", "", projAll), "Attribute Name is duplicated: g", localDuplicated),
	}},
	{Name: "CreateTable checks the names projected", Steps: []Step{
		refusedAs(withGSI(hashS, "gsi", "g", "S", "", "", projInclude("a", "b", "a")),
			invalidArg+"Duplicate element in NonKeyAttributes: a", localDuplicated),
		refusedAs(withGSI(hashS, "gsi", "g", "S", "", "", &types.Projection{ProjectionType: types.ProjectionTypeInclude}),
			invalidArg+"ProjectionType is INCLUDE, but NonKeyAttributes is not specified", localIncludeNothing),
		create(withGSI(hashS, "gsi", "g", "S", "", "", projInclude("pk", "g", long(255))), ""),
	}},
	{Name: "CreateTable refuses key and projected names out of 1 to 255 characters", Steps: []Step{
		{Call: keyTable(long(256), "S", "", ""), Err: "ValidationException", Msg: msgNameLength},
		{Call: keyTable("", "S", "", ""), Err: "ValidationException", Msg: msgNameLength},
		{Call: withGSI(hashS, "gsi", long(256), "S", "", "", projAll), Err: "ValidationException", Msg: msgNameLength},
		{Call: withLSI(hashRangeS, "lsi", long(256), "S", projAll), Err: "ValidationException", Msg: msgNameLength},
		{Call: withGSI(hashS, "gsi", "g", "S", "", "", projInclude(long(256))), Err: "ValidationException", Msg: msgNameLength},
		{Call: withGSI(hashS, "gsi", "g", "S", "", "", projInclude("")), Err: "ValidationException", Msg: msgNameLength},
		create(keyTable(long(255), "S", "", ""), ""),
	}},
	{Name: "unused attribute definitions name the keys used", Steps: []Step{
		refusedAs(spec(withGSI(hashRangeS, "gsi", "a", "S", "", "", projAll), func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = []types.AttributeDefinition{def("sk", "S"), def("a", "S"), def("b", "S"), def("pk", "S"), def("c", "S")}
		}), invalidArg+"Some AttributeDefinitions are not used. AttributeDefinitions: [sk, a, b, pk, c], keys used: [a, sk, pk]", localUnusedDefs),
	}},
	{Name: "UpdateTable refuses to redefine an attribute with another type", Table: gsiTable, Steps: []Step{
		{Call: createGSI("gsi2", "g", projAll, def("g", "N")), Err: "ValidationException", Msg: msgRedefined},
		{Call: createGSI("gsi2", "h", projAll, def("pk", "N"), def("h", "S")), Err: "ValidationException", Msg: msgRedefined},
	}},
	{Name: "UpdateTable checks the index it creates", Table: gsiTable, Steps: []Step{
		{Call: createGSI("gsi2", "g", projAll), Err: "ValidationException", Msg: invalidArg + "AttributeDefinitions is not specified for index: gsi2",
			LocalDiffers: localNoDefinitions},
		refusedAs(createGSI("gsi2", "h", projInclude("x", "x"), def("h", "S")), invalidArg+"Duplicate element in NonKeyAttributes: x", localDuplicated),
		{Call: createGSI("gsi2", long(256), projAll, def(long(256), "S")), Err: "ValidationException", Msg: msgNameLength},
		{Call: createGSI("gsi2", "h", projInclude(long(256)), def("h", "S")), Err: "ValidationException", Msg: msgNameLength},
	}},
	{Name: "writes refuse index key values too large", Table: withGSI(hashS, "gsi", "g", "S", "r", "S", projAll), Steps: []Step{
		{Call: &dynamodb.PutItemInput{Item: Item{"pk": S("a"), "g": S(long(2049))}}, Err: "ValidationException", Msg: invalidArg + "*"},
		{Call: &dynamodb.PutItemInput{Item: Item{"pk": S("a"), "g": S("x"), "r": S(long(1025))}}, Err: "ValidationException", Msg: invalidArg + "*"},
		put(Item{"pk": S("a"), "g": S(long(2048)), "r": S(long(1024))}),
		{Call: &dynamodb.UpdateItemInput{Key: kA, UpdateExpression: str("SET g = :g"), ExpressionAttributeValues: Item{":g": S(long(2049))}},
			Err: "ValidationException", Msg: invalidArg + "*"},
		{Call: &dynamodb.ScanInput{IndexName: str("gsi"), Select: types.SelectCount}, Want: `{"Count":1}`},
	}},
	{Name: "an index added later leaves out values it cannot take", Table: hashS, LocalDiffers: localBackfill, Steps: []Step{
		put(Item{"pk": S("a"), "g": S("")}),
		put(Item{"pk": S("b"), "g": S(long(2049))}),
		put(Item{"pk": S("c"), "g": N("1")}),
		put(Item{"pk": S("d"), "g": S(long(2048))}),
		{Call: createGSI("gsi", "g", projKeysOnly, def("g", "S"))},
		{Call: &dynamodb.ScanInput{IndexName: str("gsi"), ProjectionExpression: str("pk")}, Want: `{"Count":1,"Items":[{"pk":{"S":"d"}}]}`},
	}},
}
