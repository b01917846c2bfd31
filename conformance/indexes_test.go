package conformance

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestIndexes covers Query and Scan on global and local secondary indexes
// with KEYS_ONLY, INCLUDE and ALL projections, and sparse indexes.
func TestIndexes(t *testing.T) { runCases(t, indexCases) }

// indexTable has a global index "gsi" (g, gs) and a local index "lsi"
// (pk, ls), both with projection p.
func indexTable(p *types.Projection) *dynamodb.CreateTableInput {
	return withLSI(withGSI(hashRangeS, "gsi", "g", "S", "gs", "N", p), "lsi", "ls", "N", p)
}

// indexItems are the items index cases put; the last two are missing index
// keys.
var indexItems = []Step{
	put(Item{"pk": S("a"), "sk": S("1"), "g": S("x"), "gs": N("2"), "ls": N("20"), "inc": S("i1"), "oth": S("o1")}),
	put(Item{"pk": S("a"), "sk": S("2"), "g": S("x"), "gs": N("1"), "ls": N("10"), "inc": S("i2"), "oth": S("o2")}),
	put(Item{"pk": S("b"), "sk": S("1"), "g": S("y"), "gs": N("3"), "oth": S("o3")}),
	put(Item{"pk": S("a"), "sk": S("3"), "oth": S("o4")}),
}

// onGSI queries the global index for g = "x".
func onGSI(want string) Step {
	return Step{Call: &dynamodb.QueryInput{IndexName: str("gsi"), KeyConditionExpression: str("g = :g"),
		ExpressionAttributeValues: Item{":g": S("x")}}, Want: want}
}

// onLSI queries the local index for pk = "a".
func onLSI(sel types.Select, want string) Step {
	return Step{Call: &dynamodb.QueryInput{IndexName: str("lsi"), KeyConditionExpression: str("pk = :a"),
		ExpressionAttributeValues: Item{":a": S("a")}, Select: sel}, Want: want}
}

// indexCase is a case on indexTable(p) holding indexItems.
func indexCase(name string, p *types.Projection, steps ...Step) Case {
	return Case{Name: name, Table: indexTable(p), Steps: append(append([]Step(nil), indexItems...), steps...)}
}

const (
	keysA2 = `"pk":{"S":"a"},"sk":{"S":"2"}`
	keysA1 = `"pk":{"S":"a"},"sk":{"S":"1"}`
)

var indexCases = []Case{
	indexCase("global index KEYS_ONLY", projKeysOnly,
		onGSI(`{"Items":[{`+keysA2+`,"g":{"S":"x"},"gs":{"N":"1"}},{`+keysA1+`,"g":{"S":"x"},"gs":{"N":"2"}}],"Count":2,"ScannedCount":2}`),
	),
	indexCase("global index INCLUDE", projInclude("inc"),
		onGSI(`{"Items":[{`+keysA2+`,"g":{"S":"x"},"gs":{"N":"1"},"inc":{"S":"i2"}},{`+keysA1+`,"g":{"S":"x"},"gs":{"N":"2"},"inc":{"S":"i1"}}],"Count":2}`),
	),
	indexCase("global index ALL", projAll,
		onGSI(`{"Items":[{`+keysA2+`,"g":{"S":"x"},"gs":{"N":"1"},"ls":{"N":"10"},"inc":{"S":"i2"},"oth":{"S":"o2"}},`+
			`{`+keysA1+`,"g":{"S":"x"},"gs":{"N":"2"},"ls":{"N":"20"},"inc":{"S":"i1"},"oth":{"S":"o1"}}],"Count":2}`),
		Step{Call: &dynamodb.QueryInput{IndexName: str("gsi"), KeyConditionExpression: str("g = :g AND gs > :one"),
			ExpressionAttributeValues: Item{":g": S("x"), ":one": N("1")}, ProjectionExpression: str("oth")},
			Want: `{"Items":[{"oth":{"S":"o1"}}],"Count":1}`},
	),
	indexCase("sparse global index", projKeysOnly,
		Step{Call: &dynamodb.ScanInput{IndexName: str("gsi")}, Want: `{"Count":3,"ScannedCount":3,"Items":[` +
			`{` + keysA1 + `,"g":{"S":"x"},"gs":{"N":"2"}},{` + keysA2 + `,"g":{"S":"x"},"gs":{"N":"1"}},` +
			`{"pk":{"S":"b"},"sk":{"S":"1"},"g":{"S":"y"},"gs":{"N":"3"}}]}`},
		Step{Call: &dynamodb.ScanInput{IndexName: str("lsi"), Select: types.SelectCount}, Want: `{"Count":2,"ScannedCount":2}`},
	),
	indexCase("global index reflects updates and deletes", projKeysOnly,
		Step{Call: &dynamodb.UpdateItemInput{Key: Item{"pk": S("a"), "sk": S("1")}, UpdateExpression: str("REMOVE g")}},
		Step{Call: &dynamodb.UpdateItemInput{Key: Item{"pk": S("a"), "sk": S("3")}, UpdateExpression: str("SET g = :x, gs = :n"),
			ExpressionAttributeValues: Item{":x": S("x"), ":n": N("0")}}},
		Step{Call: &dynamodb.DeleteItemInput{Key: Item{"pk": S("a"), "sk": S("2")}}},
		onGSI(`{"Items":[{"pk":{"S":"a"},"sk":{"S":"3"},"g":{"S":"x"},"gs":{"N":"0"}}],"Count":1}`),
	),
	indexCase("local index KEYS_ONLY", projKeysOnly,
		onLSI("", `{"Items":[{`+keysA2+`,"ls":{"N":"10"}},{`+keysA1+`,"ls":{"N":"20"}}],"Count":2,"ScannedCount":2}`),
		onLSI(types.SelectAllAttributes, `{"Items":[`+
			`{`+keysA2+`,"g":{"S":"x"},"gs":{"N":"1"},"ls":{"N":"10"},"inc":{"S":"i2"},"oth":{"S":"o2"}},`+
			`{`+keysA1+`,"g":{"S":"x"},"gs":{"N":"2"},"ls":{"N":"20"},"inc":{"S":"i1"},"oth":{"S":"o1"}}],"Count":2}`),
	),
	indexCase("local index INCLUDE", projInclude("inc"),
		onLSI("", `{"Items":[{`+keysA2+`,"ls":{"N":"10"},"inc":{"S":"i2"}},{`+keysA1+`,"ls":{"N":"20"},"inc":{"S":"i1"}}],"Count":2}`),
	),
	indexCase("index errors", projKeysOnly,
		Step{Call: &dynamodb.QueryInput{IndexName: str("gsi"), KeyConditionExpression: str("g = :g"), ConsistentRead: yes,
			ExpressionAttributeValues: Item{":g": S("x")}}, Err: "ValidationException",
			Msg: "Consistent reads are not supported on global secondary indexes"},
		Step{Call: &dynamodb.QueryInput{IndexName: str("gsi"), KeyConditionExpression: str("g = :g"), Select: types.SelectAllAttributes,
			ExpressionAttributeValues: Item{":g": S("x")}}, Err: "ValidationException",
			Msg: "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index gsi because its projection type is not ALL"},
		Step{Call: &dynamodb.QueryInput{IndexName: str("gsi"), KeyConditionExpression: str("pk = :g"),
			ExpressionAttributeValues: Item{":g": S("x")}}, Err: "ValidationException",
			Msg: "Query condition missed key schema element: g", LocalDiffers: localMissedKey,
			Local: &Expect{Err: "ValidationException", Msg: "Query condition missed key schema element*"}},
	),
}
