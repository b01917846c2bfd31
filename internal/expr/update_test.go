package expr

import (
	"strings"
	"testing"

	"github.com/dokklib/db/internal/ddbtype"
)

func s(v string) ddbtype.Value            { return ddbtype.String(v) }
func n(v string) ddbtype.Value            { return ddbtype.MustNumber(v) }
func l(vs ...ddbtype.Value) ddbtype.Value { return ddbtype.List(vs...) }
func m(kv ...any) ddbtype.Value {
	out := map[string]ddbtype.Value{}
	for i := 0; i < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1].(ddbtype.Value)
	}
	return ddbtype.Map(out)
}

func baseItem() ddbtype.Item {
	return ddbtype.Item{
		"pk":  s("k"),
		"n":   n("10"),
		"s":   s("x"),
		"l":   l(s("a"), s("b"), s("c")),
		"m":   m("a", n("1"), "l", l(n("1"))),
		"ss":  ddbtype.StringSet("a", "b"),
		"ns":  mustNS("1", "2"),
		"bs":  ddbtype.BinarySet([]byte("a")),
		"big": n("9.9999999999999999999999999999999999999E+125"),
	}
}

var updVals = map[string]ddbtype.Value{
	":n":    n("5"),
	":s":    s("new"),
	":l":    l(s("y"), s("z")),
	":m":    m("k", s("v")),
	":ss":   ddbtype.StringSet("b", "c"),
	":ssa":  ddbtype.StringSet("a", "b"),
	":ns":   mustNS("2", "3"),
	":bs":   ddbtype.BinarySet([]byte("b")),
	":big":  n("9.9999999999999999999999999999999999999E+125"),
	":zero": n("0"),
}

func TestUpdateApply(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want map[string]ddbtype.Value // attributes expected to differ from baseItem; zero Value: removed
	}{
		{"SET a = :s", map[string]ddbtype.Value{"a": s("new")}},
		{"SET s = n, n = s", map[string]ddbtype.Value{"s": n("10"), "n": s("x")}},
		{"SET n = n + :n", map[string]ddbtype.Value{"n": n("15")}},
		{"SET n = :n - n", map[string]ddbtype.Value{"n": n("-5")}},
		{"SET n = if_not_exists(nope, :n)", map[string]ddbtype.Value{"n": n("5")}},
		{"SET n = if_not_exists(s, :n)", map[string]ddbtype.Value{"n": s("x")}},
		{"SET l = list_append(l, :l)", map[string]ddbtype.Value{"l": l(s("a"), s("b"), s("c"), s("y"), s("z"))}},
		{"SET l = list_append(:l, l)", map[string]ddbtype.Value{"l": l(s("y"), s("z"), s("a"), s("b"), s("c"))}},
		{"SET l = list_append(if_not_exists(nope, :l), :l)", map[string]ddbtype.Value{"l": l(s("y"), s("z"), s("y"), s("z"))}},
		{"SET l[1] = :s", map[string]ddbtype.Value{"l": l(s("a"), s("new"), s("c"))}},
		{"SET l[10] = :s", map[string]ddbtype.Value{"l": l(s("a"), s("b"), s("c"), s("new"))}},
		{"SET l[10] = :s, l[5] = :n", map[string]ddbtype.Value{"l": l(s("a"), s("b"), s("c"), n("5"), s("new"))}},
		{"REMOVE l[0], l[2]", map[string]ddbtype.Value{"l": l(s("b"))}},
		{"REMOVE l[1] SET l[7] = :s", map[string]ddbtype.Value{"l": l(s("a"), s("c"), s("new"))}},
		{"REMOVE l[9]", nil},
		{"SET m.a = :s, m.b = :n", map[string]ddbtype.Value{"m": m("a", s("new"), "b", n("5"), "l", l(n("1")))}},
		{"SET m.l[0] = m.a", map[string]ddbtype.Value{"m": m("a", n("1"), "l", l(n("1")))}},
		{"REMOVE m.a, m.nope", map[string]ddbtype.Value{"m": m("l", l(n("1")))}},
		{"REMOVE s, nope", map[string]ddbtype.Value{"s": {}}},
		{"ADD n :n", map[string]ddbtype.Value{"n": n("15")}},
		{"ADD nope :n", map[string]ddbtype.Value{"nope": n("5")}},
		{"ADD ss :ss", map[string]ddbtype.Value{"ss": ddbtype.StringSet("a", "b", "c")}},
		{"ADD ns :ns", map[string]ddbtype.Value{"ns": mustNS("1", "2", "3")}},
		{"ADD bs :bs", map[string]ddbtype.Value{"bs": ddbtype.BinarySet([]byte("a"), []byte("b"))}},
		{"ADD m.c :n", map[string]ddbtype.Value{"m": m("a", n("1"), "l", l(n("1")), "c", n("5"))}},
		{"DELETE ss :ss", map[string]ddbtype.Value{"ss": ddbtype.StringSet("a")}},
		{"DELETE ss :ssa", map[string]ddbtype.Value{"ss": {}}},
		{"DELETE ns :ns", map[string]ddbtype.Value{"ns": mustNS("1")}},
		{"DELETE nope :ss", nil},
		{"SET a = :s REMOVE s ADD n :n DELETE ss :ss", map[string]ddbtype.Value{"a": s("new"), "s": {}, "n": n("15"), "ss": ddbtype.StringSet("a")}},
	} {
		u, err := ParseUpdate(tc.expr, nil, updVals)
		if err != nil {
			t.Errorf("%q: %v", tc.expr, err)
			continue
		}
		before := baseItem()
		got, err := u.Apply(before)
		if err != nil {
			t.Errorf("%q: Apply: %v", tc.expr, err)
			continue
		}
		want := baseItem()
		for k, v := range tc.want {
			if v.IsZero() {
				delete(want, k)
			} else {
				want[k] = v
			}
		}
		checkItem(t, tc.expr, got, want)
		checkItem(t, tc.expr+" (input)", before, baseItem())
	}
}

func checkItem(t *testing.T, what string, got, want ddbtype.Item) {
	t.Helper()
	if !ddbtype.Equal(ddbtype.Map(got), ddbtype.Map(want)) {
		t.Errorf("%s:\n got %v\nwant %v", what, got, want)
	}
}

func TestUpdateApplyErrors(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want string
	}{
		{"SET a = nope", msgAttrNotFound},
		{"SET a = list_append(l, nope)", msgAttrNotFound},
		{"SET a = nope + :n", msgAttrNotFound},
		{"SET a = if_not_exists(s, nope)", msgAttrNotFound},
		{"SET a = s + :n", msgIncorrectType},
		{"SET a = list_append(s, :l)", msgIncorrectType},
		{"SET a = list_append(l, nope) + :n", ""}, // rejected at parse time
		{"ADD s :n", msgIncorrectType},
		{"ADD ss :ns", msgIncorrectType},
		{"DELETE ss :ns", msgIncorrectType},
		{"SET nope.a = :n", msgInvalidDocPath},
		{"SET nope[0] = :n", msgInvalidDocPath},
		{"SET s.a = :n", msgInvalidDocPath},
		{"SET l.a = :n", msgInvalidDocPath},
		{"SET m[0] = :n", msgInvalidDocPath},
		{"REMOVE nope.a", msgInvalidDocPath},
		{"ADD l[0].a :n", msgInvalidDocPath},
		{"SET n = big + :big", "Number overflow. Attempting to store a number with magnitude larger than supported range"},
		{"ADD big :big", "Number overflow. Attempting to store a number with magnitude larger than supported range"},
	} {
		u, err := ParseUpdate(tc.expr, nil, updVals)
		if err != nil {
			if tc.want != "" {
				t.Errorf("%q: %v", tc.expr, err)
			}
			continue
		}
		_, err = u.Apply(baseItem())
		if got := errorMessage(t, err); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.expr, got, tc.want)
		}
	}
}

func TestUpdateNestingLimit(t *testing.T) {
	v := n("1")
	for i := 0; i < MaxPathDepth-1; i++ {
		v = l(v)
	}
	item := ddbtype.Item{"a": v} // 31 levels of lists: the limit
	u, err := ParseUpdate("SET b = a", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.Apply(item); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	u, err = ParseUpdate("SET b = :v", nil, map[string]ddbtype.Value{":v": l(v)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = u.Apply(item)
	if got := errorMessage(t, err); got != msgNestingTooDeep {
		t.Errorf("got %q, want %q", got, msgNestingTooDeep)
	}
}

func TestUpdateApplyNilItem(t *testing.T) {
	u, err := ParseUpdate("SET a = :s ADD n :n", nil, updVals)
	if err != nil {
		t.Fatal(err)
	}
	got, err := u.Apply(nil)
	if err != nil {
		t.Fatal(err)
	}
	checkItem(t, "nil item", got, ddbtype.Item{"a": s("new"), "n": n("5")})
}

func TestUpdateTargets(t *testing.T) {
	u, err := ParseUpdate("SET #a.x = :s, b = #c REMOVE d[1] ADD #a.y :n DELETE e :ss", testNames, updVals)
	if err != nil {
		t.Fatal(err)
	}
	checkStrings(t, "Targets", u.Targets(), []string{"a", "b", "d", "e"})
	checkStrings(t, "Attributes", u.Attributes(), []string{"a", "b", "d", "e", "c"})
	checkStrings(t, "NestedAttributes", u.NestedAttributes(), []string{"a", "d"})
	var paths []string
	for _, p := range u.TargetPaths() {
		paths = append(paths, p.String())
	}
	if got := strings.Join(paths, " "); got != "[a, x] [b] [d, [1]] [a, y] [e]" {
		t.Errorf("TargetPaths = %s", got)
	}
}

func TestUpdateUpdated(t *testing.T) {
	u, err := ParseUpdate("SET m.a = :s, l[1] = :s, nope = :s REMOVE s", nil, updVals)
	if err != nil {
		t.Fatal(err)
	}
	old := baseItem()
	checkItem(t, "old", u.Updated(old), ddbtype.Item{"m": m("a", n("1")), "l": l(s("b")), "s": s("x")})
	newItem, err := u.Apply(old)
	if err != nil {
		t.Fatal(err)
	}
	checkItem(t, "new", u.Updated(newItem), ddbtype.Item{"m": m("a", s("new")), "l": l(s("new")), "nope": s("new")})
}
