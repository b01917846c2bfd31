package conformance

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestConditionExpressions covers every comparison, logical operator and
// function of DynamoDB's condition expressions, evaluated as a PutItem
// condition on an item holding every type.
func TestConditionExpressions(t *testing.T) { runCases(t, exprCases) }

// sample is an item holding every attribute type.
var sample = Item{
	"pk":  S("a"),
	"s":   S("hello"),
	"u":   S("héllo"),
	"n":   N("5"),
	"neg": N("-2.5"),
	"b":   B([]byte{1, 2, 3}),
	"t":   Bool(true),
	"f":   Bool(false),
	"nul": Null(),
	"l":   L(N("1"), S("x"), L(S("deep"))),
	"m":   M(Item{"k": S("v"), "n": M(Item{"deep": N("1")}), "sp ace": S("y")}),
	"ss":  SS("a", "b", "c"),
	"ns":  NS("1", "2"),
	"bs":  BS([]byte{1}, []byte{2}),
	"e":   S(""),
}

// cond is a step that writes sample again under condition expr, with
// values vals, and expects the condition to hold (ok) or not.
func cond(expr string, vals Item, ok bool) Step {
	return condN(expr, nil, vals, ok)
}

// condN is cond with expression attribute names.
func condN(expr string, names Names, vals Item, ok bool) Step {
	s := Step{Call: &dynamodb.PutItemInput{Item: sample, ConditionExpression: str(expr),
		ExpressionAttributeNames: names, ExpressionAttributeValues: vals}}
	if !ok {
		s.Err, s.Msg = "ConditionalCheckFailedException", "The conditional request failed"
	}
	return s
}

// condErr is a step whose condition expression is invalid: it wants a
// ValidationException with message msg ("" leaves it unchecked).
func condErr(expr string, names Names, vals Item, msg string) Step {
	return Step{Call: &dynamodb.PutItemInput{Item: sample, ConditionExpression: str(expr),
		ExpressionAttributeNames: names, ExpressionAttributeValues: vals},
		Err: "ValidationException", Msg: msg}
}

// exprCase is a case on a fresh table holding sample.
func exprCase(name string, steps ...Step) Case {
	return Case{Name: name, Table: hashS, Steps: append([]Step{put(sample)}, steps...)}
}

var exprCases = []Case{
	exprCase("= on each type",
		cond("s = :v", Item{":v": S("hello")}, true),
		cond("s = :v", Item{":v": S("hell")}, false),
		cond("n = :v", Item{":v": N("5.0")}, true),
		cond("b = :v", Item{":v": B([]byte{1, 2, 3})}, true),
		cond("t = :v", Item{":v": Bool(true)}, true),
		cond("nul = :v", Item{":v": Null()}, true),
		cond("l = :v", Item{":v": L(N("1"), S("x"), L(S("deep")))}, true),
		cond("m.k = :v", Item{":v": S("v")}, true),
		cond("ss = :v", Item{":v": SS("c", "b", "a")}, true),
		cond("n = :v", Item{":v": S("5")}, false),
		cond("absent = :v", Item{":v": S("x")}, false),
	),
	exprCase("<> on each type",
		cond("s <> :v", Item{":v": S("hell")}, true),
		cond("s <> :v", Item{":v": S("hello")}, false),
		cond("n <> :v", Item{":v": S("5")}, true),
		cond("absent <> :v", Item{":v": S("x")}, true),
		cond("ss <> :v", Item{":v": SS("a")}, true),
	),
	exprCase("< <= > >= on numbers",
		cond("n < :v", Item{":v": N("10")}, true),
		cond("n < :v", Item{":v": N("5")}, false),
		cond("n <= :v", Item{":v": N("5")}, true),
		cond("n > :v", Item{":v": N("-10")}, true),
		cond("n >= :v", Item{":v": N("5.00")}, true),
		cond("neg < :v", Item{":v": N("-2")}, true),
		cond("neg > :v", Item{":v": N("-10")}, true),
	),
	exprCase("< <= > >= on strings and binary",
		cond("s < :v", Item{":v": S("help")}, true),
		cond("s > :v", Item{":v": S("Hello")}, true),
		cond("s >= :v", Item{":v": S("hello")}, true),
		cond("u > :v", Item{":v": S("hz")}, true),
		cond("b < :v", Item{":v": B([]byte{1, 2, 4})}, true),
		cond("b > :v", Item{":v": B([]byte{1, 2})}, true),
		cond("b < :v", Item{":v": B([]byte{0x80})}, true),
	),
	exprCase("comparisons across types are false",
		cond("n < :v", Item{":v": S("9")}, false),
		cond("n > :v", Item{":v": S("1")}, false),
		cond("s >= :v", Item{":v": N("1")}, false),
		cond("absent < :v", Item{":v": N("1")}, false),
		cond("t < :v", Item{":v": N("1")}, false),
	),
	exprCase("BETWEEN",
		cond("n BETWEEN :lo AND :hi", Item{":lo": N("1"), ":hi": N("10")}, true),
		cond("n BETWEEN :lo AND :hi", Item{":lo": N("5"), ":hi": N("5")}, true),
		cond("n BETWEEN :lo AND :hi", Item{":lo": N("6"), ":hi": N("10")}, false),
		cond("s BETWEEN :lo AND :hi", Item{":lo": S("a"), ":hi": S("z")}, true),
		cond("n BETWEEN :lo AND :hi", Item{":lo": S("1"), ":hi": S("9")}, false),
		cond("absent BETWEEN :lo AND :hi", Item{":lo": N("1"), ":hi": N("9")}, false),
	),
	exprCase("IN",
		cond("n IN (:a, :b)", Item{":a": N("1"), ":b": N("5")}, true),
		cond("n IN (:a)", Item{":a": N("5")}, true),
		cond("n IN (:a, :b)", Item{":a": N("1"), ":b": S("5")}, false),
		cond("s IN (:a, :b)", Item{":a": S("x"), ":b": S("hello")}, true),
		cond("absent IN (:a)", Item{":a": S("x")}, false),
	),
	exprCase("AND OR NOT and precedence",
		cond("n = :five AND s = :hello", Item{":five": N("5"), ":hello": S("hello")}, true),
		cond("n = :five AND s = :x", Item{":five": N("5"), ":x": S("x")}, false),
		cond("n = :x OR s = :hello", Item{":x": N("0"), ":hello": S("hello")}, true),
		cond("NOT n = :x", Item{":x": N("0")}, true),
		cond("NOT n = :five", Item{":five": N("5")}, false),
		// OR binds looser than AND: true OR (false AND false).
		cond("n = :five OR n = :x AND n = :x", Item{":five": N("5"), ":x": N("0")}, true),
		cond("(n = :five OR n = :x) AND n = :x", Item{":five": N("5"), ":x": N("0")}, false),
		// NOT binds tighter than AND: (NOT false) AND true.
		cond("NOT n = :x AND n = :five", Item{":five": N("5"), ":x": N("0")}, true),
		cond("NOT (n = :five AND n = :x)", Item{":five": N("5"), ":x": N("0")}, true),
		cond("NOT NOT n = :five", Item{":five": N("5")}, true),
		cond("n = :five and s = :hello or not t = :t", Item{":five": N("5"), ":hello": S("hello"), ":t": Bool(true)}, true),
	),
	exprCase("attribute_exists and attribute_not_exists",
		cond("attribute_exists(s)", nil, true),
		cond("attribute_exists(absent)", nil, false),
		cond("attribute_exists(nul)", nil, true),
		cond("attribute_exists(e)", nil, true),
		cond("attribute_exists(m.k)", nil, true),
		cond("attribute_exists(m.n.deep)", nil, true),
		cond("attribute_exists(m.absent)", nil, false),
		cond("attribute_exists(l[2][0])", nil, true),
		cond("attribute_exists(l[3])", nil, false),
		cond("attribute_exists(s.x)", nil, false),
		cond("attribute_exists(s[0])", nil, false),
		condN("attribute_exists(m.#sp)", Names{"#sp": "sp ace"}, nil, true),
		condN("attribute_exists(#dot)", Names{"#dot": "m.k"}, nil, false),
		cond("attribute_not_exists(absent)", nil, true),
		cond("attribute_not_exists(s)", nil, false),
		cond("attribute_not_exists(m.absent)", nil, true),
	),
	exprCase("attribute_type for each type",
		cond("attribute_type(s, :t)", Item{":t": S("S")}, true),
		cond("attribute_type(n, :t)", Item{":t": S("N")}, true),
		cond("attribute_type(b, :t)", Item{":t": S("B")}, true),
		cond("attribute_type(t, :t)", Item{":t": S("BOOL")}, true),
		cond("attribute_type(nul, :t)", Item{":t": S("NULL")}, true),
		cond("attribute_type(l, :t)", Item{":t": S("L")}, true),
		cond("attribute_type(m, :t)", Item{":t": S("M")}, true),
		cond("attribute_type(ss, :t)", Item{":t": S("SS")}, true),
		cond("attribute_type(ns, :t)", Item{":t": S("NS")}, true),
		cond("attribute_type(bs, :t)", Item{":t": S("BS")}, true),
		cond("attribute_type(l[0], :t)", Item{":t": S("N")}, true),
		cond("attribute_type(s, :t)", Item{":t": S("N")}, false),
		cond("attribute_type(absent, :t)", Item{":t": S("S")}, false),
	),
	exprCase("begins_with",
		cond("begins_with(s, :p)", Item{":p": S("he")}, true),
		cond("begins_with(s, :p)", Item{":p": S("hello")}, true),
		cond("begins_with(s, :p)", Item{":p": S("")}, true),
		cond("begins_with(s, :p)", Item{":p": S("el")}, false),
		cond("begins_with(s, :p)", Item{":p": S("H")}, false),
		cond("begins_with(b, :p)", Item{":p": B([]byte{1, 2})}, true),
		cond("begins_with(b, :p)", Item{":p": B([]byte{2})}, false),
		cond("begins_with(n, :p)", Item{":p": S("5")}, false),
		cond("begins_with(absent, :p)", Item{":p": S("x")}, false),
		cond("begins_with(m.k, :p)", Item{":p": S("v")}, true),
	),
	exprCase("contains on string set and list",
		cond("contains(s, :v)", Item{":v": S("ell")}, true),
		cond("contains(s, :v)", Item{":v": S("xyz")}, false),
		cond("contains(ss, :v)", Item{":v": S("b")}, true),
		cond("contains(ss, :v)", Item{":v": S("z")}, false),
		cond("contains(ns, :v)", Item{":v": N("2")}, true),
		cond("contains(ns, :v)", Item{":v": S("2")}, false),
		cond("contains(bs, :v)", Item{":v": B([]byte{2})}, true),
		cond("contains(l, :v)", Item{":v": S("x")}, true),
		cond("contains(l, :v)", Item{":v": N("1")}, true),
		cond("contains(l, :v)", Item{":v": L(S("deep"))}, true),
		cond("contains(l, :v)", Item{":v": S("deep")}, false),
		cond("contains(b, :v)", Item{":v": B([]byte{2, 3})}, true),
		cond("contains(n, :v)", Item{":v": N("5")}, false),
		cond("contains(absent, :v)", Item{":v": S("x")}, false),
	),
	exprCase("size of each type",
		cond("size(s) = :v", Item{":v": N("5")}, true),
		cond("size(u) = :v", Item{":v": N("5")}, true),
		cond("size(e) = :v", Item{":v": N("0")}, true),
		cond("size(b) = :v", Item{":v": N("3")}, true),
		cond("size(l) = :v", Item{":v": N("3")}, true),
		cond("size(m) = :v", Item{":v": N("3")}, true),
		cond("size(ss) = :v", Item{":v": N("3")}, true),
		cond("size(ns) = :v", Item{":v": N("2")}, true),
		cond("size(bs) = :v", Item{":v": N("2")}, true),
		cond("size(l[2]) = :v", Item{":v": N("1")}, true),
		cond("size(s) > :v", Item{":v": N("4")}, true),
		cond("size(absent) = :v", Item{":v": N("0")}, false),
		cond("size(n) = :v", Item{":v": N("1")}, false),
		cond("size(t) = :v", Item{":v": N("1")}, false),
		cond("size(s) BETWEEN :lo AND :hi", Item{":lo": N("1"), ":hi": N("9")}, true),
	),
	exprCase("documents, sets and value operands",
		cond("m = :v", Item{":v": M(Item{"k": S("v"), "n": M(Item{"deep": N("1")}), "sp ace": S("y")})}, true),
		cond("ns = :v", Item{":v": NS("2.0", "1")}, true),
		cond("size(m.n) = :v", Item{":v": N("1")}, true),
		cond("contains(s, :v)", Item{":v": SS("h")}, false),
		cond("contains(ss, :v)", Item{":v": SS("a")}, false),
		cond("l < :v", Item{":v": N("1")}, false),
		cond("begins_with(:v, s)", Item{":v": S("hello world")}, true),
		cond(":a = :a", Item{":a": N("1")}, true),
		cond("b BETWEEN :a AND :c", Item{":a": B([]byte{1}), ":c": B([]byte{2})}, true),
		cond("f = :f", Item{":f": Bool(false)}, true),
	),
	exprCase("names with placeholders and reserved words",
		condN("#n = :v", Names{"#n": "n"}, Item{":v": N("5")}, true),
		condN("#m.#k = :v", Names{"#m": "m", "#k": "k"}, Item{":v": S("v")}, true),
		condN("#l[1] = :v", Names{"#l": "l"}, Item{":v": S("x")}, true),
		cond("l[1] = :v", Item{":v": S("x")}, true),
		cond("m.n.deep = :v", Item{":v": N("1")}, true),
	),
}

var _ = types.ReturnValueNone
