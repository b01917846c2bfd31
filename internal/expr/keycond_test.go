package expr

import (
	"testing"

	"github.com/dokklib/db/internal/ddbtype"
)

// resolveCase is a key condition resolved against a key schema.
type resolveCase struct {
	expr   string
	schema KeySchema
	want   string // error message, or "" for success
	equal  int    // how many values the query fixes
	sort   string // the op of the condition on the last sort attribute given
}

// checkResolve parses and resolves each case with the values vals.
func checkResolve(t *testing.T, vals map[string]ddbtype.Value, cases []resolveCase) {
	t.Helper()
	for _, tc := range cases {
		q, err := resolve(tc.expr, tc.schema, vals)
		if got := errorMessage(t, err); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.expr, got, tc.want)
			continue
		}
		if err != nil {
			continue
		}
		gotSort := ""
		if q.Sort != nil {
			gotSort = q.Sort.Op.String()
		}
		if len(q.Equal) != tc.equal || gotSort != tc.sort {
			t.Errorf("%q: %d equal values and sort op %q, want %d and %q", tc.expr, len(q.Equal), gotSort, tc.equal, tc.sort)
		}
	}
}

// resolve parses a key condition and resolves it against schema.
func resolve(expr string, schema KeySchema, vals map[string]ddbtype.Value) (*KeyQuery, error) {
	kc, err := ParseKeyCondition(expr, nil, vals)
	if err != nil {
		return nil, err
	}
	return kc.Resolve(schema)
}

func TestKeyConditionResolve(t *testing.T) {
	hashRange := KeySchema{Partition: []KeyAttr{{"pk", ddbtype.TypeS}}, Sort: []KeyAttr{{"sk", ddbtype.TypeN}}}
	hashOnly := KeySchema{Partition: []KeyAttr{{Name: "pk"}}}
	vals := map[string]ddbtype.Value{":p": s("p"), ":n": n("1"), ":n2": n("5"), ":s": s("x")}
	checkResolve(t, vals, []resolveCase{
		{"pk = :p", hashRange, "", 1, ""},
		{"pk = :p AND sk > :n", hashRange, "", 1, "GT"},
		{":n < sk AND pk = :p", hashRange, "", 1, "GT"},
		{":n >= sk AND pk = :p", hashRange, "", 1, "LE"},
		{"pk = :p AND sk BETWEEN :n AND :n2", hashRange, "", 1, "BETWEEN"},
		{"pk = :p AND begins_with(sk, :n)", hashRange, "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N", 0, ""},
		{"sk = :n", hashRange, "Query condition missed key schema element: pk", 0, ""},
		{"pk = :p AND x = :n", hashRange, "Query condition missed key schema element: sk", 0, ""},
		{"pk > :p", hashRange, "Query key condition not supported", 0, ""},
		{"pk = :p AND sk = :n", hashOnly, "Query key condition not supported", 0, ""},
		{"pk = :n", hashRange, msgTypeMismatch, 0, ""},
		{"pk = :p AND sk = :s", hashRange, msgTypeMismatch, 0, ""},
		{"pk = :n", hashOnly, "", 1, ""},
	})
}

// TestKeyConditionResolveMulti checks queries of multi-attribute keys
// with the rules and messages DynamoDB Local 3.3.0 gives.
func TestKeyConditionResolveMulti(t *testing.T) {
	gsi := KeySchema{Partition: []KeyAttr{{"h1", ddbtype.TypeS}, {"h2", ddbtype.TypeN}},
		Sort: []KeyAttr{{"r1", ddbtype.TypeS}, {"r2", ddbtype.TypeN}, {"r3", ddbtype.TypeS}}}
	oneHash := KeySchema{Partition: []KeyAttr{{"h", ddbtype.TypeS}}, Sort: []KeyAttr{{"r1", ddbtype.TypeS}, {"r2", ddbtype.TypeN}}}
	vals := map[string]ddbtype.Value{":a": s("a"), ":b": s("b"), ":n": n("1"), ":m": n("2")}
	const (
		hashMsg  = " must have equality conditions specified in the query"
		rangeMsg = " must have equality conditions specified in the query because a condition is present on key attribute "
	)
	checkResolve(t, vals, []resolveCase{
		{"h1 = :a AND h2 = :n", gsi, "", 2, ""},
		{"r3 = :b AND r2 = :n AND r1 = :a AND h2 = :n AND h1 = :a", gsi, "", 4, "EQ"},
		{"h1 = :a AND h2 = :n AND r1 > :a", gsi, "", 2, "GT"},
		{"h1 = :a AND h2 = :n AND r1 = :a AND r2 BETWEEN :n AND :m", gsi, "", 3, "BETWEEN"},
		{"h1 = :a AND h2 = :n AND r1 = :a AND r2 = :n AND begins_with(r3, :b)", gsi, "", 4, "BEGINS_WITH"},
		{"h = :a AND r1 <= :b", oneHash, "", 1, "LE"},
		{"h1 = :a", gsi, "HASH key attributes h2" + hashMsg, 0, ""},
		{"r1 = :a", gsi, "HASH key attributes h1, h2" + hashMsg, 0, ""},
		{"h1 > :a", gsi, "HASH key attributes h2" + hashMsg, 0, ""},
		{"h1 > :a AND h2 BETWEEN :n AND :m", gsi, "HASH key attributes h1, h2" + hashMsg, 0, ""},
		{"h > :a", oneHash, "HASH key attributes h" + hashMsg, 0, ""},
		{"h2 = :n AND zz = :a", gsi, "HASH key attributes h1" + hashMsg, 0, ""},
		{"h1 = :a AND h2 = :n AND r2 = :n", gsi, "RANGE key attributes r1" + rangeMsg + "r2", 0, ""},
		{"h1 = :a AND h2 = :n AND r3 = :b", gsi, "RANGE key attributes r1, r2" + rangeMsg + "r3", 0, ""},
		{"h1 = :a AND h2 = :n AND r1 > :a AND r2 = :n", gsi, "RANGE key attributes r1" + rangeMsg + "r2", 0, ""},
		{"h1 = :a AND h2 = :n AND begins_with(r1, :a) AND r2 > :n", gsi, "RANGE key attributes r1" + rangeMsg + "r2", 0, ""},
		{"h1 = :a AND h2 = :a", gsi, msgTypeMismatch, 0, ""},
		{"h1 = :n AND h2 = :n AND r2 = :n", gsi, msgTypeMismatch, 0, ""},
		{"h1 = :a AND h2 = :n AND r2 = :a", gsi, "RANGE key attributes r1" + rangeMsg + "r2", 0, ""},
		{"h1 = :a AND h2 = :n AND r1 = :n", gsi, msgTypeMismatch, 0, ""},
		{"h1 = :a AND h2 = :n AND r1 = :a AND r2 BETWEEN :a AND :b", gsi, msgTypeMismatch, 0, ""},
		{"h1 = :a AND h2 = :n AND r1 = :a AND r2 = :a AND zz = :a", gsi, msgTypeMismatch, 0, ""},
		{"h1 = :a AND h2 = :n AND zz = :a", gsi, "Query condition missed key schema element: r1", 0, ""},
		{"h1 = :a AND h2 = :n AND r1 = :a AND zz = :a", gsi, "Query condition missed key schema element: r2", 0, ""},
		{"h = :a AND r1 = :a AND r2 = :n AND zz = :a", oneHash, "Query key condition not supported", 0, ""},
	})
}

func TestKeyCondMatch(t *testing.T) {
	for _, tc := range []struct {
		c    KeyCond
		v    ddbtype.Value
		want bool
	}{
		{KeyCond{Op: KeyEQ, Values: []ddbtype.Value{n("1")}}, n("1.0"), true},
		{KeyCond{Op: KeyLT, Values: []ddbtype.Value{n("1")}}, n("0.5"), true},
		{KeyCond{Op: KeyGE, Values: []ddbtype.Value{s("b")}}, s("a"), false},
		{KeyCond{Op: KeyBetween, Values: []ddbtype.Value{s("b"), s("d")}}, s("c"), true},
		{KeyCond{Op: KeyBetween, Values: []ddbtype.Value{s("b"), s("d")}}, s("e"), false},
		{KeyCond{Op: KeyBeginsWith, Values: []ddbtype.Value{s("ab")}}, s("abc"), true},
		{KeyCond{Op: KeyBeginsWith, Values: []ddbtype.Value{s("ab")}}, s("b"), false},
	} {
		if got := tc.c.Match(tc.v); got != tc.want {
			t.Errorf("%v %v %v = %v", tc.c.Op, tc.c.Values, tc.v, got)
		}
	}
}
