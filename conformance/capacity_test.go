package conformance

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestConsumedCapacity covers ReturnConsumedCapacity TOTAL and INDEXES, with
// DynamoDB's documented units (Developer Guide, "Read/write capacity
// mode"): a read unit per 4 KB, halved for eventually consistent reads; a
// write unit per 1 KB; index writes counted, two when an indexed value
// changes (Developer Guide, "Provisioned throughput considerations for
// global secondary indexes").
func TestConsumedCapacity(t *testing.T) { runCases(t, capacityCases) }

// big is an item of "pk" "a" and a string attribute "d" of n bytes: its
// size is n+4 bytes.
func big(n int) Item { return Item{"pk": S("a"), "d": S(strings.Repeat("x", n))} }

// total is ReturnConsumedCapacity TOTAL.
const total = types.ReturnConsumedCapacityTotal

// capacity is the ConsumedCapacity a response wants, as JSON.
func capacity(units string) string {
	return `{"ConsumedCapacity":{"TableName":"$T","CapacityUnits":` + units + `}}`
}

// gsiTable has a global index "gsi" on attribute g.
var gsiTable = withGSI(hashS, "gsi", "g", "S", "", "", projAll)

var capacityCases = []Case{
	{Name: "PutItem TOTAL by item size", Table: hashS, Steps: []Step{
		{Call: &dynamodb.PutItemInput{Item: big(1000), ReturnConsumedCapacity: total}, Want: capacity("1")},
		{Call: &dynamodb.PutItemInput{Item: big(1500), ReturnConsumedCapacity: total}, Want: capacity("2")},
		{Call: &dynamodb.PutItemInput{Item: big(5000), ReturnConsumedCapacity: types.ReturnConsumedCapacityNone},
			Want: `{"ConsumedCapacity":null}`},
	}},
	{Name: "GetItem TOTAL eventually and strongly consistent", Table: hashS, Steps: []Step{
		put(big(5000)),
		{Call: &dynamodb.GetItemInput{Key: keyA, ReturnConsumedCapacity: total}, Want: capacity("1")},
		{Call: &dynamodb.GetItemInput{Key: keyA, ReturnConsumedCapacity: total, ConsistentRead: aws.Bool(true)}, Want: capacity("2")},
		{Call: &dynamodb.GetItemInput{Key: Item{"pk": S("absent")}, ReturnConsumedCapacity: total}, Want: capacity("0.5")},
	}},
	{Name: "UpdateItem and DeleteItem TOTAL", Table: hashS, Steps: []Step{
		put(big(2500)),
		{Call: &dynamodb.UpdateItemInput{Key: keyA, UpdateExpression: str("SET n = :one"),
			ExpressionAttributeValues: Item{":one": N("1")}, ReturnConsumedCapacity: total}, Want: capacity("3")},
		{Call: &dynamodb.DeleteItemInput{Key: keyA, ReturnConsumedCapacity: total}, Want: capacity("3")},
		{Call: &dynamodb.DeleteItemInput{Key: keyA, ReturnConsumedCapacity: total}, Want: capacity("1")},
	}},
	{Name: "PutItem INDEXES counts index writes", Table: gsiTable, Steps: []Step{
		{Call: &dynamodb.PutItemInput{Item: Item{"pk": S("a"), "g": S("x")}, ReturnConsumedCapacity: types.ReturnConsumedCapacityIndexes},
			Want: `{"ConsumedCapacity":{"TableName":"$T","CapacityUnits":2,"Table":{"CapacityUnits":1},"GlobalSecondaryIndexes":{"gsi":{"CapacityUnits":1}}}}`},
		{Call: &dynamodb.PutItemInput{Item: Item{"pk": S("a"), "g": S("y")}, ReturnConsumedCapacity: types.ReturnConsumedCapacityIndexes},
			Want: `{"ConsumedCapacity":{"TableName":"$T","CapacityUnits":3,"Table":{"CapacityUnits":1},"GlobalSecondaryIndexes":{"gsi":{"CapacityUnits":2}}}}`},
		{Call: &dynamodb.PutItemInput{Item: Item{"pk": S("b")}, ReturnConsumedCapacity: types.ReturnConsumedCapacityIndexes},
			Want: `{"ConsumedCapacity":{"TableName":"$T","CapacityUnits":1,"Table":{"CapacityUnits":1},"GlobalSecondaryIndexes":null}}`},
	}},
	{Name: "GetItem INDEXES", Table: hashS, Steps: []Step{
		put(itemA),
		{Call: &dynamodb.GetItemInput{Key: keyA, ReturnConsumedCapacity: types.ReturnConsumedCapacityIndexes, ConsistentRead: aws.Bool(true)},
			Want: `{"ConsumedCapacity":{"TableName":"$T","CapacityUnits":1,"Table":{"CapacityUnits":1}}}`},
	}},
}
