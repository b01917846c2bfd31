package expr

import (
	"errors"
	"strings"
	"testing"

	"github.com/dokklib/db/internal/ddbtype"
)

// Test fixtures: a few names and values of every type.
var (
	testNames = map[string]string{"#a": "a", "#b": "b", "#c": "c", "#d": "[3]", "#n": "name"}
	testVals  = map[string]ddbtype.Value{
		":s":    ddbtype.String("a"),
		":s2":   ddbtype.String("b"),
		":n":    ddbtype.MustNumber("1"),
		":n2":   ddbtype.MustNumber("2"),
		":b":    ddbtype.Binary([]byte("a")),
		":bool": ddbtype.Bool(true),
		":null": ddbtype.Null(),
		":l":    ddbtype.List(ddbtype.String("x")),
		":m":    ddbtype.Map(map[string]ddbtype.Value{"k": ddbtype.String("v")}),
		":ss":   ddbtype.StringSet("a", "b"),
		":ns":   mustNS("1", "2"),
		":bs":   ddbtype.BinarySet([]byte("a")),
		":tS":   ddbtype.String("S"),
		":tX":   ddbtype.String("X"),
	}
)

func mustNS(ns ...string) ddbtype.Value {
	v, err := ddbtype.NumberSet(ns...)
	if err != nil {
		panic(err)
	}
	return v
}

// errorMessage returns the *Error message of err, failing the test if err
// is of another type.
func errorMessage(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is %T, not *Error", err, err)
	}
	return e.Message
}

type errCase struct {
	expr string
	want string // the message after the label; "" for success
}

func checkErrors(t *testing.T, k Kind, cases []errCase, parse func(string) error) {
	t.Helper()
	for _, tc := range cases {
		got := errorMessage(t, parse(tc.expr))
		want := tc.want
		if want != "" && !strings.HasPrefix(want, "Value provided") {
			want = "Invalid " + k.String() + ": " + want
		}
		if got != want {
			t.Errorf("%s %q:\n got: %s\nwant: %s", k, tc.expr, got, want)
		}
	}
}

func parseCond(s string) error {
	_, err := ParseCondition(s, testNames, testVals)
	return err
}

func TestConditionSyntaxErrors(t *testing.T) {
	syntax := func(tok, near string) string {
		return `Syntax error; token: "` + tok + `", near: "` + near + `"`
	}
	checkErrors(t, ConditionExpression, []errCase{
		{"a-b", syntax("-", "a-b")},
		{"()", syntax(")", "()")},
		{"a = :s AND", syntax("<EOF>", "AND")},
		{"a = ", syntax("<EOF>", "= ")},
		{"things are not gonna be ok", syntax("are", "things are not")},
		{"a > 4", syntax("4", "> 4")},
		{"attribute_exists(Pictures-RearView)", syntax("-", "Pictures-RearView")},
		{`attribute_exists("Pictures.RearView")`, syntax(`"`, `("Pictures`)},
		{"attribute_exists(Pictures..RearView)", syntax(".", "..RearView")},
		{"attribute_exists(asdf[a])", syntax("a", "[a]")},
		{"a in b, c", syntax("b", "in b,")},
		{"a in (b,c,)", syntax(")", ",)")},
		{"a > between", syntax("between", "> between")},
		{"#$.b > a", syntax("#", "#$")},
		{"ü > a", syntax("ü", "ü >")},
		{"size(a).b > a", syntax(".", ").b")},
		{"(size(a))[0] > a", syntax("[", ")[0")},
		{"a = :s b", syntax("b", ":s b")},
		{"!!! INVALID !!!", syntax("!", "!!")},
		{"(a = :s", syntax("<EOF>", ":s")},
		{"(a = b) = c", syntax("=", ") = c")},
		{"a IN ()", syntax(")", "()")},
		{"a BETWEEN :s", syntax("<EOF>", ":s")},
		{"NOT", syntax("<EOF>", "NOT")},
		{"a = :s OR OR", syntax("OR", "OR OR")},
		{"_a = :s", syntax("_", "_a")},
		{"a.:s = :s", `The document path cannot contain attribute value parameters; attribute value: :s`},
		{"a = :s   ", ""},
		{"  ", syntax("<EOF>", "  ")},
	}, parseCond)
}

func TestConditionParenthesesErrors(t *testing.T) {
	const redundant = "The expression has redundant parentheses;"
	checkErrors(t, ConditionExpression, []errCase{
		{"a=a and a > ((views))", redundant},
		{"a > whatever((:things), ((a)))", redundant},
		{"a=a AND ((a=a AND a=a)) AND a=a", redundant},
		{"((a = :s))", redundant},
		{"NOT ((a = :s))", redundant},
		{"((a)) = :s", redundant},
		{"(a = :s)", ""},
		{"((a = :s) AND (b = :s))", ""},
		{"(a) = :s", ""},
		{"(size(a)) > :n", ""},
		{"(attribute_exists(a))", ""},
		{"(a = :s OR (b = :s))", ""},
		{"((a = :s)) =", redundant},
		{"(a = :s) =", `Syntax error; token: "=", near: ") ="`},
		{"a = ((b)) c", redundant},
	}, parseCond)
}

func TestConditionWalkErrors(t *testing.T) {
	checkErrors(t, ConditionExpression, []errCase{
		{"a=a and whatever((:things)) > a", "Invalid function name; function: whatever"},
		{"attRIbute_exIsts((views), #a)", "Invalid function name; function: attRIbute_exIsts"},
		{"a=a and attribute_exists((views), (#a)) > b", "The function is not allowed to be used this way in an expression; function: attribute_exists"},
		{"attribute_not_exists(things) > b", "The function is not allowed to be used this way in an expression; function: attribute_not_exists"},
		{"contains(:things, c) > b", "The function is not allowed to be used this way in an expression; function: contains"},
		{"size(contains(a, b)) > a", "The function is not allowed to be used this way in an expression; function: contains"},
		{"size(things)", "The function is not allowed to be used this way in an expression; function: size"},
		{"a between b and attribute_exists(things)", "The function is not allowed to be used this way in an expression; function: attribute_exists"},
		{"a in (b, attribute_exists(things))", "The function is not allowed to be used this way in an expression; function: attribute_exists"},
		{"if_not_exists(a, :s) = :s", "The function is not allowed in a condition expression; function: if_not_exists"},
		{"attribute_exists(views, #a)", "Attribute name is a reserved keyword; reserved keyword: views"},
		{":a < abOrT", "Attribute name is a reserved keyword; reserved keyword: abOrT"},
		{"a.name = :s", "Attribute name is a reserved keyword; reserved keyword: name"},
		{"name = foo(:s)", "Attribute name is a reserved keyword; reserved keyword: name"},
		{"foo(name) = :s", "Invalid function name; function: foo"},
		{"a[2147483648] = :s", "List index is not within the allowable range; index: [2147483648]"},
		{"a[2147483647] = :s", ""},
		{"BegIns_WiTh(a, :s)", "Invalid function name; function: BegIns_WiTh"},
	}, parseCond)
}

func TestConditionSemanticErrors(t *testing.T) {
	notDefinedName := "An expression attribute name used in the document path is not defined; attribute name: "
	notDefinedValue := "An expression attribute value used in expression is not defined; attribute value: "
	operandType := "Incorrect operand type for operator or function; operator or function: "
	checkErrors(t, ConditionExpression, []errCase{
		{"attribute_exists(#Pictures.RearView, :a) and a=a", notDefinedName + "#Pictures"},
		{"begins_with(Pictures.#RearView)", notDefinedName + "#RearView"},
		{"(#P between :lo and :hi) and (#PC in (:cat1, :cat2))", notDefinedName + "#P"},
		{"#_ > a", notDefinedName + "#_"},
		{"begins_with(:hello, #a, #b)", notDefinedValue + ":hello"},
		{":x < :s", notDefinedValue + ":x"},
		{"attribute_exists(things, a) and a=a", "Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2"},
		{"attribute_type(things)", "Incorrect number of operands for operator or function; operator or function: attribute_type, number of operands: 1"},
		{"size(things, a) > b", "Incorrect number of operands for operator or function; operator or function: size, number of operands: 2"},
		{"begins_with(a, :n)", operandType + "begins_with, operand type: N"},
		{"begins_with(:bool, a)", operandType + "begins_with, operand type: BOOL"},
		{"begins_with(a, size(a)) and a=:s", operandType + "begins_with, operand type: N"},
		{"size(size(a)) > :n", operandType + "size, operand type: N"},
		{"attribute_not_exists(size(:n))", operandType + "size, operand type: N"},
		{"size(:bool) > a", operandType + "size, operand type: BOOL"},
		{"attribute_type(a, :n)", operandType + "attribute_type, operand type: N"},
		{"attribute_type(a, b)", operandType + "attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}"},
		{"attribute_type(a, :tX)", "Invalid attribute type name found; type: X, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"},
		{"attribute_type(a, :tS)", ""},
		{"a < :bool", operandType + "<, operand type: BOOL"},
		{"a = :bool", ""},
		{"a between :m and :n", operandType + "BETWEEN, operand type: M"},
		{"attribute_exists(:s) and a=a", "Operator or function requires a document path; operator or function: attribute_exists"},
		{"a = a AND #a = b", "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"},
		{"#a <> a", "The first operand must be distinct from the remaining operands for this operator or function; operator: <>, first operand: [a]"},
		{"contains(ab.bc[1].a, ab.bc[1].#a)", "The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [ab, bc, [1], a]"},
		{":s > :s", ""},
		{"a between :n and :s", "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}"},
		{"a between :s2 and :s", "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}"},
		{"a between :n and :n2", ""},
		{"", "The expression can not be empty;"},
	}, parseCond)
}

func TestConditionLimits(t *testing.T) {
	long := "a = :s" + strings.Repeat(" ", MaxExpressionLength)
	deep := "a" + strings.Repeat(".a", MaxPathDepth) + " = :s"
	ok := "a" + strings.Repeat(".a", MaxPathDepth-1) + " = :s"
	in := "a IN (:s" + strings.Repeat(", :s", MaxInOperands) + ")"
	ops := "a = :s" + strings.Repeat(" AND a = :s", 150)
	checkErrors(t, ConditionExpression, []errCase{
		{long, "Expression size has exceeded the maximum allowed size; expression size: 4102"},
		{deep, "The document path has too many nesting levels; nesting levels: 33"},
		{ok, ""},
		{in, "The IN operator is provided with too many operands; number of operands: 101"},
		{ops, "The expression contains too many operators; operator count: 301"},
	}, parseCond)
}

func TestFilterAndKeyConditionLabels(t *testing.T) {
	_, err := ParseFilter("a = :x", nil, nil)
	want := "Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :x"
	if got := errorMessage(t, err); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	_, err = ParseKeyCondition("a = ", nil, nil)
	want = `Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: "= "`
	if got := errorMessage(t, err); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
