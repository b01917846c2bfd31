package conformance

import (
	"bytes"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestLimits covers DynamoDB's limits on items, keys, numbers and sets
// (Developer Guide, "Quotas in Amazon DynamoDB"), with the messages of
// dynalite's test/putItem.js and moto's tests (see sources_test.go).
func TestLimits(t *testing.T) { runCases(t, limitCases) }

const maxItem = 400 * 1024

// putErr is a PutItem of item that DynamoDB rejects with msg.
func putErr(item Item, msg string) Step {
	return Step{Call: &dynamodb.PutItemInput{Item: item}, Err: "ValidationException", Msg: msg}
}

// attr returns an item with key "a" and attribute name from v.
func attr(name string, v Item) Item {
	return Item{"pk": S("a"), name: v[name]}
}

const (
	msgHashKey  = "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"
	msgRangeKey = "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"
	msgEmptyKey = "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: "
	msgOverflow = "Number overflow. Attempting to store a number with magnitude larger than supported range"
)

// keyErr marks a key size error step, which DynamoDB Local words
// differently.
func keyErr(s Step) Step {
	s.LocalDiffers, s.Local = localKeySize, &Expect{Err: "ValidationException"}
	return s
}

// invalid is "One or more parameter values were invalid: " before msg,
// allowing DynamoDB's "1 validation error detected: " in front.
func invalid(msg string) string { return "*One or more parameter values were invalid: " + msg }

// number is a PutItem with attribute "a" set to the number n.
func number(n string) *dynamodb.PutItemInput {
	return &dynamodb.PutItemInput{Item: Item{"pk": S("a"), "a": N(n)}}
}

var limitCases = []Case{
	{Name: "item of exactly 400 KB", Table: hashS, Steps: []Step{
		put(big(maxItem - 4)),
		get(keyA, ""),
		put(Item{"pk": S("a"), "dd": S(strings.Repeat("x", maxItem-5))}),
	}},
	{Name: "item one byte over 400 KB", Table: hashS, Steps: []Step{
		putErr(big(maxItem-3), "*Item size has exceeded the maximum allowed size"),
		putErr(Item{"pk": S("a"), "dd": S(strings.Repeat("x", maxItem-4))}, "*Item size has exceeded the maximum allowed size"),
	}},
	{Name: "item size counts numbers by significant digits", Table: hashS, Steps: []Step{
		put(Item{"pk": S("a"), "b": S(strings.Repeat("x", maxItem-10)), "c": N("1111111E+119")}),
		putErr(Item{"pk": S("a"), "b": S(strings.Repeat("x", maxItem-9)), "c": N("1111111E+119")},
			"*Item size has exceeded the maximum allowed size"),
	}},
	{Name: "item size of lists and maps", Table: hashS, Steps: []Step{
		put(Item{"pk": S("a"), "l": L(S(strings.Repeat("x", maxItem-8)))}),
		putErr(Item{"pk": S("a"), "l": L(S(strings.Repeat("x", maxItem-7)))}, "*Item size has exceeded the maximum allowed size"),
		put(Item{"pk": S("a"), "m": M(Item{"kk": S(strings.Repeat("x", maxItem-10))})}),
		putErr(Item{"pk": S("a"), "m": M(Item{"kk": S(strings.Repeat("x", maxItem-9))})}, "*Item size has exceeded the maximum allowed size"),
	}},
	{Name: "UpdateItem to exactly 400 KB", Table: hashS, Steps: []Step{
		put(big(maxItem - 10)),
		{Call: &dynamodb.UpdateItemInput{Key: keyA, UpdateExpression: str("SET e = :v"),
			ExpressionAttributeValues: Item{":v": S(strings.Repeat("y", 5))}}},
	}},
	{Name: "UpdateItem past 400 KB", Table: hashS, Steps: []Step{
		put(big(maxItem - 10)),
		{Call: &dynamodb.UpdateItemInput{Key: keyA, UpdateExpression: str("SET e = :v"),
			ExpressionAttributeValues: Item{":v": S(strings.Repeat("y", 6))}},
			Err: "ValidationException", Msg: "*Item size to update has exceeded the maximum allowed size"},
	}},
	{Name: "partition key of 2048 bytes and one more", Table: hashS, Steps: []Step{
		put(Item{"pk": S(strings.Repeat("k", 2048))}),
		keyErr(putErr(Item{"pk": S(strings.Repeat("k", 2049))}, msgHashKey)),
		keyErr(Step{Call: &dynamodb.UpdateItemInput{Key: Item{"pk": S(strings.Repeat("k", 2049))}, UpdateExpression: str("SET b = :v"),
			ExpressionAttributeValues: Item{":v": S("x")}}, Err: "ValidationException", Msg: msgHashKey}),
	}},
	{Name: "binary partition key of 2048 bytes and one more", Table: hashB, Steps: []Step{
		put(Item{"pk": B(bytes.Repeat([]byte{7}, 2048))}),
		keyErr(putErr(Item{"pk": B(bytes.Repeat([]byte{7}, 2049))}, msgHashKey)),
	}},
	{Name: "sort key of 1024 bytes and one more", Table: hashRangeS, Steps: []Step{
		put(Item{"pk": S("a"), "sk": S(strings.Repeat("s", 1024))}),
		keyErr(putErr(Item{"pk": S("a"), "sk": S(strings.Repeat("s", 1025))}, msgRangeKey)),
	}},
	{Name: "empty string and binary keys", Table: hashRangeS, Steps: []Step{
		putErr(Item{"pk": S(""), "sk": S("s")}, "*"+msgEmptyKey+"pk"),
		putErr(Item{"pk": S("a"), "sk": S("")}, "*"+msgEmptyKey+"sk"),
		{Call: &dynamodb.GetItemInput{Key: Item{"pk": S(""), "sk": S("s")}}, Err: "ValidationException", Msg: "*" + msgEmptyKey + "pk"},
	}},
	{Name: "empty binary key", Table: hashB, Steps: []Step{
		putErr(Item{"pk": B([]byte{})}, "*The AttributeValue for a key attribute cannot contain an empty binary value. Key: pk"),
	}},
	{Name: "empty index key", Table: gsiTable, Steps: []Step{
		putErr(Item{"pk": S("a"), "g": S("")}, "*One or more parameter values are not valid. A value specified for a secondary index key "+
			"is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: gsi, IndexKey: g"),
		{Call: &dynamodb.PutItemInput{Item: Item{"pk": S("a"), "g": N("1")}}, Err: "ValidationException",
			Msg: "*Type mismatch for Index Key g Expected: S Actual: N IndexName: gsi", LocalDiffers: localIndexType,
			Local: &Expect{Err: "ValidationException", Msg: "*Type mismatch for Index Key*"}},
	}},
	{Name: "empty strings and binaries outside keys", Table: hashS, Steps: []Step{
		put(Item{"pk": S("a"), "s": S(""), "b": B([]byte{}), "l": L(S("")), "m": M(Item{"e": S("")})}),
		get(keyA, `{"Item":{"pk":{"S":"a"},"s":{"S":""},"b":{"B":""},"l":{"L":[{"S":""}]},"m":{"M":{"e":{"S":""}}}}}`),
	}},
	{Name: "38-digit numbers", Table: hashS, Steps: []Step{
		{Call: number("12345678901234567890123456789012345678")},
		get(keyA, `{"Item":{"pk":{"S":"a"},"a":{"N":"12345678901234567890123456789012345678"}}}`),
		{Call: number("-0.12345678901234567890123456789012345678")},
		get(keyA, `{"Item":{"pk":{"S":"a"},"a":{"N":"-0.12345678901234567890123456789012345678"}}}`),
		{Call: number("1234567890123456789012345678901234567800")},
		{Call: number("9.9999999999999999999999999999999999999E+125")},
		{Call: number("-9.9999999999999999999999999999999999999E+125")},
		{Call: number("1E-130")},
		{Call: number("-1E-130")},
		{Call: number("0.0")},
	}},
	{Name: "numbers out of range or precision", Table: hashS, Steps: []Step{
		{Call: number("123456789012345678901234567890123456789"), Err: "ValidationException",
			Msg: "*Attempting to store more than 38 significant digits in a Number", LocalDiffers: localPrecision,
			Local: &Expect{Err: "ValidationException"}},
		{Call: number("1E+126"), Err: "ValidationException", Msg: "*" + msgOverflow},
		{Call: number("-1E+126"), Err: "ValidationException", Msg: "*" + msgOverflow},
		{Call: number("1E-131"), Err: "ValidationException",
			Msg: "*Number underflow. Attempting to store a number with magnitude smaller than supported range"},
		{Call: number("abc"), Err: "ValidationException", Msg: "*The parameter cannot be converted to a numeric value: abc",
			LocalDiffers: localNotNumber, Local: &Expect{Err: "ValidationException"}},
		{Call: number(" 1"), Err: "ValidationException"},
		{Call: number("Infinity"), Err: "ValidationException"},
	}},
	{Name: "numbers are stored in canonical form", Table: hashS, Steps: []Step{
		put(Item{"pk": S("a"), "a": N("1.50"), "b": N("-0"), "c": N("+5"), "d": N("1E+2"), "e": N("0.0010"), "f": N("007")}),
		get(keyA, `{"Item":{"pk":{"S":"a"},"a":{"N":"1.5"},"b":{"N":"0"},"c":{"N":"5"},"d":{"N":"100"},"e":{"N":"0.001"},"f":{"N":"7"}}}`),
	}},
	{Name: "numbers in lists, maps and sets are canonical", Table: hashS, Steps: []Step{
		put(Item{"pk": S("a"), "l": L(N("2.0")), "m": M(Item{"x": N("1.50")}), "ns": NS("1.0", "02")}),
		{Call: &dynamodb.GetItemInput{Key: keyA}, Want: `{"Item":{"pk":{"S":"a"},"l":{"L":[{"N":"2"}]},"m":{"M":{"x":{"N":"1.5"}}},"ns":{"NS":["1","2"]}}}`,
			LocalDiffers: localNumbers, Local: &Expect{}},
	}},
	{Name: "empty sets", Table: hashS, Steps: []Step{
		putErr(attr("a", Item{"a": SS()}), invalid("An string set  may not be empty")),
		putErr(attr("a", Item{"a": NS()}), invalid("An number set  may not be empty")),
		putErr(attr("a", Item{"a": BS()}), invalid("Binary sets should not be empty")),
		putErr(Item{"pk": S("a"), "m": M(Item{"x": SS()})}, invalid("An string set  may not be empty")),
	}},
	{Name: "duplicate set elements", Table: hashS, Steps: []Step{
		putErr(attr("a", Item{"a": SS("a", "a")}), invalid("Input collection [a, a] contains duplicates*")),
		putErr(attr("a", Item{"a": NS("1", "1.0")}), "*Input collection contains duplicates"),
		putErr(attr("a", Item{"a": BS([]byte{1}, []byte{1})}), invalid("Input collection *of type BS contains duplicates.")),
	}},
	{Name: "NULL must be true", Table: hashS, Steps: []Step{
		putErr(attr("a", Item{"a": &types.AttributeValueMemberNULL{Value: false}}),
			invalid("Null attribute value types must have the value of true")),
	}},
}
