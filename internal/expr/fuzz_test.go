package expr

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dokklib/db/internal/ddbtype"
)

// fuzzSeeds are expressions of every kind, valid and invalid, that seed
// all fuzz targets.
var fuzzSeeds = []string{
	"a = :s", "#a.b[1] <> :n AND NOT (c < :n OR d BETWEEN :n AND :n2)",
	"attribute_exists(a) AND size(b.c) > :n", "contains(l, :s) OR begins_with(s, :s)",
	"a IN (:s, :n, :b)", "attribute_type(a, :tS)", "((a = :s))", "(a) = :s", "a-b", "!!",
	"SET a = :s, b = b + :n REMOVE c[1] ADD n :n DELETE ss :ss",
	"SET l = list_append(if_not_exists(l, :l), :l)", "SET a = (b - :n)",
	"a, b.c[2].#a, #n", "pk = :s AND sk BETWEEN :n AND :n2", "pk = :s AND begins_with(sk, :s)",
	"set a = b set c = d", "a[2147483648] = :s", "name = :s", "#x = :x", "()", "a.:s = :s",
	"size(size(a)) = :n", "SET a.b = :s, a = :s", "a = :s" + strings.Repeat(" AND a = :s", 10),
}

func addSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
}

// checkFuzzError checks that err is nil or an *Error with a message that
// starts with want (when want is not empty).
func checkFuzzError(t *testing.T, input string, err error, label string) {
	t.Helper()
	if err == nil {
		return
	}
	var e *Error
	if !errors.As(err, &e) || e.Message == "" {
		t.Fatalf("%q: error %v (%T) is not an *Error with a message", input, err, err)
	}
	if label != "" && !strings.HasPrefix(e.Message, label) {
		t.Fatalf("%q: message %q lacks label %q", input, e.Message, label)
	}
	if utf8.ValidString(input) && !utf8.ValidString(e.Message) {
		t.Fatalf("%q: message %q is not valid UTF-8", input, e.Message)
	}
}

func FuzzParseCondition(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCondition(s, testNames, testVals)
		checkFuzzError(t, s, err, "Invalid ConditionExpression: ")
		if err == nil {
			c.Eval(testItem)
			c.Eval(nil)
		}
	})
}

func FuzzParseUpdate(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseUpdate(s, testNames, testVals)
		checkFuzzError(t, s, err, "Invalid UpdateExpression: ")
		if err != nil {
			return
		}
		for _, item := range []ddbtype.Item{nil, testItem, baseItem()} {
			_, err := u.Apply(item)
			checkFuzzError(t, s, err, "")
		}
		u.Targets()
	})
}

func FuzzParseProjection(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseProjection(s, testNames)
		checkFuzzError(t, s, err, "Invalid ProjectionExpression: ")
		if err == nil {
			p.Apply(testItem)
		}
	})
}

// fuzzKeySchemas are the key schemas fuzzed key conditions resolve
// against: single-attribute keys and multi-attribute ones.
var fuzzKeySchemas = []KeySchema{
	{Partition: []KeyAttr{{Name: "pk"}}},
	{Partition: []KeyAttr{{Name: "pk"}}, Sort: []KeyAttr{{Name: "sk"}}},
	{Partition: []KeyAttr{{Name: "a"}}, Sort: []KeyAttr{{"b", ddbtype.TypeN}}},
	{Partition: []KeyAttr{{Name: "a"}, {"b", ddbtype.TypeN}}, Sort: []KeyAttr{{Name: "c"}, {"d", ddbtype.TypeS}}},
}

func FuzzParseKeyCondition(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseKeyCondition(s, testNames, testVals)
		checkFuzzError(t, s, err, "")
		if err != nil {
			return
		}
		for _, schema := range fuzzKeySchemas {
			q, err := k.Resolve(schema)
			checkFuzzError(t, s, err, "")
			if err == nil && q.Sort != nil {
				q.Sort.Match(ddbtype.String("x"))
			}
		}
	})
}

// TestAdversarialInputs parses deeply nested and repetitive inputs near the
// length limit; they must fail cleanly (and, as BenchmarkDeepParens shows,
// in linear time).
func TestAdversarialInputs(t *testing.T) {
	for _, in := range adversarialInputs() {
		_, err := ParseCondition(in, testNames, testVals)
		checkFuzzError(t, in, err, "Invalid ConditionExpression: ")
		_, err = ParseUpdate("SET a = "+in, testNames, testVals)
		checkFuzzError(t, in, err, "Invalid UpdateExpression: ")
	}
}

func adversarialInputs() []string {
	return []string{
		strings.Repeat("(", 4000) + "a",
		strings.Repeat("(", 2000) + "a = :s" + strings.Repeat(")", 2000),
		strings.Repeat("(", 1300) + "a" + strings.Repeat(")", 1300) + " = :s",
		strings.Repeat("NOT (", 800),
		strings.Repeat("(a = :s AND ", 340),
		strings.Repeat("((a) = :s OR ", 300),
		strings.Repeat("f(", 2000),
		strings.Repeat("((", 1000) + strings.Repeat(")", 1999),
		strings.Repeat("(a)=(", 800),
	}
}

func BenchmarkDeepParens(b *testing.B) {
	in := strings.Repeat("(", 4000) + "a"
	for b.Loop() {
		if _, err := ParseCondition(in, nil, nil); err == nil {
			b.Fatal("no error")
		}
	}
}
