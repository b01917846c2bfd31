package expr

import (
	"strings"
	"testing"

	"github.com/dokklib/db/internal/ddbtype"
)

func parseUpd(s string) error {
	_, err := ParseUpdate(s, testNames, testVals)
	return err
}

func TestUpdateSyntaxErrors(t *testing.T) {
	syntax := func(tok, near string) string {
		return `Syntax error; token: "` + tok + `", near: "` + near + `"`
	}
	checkErrors(t, UpdateExpression, []errCase{
		{"INVALID SYNTAX HERE", syntax("INVALID", "INVALID SYNTAX")},
		{"ADD hits : incr", syntax(":", "hits : incr")},
		{"SET a = :s, b = :s,", syntax("<EOF>", ",")},
		{"DELETE num_val badvalue", syntax("badvalue", "num_val badvalue")},
		{"SET a = :n + ", syntax("<EOF>", "+ ")},
		{"SET a = numx / :n", syntax("/", "numx / :n")},
		{"SET a", syntax("<EOF>", "a")},
		{"SET", syntax("<EOF>", "SET")},
		{"set a=set", syntax("set", "=set")},
		{"remove a = b", syntax("=", "a = b")},
		{"delete a b", syntax("b", "a b")},
		{"set :a = b", syntax(":a", "set :a =")},
		{"set a[1] = 1", syntax("1", "= 1")},
		{"SET if_not_exist(a, b) = a", syntax("(", "if_not_exist(a")},
		{"set (a = (b + c))", syntax("(", "set (a")},
		{"set a = b + c + d", syntax("+", "c + d")},
		{"set a = (b + c) + d", syntax("+", ") + d")},
		{"set a = (b.c).d + e", syntax(".", ").d")},
		{"SET a[0].b = 5", syntax("5", "= 5")},
		{"SET a [  [2] ]. b = 5", syntax("[", "[  [2")},
		{"set a = :s set", syntax("<EOF>", "set")},
		{"set a = :s,, b = :s", syntax(",", ",, b")},
	}, parseUpd)
}

func TestUpdateWalkErrors(t *testing.T) {
	checkErrors(t, UpdateExpression, []errCase{
		{" set #c = :s set abOrt = :s ", "Attribute name is a reserved keyword; reserved keyword: abOrt"},
		{" remove Absolute ", "Attribute name is a reserved keyword; reserved keyword: Absolute"},
		{"set #c = if_not_exist(:c) set c = d", "Invalid function name; function: if_not_exist"},
		{"set a = #c set c = :d", `The "SET" section can only be used once in an update expression;`},
		{"remove #d set a = b remove e", `The "REMOVE" section can only be used once in an update expression;`},
		{"add #d :e set a = b add e :f", `The "ADD" section can only be used once in an update expression;`},
		{"delete #d :e set a = b delete #e :f", `The "DELETE" section can only be used once in an update expression;`},
		{"set a = :s set name = :s", "Attribute name is a reserved keyword; reserved keyword: name"},
		{"set a = size(b)", "The function is not allowed in an update expression; function: size"},
		{"set a = b + list_append(c, d)", "The function is not allowed to be used this way in an expression; function: list_append"},
		{"set a = list_append(c, d) + b", "The function is not allowed to be used this way in an expression; function: list_append"},
		{"set a = (list_append(c, d)) + b", "The function is not allowed to be used this way in an expression; function: list_append"},
		{"set a = if_not_exists(b, list_append(c, :l))", "The function is not allowed to be used this way in an expression; function: list_append"},
		{"set a = b + if_not_exists(c, :n)", ""},
		{"set a = list_append(if_not_exists(c, :l), :l)", ""},
		{"set a = (list_append(c, :l))", ""},
		{"set a = ((b))", "The expression has redundant parentheses;"},
		{"set a = ((b + :n))", "The expression has redundant parentheses;"},
		{"set a = ((b) + :n)", ""},
		{"set a[99999999999] = :s", "List index is not within the allowable range; index: [99999999999]"},
	}, parseUpd)
}

func TestUpdateSemanticErrors(t *testing.T) {
	names := map[string]string{"#c": "c", "#d": "[3]"}
	parse := func(s string) error {
		_, err := ParseUpdate(s, names, testVals)
		return err
	}
	overlap := "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
	conflict := "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: "
	opType := "Incorrect operand type for operator or function; operator: "
	checkErrors(t, UpdateExpression, []errCase{
		// Cases checked against DynamoDB by dynalite's test suite; the second
		// path depends on DynamoDB's (Java HashMap) iteration order.
		{"set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a, :s)", overlap + "[c, [1], a], path two: [c]"},
		{"set #c[3].#d = a, #c[3] = a", overlap + "[c, [3], [3]], path two: [c, [3]]"},
		{"set c.b.#c = a, c = a, #d = a", overlap + "[c, b, c], path two: [[3]]"},
		{"set a = b remove a, #c, #d", overlap + "[a], path two: [[3]]"},
		{"remove c, #c.a, #d", overlap + "[c], path two: [[3]]"},
		{"set #c[3].#d = a, #c.#d[3] = if_not_exists(a, :s)", conflict + "[c, [3], [3]], path two: [c, [3], [3]]"},
		{"remove a.#c set a[1] = #d", conflict + "[a, c], path two: [a, [1]]"},
		{"SET a = :s, a = :s", overlap + "[a], path two: [a]"},
		{"SET a.b = :s, a.c = :s", ""},
		{"SET #x = :s", "An expression attribute name used in the document path is not defined; attribute name: #x"},
		{"SET a = :x", "An expression attribute value used in expression is not defined; attribute value: :x"},
		{"SET a = list_append(:s, a)", "Incorrect operand type for operator or function; operator or function: list_append, operand type: S"},
		{"SET a = a + :s", "Incorrect operand type for operator or function; operator or function: +, operand type: S"},
		{"SET a = :b - a", "Incorrect operand type for operator or function; operator or function: -, operand type: B"},
		{"SET a = if_not_exists(:s, b)", "Operator or function requires a document path; operator or function: if_not_exists"},
		{"SET a = if_not_exists(b)", "Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1"},
		{"SET a = if_not_exists(b, b)", "The first operand must be distinct from the remaining operands for this operator or function; operator: if_not_exists, first operand: [b]"},
		{"ADD a :s", opType + "ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"},
		{"ADD a :m", opType + "ADD, operand type: MAP, typeSet: ALLOWED_FOR_ADD_OPERAND"},
		{"ADD a :l", opType + "ADD, operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND"},
		{"DELETE a :n", opType + "DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND"},
		{"DELETE a :bool", opType + "DELETE, operand type: BOOLEAN, typeSet: ALLOWED_FOR_DELETE_OPERAND"},
		{"ADD a :n, b :ss DELETE c :ns", ""},
		{"", "The expression can not be empty;"},
	}, parse)
}

func TestProjectionErrors(t *testing.T) {
	parse := func(s string) error {
		_, err := ParseProjection(s, map[string]string{"#a": "a", "#n": "name"})
		return err
	}
	checkErrors(t, ProjectionExpression, []errCase{
		{"!!! INVALID !!!", `Syntax error; token: "!", near: "!!"`},
		{"a b", `Syntax error; token: "b", near: "a b"`},
		{"a,", `Syntax error; token: "<EOF>", near: ","`},
		{"name", "Attribute name is a reserved keyword; reserved keyword: name"},
		{"#n, a.b[1]", ""},
		{"#x", "An expression attribute name used in the document path is not defined; attribute name: #x"},
		{"a, a.b", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"},
		{"a.b, #a", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]"},
		{"a[0], a.b", "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [0]], path two: [a, b]"},
		{"size(a)", `Syntax error; token: "(", near: "size(a"`},
		{"", "The expression can not be empty;"},
	}, parse)
}

func TestKeyConditionErrors(t *testing.T) {
	parse := func(s string) error {
		_, err := ParseKeyCondition(s, testNames, testVals)
		return err
	}
	for _, tc := range []errCase{
		{"a > b and size(b) > c or a > c", "Invalid operator used in KeyConditionExpression: OR"},
		{"a in (b, size(c), d)", "Invalid operator used in KeyConditionExpression: IN"},
		{"attribute_exists(a)", "Invalid operator used in KeyConditionExpression: attribute_exists"},
		{"contains(a.d, b)", "Invalid operator used in KeyConditionExpression: contains"},
		{"attribute_type(a, :tS)", "Invalid operator used in KeyConditionExpression: attribute_type"},
		{"not a > b", "Invalid operator used in KeyConditionExpression: NOT"},
		{"a <> b", "Invalid operator used in KeyConditionExpression: <>"},
		{":s between size(b) and size(a) and b > :s", "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand"},
		{"a between size(b) and size(a)", "KeyConditionExpressions cannot contain nested operations"},
		{"a between :s and :s2 and b > :s", ""},
		{"begins_with(:s, b) and a > :s", "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand"},
		{":s between a and :s2", "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand"},
		{"size(b) > a AND a.b > b AND b > c", "KeyConditionExpressions cannot contain nested operations"},
		{"b > a.b", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"},
		{"begins_with(a, b)", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"},
		{"b.d > :s AND c.d > e.f", "KeyConditionExpressions cannot have conditions on nested attributes"},
		{":s2 > :s AND a < :s", "Invalid condition in KeyConditionExpression: No key attribute specified"},
		{"b > :n AND b < :n2", "KeyConditionExpressions must only contain one condition per key"},
		{"(a > :s and b > :s) and (b > :s and c > :s)", "KeyConditionExpressions must only contain one condition per key"},
		{"a = :s AND :s2 > b", ""},
	} {
		if got := errorMessage(t, parse(tc.expr)); got != tc.want {
			t.Errorf("%q:\n got: %s\nwant: %s", tc.expr, got, tc.want)
		}
	}
}

func TestCheckUnused(t *testing.T) {
	names := map[string]string{"#a": "a", "#b": "b", "#unused": "u"}
	values := map[string]ddbtype.Value{":a": ddbtype.String("x"), ":c": ddbtype.String("y"), ":b": ddbtype.String("z")}
	upd, err := ParseUpdate("SET #a = :a", names, values)
	if err != nil {
		t.Fatal(err)
	}
	cond, err := ParseCondition("#b = :b", names, values)
	if err != nil {
		t.Fatal(err)
	}
	got := errorMessage(t, CheckUnused(names, values, upd, cond))
	if want := "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	delete(names, "#unused")
	got = errorMessage(t, CheckUnused(names, values, upd, cond, nil))
	if want := "Value provided in ExpressionAttributeValues unused in expressions: keys: {:c}"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// Two unused keys appear in Java HashSet order.
	got = errorMessage(t, CheckUnused(map[string]string{"#b": "b", "#a": "a"}, nil))
	if want := "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got = errorMessage(t, CheckUnused(nil, map[string]ddbtype.Value{":c": {}, ":a": {}, ":b": {}}, upd))
	if want := "Value provided in ExpressionAttributeValues unused in expressions: keys: {:b, :c}"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := CheckUnused(nil, nil); err != nil {
		t.Errorf("CheckUnused(nil, nil) = %v", err)
	}
}

func TestCheckKeys(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{CheckNames(map[string]string{}), "ExpressionAttributeNames must not be empty"},
		{CheckNames(map[string]string{"a": "a"}), `ExpressionAttributeNames contains invalid key: Syntax error; key: "a"`},
		{CheckNames(map[string]string{"#va#l2": "a"}), `ExpressionAttributeNames contains invalid key: Syntax error; key: "#va#l2"`},
		{CheckNames(map[string]string{"#a_1": "a"}), ""},
		{CheckValues(map[string]ddbtype.Value{}), "ExpressionAttributeValues must not be empty"},
		{CheckValues(map[string]ddbtype.Value{"loc": {}}), `ExpressionAttributeValues contains invalid key: Syntax error; key: "loc"`},
		{CheckValues(map[string]ddbtype.Value{":0": {}}), ""},
		{CheckNames(map[string]string{"": "a"}), "ExpressionAttributeNames contains invalid key: The expression attribute map contains an empty key;"},
		{CheckNames(map[string]string{"#" + strings.Repeat("a", 255): "a"}), "ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too long; size of key: 256"},
		{CheckValues(map[string]ddbtype.Value{":" + strings.Repeat("a", 255): {}}), "ExpressionAttributeValues contains invalid key: The expression attribute map contains a key that is too long;"},
		{CheckNames(map[string]string{"#a": ""}), "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a"},
	} {
		if got := errorMessage(t, tc.err); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
