package partiql

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		src, want string
		params    int
	}{
		{`SELECT * FROM "Music"`, `SELECT * FROM "Music"`, 0},
		{`select * from Music`, `SELECT * FROM "Music"`, 0},
		{`SELECT a, "b c".d[2].e FROM "T"."idx" WHERE a = ?`, `SELECT "a", "b c"."d"[2]."e" FROM "T"."idx" WHERE ("a" = ?)`, 1},
		{`SELECT * FROM T WHERE a = 1 AND b <> 'x' OR NOT c >= -2.5e3`,
			`SELECT * FROM "T" WHERE ((("a" = 1) AND ("b" <> 'x')) OR (NOT ("c" >= -2.5e3)))`, 0},
		{`SELECT * FROM T WHERE a != 1 AND (b < 2 OR c <= 3) AND d > 4`,
			`SELECT * FROM "T" WHERE ((("a" <> 1) AND (("b" < 2) OR ("c" <= 3))) AND ("d" > 4))`, 0},
		{`SELECT * FROM T WHERE a BETWEEN 1 AND 2 AND b NOT BETWEEN ? AND ?`,
			`SELECT * FROM "T" WHERE (("a" BETWEEN 1 AND 2) AND ("b" NOT BETWEEN ? AND ?))`, 2},
		{`SELECT * FROM T WHERE a IN [1, 'x'] AND b NOT IN (?, 2)`,
			`SELECT * FROM "T" WHERE (("a" IN [1, 'x']) AND ("b" NOT IN [?, 2]))`, 1},
		{`SELECT * FROM T WHERE a IS MISSING AND b IS NOT NULL AND c is string AND d IS decimal`,
			`SELECT * FROM "T" WHERE (((("a" IS MISSING) AND ("b" IS NOT NULL)) AND ("c" IS STRING)) AND ("d" IS DECIMAL))`, 0},
		{`SELECT * FROM T WHERE begins_with(a, 'x') AND size(b.c) > 3 AND Contains(l, 2) AND attribute_type(m, 'M')`,
			`SELECT * FROM "T" WHERE (((begins_with("a", 'x') AND (size("b"."c") > 3)) AND contains("l", 2)) AND attribute_type("m", 'M'))`, 0},
		{`SELECT * FROM T WHERE pk = 'a' ORDER BY sk DESC`, `SELECT * FROM "T" WHERE ("pk" = 'a') ORDER BY "sk" DESC`, 0},
		{`SELECT * FROM T WHERE pk = 'a' ORDER BY sk ASC`, `SELECT * FROM "T" WHERE ("pk" = 'a') ORDER BY "sk"`, 0},
		{`SELECT * FROM T WHERE s = 'it''s' AND "q""x" = TRUE AND f = false AND n = NULL`,
			`SELECT * FROM "T" WHERE (((("s" = 'it''s') AND ("q""x" = TRUE)) AND ("f" = FALSE)) AND ("n" = NULL))`, 0},
		{`INSERT INTO "T" VALUE {'pk': 'a', 'n': 1, 'l': [1, [2], {'x': NULL}], 's': <<'a', 'b'>>, 'ns': <<1, -2>>, 'p': ?}`,
			`INSERT INTO "T" VALUE {'pk': 'a', 'n': 1, 'l': [1, [2], {'x': NULL}], 's': <<'a', 'b'>>, 'ns': <<1, -2>>, 'p': ?}`, 1},
		{`INSERT INTO T VALUE ?`, `INSERT INTO "T" VALUE ?`, 1},
		{`INSERT INTO T VALUE {}`, `INSERT INTO "T" VALUE {}`, 0},
		{`UPDATE T SET a = 1, b.c[0] = b.c[0] + ? REMOVE d, e[1] SET f = list_append(f, [1]) WHERE pk = 'x' RETURNING MODIFIED NEW *`,
			`UPDATE "T" SET "a" = 1 SET "b"."c"[0] = ("b"."c"[0] + ?) REMOVE "d" REMOVE "e"[1] SET "f" = list_append("f", [1]) WHERE ("pk" = 'x') RETURNING MODIFIED NEW *`, 1},
		{`UPDATE T SET n = n - 1 - 2 WHERE pk = 'x' RETURNING ALL OLD *`,
			`UPDATE "T" SET "n" = (("n" - 1) - 2) WHERE ("pk" = 'x') RETURNING ALL OLD *`, 0},
		{`UPDATE T SET s = set_add(s, <<'a'>>) WHERE pk = 'x' RETURNING modified old *`,
			`UPDATE "T" SET "s" = set_add("s", <<'a'>>) WHERE ("pk" = 'x') RETURNING MODIFIED OLD *`, 0},
		{`UPDATE T REMOVE a WHERE pk = 'x' RETURNING ALL NEW *`, `UPDATE "T" REMOVE "a" WHERE ("pk" = 'x') RETURNING ALL NEW *`, 0},
		{`DELETE FROM T WHERE pk = ? AND sk = ? RETURNING ALL OLD *`, `DELETE FROM "T" WHERE (("pk" = ?) AND ("sk" = ?)) RETURNING ALL OLD *`, 2},
		{`DELETE FROM T`, `DELETE FROM "T"`, 0},
		{`EXISTS(SELECT * FROM T WHERE pk = ? AND a > 1)`, `EXISTS(SELECT * FROM "T" WHERE (("pk" = ?) AND ("a" > 1)))`, 1},
		{"SELECT *\n  FROM T -- comment\n WHERE a = 1", `SELECT * FROM "T" WHERE ("a" = 1)`, 0},
		{`SELECT * FROM T WHERE a = .5`, `SELECT * FROM "T" WHERE ("a" = .5)`, 0},
	}
	for _, tt := range tests {
		st, err := Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		if got := render(st); got != tt.want {
			t.Errorf("Parse(%q)\n got %s\nwant %s", tt.src, got, tt.want)
		}
		if st.NumParams() != tt.params {
			t.Errorf("Parse(%q).NumParams() = %d, want %d", tt.src, st.NumParams(), tt.params)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{``, "Expected data manipulation"},
		{`SELEC * FROM T`, "Expected data manipulation"},
		{`CREATE TABLE T`, "Expected data manipulation"},
		{`SELECT * FROM "T" WHERE`, "Unexpected end of statement"},
		{`SELECT * FROM T WHERE a = 'x`, "Unexpected token ''' at 1:27:2"},
		{`SELECT * FROM T WHERE a = 1 b`, "Unexpected token 'b' at 1:29:1"},
		{"SELECT * FROM T\nWHERE a = = 1", "Unexpected token '=' at 2:11:1"},
		{`SELECT * FROM T WHERE a[x] = 1`, "Unexpected token 'x' at 1:25:1"},
		{`SELECT * FROM T WHERE a[-1] = 1`, "Unexpected token '-' at 1:25:1"},
		{`SELECT * FROM T WHERE a = #`, "Unexpected token '#' at 1:27:1"},
		{`SELECT FROM T`, "Unexpected token 'T' at 1:13:1"},
		{`INSERT INTO T VALUES {'a': 1}`, "Unexpected token 'VALUES' at 1:15:6"},
		{`INSERT INTO T VALUE {a: 1}`, "Unexpected token 'a' at 1:22:1"},
		{`UPDATE T WHERE pk = 1`, "Unexpected token 'WHERE' at 1:10:5"},
		{`UPDATE T SET a = 1 WHERE pk = 1 RETURNING ALL *`, "Unexpected token '*' at 1:47:1"},
		{`UPDATE T SET a = 1 WHERE pk = 1 RETURNING SOME NEW *`, "Unexpected token 'SOME' at 1:43:4"},
		{`DELETE T WHERE pk = 1`, "Unexpected token 'T' at 1:8:1"},
		{`EXISTS(SELECT * FROM T WHERE a = 1`, "Unexpected end of statement"},
		{`SELECT * FROM T WHERE a IS`, "Unexpected end of statement"},
		{`SELECT * FROM T WHERE a IN 1`, "Unexpected token '1' at 1:28:1"},
		{`SELECT * FROM T ORDER sk`, "Unexpected token 'sk' at 1:23:2"},
		{`SELECT * FROM T WHERE a IS NUMBER`, "Unexpected token 'NUMBER' at 1:28:6"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %v, want an *Error", tt.src, err)
			continue
		}
		if want := "Statement wasn't well formed, can't be processed: " + tt.want; pe.Message != want {
			t.Errorf("Parse(%q) = %q\nwant %q", tt.src, pe.Message, want)
		}
	}
}

func TestParseDepth(t *testing.T) {
	for _, tt := range []struct {
		name, src string
	}{
		{"parentheses", "SELECT * FROM T WHERE " + strings.Repeat("(", MaxDepth+1) + "a = 1" + strings.Repeat(")", MaxDepth+1)},
		{"NOT", "SELECT * FROM T WHERE " + strings.Repeat("NOT ", MaxDepth+1) + "a = 1"},
		{"lists", "INSERT INTO T VALUE {'a': " + strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1) + "}"},
		{"calls", "SELECT * FROM T WHERE " + strings.Repeat("size(", MaxDepth+1) + "a" + strings.Repeat(")", MaxDepth+1) + " = 1"},
	} {
		_, err := Parse(tt.src)
		var pe *Error
		if !errors.As(err, &pe) || !strings.Contains(pe.Message, "Statement is nested too deeply") {
			t.Errorf("%s: Parse = %v, want the nesting error", tt.name, err)
		}
	}
	ok := "SELECT * FROM T WHERE " + strings.Repeat("(", MaxDepth-2) + "a = 1" + strings.Repeat(")", MaxDepth-2)
	if _, err := Parse(ok); err != nil {
		t.Errorf("nesting within MaxDepth: %v", err)
	}
}

func TestReturningString(t *testing.T) {
	if got := ReturnModifiedNew.String(); got != "MODIFIED NEW" {
		t.Errorf("ReturnModifiedNew.String() = %q", got)
	}
	if got := Returning(99).String(); got != "" {
		t.Errorf("Returning(99).String() = %q", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`SELECT * FROM "Music" WHERE Artist = ? AND SongTitle BETWEEN 'a' AND 'z' ORDER BY SongTitle DESC`,
		`SELECT a.b[1], "c" FROM T."idx" WHERE begins_with(a, 'x') OR size(l) > 2 AND NOT x IN [1, 2]`,
		`INSERT INTO T VALUE {'pk': 'a', 'l': [1, -2.5e3, TRUE, NULL], 'm': {'x': <<'a', 'b'>>}, 'p': ?}`,
		`UPDATE T SET a = a + 1, l = list_append(l, [1]) REMOVE b[2] WHERE pk = 'x' AND c IS NOT MISSING RETURNING ALL NEW *`,
		`DELETE FROM T WHERE pk = ? AND sk = ? RETURNING ALL OLD *`,
		`EXISTS(SELECT * FROM T WHERE pk = 'a' AND n >= 3)`,
		"SELECT * FROM T -- c\nWHERE 'it''s' = \"a\"\"b\"",
		`SELECT * FROM T WHERE ((((a = 1))))`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		st, err := Parse(src)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || !strings.HasPrefix(pe.Message, "Statement wasn't well formed, can't be processed: ") {
				t.Fatalf("Parse(%q): unexpected error %v", src, err)
			}
			return
		}
		// A statement that parses renders and parses again to the same tree.
		again, err := Parse(render(st))
		if err != nil {
			t.Fatalf("Parse(render(Parse(%q))) = %v (rendered %s)", src, err, render(st))
		}
		if render(again) != render(st) || again.NumParams() != st.NumParams() {
			t.Fatalf("round trip of %q: %s != %s", src, render(again), render(st))
		}
	})
}

func TestParamIndexes(t *testing.T) {
	st, err := Parse(`UPDATE T SET a = ?, b = [?, {'x': ?}] WHERE pk = ? AND n IN [?, ?]`)
	if err != nil {
		t.Fatal(err)
	}
	u := st.(*Update)
	got := []int{
		u.Actions[0].Value.(*Param).Index,
		u.Actions[1].Value.(*List).Elems[0].(*Param).Index,
		u.Actions[1].Value.(*List).Elems[1].(*Tuple).Values[0].(*Param).Index,
	}
	where := u.Where.(*Binary)
	got = append(got, where.Left.(*Binary).Right.(*Param).Index)
	for _, x := range where.Right.(*In).List {
		got = append(got, x.(*Param).Index)
	}
	for i, n := range got {
		if n != i {
			t.Fatalf("parameter indexes %v, want 0 to %d in order", got, len(got)-1)
		}
	}
	if kp := u.Actions[1].Value.(*List).Elems[1].(*Tuple).KeyPos; len(kp) != 1 || kp[0] != (Pos{Line: 1, Col: 30, Len: 3}) {
		t.Errorf("tuple key positions %v, want [{1 30 3}]", kp)
	}
	if st.NumParams() != 6 {
		t.Errorf("NumParams() = %d, want 6", st.NumParams())
	}
}
