package conformance

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestItems covers PutItem, GetItem, UpdateItem and DeleteItem: return
// values, projections, conditions and key validation.
func TestItems(t *testing.T) { runCases(t, itemCases) }

var (
	itemA   = Item{"pk": S("a"), "n": N("1"), "s": S("x")}
	keyA    = Item{"pk": S("a")}
	itemAJS = `{"pk":{"S":"a"},"n":{"N":"1"},"s":{"S":"x"}}`
)

// nested is an item with nested maps and lists, for projections.
var nested = Item{"pk": S("p"), "s": S("x"),
	"m": M(Item{"a": N("1"), "b": M(Item{"c": S("deep"), "d": S("e")})}),
	"l": L(S("l0"), M(Item{"x": N("1"), "y": N("2")}), S("l2"))}

// project is a GetItem of nested with projection expression expr.
func project(expr string, names Names, want string) Step {
	return Step{Call: &dynamodb.GetItemInput{Key: Item{"pk": S("p")}, ProjectionExpression: str(expr),
		ExpressionAttributeNames: names}, Want: want}
}

// update is an UpdateItem of keyA with expression expr, values vals and
// return values rv.
func update(expr string, vals Item, rv types.ReturnValue) *dynamodb.UpdateItemInput {
	return &dynamodb.UpdateItemInput{Key: keyA, UpdateExpression: str(expr), ExpressionAttributeValues: vals, ReturnValues: rv}
}

// updateSteps puts itemA, then applies "SET n = :two, d = :d REMOVE s"
// with return values rv, wanting response want.
func updateSteps(rv types.ReturnValue, want string) []Step {
	return []Step{put(itemA), {Call: update("SET n = :two, d = :d REMOVE s",
		Item{":two": N("2"), ":d": S("new")}, rv), Want: want}}
}

// failedCond puts itemA, then runs a write whose condition fails, wanting
// the error body want.
func failedCond(call any, want string) Case {
	return Case{Name: "", Table: hashS, Steps: []Step{put(itemA),
		{Call: call, Err: "ConditionalCheckFailedException", Msg: "The conditional request failed", Want: want}}}
}

// named returns c with name n.
func named(n string, c Case) Case {
	c.Name = n
	return c
}

var itemCases = []Case{
	{Name: "PutItem then GetItem", Table: hashS, Steps: []Step{
		put(itemA),
		get(keyA, `{"Item":`+itemAJS+`}`),
	}},
	{Name: "GetItem of an absent item", Table: hashS, Steps: []Step{
		get(Item{"pk": S("nope")}, `{"Item":null}`),
	}},
	{Name: "PutItem replaces the whole item", Table: hashS, Steps: []Step{
		put(itemA),
		put(Item{"pk": S("a"), "z": S("z")}),
		get(keyA, `{"Item":{"pk":{"S":"a"},"z":{"S":"z"}}}`),
	}},
	{Name: "PutItem ReturnValues NONE and ALL_OLD", Table: hashS, Steps: []Step{
		{Call: &dynamodb.PutItemInput{Item: itemA, ReturnValues: types.ReturnValueAllOld}, Want: `{"Attributes":null}`},
		{Call: &dynamodb.PutItemInput{Item: keyA, ReturnValues: types.ReturnValueAllOld}, Want: `{"Attributes":` + itemAJS + `}`},
		{Call: &dynamodb.PutItemInput{Item: itemA, ReturnValues: types.ReturnValueNone}, Want: `{"Attributes":null}`},
	}},
	{Name: "PutItem ReturnValues other than ALL_OLD or NONE", Table: hashS, Steps: []Step{
		{Call: &dynamodb.PutItemInput{Item: itemA, ReturnValues: types.ReturnValueUpdatedNew},
			Err: "ValidationException", Msg: "ReturnValues can only be ALL_OLD or NONE",
			LocalDiffers: localReturnValues, Local: &Expect{Err: "ValidationException"}},
		{Call: &dynamodb.PutItemInput{Item: itemA, ReturnValues: types.ReturnValueAllNew},
			Err: "ValidationException", Msg: "ReturnValues can only be ALL_OLD or NONE",
			LocalDiffers: localReturnValues, Local: &Expect{Err: "ValidationException"}},
	}},
	{Name: "UpdateItem ReturnValues NONE", Table: hashS,
		Steps: updateSteps(types.ReturnValueNone, `{"Attributes":null}`)},
	{Name: "UpdateItem ReturnValues ALL_OLD", Table: hashS,
		Steps: updateSteps(types.ReturnValueAllOld, `{"Attributes":`+itemAJS+`}`)},
	{Name: "UpdateItem ReturnValues UPDATED_OLD", Table: hashS,
		Steps: updateSteps(types.ReturnValueUpdatedOld, `{"Attributes":{"n":{"N":"1"},"s":{"S":"x"}}}`)},
	{Name: "UpdateItem ReturnValues ALL_NEW", Table: hashS,
		Steps: updateSteps(types.ReturnValueAllNew, `{"Attributes":{"pk":{"S":"a"},"n":{"N":"2"},"d":{"S":"new"}}}`)},
	{Name: "UpdateItem ReturnValues UPDATED_NEW", Table: hashS,
		Steps: updateSteps(types.ReturnValueUpdatedNew, `{"Attributes":{"n":{"N":"2"},"d":{"S":"new"}}}`)},
	{Name: "UpdateItem creates an absent item", Table: hashS, Steps: []Step{
		{Call: update("SET n = :one", Item{":one": N("1")}, types.ReturnValueAllOld), Want: `{"Attributes":null}`},
		get(keyA, `{"Item":{"pk":{"S":"a"},"n":{"N":"1"}}}`),
	}},
	{Name: "UpdateItem without an update expression creates the item", Table: hashS, Steps: []Step{
		{Call: &dynamodb.UpdateItemInput{Key: keyA, ReturnValues: types.ReturnValueAllNew}, Want: `{"Attributes":{"pk":{"S":"a"}}}`},
		get(keyA, `{"Item":{"pk":{"S":"a"}}}`),
	}},
	{Name: "DeleteItem ReturnValues ALL_OLD", Table: hashS, Steps: []Step{
		put(itemA),
		{Call: &dynamodb.DeleteItemInput{Key: keyA, ReturnValues: types.ReturnValueAllOld}, Want: `{"Attributes":` + itemAJS + `}`},
		get(keyA, `{"Item":null}`),
		{Call: &dynamodb.DeleteItemInput{Key: keyA, ReturnValues: types.ReturnValueAllOld}, Want: `{"Attributes":null}`},
	}},
	{Name: "DeleteItem ReturnValues other than ALL_OLD or NONE", Table: hashS, Steps: []Step{
		{Call: &dynamodb.DeleteItemInput{Key: keyA, ReturnValues: types.ReturnValueAllNew},
			Err: "ValidationException", Msg: "ReturnValues can only be ALL_OLD or NONE",
			LocalDiffers: localReturnValues, Local: &Expect{Err: "ValidationException"}},
	}},
	named("PutItem ReturnValuesOnConditionCheckFailure ALL_OLD", failedCond(&dynamodb.PutItemInput{Item: keyA,
		ConditionExpression:                 str("attribute_not_exists(pk)"),
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}, `{"Item":`+itemAJS+`}`)),
	named("UpdateItem ReturnValuesOnConditionCheckFailure ALL_OLD", failedCond(&dynamodb.UpdateItemInput{Key: keyA,
		UpdateExpression: str("SET z = :z"), ExpressionAttributeValues: Item{":z": S("z")},
		ConditionExpression:                 str("n = :z"),
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}, `{"Item":`+itemAJS+`}`)),
	named("DeleteItem ReturnValuesOnConditionCheckFailure ALL_OLD", failedCond(&dynamodb.DeleteItemInput{Key: keyA,
		ConditionExpression:                 str("attribute_not_exists(n)"),
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}, `{"Item":`+itemAJS+`}`)),
	named("ReturnValuesOnConditionCheckFailure NONE returns no item", failedCond(&dynamodb.PutItemInput{Item: keyA,
		ConditionExpression:                 str("attribute_not_exists(pk)"),
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureNone}, `{"Item":null}`)),
	{Name: "ReturnValuesOnConditionCheckFailure on an absent item returns no item", Table: hashS, Steps: []Step{
		{Call: &dynamodb.DeleteItemInput{Key: keyA, ConditionExpression: str("attribute_exists(pk)"),
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld},
			Err: "ConditionalCheckFailedException", Want: `{"Item":null}`},
	}},
	{Name: "conditional writes", Table: hashS, Steps: []Step{
		{Call: &dynamodb.PutItemInput{Item: itemA, ConditionExpression: str("attribute_not_exists(pk)")}},
		{Call: &dynamodb.PutItemInput{Item: itemA, ConditionExpression: str("attribute_not_exists(pk)")},
			Err: "ConditionalCheckFailedException", Msg: "The conditional request failed"},
		{Call: &dynamodb.UpdateItemInput{Key: Item{"pk": S("b")}, UpdateExpression: str("SET n = :one"),
			ConditionExpression: str("attribute_exists(pk)"), ExpressionAttributeValues: Item{":one": N("1")}},
			Err: "ConditionalCheckFailedException"},
		get(Item{"pk": S("b")}, `{"Item":null}`),
		{Call: &dynamodb.DeleteItemInput{Key: keyA, ConditionExpression: str("n = :two"),
			ExpressionAttributeValues: Item{":two": N("2")}}, Err: "ConditionalCheckFailedException"},
		{Call: &dynamodb.DeleteItemInput{Key: keyA, ConditionExpression: str("n = :one"),
			ExpressionAttributeValues: Item{":one": N("1")}}},
		get(keyA, `{"Item":null}`),
	}},
	{Name: "GetItem ProjectionExpression with nested paths", Table: hashS, Steps: []Step{
		put(nested),
		project("m.b.c, l[1].y, s", nil, `{"Item":{"m":{"M":{"b":{"M":{"c":{"S":"deep"}}}}},"l":{"L":[{"M":{"y":{"N":"2"}}}]},"s":{"S":"x"}}}`),
		project("l[2], l[0]", nil, `{"Item":{"l":{"L":[{"S":"l0"},{"S":"l2"}]}}}`),
		project("#m.#a", Names{"#m": "m", "#a": "a"}, `{"Item":{"m":{"M":{"a":{"N":"1"}}}}}`),
		project("zz, m.zz", nil, `{"Item":{}}`),
		project("l[5], s[0], m.a", nil, `{"Item":{"m":{"M":{"a":{"N":"1"}}}}}`),
	}},
	{Name: "ProjectionExpression with overlapping paths", Table: hashS, Steps: []Step{
		{Call: &dynamodb.GetItemInput{Key: keyA, ProjectionExpression: str("m, m.a")}, Err: "ValidationException",
			Msg: "*Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m], path two: [m, a]"},
		{Call: &dynamodb.GetItemInput{Key: keyA, ProjectionExpression: str("s, s")}, Err: "ValidationException",
			Msg: "*Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [s], path two: [s]"},
	}},
	{Name: "GetItem key does not match the schema", Table: hashS, Steps: []Step{
		{Call: &dynamodb.GetItemInput{Key: Item{"pk": S("a"), "sk": S("b")}}, Err: "ValidationException",
			Msg: "The provided key element does not match the schema", LocalDiffers: localKeySchema, Local: &Expect{Err: "ValidationException"}},
		{Call: &dynamodb.GetItemInput{Key: Item{"x": S("a")}}, Err: "ValidationException",
			Msg: "The provided key element does not match the schema", LocalDiffers: localKeySchema, Local: &Expect{Err: "ValidationException"}},
		{Call: &dynamodb.DeleteItemInput{Key: Item{"pk": S("a"), "sk": S("b")}}, Err: "ValidationException",
			Msg: "The provided key element does not match the schema", LocalDiffers: localKeySchema, Local: &Expect{Err: "ValidationException"}},
	}},
	{Name: "key of the wrong type", Table: hashS, Steps: []Step{
		{Call: &dynamodb.PutItemInput{Item: Item{"pk": N("1")}}, Err: "ValidationException",
			Msg:          "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
			LocalDiffers: localKeyType, Local: &Expect{Err: "ValidationException", Msg: "One or more parameter values were invalid: Type mismatch for key*"}},
		{Call: &dynamodb.GetItemInput{Key: Item{"pk": N("1")}}, Err: "ValidationException",
			Msg: "The provided key element does not match the schema", LocalDiffers: localKeySchema, Local: &Expect{Err: "ValidationException"}},
	}},
	{Name: "PutItem without the key", Table: hashS, Steps: []Step{
		{Call: &dynamodb.PutItemInput{Item: Item{"x": S("1")}}, Err: "ValidationException",
			Msg:          "One or more parameter values were invalid: Missing the key pk in the item",
			LocalDiffers: localMissingKey, Local: &Expect{Err: "ValidationException"}},
	}},
	{Name: "item operations on an absent table", Steps: []Step{
		{Call: &dynamodb.GetItemInput{Key: keyA}, Err: "ResourceNotFoundException", Msg: "Requested resource not found",
			LocalDiffers: localNotFound, Local: &Expect{Err: "ResourceNotFoundException"}},
		{Call: &dynamodb.PutItemInput{Item: keyA}, Err: "ResourceNotFoundException", Msg: "Requested resource not found",
			LocalDiffers: localNotFound, Local: &Expect{Err: "ResourceNotFoundException"}},
		{Call: &dynamodb.UpdateItemInput{Key: keyA}, Err: "ResourceNotFoundException", Msg: "Requested resource not found",
			LocalDiffers: localNotFound, Local: &Expect{Err: "ResourceNotFoundException"}},
		{Call: &dynamodb.DeleteItemInput{Key: keyA}, Err: "ResourceNotFoundException", Msg: "Requested resource not found",
			LocalDiffers: localNotFound, Local: &Expect{Err: "ResourceNotFoundException"}},
	}},
}
