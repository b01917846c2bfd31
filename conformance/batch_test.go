package conformance

import (
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestBatch covers BatchGetItem and BatchWriteItem with their limits.
// Messages are DynamoDB's as recorded by dynalite's test/batchGetItem.js
// and test/batchWriteItem.js and moto's tests (see sources_test.go).
func TestBatch(t *testing.T) { runCases(t, batchCases) }

// putReq and delReq are write requests of a BatchWriteItem.
func putReq(item Item) types.WriteRequest {
	return types.WriteRequest{PutRequest: &types.PutRequest{Item: item}}
}

func delReq(key Item) types.WriteRequest {
	return types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: key}}
}

// batchWrite is a BatchWriteItem of reqs on "$T".
func batchWrite(reqs ...types.WriteRequest) *dynamodb.BatchWriteItemInput {
	return &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"$T": reqs}}
}

// batchGet is a BatchGetItem of keys on "$T".
func batchGet(keys ...Item) *dynamodb.BatchGetItemInput {
	return &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{"$T": {Keys: keys, ConsistentRead: yes}}}
}

// pks returns the keys "0" to n-1 of a hash-key table.
func pks(n int) []Item {
	keys := make([]Item, n)
	for i := range keys {
		keys[i] = Item{"pk": S(strconv.Itoa(i))}
	}
	return keys
}

// puts returns put requests for the items with keys "0" to n-1.
func puts(n int) []types.WriteRequest {
	reqs := make([]types.WriteRequest, n)
	for i, k := range pks(n) {
		reqs[i] = putReq(k)
	}
	return reqs
}

var (
	kA = Item{"pk": S("a")}
	kB = Item{"pk": S("b")}
	kC = Item{"pk": S("c")}
)

var batchCases = []Case{
	{Name: "BatchWriteItem puts and deletes, BatchGetItem reads", Table: hashS, Steps: []Step{
		{Call: batchWrite(putReq(Item{"pk": S("a"), "n": N("1")}), putReq(kB), putReq(kC)), Want: `{"UnprocessedItems":{}}`},
		{Call: batchWrite(delReq(kB), putReq(Item{"pk": S("d"), "n": N("4")})), Want: `{"UnprocessedItems":{}}`},
		{Call: batchGet(kA, kB, kC, Item{"pk": S("d")}), Want: `{"Responses":{"$T":[{"pk":{"S":"a"},"n":{"N":"1"}},` +
			`{"pk":{"S":"c"}},{"pk":{"S":"d"},"n":{"N":"4"}}]},"UnprocessedKeys":{}}`},
	}},
	{Name: "BatchGetItem projection", Table: hashS, Steps: []Step{
		put(Item{"pk": S("a"), "n": N("1"), "s": S("x")}),
		{Call: &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{"$T": {
			Keys: []Item{kA}, ProjectionExpression: str("#n"), ExpressionAttributeNames: Names{"#n": "n"}}}},
			Want: `{"Responses":{"$T":[{"n":{"N":"1"}}]}}`},
	}},
	{Name: "batches across two tables", Table: hashS, Table2: hashN, Steps: []Step{
		{Call: &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{
			"$T": {putReq(kA)}, "$T2": {putReq(Item{"pk": N("1")})}}}, Want: `{"UnprocessedItems":{}}`},
		{Call: &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
			"$T": {Keys: []Item{kA}}, "$T2": {Keys: []Item{{"pk": N("1")}, {"pk": N("2")}}}}},
			Want: `{"Responses":{"$T":[{"pk":{"S":"a"}}],"$T2":[{"pk":{"N":"1"}}]},"UnprocessedKeys":{}}`},
	}},
	{Name: "BatchGetItem of 100 keys and of 101", Table: hashS, Steps: []Step{
		{Call: batchGet(pks(100)...), Want: `{"Responses":{"$T":[]},"UnprocessedKeys":{}}`},
		{Call: batchGet(pks(101)...), Err: "ValidationException", Msg: "Too many items requested for the BatchGetItem call"},
	}},
	{Name: "BatchWriteItem of 25 writes and of 26", Table: hashS, Steps: []Step{
		{Call: batchWrite(puts(25)...), Want: `{"UnprocessedItems":{}}`},
		{Call: batchWrite(puts(26)...), Err: "ValidationException",
			Msg: "*at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: " +
				"[Member must have length less than or equal to 25, Member must have length greater than or equal to 1]",
			LocalDiffers: localBatchWriteLimit, Local: &Expect{Err: "ValidationException"}},
	}},
	{Name: "duplicate keys in a batch", Table: hashS, Steps: []Step{
		{Call: batchWrite(putReq(kA), putReq(kA)), Err: "ValidationException", Msg: "Provided list of item keys contains duplicates"},
		{Call: batchWrite(putReq(kA), delReq(kA)), Err: "ValidationException", Msg: "Provided list of item keys contains duplicates"},
		{Call: batchGet(kA, kA), Err: "ValidationException", Msg: "Provided list of item keys contains duplicates"},
		get(kA, `{"Item":null}`),
	}},
	{Name: "batches on an absent table", Steps: []Step{
		{Call: batchGet(kA), Err: "ResourceNotFoundException", Msg: "Requested resource not found",
			LocalDiffers: localNotFound, Local: &Expect{Err: "ResourceNotFoundException"}},
		{Call: batchWrite(putReq(kA)), Err: "ResourceNotFoundException", Msg: "Requested resource not found",
			LocalDiffers: localNotFound, Local: &Expect{Err: "ResourceNotFoundException"}},
	}},
	{Name: "batch ConsumedCapacity", Table: hashS, Steps: []Step{
		{Call: &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"$T": {putReq(kB), putReq(big(1500))}},
			ReturnConsumedCapacity: total}, Want: `{"ConsumedCapacity":[{"TableName":"$T","CapacityUnits":3}]}`},
		{Call: &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{"$T": {Keys: []Item{kA, kB}}},
			ReturnConsumedCapacity: total}, Want: `{"ConsumedCapacity":[{"TableName":"$T","CapacityUnits":1}]}`},
		{Call: &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{"$T": {Keys: []Item{kA, kB},
			ConsistentRead: yes}}, ReturnConsumedCapacity: total}, Want: `{"ConsumedCapacity":[{"TableName":"$T","CapacityUnits":2}]}`},
	}},
}
