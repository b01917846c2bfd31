package expr

import (
	"testing"

	"github.com/dokklib/db/internal/ddbtype"
)

const benchFilter = "#a.b[1] = :s AND size(s) > :n OR (contains(ss, :s) AND n BETWEEN :n AND :n2) AND NOT attribute_exists(zz)"

var benchItem = ddbtype.Item{
	"a":  m("b", l(s("x"), s("a"))),
	"s":  s("hello world"),
	"ss": ddbtype.StringSet("a", "b", "c"),
	"n":  n("1.5"),
	"zz": s("present"),
}

func BenchmarkParseCondition(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseCondition(benchFilter, testNames, testVals); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalCondition(b *testing.B) {
	c, err := ParseCondition(benchFilter, testNames, testVals)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		c.Eval(benchItem)
	}
}

func BenchmarkParseUpdate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseUpdate("SET a.b[0] = :s, n = n + :n REMOVE zz ADD ss :ss", testNames, testVals); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkApplyUpdate(b *testing.B) {
	u, err := ParseUpdate("SET a.b[0] = :s, n = n + :n REMOVE zz ADD ss :ss", testNames, testVals)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := u.Apply(benchItem); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkApplyProjection(b *testing.B) {
	p, err := ParseProjection("a.b[1], s, n", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p.Apply(benchItem)
	}
}
