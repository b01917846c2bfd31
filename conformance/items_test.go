package conformance

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestItems covers PutItem, GetItem, UpdateItem and DeleteItem.
func TestItems(t *testing.T) { runCases(t, itemCases) }

var itemA = Item{"pk": S("a"), "n": N("1"), "s": S("x")}

var itemCases = []Case{
	{Name: "PutItem then GetItem", Table: hashS, Steps: []Step{
		put(itemA),
		get(Item{"pk": S("a")}, `{"Item":{"pk":{"S":"a"},"n":{"N":"1"},"s":{"S":"x"}}}`),
	}},
	{Name: "GetItem missing item", Table: hashS, Steps: []Step{
		get(Item{"pk": S("nope")}, `{"Item":null}`),
	}},
	{Name: "PutItem ReturnValues ALL_OLD", Table: hashS, Steps: []Step{
		{Call: &dynamodb.PutItemInput{Item: itemA, ReturnValues: types.ReturnValueAllOld}, Want: `{"Attributes":null}`},
		{Call: &dynamodb.PutItemInput{Item: Item{"pk": S("a")}, ReturnValues: types.ReturnValueAllOld},
			Want: `{"Attributes":{"pk":{"S":"a"},"n":{"N":"1"},"s":{"S":"x"}}}`},
	}},
}
