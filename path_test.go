package db

import (
	"errors"
	"testing"
	"time"
)

func TestParsePath(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // written back, or "" for an error
	}{
		{"a", "a"},
		{"a.b", "a.b"},
		{"a[2]", "a[2]"},
		{"a.b[0][12].c", "a.b[0][12].c"},
		{"size", "size"},
		{"odd name-1:x", "odd name-1:x"},
		{"", ""},
		{".a", ""},
		{"a.", ""},
		{"a..b", ""},
		{"[1]", ""},
		{"a[", ""},
		{"a[]", ""},
		{"a[-1]", ""},
		{"a[+1]", ""},
		{"a[x]", ""},
		{"a]", ""},
		{"a[1]b", ""},
		{"a.[1]", ""},
		{`Domains.example\.com`, `Domains.example\.com`},
		{`a\[0\]`, `a\[0\]`},
		{`a\\b`, `a\\b`},
		{`\.`, `\.`},
		{`a\`, ""},
		{`a\b`, ""},
		{`a.\`, ""},
	} {
		elems, err := parsePath(tc.in)
		switch {
		case tc.want == "" && !errors.Is(err, ErrInvalidArgument):
			t.Errorf("parsePath(%q) = %v, %v; want an error", tc.in, elems, err)
		case tc.want != "" && (err != nil || pathString(elems) != tc.want):
			t.Errorf("parsePath(%q) = %q, %v; want %q", tc.in, pathString(elems), err, tc.want)
		}
	}
}

func TestPathEscapes(t *testing.T) {
	for _, tc := range []struct {
		parts []any
		want  string
		names []string
	}{
		{[]any{"Domains", "example.com"}, `Domains.example\.com`, []string{"Domains", "example.com"}},
		{[]any{"tags", 0, 1, "x"}, "tags[0][1].x", []string{"tags", "", "", "x"}},
		{[]any{`a\b`, "[c]"}, `a\\b.\[c\]`, []string{`a\b`, "[c]"}},
		{[]any{"plain"}, "plain", []string{"plain"}},
	} {
		got := Path(tc.parts...)
		elems, err := parsePath(got)
		if got != tc.want || err != nil || len(elems) != len(tc.names) {
			t.Errorf("Path(%q) = %q (%v, %v), want %q", tc.parts, got, elems, err, tc.want)
			continue
		}
		for i, e := range elems {
			if e.name != tc.names[i] {
				t.Errorf("Path(%q) step %d = %q, want %q", tc.parts, i, e.name, tc.names[i])
			}
		}
	}
	for _, bad := range [][]any{{}, {0}, {"a", 1.5}, {""}} {
		if _, err := parsePath(Path(bad...)); err == nil {
			t.Errorf("Path(%v) made a valid path", bad)
		}
	}
}

func TestOverlaps(t *testing.T) {
	p := func(s string) []pathElem { e, _ := parsePath(s); return e }
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"a", "a", true},
		{"a", "a.b", true},
		{"a[1]", "a", true},
		{"a.b", "a.c", false},
		{"a[1]", "a[2]", false},
		{"ab", "a", false},
	} {
		if got := overlaps(p(tc.a), p(tc.b)); got != tc.want {
			t.Errorf("overlaps(%s, %s) = %v", tc.a, tc.b, got)
		}
	}
}

func TestBuildExpressions(t *testing.T) {
	for _, tc := range []struct {
		c    Condition
		want string
	}{
		{Eq("a.b[1]", 1), "#n0.#n1[1] = :v0"},
		{Gt(Size("tags"), 3), "size(#n0) > :v0"},
		{Lt("a", Attr("b")), "#n0 < #n1"},
		{Between("n", 1, 5), "#n0 BETWEEN :v0 AND :v1"},
		{In("s", "x", "y"), "#n0 IN (:v0, :v1)"},
		{AttributeType("a", TypeStringSet), "attribute_type(#n0, :v0)"},
		{Contains("a", "x"), "contains(#n0, :v0)"},
		{And(Exists("a"), Not(Eq("a", 1))), "(attribute_exists(#n0)) AND (NOT (#n0 = :v0))"},
	} {
		var b exprBuilder
		got, err := tc.c.build(&b)
		if err != nil || got != tc.want {
			t.Errorf("got %q, %v; want %q", got, err, tc.want)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	many := make([]any, MaxInOperands+1)
	for name, c := range map[string]Condition{
		"empty path":       Eq("", 1),
		"bad left":         Eq(42, 1),
		"no values in":     In("a"),
		"101 values in":    In("a", many...),
		"plus in cond":     Eq("a", Plus(Attr("b"), 1)),
		"empty or":         Or(),
		"nil in and":       And(nil),
		"bad path in size": Gt(Size("a["), 1),
		"bad value":        Eq("a", make(chan int)),
	} {
		var b exprBuilder
		if _, err := c.build(&b); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
}

func TestBuildUpdate(t *testing.T) {
	table := NewTable(nopClient{}, "Table", WithoutTimestamps())
	var b exprBuilder
	got, err := table.updateExpr(&b, []Update{
		Set("a", 1), Remove("b[2]"), Add("n", 1), DeleteFromSet("s", StringSet{"x"}),
		Set("c", Plus(IfNotExists("c", 0), 1)), Append("l", "x"),
	}, time.Time{})
	want := "SET #n0 = :v0, #n4 = if_not_exists(#n4, :v3) + :v4, #n5 = list_append(if_not_exists(#n5, :v5), :v6) REMOVE #n1[2] ADD #n2 :v1 DELETE #n3 :v2"
	if err != nil || *got != want {
		t.Errorf("got %q, %v\nwant %q", deref(got), err, want)
	}
	for name, u := range map[string][]Update{
		"overlap":          {Set("a", 1), Remove("a.b")},
		"twice":            {Set("a", 1), Set("a", 2)},
		"key":              {Set("PK", "x")},
		"sort key":         {Remove("SK")},
		"add to list":      {Add("l", []any{1})},
		"add string":       {Add("s", "x")},
		"delete non-set":   {DeleteFromSet("n", 1)},
		"size in update":   {Set("a", Size("b"))},
		"empty path":       {Set("", 1)},
		"nil update":       {nil},
		"bad list operand": {Set("a", ListAppend(Attr(""), []any{1}))},
		"no action":        {},
	} {
		var b exprBuilder
		if _, err := table.updateExpr(&b, u, time.Time{}); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
}

// nopClient satisfies Client for tests that send nothing.
type nopClient struct{ Client }
