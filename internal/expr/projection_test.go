package expr

import (
	"testing"

	"github.com/dokklib/db/internal/ddbtype"
)

func TestProjectionApply(t *testing.T) {
	item := ddbtype.Item{
		"a":    s("1"),
		"b":    n("2"),
		"l":    l(s("x"), s("y"), m("k", s("v"), "j", s("w")), s("z")),
		"m":    m("a", s("1"), "b", m("c", s("2"), "d", s("3")), "l", l(n("1"), n("2"))),
		"name": s("n"),
	}
	for _, tc := range []struct {
		expr string
		want ddbtype.Item
	}{
		{"a", ddbtype.Item{"a": s("1")}},
		{"a, b, nope", ddbtype.Item{"a": s("1"), "b": n("2")}},
		{"#n", ddbtype.Item{"name": s("n")}},
		{"m.b.c", ddbtype.Item{"m": m("b", m("c", s("2")))}},
		{"m.b.c, m.a", ddbtype.Item{"m": m("a", s("1"), "b", m("c", s("2")))}},
		{"l[3], l[1]", ddbtype.Item{"l": l(s("y"), s("z"))}},
		{"l[2].j", ddbtype.Item{"l": l(m("j", s("w")))}},
		{"l[9], m.nope, a.b", ddbtype.Item{}},
		{"a[0], l.k", ddbtype.Item{}},
		{"m.l[1]", ddbtype.Item{"m": m("l", l(n("2")))}},
	} {
		p, err := ParseProjection(tc.expr, map[string]string{"#n": "name"})
		if err != nil {
			t.Errorf("%q: %v", tc.expr, err)
			continue
		}
		checkItem(t, tc.expr, p.Apply(item), tc.want)
	}
}

func TestProjectionUsage(t *testing.T) {
	p, err := ParseProjection("#n, a.b, c[1]", map[string]string{"#n": "name"})
	if err != nil {
		t.Fatal(err)
	}
	checkStrings(t, "NamesUsed", p.NamesUsed(), []string{"#n"})
	checkStrings(t, "Attributes", p.Attributes(), []string{"name", "a", "c"})
	if len(p.Paths()) != 3 || p.Paths()[2].String() != "[c, [1]]" {
		t.Errorf("Paths = %v", p.Paths())
	}
}
