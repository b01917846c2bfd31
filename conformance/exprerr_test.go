package conformance

import (
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// TestExpressionErrors covers the validation of expressions: reserved
// words, undefined and unused placeholders, syntax errors and misused
// functions. Messages are DynamoDB's as recorded by dynalite's tests
// (github.com/architect/dynalite, test/scan.js, written against DynamoDB)
// and moto's AWS-verified tests (github.com/getmoto/moto,
// tests/test_dynamodb/exceptions/test_dynamodb_exceptions.py).
func TestExpressionErrors(t *testing.T) { runCases(t, exprErrCases) }

// filterErr is a Scan whose FilterExpression is invalid; it wants a
// ValidationException with message "Invalid FilterExpression: "+msg, or
// any message when msg is "".
func filterErr(expr string, names Names, vals Item, msg string) Step {
	s := Step{Call: &dynamodb.ScanInput{FilterExpression: str(expr),
		ExpressionAttributeNames: names, ExpressionAttributeValues: vals}, Err: "ValidationException"}
	if msg != "" {
		s.Msg = "Invalid FilterExpression: " + msg
	}
	return s
}

// scanErr is a Scan with expression attributes that DynamoDB rejects with
// message msg.
func scanErr(filter string, names Names, vals Item, msg string) Step {
	return Step{Call: &dynamodb.ScanInput{FilterExpression: str(filter),
		ExpressionAttributeNames: names, ExpressionAttributeValues: vals},
		Err: "ValidationException", Msg: msg}
}

// scanCount is a Scan with a valid filter, counting matches.
func scanCount(filter string, vals Item) Step {
	return Step{Call: &dynamodb.ScanInput{FilterExpression: str(filter), ExpressionAttributeValues: vals, Select: "COUNT"},
		Want: `{"Count":0}`}
}

// placeholders returns ":v0, :v1, ..." for n values.
func placeholders(n int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = ":v" + strconv.Itoa(i)
	}
	return strings.Join(p, ", ")
}

// values returns n number values for placeholders(n).
func values(n int) Item {
	v := Item{}
	for i := range n {
		v[":v"+strconv.Itoa(i)] = N(strconv.Itoa(i))
	}
	return v
}

// errCase is a case of error steps on a fresh hash-key table.
func errCase(name string, steps ...Step) Case {
	return Case{Name: name, Table: hashS, Steps: steps}
}

var one = Item{":a": N("1")}

var exprErrCases = []Case{
	errCase("reserved words",
		filterErr("name = :a", nil, one, "Attribute name is a reserved keyword; reserved keyword: name"),
		filterErr(":a < abOrT", nil, one, "Attribute name is a reserved keyword; reserved keyword: abOrT"),
		Step{Call: &dynamodb.ScanInput{FilterExpression: str("#n = :a"), ExpressionAttributeNames: Names{"#n": "name"},
			ExpressionAttributeValues: one}},
	),
	errCase("undefined names and values",
		filterErr("#a = :a", nil, one, "An expression attribute name used in the document path is not defined; attribute name: #a"),
		filterErr("a = :b", nil, one, "An expression attribute value used in expression is not defined; attribute value: :b"),
		filterErr("m.#k = :a", Names{"#m": "m"}, one, "*attribute name: #k"),
	),
	errCase("unused names and values",
		scanErr("a = :a", Names{"#count": "count"}, one,
			"Value provided in ExpressionAttributeNames unused in expressions: keys: {#count}"),
		scanErr("a = :a", nil, Item{":a": N("1"), ":b": N("2")},
			"Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}"),
	),
	errCase("empty and invalid placeholder maps",
		scanErr("a = b", Names{}, nil, "ExpressionAttributeNames must not be empty"),
		scanErr("a = b", nil, Item{}, "ExpressionAttributeValues must not be empty"),
		scanErr("a = b", Names{"a": "x"}, nil, `ExpressionAttributeNames contains invalid key: Syntax error; key: "a"`),
		scanErr("a = b", nil, Item{"a": S("x")}, `ExpressionAttributeValues contains invalid key: Syntax error; key: "a"`),
	),
	errCase("syntax errors",
		filterErr("a = ", nil, nil, `Syntax error; token: "<EOF>", near: "= "`),
		filterErr("a == :a", nil, one, `Syntax error; token: "=", near: "== :a"`),
		filterErr("(a = :a", nil, one, `Syntax error; token: "<EOF>", near: ":a"`),
		filterErr("a = :a)", nil, one, `Syntax error; token: ")", near: ":a)"`),
		filterErr("a", nil, nil, `Syntax error; token: "<EOF>", near: "a"`),
		filterErr("a IN ()", nil, nil, `Syntax error; token: ")", near: "()"`),
		filterErr("a[x] = :a", nil, one, `Syntax error; token: "x", near: "[x]"`),
		filterErr("things are not gonna be ok", nil, nil, "Syntax error; *"),
		filterErr("a > 4", nil, nil, "Syntax error; *"),
		filterErr("a = b = c", nil, nil, "Syntax error; *"),
	),
	errCase("empty expression",
		filterErr("", nil, nil, "The expression can not be empty;"),
	),
	errCase("redundant parentheses",
		filterErr("a = b AND ((c = d))", nil, nil, "The expression has redundant parentheses;"),
	),
	errCase("function misuse",
		filterErr("foo(a)", nil, nil, "Invalid function name; function: foo"),
		filterErr("begins_with(a)", nil, nil,
			"Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1"),
		filterErr("attribute_exists(a, b)", nil, nil,
			"Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2"),
		filterErr("attribute_exists(:a)", nil, Item{":a": S("x")},
			"Operator or function requires a document path; operator or function: attribute_exists"),
		filterErr("size(a)", nil, nil, "The function is not allowed to be used this way in an expression; function: size"),
		filterErr("attribute_not_exists(a) > b", nil, nil,
			"The function is not allowed to be used this way in an expression; function: attribute_not_exists"),
		filterErr("attribute_type(a, :a)", nil, Item{":a": S("X")}, "Invalid attribute type name found; type: X, valid types: {*}"),
	),
	errCase("incorrect operand types",
		filterErr("begins_with(a, :a)", nil, one,
			"Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"),
		filterErr("attribute_type(a, :a)", nil, one,
			"Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N"),
		filterErr("size(:a) > a", nil, Item{":a": Bool(true)},
			"Incorrect operand type for operator or function; operator or function: size, operand type: BOOL"),
		filterErr("a < :a", nil, Item{":a": SS("x")},
			"Incorrect operand type for operator or function; operator or function: <, operand type: SS"),
	),
	errCase("operands must be distinct",
		filterErr("a = a", nil, nil,
			"The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"),
		filterErr("#a <> a", Names{"#a": "a"}, nil,
			"The first operand must be distinct from the remaining operands for this operator or function; operator: <>, first operand: [a]"),
		filterErr("contains(ab.bc[1].a, ab.bc[1].a)", nil, nil,
			"The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [ab, bc, [1], a]"),
	),
	errCase("BETWEEN bounds out of order",
		filterErr("a BETWEEN :hi AND :lo", nil, Item{":hi": N("5"), ":lo": N("1")},
			"The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "+
				"lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}"),
	),
	// The limits are documented (Developer Guide, "Quotas": 100 operands
	// for IN, 4 KB expressions, 32 levels of nesting); the messages are
	// not, so only the exception type is checked.
	errCase("expression limits",
		scanCount("n IN ("+placeholders(100)+")", values(100)),
		filterErr("n IN ("+placeholders(101)+")", nil, values(101), ""),
		scanCount("a = :v0 AND "+strings.Repeat("b", 4096-len("a = :v0 AND  = :v0"))+" = :v0", values(1)),
		filterErr("a = :v0 AND "+strings.Repeat("b", 4097-len("a = :v0 AND  = :v0"))+" = :v0", nil, values(1), ""),
		scanCount("a"+strings.Repeat(".b", 31)+" = :v0", values(1)),
		filterErr("a"+strings.Repeat(".b", 32)+" = :v0", nil, values(1), ""),
	),
	errCase("ConditionExpression errors are labelled",
		condErr("name = :a", nil, one, "*Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name"),
		condErr("a = ", nil, nil, `*Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "= "`),
		condErr("", nil, nil, "*Invalid ConditionExpression: The expression can not be empty;"),
	),
}
