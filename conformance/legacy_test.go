package conformance

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestLegacy covers the legacy parameters Expected, ConditionalOperator
// and KeyConditions, and ExclusiveStartKey outside a query or a parallel
// scan segment. DynamoDB's answers are recorded by scylladb's
// test/alternator/test_expected.py (run on DynamoDB), ExtendDB's
// tests/test_conditional_operator.py (run on DynamoDB) and dynalite's
// tests.
func TestLegacy(t *testing.T) { runCases(t, legacyCases) }

// Sources of the legacy cases, and where DynamoDB Local differs.
const (
	localIndexable = `DynamoDB refuses NULL, NOT_NULL, NE, CONTAINS, NOT_CONTAINS and IN on a key in KeyConditions: "Attempted conditional ` +
		`constraint is not an indexable operation" (` + dynaliteTests + `query.js); DynamoDB Local says "Only scalar types can be used as ` +
		`Hash Key values" (or Range) for NULL and NOT_NULL, and fails NE with an InternalFailure (observed)`
	localStartOutside = `DynamoDB refuses an ExclusiveStartKey in another partition than the query's with "The provided starting key is ` +
		`outside query boundaries based on provided conditions" (` + dynaliteTests + `query.js); DynamoDB Local says "The provided ` +
		`starting key does not match the range key predicate" (observed)`
)

// legacyItem is the item the Expected cases test conditions on.
var legacyItem = Item{"pk": S("a"), "s": S("hello"), "ns": NS("2", "4", "7"), "l": L(N("2")), "n": N("3")}

// expCond is one Expected entry with a ComparisonOperator.
func expCond(op string, vals ...types.AttributeValue) types.ExpectedAttributeValue {
	return types.ExpectedAttributeValue{ComparisonOperator: types.ComparisonOperator(op), AttributeValueList: vals}
}

// expected is a PutItem of legacyItem on the condition of exp, which
// fails with err ("" for success) and message msg.
func expected(exp map[string]types.ExpectedAttributeValue, err, msg string) Step {
	return Step{Call: &dynamodb.PutItemInput{Item: legacyItem, Expected: exp}, Err: err, Msg: msg}
}

// onAttr is an Expected of one entry, on attribute attr.
func onAttr(attr string, e types.ExpectedAttributeValue) map[string]types.ExpectedAttributeValue {
	return map[string]types.ExpectedAttributeValue{attr: e}
}

const (
	failed = "ConditionalCheckFailedException"
	badArg = "ValidationException"
)

// condOpPut is a PutItem of kA with ConditionalOperator and exp, refused
// with msg.
func condOpPut(exp map[string]types.ExpectedAttributeValue, msg string) Step {
	return Step{Call: &dynamodb.PutItemInput{Item: kA, Expected: exp, ConditionalOperator: types.ConditionalOperatorOr}, Err: badArg, Msg: msg}
}

// keyQuery is a Query of "$T" by KeyConditions.
func keyQuery(kc map[string]types.Condition) *dynamodb.QueryInput {
	return &dynamodb.QueryInput{KeyConditions: kc}
}

// kc is one KeyConditions entry.
func kc(op string, vals ...types.AttributeValue) types.Condition {
	return types.Condition{ComparisonOperator: types.ComparisonOperator(op), AttributeValueList: vals}
}

// onB is the KeyConditions of partition "b" and, with op, a condition on
// sk.
func onB(op string, vals ...types.AttributeValue) map[string]types.Condition {
	out := map[string]types.Condition{"pk": kc("EQ", S("b"))}
	if op != "" {
		out["sk"] = kc(op, vals...)
	}
	return out
}

const (
	withoutExpected = "ConditionalOperator cannot be used without Filter or Expected"
	oneExpected     = "ConditionalOperator can only be used when Filter or Expected has two or more elements"
	notIndexable    = "Attempted conditional constraint is not an indexable operation"
)

var legacyCases = []Case{
	// The outcomes of scylladb's test/alternator/test_expected.py,
	// test_update_expected_1_contains, _not_contains and _in.
	{Name: "Expected with CONTAINS, NOT_CONTAINS and IN", Table: hashS, Steps: []Step{
		put(legacyItem),
		expected(onAttr("s", expCond("CONTAINS", S("ell"))), "", ""),
		expected(onAttr("l", expCond("CONTAINS", N("2"))), "", ""),
		expected(onAttr("ns", expCond("CONTAINS", N("4"))), "", ""),
		expected(onAttr("ns", expCond("CONTAINS", N("1"))), failed, ""),
		expected(onAttr("ns", expCond("NOT_CONTAINS", N("1"))), "", ""),
		expected(onAttr("s", expCond("NOT_CONTAINS", S("ell"))), failed, ""),
		// A missing attribute fails NOT_CONTAINS as it fails CONTAINS.
		expected(onAttr("q", expCond("NOT_CONTAINS", N("1"))), failed, ""),
		expected(onAttr("q", expCond("CONTAINS", N("1"))), failed, ""),
		expected(onAttr("n", expCond("IN", N("2"), N("3"))), "", ""),
		expected(onAttr("n", expCond("IN", N("2"), N("5"))), failed, ""),
		expected(onAttr("ns", expCond("IN", N("2"))), failed, ""), // IN does not look into sets
	}},
	{Name: "Expected refused", Table: hashS, Steps: []Step{
		expected(onAttr("s", expCond("CONTAINS", L(N("1")))), badArg, invalidArg+"ComparisonOperator CONTAINS is not valid for L AttributeValue type"),
		expected(onAttr("s", expCond("NOT_CONTAINS", SS("a"))), badArg, invalidArg+"ComparisonOperator NOT_CONTAINS is not valid for SS AttributeValue type"),
		expected(onAttr("n", expCond("IN", L(), L())), badArg, invalidArg+"ComparisonOperator IN is not valid for L AttributeValue type"),
		expected(onAttr("n", expCond("IN", N("3"), S("dog"))), badArg, invalidArg+"AttributeValues inside AttributeValueList must be of same type"),
		expected(onAttr("n", expCond("BEGINS_WITH", N("3"))), badArg, invalidArg+"ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"),
		expected(onAttr("n", expCond("LT", NS("3"))), badArg, invalidArg+"ComparisonOperator LT is not valid for NS AttributeValue type"),
		expected(onAttr("n", types.ExpectedAttributeValue{ComparisonOperator: "IN", AttributeValueList: []types.AttributeValue{}}), badArg, invalidArg+"Invalid number of argument(s) for the IN ComparisonOperator"),
		expected(onAttr("n", expCond("CONTAINS", N("1"), N("2"))), badArg, invalidArg+"Invalid number of argument(s) for the CONTAINS ComparisonOperator"),
		expected(onAttr("n", expCond("NULL", N("1"))), badArg, invalidArg+"Invalid number of argument(s) for the NULL ComparisonOperator"),
		expected(onAttr("n", expCond("BETWEEN", N("4"), N("3"))), badArg,
			"The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"),
		expected(onAttr("s", types.ExpectedAttributeValue{ComparisonOperator: "CONTAINS"}), badArg,
			invalidArg+"Value or AttributeValueList must be used with ComparisonOperator: CONTAINS for Attribute: s"),
		expected(onAttr("n", types.ExpectedAttributeValue{ComparisonOperator: "EQ", Value: N("3"), AttributeValueList: []types.AttributeValue{N("3")}}),
			badArg, invalidArg+"Value and AttributeValueList cannot be used together for Attribute: n"),
		expected(onAttr("n", types.ExpectedAttributeValue{AttributeValueList: []types.AttributeValue{N("3")}}), badArg,
			invalidArg+"AttributeValueList can only be used with a ComparisonOperator for Attribute: n"),
	}},
	// The messages of github.com/ExtendDB/extenddb
	// tests/test_conditional_operator.py (run on DynamoDB); an empty
	// Expected is no condition (scylladb's test_expected.py,
	// test_update_expected_empty).
	{Name: "ConditionalOperator", Table: hashS, Steps: []Step{
		{Call: &dynamodb.PutItemInput{Item: kA, Expected: map[string]types.ExpectedAttributeValue{}}},
		condOpPut(nil, withoutExpected),
		condOpPut(map[string]types.ExpectedAttributeValue{}, withoutExpected),
		condOpPut(onAttr("pk", expCond("NOT_NULL")), oneExpected),
		{Call: &dynamodb.PutItemInput{Item: kA, ConditionalOperator: types.ConditionalOperatorOr,
			Expected: map[string]types.ExpectedAttributeValue{"pk": expCond("NULL"), "n": expCond("NULL")}}},
		{Call: &dynamodb.PutItemInput{Item: kA, ConditionalOperator: types.ConditionalOperatorAnd, ConditionExpression: str("attribute_exists(pk)")},
			Err: badArg, Msg: "Can not use both expression and non-expression parameters in the same request: " +
				"Non-expression parameters: {ConditionalOperator} Expression parameters: {ConditionExpression}"},
		{Call: &dynamodb.UpdateItemInput{Key: kA, ConditionalOperator: types.ConditionalOperatorAnd,
			AttributeUpdates: map[string]types.AttributeValueUpdate{"n": {Action: types.AttributeActionPut, Value: N("1")}}}, Err: badArg, Msg: withoutExpected},
		{Call: &dynamodb.DeleteItemInput{Key: kA, ConditionalOperator: types.ConditionalOperatorAnd, Expected: onAttr("n", expCond("NULL"))},
			Err: badArg, Msg: oneExpected},
		{Call: &dynamodb.ScanInput{ConditionalOperator: types.ConditionalOperatorAnd}, Err: badArg, Msg: withoutExpected},
		{Call: &dynamodb.QueryInput{ConditionalOperator: types.ConditionalOperatorAnd, KeyConditions: map[string]types.Condition{"pk": kc("EQ", S("a"))}},
			Err: badArg, Msg: withoutExpected},
	}},
	{Name: "KeyConditions operators", Table: hashRangeN, Steps: []Step{
		{Call: keyQuery(map[string]types.Condition{"pk": kc("GT", S("b"))}), Err: badArg, Msg: "Query key condition not supported"},
		{Call: keyQuery(map[string]types.Condition{"pk": kc("BEGINS_WITH", S("b"))}), Err: badArg, Msg: "Query key condition not supported"},
		{Call: keyQuery(onB("IN", N("1"))), Err: badArg, Msg: notIndexable},
		{Call: keyQuery(onB("CONTAINS", N("1"))), Err: badArg, Msg: notIndexable},
		{Call: keyQuery(onB("NOT_CONTAINS", N("1"))), Err: badArg, Msg: notIndexable},
		{Call: keyQuery(map[string]types.Condition{"pk": kc("NULL")}), Err: badArg, Msg: notIndexable,
			LocalDiffers: localIndexable, Local: &Expect{Err: badArg}},
		{Call: keyQuery(onB("NOT_NULL")), Err: badArg, Msg: notIndexable, LocalDiffers: localIndexable, Local: &Expect{Err: badArg}},
		{Call: keyQuery(onB("NE", N("1"))), Err: badArg, Msg: notIndexable, LocalDiffers: localIndexable},
		{Call: keyQuery(onB("BEGINS_WITH", N("1"))), Err: badArg, Msg: invalidArg + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"},
		{Call: keyQuery(map[string]types.Condition{"pk": kc("EQ", S("b"), S("c"))}), Err: badArg,
			Msg: invalidArg + "Invalid number of argument(s) for the EQ ComparisonOperator"},
		{Call: keyQuery(onB("BETWEEN", N("5"), N("1"))), Err: badArg,
			Msg: "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"},
		{Call: keyQuery(onB("GT", N("1"))), Want: `{"Count":0}`},
	}},
	{Name: "ExclusiveStartKey outside the query", Table: hashRangeN, Steps: []Step{
		put(Item{"pk": S("a"), "sk": N("1")}), put(Item{"pk": S("b"), "sk": N("1")}), put(Item{"pk": S("b"), "sk": N("5")}),
		{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: Item{":p": S("b")},
			ExclusiveStartKey: Item{"pk": S("a"), "sk": N("1")}}, Err: badArg,
			Msg:          "The provided starting key is outside query boundaries based on provided conditions",
			LocalDiffers: localStartOutside, Local: &Expect{Err: badArg}},
		{Call: &dynamodb.QueryInput{KeyConditions: onB(""), ExclusiveStartKey: Item{"pk": S("a"), "sk": N("1")}}, Err: badArg,
			Msg:          "The provided starting key is outside query boundaries based on provided conditions",
			LocalDiffers: localStartOutside, Local: &Expect{Err: badArg}},
		{Call: &dynamodb.QueryInput{KeyConditionExpression: str("pk = :p AND sk > :s"), ExpressionAttributeValues: Item{":p": S("b"), ":s": N("3")},
			ExclusiveStartKey: Item{"pk": S("b"), "sk": N("1")}}, Err: badArg, Msg: "The provided starting key does not match the range key predicate"},
		{Call: &dynamodb.QueryInput{KeyConditions: onB("GT", N("3")), ExclusiveStartKey: Item{"pk": S("b"), "sk": N("1")}}, Err: badArg,
			Msg: "The provided starting key does not match the range key predicate"},
		{Call: &dynamodb.QueryInput{KeyConditions: onB("LE", N("5")), ExclusiveStartKey: Item{"pk": S("b"), "sk": N("1")}},
			Want: `{"Items":[{"pk":{"S":"b"},"sk":{"N":"5"}}],"Count":1}`},
	}},
	// scyllaTests test_scan.py, test_scan_parallel_with_exclusive_start_key
	// (run on DynamoDB), wants a ValidationException whose message starts
	// "Exclusive"; DynamoDB Local's is this one.
	{Name: "ExclusiveStartKey outside a parallel scan's segment", Table: hashRangeN, Steps: []Step{
		{Call: &dynamodb.ScanInput{Segment: i32(0), TotalSegments: i32(1000000), ExclusiveStartKey: Item{"pk": S("0"), "sk": N("0")}},
			Err: badArg, Msg: "Exclusive start key must lie within the segment"},
	}},
}
