package conformance

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestUpdateExpressions covers UpdateItem's actions: SET with arithmetic,
// list_append, if_not_exists, nested paths and list indexes; REMOVE; ADD
// to numbers and sets; DELETE from sets; and their validation. Messages
// are DynamoDB's as recorded by dynalite's test/updateItem.js and moto's
// tests (see sources_test.go).
func TestUpdateExpressions(t *testing.T) { runCases(t, updateCases) }

// ubase is the item update cases start from.
var ubase = Item{"pk": S("a"), "n": N("5"), "s": S("x"),
	"l":  L(S("a"), S("b"), S("c")),
	"m":  M(Item{"k": S("v"), "mm": M(Item{"x": N("1")})}),
	"ss": SS("a", "b"), "ns": NS("1", "2")}

// ubaseJS is ubase as JSON, without the attributes named in a case.
const ubaseRest = `"pk":{"S":"a"}`

// upd is an UpdateItem of ubase's key with ReturnValues ALL_NEW; it wants
// the response want ("" leaves it unchecked).
func upd(expr string, vals Item, want string) Step {
	return Step{Call: updIn(expr, nil, vals, types.ReturnValueAllNew), Want: want}
}

// updIn is the UpdateItemInput of an update of ubase's key.
func updIn(expr string, names Names, vals Item, rv types.ReturnValue) *dynamodb.UpdateItemInput {
	return &dynamodb.UpdateItemInput{Key: keyA, UpdateExpression: str(expr),
		ExpressionAttributeNames: names, ExpressionAttributeValues: vals, ReturnValues: rv}
}

// updNew is an UpdateItem of ubase's key with ReturnValues UPDATED_NEW.
func updNew(expr string, vals Item, want string) Step {
	return Step{Call: updIn(expr, nil, vals, types.ReturnValueUpdatedNew), Want: want}
}

// nestedNew marks an UPDATED_NEW step on nested paths, where DynamoDB Local
// returns whole attributes.
func nestedNew(s Step) Step {
	s.LocalDiffers, s.Local = localUpdatedNested, &Expect{}
	return s
}

// updErr is an UpdateItem of ubase's key that DynamoDB rejects with a
// ValidationException and message msg.
func updErr(expr string, vals Item, msg string) Step {
	return Step{Call: updIn(expr, nil, vals, ""), Err: "ValidationException", Msg: msg}
}

// updCase is a case on a fresh table holding ubase.
func updCase(name string, steps ...Step) Case {
	return Case{Name: name, Table: hashS, Steps: withBase(steps...)}
}

// withBase is steps after a put of ubase.
func withBase(steps ...Step) []Step { return append([]Step{put(ubase)}, steps...) }

const (
	msgNoAttr   = "The provided expression refers to an attribute that does not exist in the item"
	msgBadType  = "An operand in the update expression has an incorrect data type"
	msgBadPath  = "The document path provided in the update expression is invalid for update"
	msgOverlap  = "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; "
	msgKeyAttr  = "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key"
	validation1 = "1 validation error detected: "
)

// prefixed is an update error step whose message DynamoDB prefixes with
// "1 validation error detected: " and DynamoDB Local does not.
func prefixed(expr string, names Names, vals Item, msg string) Step {
	return Step{Call: updIn(expr, names, vals, ""), Err: "ValidationException", Msg: validation1 + msg,
		LocalDiffers: localPrefix, Local: &Expect{Err: "ValidationException", Msg: msg}}
}

var updateCases = []Case{
	updCase("SET values",
		updNew("SET s = :v, z = :w", Item{":v": S("y"), ":w": L(N("1"))}, `{"Attributes":{"s":{"S":"y"},"z":{"L":[{"N":"1"}]}}}`),
		updNew("SET z = s", nil, `{"Attributes":{"z":{"S":"y"}}}`),
		updNew("SET z2 = :v", Item{":v": Null()}, `{"Attributes":{"z2":{"NULL":true}}}`),
	),
	{Name: "SET with names", Table: hashS, Steps: []Step{put(ubase),
		{Call: updIn("SET #a = :v", Names{"#a": "name"}, Item{":v": S("n")}, types.ReturnValueUpdatedNew),
			Want: `{"Attributes":{"name":{"S":"n"}}}`},
	}},
	updCase("SET arithmetic",
		updNew("SET n = n + :v", Item{":v": N("1.5")}, `{"Attributes":{"n":{"N":"6.5"}}}`),
		updNew("SET n = n - :v", Item{":v": N("10")}, `{"Attributes":{"n":{"N":"-3.5"}}}`),
		updNew("SET z = :a - :b", Item{":a": N("1"), ":b": N("3")}, `{"Attributes":{"z":{"N":"-2"}}}`),
		updNew("SET z = :a + :b", Item{":a": N("0.1"), ":b": N("0.2")}, `{"Attributes":{"z":{"N":"0.3"}}}`),
	),
	{Name: "SET arithmetic results are canonical numbers", Table: hashS,
		Steps: []Step{put(ubase), {Call: updIn("SET z = :a - :b, y = :c, x = n + n", nil, Item{":a": N("0.1"), ":b": N("0.1"), ":c": N("1.50")},
			types.ReturnValueUpdatedNew), Want: `{"Attributes":{"z":{"N":"0"},"y":{"N":"1.5"},"x":{"N":"10"}}}`,
			LocalDiffers: localNumbers, Local: &Expect{}},
			{Call: &dynamodb.GetItemInput{Key: keyA, ProjectionExpression: str("x, y, z")},
				Want:         `{"Item":{"z":{"N":"0"},"y":{"N":"1.5"},"x":{"N":"10"}}}`,
				LocalDiffers: localNumbers, Local: &Expect{}},
		}},
	updCase("SET arithmetic errors",
		updErr("SET z = absent + :v", Item{":v": N("1")}, msgNoAttr),
		updErr("SET z = s + :v", Item{":v": N("1")}, msgBadType),
		updErr("SET z = n + :v", Item{":v": S("1")},
			"*Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S"),
		updErr("SET z = n - :v", Item{":v": L()},
			"*Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: -, operand type: L"),
	),
	updCase("SET list_append",
		updNew("SET l = list_append(l, :v)", Item{":v": L(S("d"))}, `{"Attributes":{"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"},{"S":"d"}]}}}`),
		updNew("SET l = list_append(:v, l)", Item{":v": L(S("z"))}, `{"Attributes":{"l":{"L":[{"S":"z"},{"S":"a"},{"S":"b"},{"S":"c"},{"S":"d"}]}}}`),
		updNew("SET k = list_append(:v, :w)", Item{":v": L(S("1")), ":w": L()}, `{"Attributes":{"k":{"L":[{"S":"1"}]}}}`),
		updNew("SET j = list_append(if_not_exists(j, :e), :v)", Item{":e": L(), ":v": L(N("1"))}, `{"Attributes":{"j":{"L":[{"N":"1"}]}}}`),
	),
	updCase("SET list_append errors",
		updErr("SET l = list_append(absent, :v)", Item{":v": L(S("d"))}, msgNoAttr),
		updErr("SET l = list_append(s, :v)", Item{":v": L(S("d"))}, msgBadType),
		updErr("SET l = list_append(l, :v)", Item{":v": S("d")},
			"*Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S"),
		updErr("SET l = list_append(l)", nil,
			"*Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1"),
	),
	updCase("SET if_not_exists",
		updNew("SET z = if_not_exists(z, :v)", Item{":v": S("new")}, `{"Attributes":{"z":{"S":"new"}}}`),
		updNew("SET n = if_not_exists(n, :v)", Item{":v": N("0")}, `{"Attributes":{"n":{"N":"5"}}}`),
		updNew("SET y = if_not_exists(s, :v)", Item{":v": S("new")}, `{"Attributes":{"y":{"S":"x"}}}`),
		updNew("SET n = if_not_exists(n, :z) + :one", Item{":z": N("0"), ":one": N("1")}, `{"Attributes":{"n":{"N":"6"}}}`),
		updErr("SET z = if_not_exists(:v, s)", Item{":v": S("x")},
			"*Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists"),
		updErr("SET z = if_not_exists(n)", nil,
			"*Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1"),
	),
	updCase("SET nested map paths",
		upd("SET m.k = :v, m.mm.x = :v, m.nw = :v", Item{":v": S("w")},
			`{"Attributes":{`+ubaseRest+`,"n":{"N":"5"},"s":{"S":"x"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},`+
				`"m":{"M":{"k":{"S":"w"},"nw":{"S":"w"},"mm":{"M":{"x":{"S":"w"}}}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}}}`),
		nestedNew(updNew("SET m.mm.y = :v", Item{":v": N("2")}, `{"Attributes":{"m":{"M":{"mm":{"M":{"y":{"N":"2"}}}}}}}`)),
		updErr("SET m.absent.x = :v", Item{":v": N("1")}, msgBadPath),
		updErr("SET s.x = :v", Item{":v": N("1")}, msgBadPath),
		updErr("SET absent.x = :v", Item{":v": N("1")}, msgBadPath),
	),
	updCase("SET list indexes",
		nestedNew(updNew("SET l[1] = :v", Item{":v": S("B")}, `{"Attributes":{"l":{"L":[{"S":"B"}]}}}`)),
		upd("SET l[0] = l[1]", nil, ""),
		get(keyA, `{"Item":{`+ubaseRest+`,"n":{"N":"5"},"s":{"S":"x"},"l":{"L":[{"S":"B"},{"S":"B"},{"S":"c"}]},`+
			`"m":{"M":{"k":{"S":"v"},"mm":{"M":{"x":{"N":"1"}}}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}}}`),
		updErr("SET s[0] = :v", Item{":v": N("1")}, msgBadPath),
		updErr("SET m[0] = :v", Item{":v": N("1")}, msgBadPath),
	),
	updCase("list index past the end appends",
		upd("SET l[10] = :v", Item{":v": S("end")}, `{"Attributes":{`+ubaseRest+`,"n":{"N":"5"},"s":{"S":"x"},`+
			`"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"},{"S":"end"}]},"m":{"M":{"k":{"S":"v"},"mm":{"M":{"x":{"N":"1"}}}}},`+
			`"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}}}`),
	),
	updCase("REMOVE attributes and nested paths",
		upd("REMOVE s, absent, m.k, m.mm.x, ns", nil, `{"Attributes":{`+ubaseRest+`,"n":{"N":"5"},`+
			`"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"mm":{"M":{}}}},"ss":{"SS":["a","b"]}}}`),
	),
	updCase("REMOVE list elements",
		upd("REMOVE l[0]", nil, ""),
		upd("REMOVE l[5]", nil, ""),
		get(keyA, `{"Item":{`+ubaseRest+`,"n":{"N":"5"},"s":{"S":"x"},"l":{"L":[{"S":"b"},{"S":"c"}]},`+
			`"m":{"M":{"k":{"S":"v"},"mm":{"M":{"x":{"N":"1"}}}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}}}`),
	),
	updCase("REMOVE list elements shifts the rest",
		updNew("SET l = :v", Item{":v": L(S("a"), S("b"), S("c"), S("d"))}, ""),
		upd("REMOVE l[1], l[2]", nil, `{"Attributes":{`+ubaseRest+`,"n":{"N":"5"},"s":{"S":"x"},`+
			`"l":{"L":[{"S":"a"},{"S":"d"}]},"m":{"M":{"k":{"S":"v"},"mm":{"M":{"x":{"N":"1"}}}}},`+
			`"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}}}`),
	),
	updCase("ADD to numbers",
		updNew("ADD n :v", Item{":v": N("2")}, `{"Attributes":{"n":{"N":"7"}}}`),
		updNew("ADD n :v", Item{":v": N("-10")}, `{"Attributes":{"n":{"N":"-3"}}}`),
		updNew("ADD z :v", Item{":v": N("-0.5")}, `{"Attributes":{"z":{"N":"-0.5"}}}`),
		nestedNew(updNew("ADD m.mm.x :v", Item{":v": N("1")}, `{"Attributes":{"m":{"M":{"mm":{"M":{"x":{"N":"2"}}}}}}}`)),
	),
	updCase("ADD to sets",
		updNew("ADD ss :v", Item{":v": SS("c", "a")}, `{"Attributes":{"ss":{"SS":["a","b","c"]}}}`),
		updNew("ADD ns :v", Item{":v": NS("3")}, `{"Attributes":{"ns":{"NS":["1","2","3"]}}}`),
		updNew("ADD bs :v", Item{":v": BS([]byte{1})}, `{"Attributes":{"bs":{"BS":["AQ=="]}}}`),
		updNew("ADD ts :v", Item{":v": SS("x")}, `{"Attributes":{"ts":{"SS":["x"]}}}`),
	),
	updCase("ADD errors",
		updErr("ADD s :v", Item{":v": N("1")}, msgBadType),
		updErr("ADD ss :v", Item{":v": NS("1")}, msgBadType),
		updErr("ADD n :v", Item{":v": SS("a")}, msgBadType),
		updErr("ADD l :v", Item{":v": L(S("x"))},
			"*Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST*"),
		updErr("ADD z :v", Item{":v": S("x")},
			"*Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING*"),
	),
	updCase("DELETE from sets",
		updNew("DELETE ss :v", Item{":v": SS("a", "absent")}, `{"Attributes":{"ss":{"SS":["b"]}}}`),
		updNew("DELETE ns :v", Item{":v": NS("1", "2")}, `{"Attributes":null}`),
		get(keyA, `{"Item":{`+ubaseRest+`,"n":{"N":"5"},"s":{"S":"x"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},`+
			`"m":{"M":{"k":{"S":"v"},"mm":{"M":{"x":{"N":"1"}}}}},"ss":{"SS":["b"]}}}`),
		updNew("DELETE absent :v", Item{":v": SS("a")}, `{"Attributes":null}`),
	),
	updCase("DELETE errors",
		updErr("DELETE ss :v", Item{":v": NS("1")}, msgBadType),
		updErr("DELETE s :v", Item{":v": SS("x")}, msgBadType),
		updErr("DELETE n :v", Item{":v": N("1")},
			"*Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER*"),
	),
	updCase("updating a key attribute",
		updErr("SET pk = :v", Item{":v": S("b")}, "*"+msgKeyAttr),
		updErr("REMOVE pk", nil, "*"+msgKeyAttr),
		updErr("ADD pk :v", Item{":v": SS("b")}, "*Cannot update attribute pk. This attribute is part of the key"),
		Step{Call: updIn("SET #k = :v", Names{"#k": "pk"}, Item{":v": S("b")}, ""), Err: "ValidationException", Msg: "*" + msgKeyAttr},
	),
	{Name: "overlapping update paths", Table: hashS, EngineGap: `UpdateItem validation messages lack DynamoDB's "1 validation error detected: " prefix`, Steps: withBase(
		prefixed("SET a = :v, a.b = :v", nil, Item{":v": S("x")}, msgOverlap+"path one: [a], path two: [a, b]"),
		prefixed("SET #a = :v, #a = :v", Names{"#a": "string_set"}, Item{":v": S("x")},
			msgOverlap+"path one: [string_set], path two: [string_set]"),
		prefixed("SET l[1] = :v REMOVE l[1]", nil, Item{":v": S("x")}, msgOverlap+"path one: [l, [1]], path two: [l, [1]]"),
	)},
	updCase("non-overlapping sibling paths",
		updNew("SET m.k = :v, m.mm.x = :v", Item{":v": S("x")}, `{"Attributes":{"m":{"M":{"k":{"S":"x"},"mm":{"M":{"x":{"S":"x"}}}}}}}`),
	),
	{Name: "each clause once", Table: hashS, EngineGap: `UpdateItem validation messages lack DynamoDB's "1 validation error detected: " prefix`, Steps: withBase(
		prefixed("SET a = :v SET b = :v", nil, Item{":v": S("x")},
			`Invalid UpdateExpression: The "SET" section can only be used once in an update expression;`),
		prefixed("ADD x :one SET a = :a ADD y :one", nil, Item{":one": N("1"), ":a": S("a")},
			`Invalid UpdateExpression: The "ADD" section can only be used once in an update expression;`),
	)},
	{Name: "unused names and values in UpdateItem", Table: hashS, EngineGap: `UpdateItem validation messages lack DynamoDB's "1 validation error detected: " prefix`, Steps: withBase(
		prefixed("SET a = :v", Names{"#count": "count"}, Item{":v": S("x")},
			"Value provided in ExpressionAttributeNames unused in expressions: keys: {#count}"),
		prefixed("SET a = :v", nil, Item{":v": S("x"), ":w": S("x")},
			"Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}"),
	)},
	updCase("update expression syntax",
		updErr("SET a = :v, b = :v,", Item{":v": S("x")}, `*Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ","`),
		updErr("SET name = :v", Item{":v": S("x")}, "*Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name"),
		updErr("SET a = :w", Item{":v": S("x")}, "*Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :w"),
		updErr("SET z = size(s)", nil, "*Invalid UpdateExpression: The function is not allowed in an update expression; function: size"),
		updErr("", nil, "*Invalid UpdateExpression: The expression can not be empty;"),
	),
	updCase("update and condition together",
		Step{Call: &dynamodb.UpdateItemInput{Key: keyA, UpdateExpression: str("SET n = n + :one"), ConditionExpression: str("n = :five"),
			ExpressionAttributeValues: Item{":one": N("1"), ":five": N("5")}, ReturnValues: types.ReturnValueUpdatedNew},
			Want: `{"Attributes":{"n":{"N":"6"}}}`},
		Step{Call: &dynamodb.UpdateItemInput{Key: keyA, UpdateExpression: str("SET n = n + :one"), ConditionExpression: str("n = :five"),
			ExpressionAttributeValues: Item{":one": N("1"), ":five": N("5")}}, Err: "ConditionalCheckFailedException"},
	),
}
