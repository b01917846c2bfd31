package expr

import (
	"testing"

	"github.com/dokklib/db/internal/ddbtype"
)

func TestKeyConditionResolve(t *testing.T) {
	hashRange := KeySchema{PartitionKey: "pk", PartitionType: ddbtype.TypeS, SortKey: "sk", SortType: ddbtype.TypeN}
	hashOnly := KeySchema{PartitionKey: "pk"}
	vals := map[string]ddbtype.Value{":p": s("p"), ":n": n("1"), ":n2": n("5"), ":s": s("x")}
	for _, tc := range []struct {
		expr   string
		schema KeySchema
		want   string // error message, or "" for success
		sort   string // expected sort key op, if any
	}{
		{"pk = :p", hashRange, "", ""},
		{"pk = :p AND sk > :n", hashRange, "", "GT"},
		{":n < sk AND pk = :p", hashRange, "", "GT"},
		{":n >= sk AND pk = :p", hashRange, "", "LE"},
		{"pk = :p AND sk BETWEEN :n AND :n2", hashRange, "", "BETWEEN"},
		{"pk = :p AND begins_with(sk, :n)", hashRange, "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N", ""},
		{"sk = :n", hashRange, "Query condition missed key schema element: pk", ""},
		{"pk = :p AND x = :n", hashRange, "Query condition missed key schema element: sk", ""},
		{"pk > :p", hashRange, "Query key condition not supported", ""},
		{"pk = :p AND sk = :n", hashOnly, "Query key condition not supported", ""},
		{"pk = :n", hashRange, "One or more parameter values were invalid: Condition parameter type does not match schema type", ""},
		{"pk = :p AND sk = :s", hashRange, "One or more parameter values were invalid: Condition parameter type does not match schema type", ""},
		{"pk = :n", hashOnly, "", ""},
	} {
		kc, err := ParseKeyCondition(tc.expr, nil, vals)
		if err != nil {
			if got := errorMessage(t, err); got != tc.want {
				t.Errorf("%q: got %q, want %q", tc.expr, got, tc.want)
			}
			continue
		}
		q, err := kc.Resolve(tc.schema)
		if got := errorMessage(t, err); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.expr, got, tc.want)
			continue
		}
		if err != nil {
			continue
		}
		if q.PartitionKey != "pk" {
			t.Errorf("%q: partition key %q", tc.expr, q.PartitionKey)
		}
		gotSort := ""
		if q.Sort != nil {
			gotSort = q.Sort.Op.String()
		}
		if gotSort != tc.sort {
			t.Errorf("%q: sort op %q, want %q", tc.expr, gotSort, tc.sort)
		}
	}
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
