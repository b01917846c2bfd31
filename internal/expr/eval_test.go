package expr

import (
	"testing"

	"github.com/dokklib/db/internal/ddbtype"
)

// testItem has one attribute of every type, plus nesting.
var testItem = ddbtype.Item{
	"s":    ddbtype.String("hello"),
	"n":    ddbtype.MustNumber("10"),
	"b":    ddbtype.Binary([]byte("abc")),
	"bool": ddbtype.Bool(true),
	"nul":  ddbtype.Null(),
	"ss":   ddbtype.StringSet("a", "b"),
	"ns":   mustNS("1", "2.5"),
	"bs":   ddbtype.BinarySet([]byte("a")),
	"l":    ddbtype.List(ddbtype.String("x"), ddbtype.MustNumber("1"), ddbtype.Map(map[string]ddbtype.Value{"k": ddbtype.String("v")})),
	"m":    ddbtype.Map(map[string]ddbtype.Value{"k": ddbtype.String("v"), "deep": ddbtype.Map(map[string]ddbtype.Value{"z": ddbtype.MustNumber("3")})}),
	"u":    ddbtype.String("ü😀"),
	"name": ddbtype.String("reserved"),
}

var evalVals = map[string]ddbtype.Value{
	":hello": ddbtype.String("hello"),
	":he":    ddbtype.String("he"),
	":ell":   ddbtype.String("ell"),
	":x":     ddbtype.String("x"),
	":a":     ddbtype.String("a"),
	":z":     ddbtype.String("z"),
	":v":     ddbtype.String("v"),
	":n10":   ddbtype.MustNumber("10.0"),
	":n5":    ddbtype.MustNumber("5"),
	":n20":   ddbtype.MustNumber("20"),
	":n1":    ddbtype.MustNumber("1"),
	":n2":    ddbtype.MustNumber("2"),
	":n3":    ddbtype.MustNumber("3"),
	":n25":   ddbtype.MustNumber("2.50"),
	":ab":    ddbtype.Binary([]byte("ab")),
	":bc":    ddbtype.Binary([]byte("bc")),
	":ba":    ddbtype.Binary([]byte("a")),
	":true":  ddbtype.Bool(true),
	":null":  ddbtype.Null(),
	":ss":    ddbtype.StringSet("b", "a"),
	":l":     ddbtype.List(ddbtype.String("x"), ddbtype.MustNumber("1"), ddbtype.Map(map[string]ddbtype.Value{"k": ddbtype.String("v")})),
	":m":     ddbtype.Map(map[string]ddbtype.Value{"k": ddbtype.String("v")}),
	":S":     ddbtype.String("S"),
	":N":     ddbtype.String("N"),
	":M":     ddbtype.String("M"),
	":NULL":  ddbtype.String("NULL"),
	":BS":    ddbtype.String("BS"),
}

func TestEval(t *testing.T) {
	names := map[string]string{"#n": "name", "#dot": "m.k"}
	for _, tc := range []struct {
		expr string
		want bool
	}{
		{"s = :hello", true},
		{"s <> :hello", false},
		{"absent <> :hello", true},
		{"absent = :hello", false},
		{"n = :n10", true},
		{"n > :n5 AND n < :n20", true},
		{"n >= :n10 AND n <= :n10", true},
		{"n < :hello", false},
		{"s > :he", true},
		{"b > :ab AND b < :bc", true},
		{"n BETWEEN :n5 AND :n20", true},
		{"n BETWEEN :n1 AND :n5", false},
		{"s BETWEEN :a AND :z", true},
		{"absent BETWEEN :a AND :z", false},
		{"n IN (:n1, :n10)", true},
		{"s IN (:n1, :x)", false},
		{"attribute_exists(s)", true},
		{"attribute_exists(m.deep.z)", true},
		{"attribute_exists(m.nope)", false},
		{"attribute_exists(l[2].k)", true},
		{"attribute_exists(l[3])", false},
		{"attribute_exists(s.x)", false},
		{"attribute_exists(m[0])", false},
		{"attribute_not_exists(absent)", true},
		{"attribute_type(s, :S)", true},
		{"attribute_type(n, :N)", true},
		{"attribute_type(m, :M)", true},
		{"attribute_type(nul, :NULL)", true},
		{"attribute_type(bs, :BS)", true},
		{"attribute_type(s, :N)", false},
		{"attribute_type(absent, :S)", false},
		{"begins_with(s, :he)", true},
		{"begins_with(s, :ell)", false},
		{"begins_with(b, :ab)", true},
		{"begins_with(b, :he)", false},
		{"begins_with(n, :he)", false},
		{"contains(s, :ell)", true},
		{"contains(b, :bc)", true},
		{"contains(ss, :a)", true},
		{"contains(ss, :z)", false},
		{"contains(ns, :n25)", true},
		{"contains(ns, :n3)", false},
		{"contains(bs, :ba)", true},
		{"contains(l, :x)", true},
		{"contains(l, :n1)", true},
		{"contains(l, :m)", true},
		{"contains(l, :z)", false},
		{"contains(m, :v)", false},
		{"contains(absent, :v)", false},
		{"size(s) = :n5", true},
		{"size(u) = :n3", true},
		{"size(b) = :n3", true},
		{"size(ss) = :n2", true},
		{"size(l) = :n3", true},
		{"size(m) = :n2", true},
		{"size(n) = :n2", false},
		{"size(n) <> :n2", true},
		{"size(absent) = :n2", false},
		{"size(s) > size(ss)", true},
		{"ss = :ss", true},
		{"l = :l", true},
		{"m.k = :v", true},
		{"#n = :n1", false},
		{"#dot = :v", false},
		{"NOT s = :hello", false},
		{"NOT s = :x OR n = :n1", true},
		{"s = :x AND n = :n1 OR n = :n10", true},
		{"s = :x AND (n = :n1 OR n = :n10)", false},
		{"NOT (s = :x AND n = :n1)", true},
		{"nul = :null", true},
		{"bool = :true", true},
	} {
		c, err := ParseCondition(tc.expr, names, evalVals)
		if err != nil {
			t.Errorf("%q: %v", tc.expr, err)
			continue
		}
		if got := c.Eval(testItem); got != tc.want {
			t.Errorf("%q = %v, want %v", tc.expr, got, tc.want)
		}
	}
}

func TestConditionUsage(t *testing.T) {
	c, err := ParseCondition("#a.b = :s AND size(#c[1]) > :n AND c.d = :s", testNames, testVals)
	if err != nil {
		t.Fatal(err)
	}
	checkStrings(t, "NamesUsed", c.NamesUsed(), []string{"#a", "#c"})
	checkStrings(t, "ValuesUsed", c.ValuesUsed(), []string{":s", ":n"})
	checkStrings(t, "Attributes", c.Attributes(), []string{"a", "c"})
	checkStrings(t, "NestedAttributes", c.NestedAttributes(), []string{"a", "c"})
	if c.Kind() != ConditionExpression {
		t.Errorf("Kind = %v", c.Kind())
	}
}

func checkStrings(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s = %q, want %q", what, got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s = %q, want %q", what, got, want)
			return
		}
	}
}
