package ddbtype

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"
)

func TestCanonicalNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0", "0"},
		{"-0", "0"},
		{"+0", "0"},
		{"0.000", "0"},
		{"000", "0"},
		{"0e1000", "0"},
		{"-0.0e-5", "0"},
		{"1", "1"},
		{"+3", "3"},
		{"-7", "-7"},
		{"1.50", "1.5"},
		{"3.1400", "3.14"},
		{"1.0", "1"},
		{"00042", "42"},
		{"0001.23", "1.23"},
		{"1E2", "100"},
		{"1e2", "100"},
		{"1e+2", "100"},
		{"1.5E2", "150"},
		{"1.5e-2", "0.015"},
		{"-17e5", "-1700000"},
		{"-17.4E37", "-174" + strings.Repeat("0", 36)},
		{".5", "0.5"},
		{"+.5", "0.5"},
		{"-.5", "-0.5"},
		{"5.", "5"},
		{".123", "0.123"},
		{"100", "100"},
		{"12.5", "12.5"},
		{"0.00000000000000000000000000000000000001", "0.00000000000000000000000000000000000001"},
		{"12345678901234567890123456789012345678", "12345678901234567890123456789012345678"},
		{"110111111111111110000000000000000000000", "110111111111111110000000000000000000000"},
		{"1E125", "1" + strings.Repeat("0", 125)},
		{"9.9999999999999999999999999999999999999E+125", strings.Repeat("9", 38) + strings.Repeat("0", 88)},
		{"-9.9999999999999999999999999999999999999E+125", "-" + strings.Repeat("9", 38) + strings.Repeat("0", 88)},
		{"1E-130", "0." + strings.Repeat("0", 129) + "1"},
		{"-1E-130", "-0." + strings.Repeat("0", 129) + "1"},
		{"10E-131", "0." + strings.Repeat("0", 129) + "1"},
		{"0.1E126", "1" + strings.Repeat("0", 125)},
		{"1e0000000000000000002", "100"},
	}
	for _, tt := range tests {
		got, err := CanonicalNumber(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("CanonicalNumber(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestCanonicalNumberErrors(t *testing.T) {
	const notNum = "The parameter cannot be converted to a numeric value"
	tests := []struct{ in, want string }{
		{"", notNum},
		{"abc", notNum + ": abc"},
		{"b", notNum + ": b"},
		{"NaN", notNum + ": NaN"},
		{"-NaN", notNum + ": -NaN"},
		{"Infinity", notNum + ": Infinity"},
		{"-Infinity", notNum + ": -Infinity"},
		{"inf", notNum + ": inf"},
		{"0x10", notNum + ": 0x10"},
		{" 1", notNum + ":  1"},
		{"1 ", notNum + ": 1 "},
		{"1_000", notNum + ": 1_000"},
		{"+e2", notNum + ": +e2"},
		{"1+2", notNum + ": 1+2"},
		{"1.2.3", notNum + ": 1.2.3"},
		{"++5", notNum + ": ++5"},
		{"+-5", notNum + ": +-5"},
		{"1e", notNum + ": 1e"},
		{"1e+", notNum + ": 1e+"},
		{".", notNum + ": ."},
		{"-", notNum + ": -"},
		{"+", notNum + ": +"},
		{"e5", notNum + ": e5"},
		{".e5", notNum + ": .e5"},
		{"1e2.5", notNum + ": 1e2.5"},
		{"١", notNum + ": ١"},
		{"1e2147483648", notNum + ": 1e2147483648"},
		{"1e99999999999", notNum + ": 1e99999999999"},
		{"123456789012345678901234567890123456789", msgTooManyDigits},
		{"-1.23456789012345678901234567890123456789", msgTooManyDigits},
		{"3.14159265358979323846264338327950288419", msgTooManyDigits},
		{"314159265358979323846264338327950288419e30", msgTooManyDigits},
		{"1234567890123456789012345678901234567890e200", msgTooManyDigits},
		{"1e126", msgOverflow},
		{"1E+126", msgOverflow},
		{"-1e126", msgOverflow},
		{"11e125", msgOverflow},
		{"1e2147483647", msgOverflow},
		{"1e-131", msgUnderflow},
		{"-1e-131", msgUnderflow},
		{"0.9e-130", msgUnderflow},
		{"1e-2147483647", msgUnderflow},
		{"1e-2147483648", notNum + ": 1e-2147483648"}, // BigDecimal scale overflow
		{"0.1e-2147483648", notNum + ": 0.1e-2147483648"},
	}
	for _, tt := range tests {
		_, err := CanonicalNumber(tt.in)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Message != tt.want {
			t.Errorf("CanonicalNumber(%q) error = %v; want ValidationError %q", tt.in, err, tt.want)
		}
	}
}

func TestCompareNumbers(t *testing.T) {
	ordered := []string{
		"-9.9999999999999999999999999999999999999E+125", "-1e100", "-100", "-12.5",
		"-12", "-1.23", "-1.2", "-1", "-0.5", "-1e-130", "0", "1e-130", "0.05",
		"0.5", "1", "1.2", "1.23", "12", "12.5", "100", "1e100",
		"9.9999999999999999999999999999999999999E+125",
	}
	for i, a := range ordered {
		for j, b := range ordered {
			got, err := CompareNumbers(a, b)
			if want := clampSign(i - j); err != nil || got != want {
				t.Errorf("CompareNumbers(%q, %q) = %d, %v; want %d", a, b, got, err, want)
			}
		}
	}
	for _, eq := range [][2]string{{"1", "1.0"}, {"-0", "0"}, {"1e2", "100"}, {".5", "0.50"}} {
		if c, err := CompareNumbers(eq[0], eq[1]); c != 0 || err != nil {
			t.Errorf("CompareNumbers(%q, %q) = %d, %v; want 0", eq[0], eq[1], c, err)
		}
	}
	if _, err := CompareNumbers("x", "1"); err == nil {
		t.Error("CompareNumbers accepted an invalid first operand")
	}
	if _, err := CompareNumbers("1", "x"); err == nil {
		t.Error("CompareNumbers accepted an invalid second operand")
	}
}

func TestAddSubtractNumbers(t *testing.T) {
	tests := []struct{ a, b, sum, diff string }{
		{"1", "2", "3", "-1"},
		{"0.1", "0.2", "0.3", "-0.1"},
		{"0.3", "0.1", "0.4", "0.2"},
		{"1", "10000000000000000000000", "10000000000000000000001", "-9999999999999999999999"},
		{"100000000000000000000.00000001", "1", "100000000000000000001.00000001", "99999999999999999999.00000001"},
		{"-5", "5", "0", "-10"},
		{"0", "0", "0", "0"},
		{"0", "-1.5", "-1.5", "1.5"},
		{"1.5", "1.5", "3", "0"},
		{"9e125", "-9e125", "0", ""}, // difference overflows, see below
		{"1e-130", "1e-130", "0." + strings.Repeat("0", 129) + "2", "0"},
	}
	for _, tt := range tests {
		if got, err := AddNumbers(tt.a, tt.b); err != nil || got != tt.sum {
			t.Errorf("AddNumbers(%q, %q) = %q, %v; want %q", tt.a, tt.b, got, err, tt.sum)
		}
		if tt.diff == "" {
			continue
		}
		if got, err := SubtractNumbers(tt.a, tt.b); err != nil || got != tt.diff {
			t.Errorf("SubtractNumbers(%q, %q) = %q, %v; want %q", tt.a, tt.b, got, err, tt.diff)
		}
	}
}

func TestArithmeticErrors(t *testing.T) {
	tests := []struct {
		a, b string
		sub  bool
		want string
	}{
		{"9e125", "9e125", false, msgOverflow},
		{"9e125", "-9e125", true, msgOverflow},
		{"-9e125", "-9e125", false, msgOverflow},
		{"9.9999999999999999999999999999999999999E+125", "1e125", false, msgOverflow},
		// More than 38 digits: DynamoDB says "overflow" (Scylla's tests).
		{"1e50", "1", false, msgOverflow},
		{"1e50", "1", true, msgOverflow},
		// Too small a magnitude: also the overflow wording (Floci).
		{"2e-130", "1.5e-130", true, msgOverflow},
		{"x", "1", false, msgNotNumeric + ": x"},
		{"1", "", true, msgNotNumeric},
	}
	for _, tt := range tests {
		f := AddNumbers
		if tt.sub {
			f = SubtractNumbers
		}
		_, err := f(tt.a, tt.b)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Message != tt.want {
			t.Errorf("arith(%q, %q, sub=%v) error = %v; want %q", tt.a, tt.b, tt.sub, err, tt.want)
		}
	}
}

func TestNumberValue(t *testing.T) {
	v, err := Number("1.50")
	if err != nil || v.Type != TypeN || v.S != "1.5" {
		t.Errorf("Number(1.50) = %#v, %v", v, err)
	}
	if _, err := Number("x"); err == nil {
		t.Error("Number(x) succeeded")
	}
	if v := Int(-42); v.Type != TypeN || v.S != "-42" {
		t.Errorf("Int(-42) = %#v", v)
	}
	if v, err := NumberSet("1", "2.0"); err != nil || v.Type != TypeNS || strings.Join(v.SS, ",") != "1,2" {
		t.Errorf("NumberSet = %#v, %v", v, err)
	}
	if _, err := NumberSet("1", "z"); err == nil {
		t.Error("NumberSet accepted z")
	}
	defer func() {
		if recover() == nil {
			t.Error("MustNumber(x) did not panic")
		}
	}()
	MustNumber("x")
}

// numberSyntax is DynamoDB's accepted number syntax as a regular
// expression, the reference for the fuzz test.
var numberSyntax = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// hugeExponent reports whether s has an exponent of ten digits or more,
// beyond what BigDecimal (and so DynamoDB) accepts.
func hugeExponent(s string) bool {
	i := strings.IndexAny(s, "eE")
	return i >= 0 && len(strings.TrimLeft(strings.TrimLeft(s[i+1:], "+-"), "0")) >= 10
}

// FuzzCanonicalNumber checks the parser against a regular expression for
// the syntax and apd for the value, and that canonical text is a fixed
// point.
func FuzzCanonicalNumber(f *testing.F) {
	for _, s := range []string{"0", "-0", "1.50", "1e2", ".5", "5.", "+3", "1e-130", "1e126", "abc", "1e", "-1.2e+3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := scanNumber(s)
		if ok != numberSyntax.MatchString(s) && len(s) < 30 && !hugeExponent(s) {
			t.Fatalf("scanNumber(%q) ok = %v, regexp disagrees", s, ok)
		}
		c, err := CanonicalNumber(s)
		if err != nil {
			return
		}
		want, _, aerr := apd.NewFromString(s)
		if aerr != nil {
			// apd limits exponents to about ±100000, even for zero.
			if !n.isZero() || c != "0" {
				t.Fatalf("apd rejects %q: %v", s, aerr)
			}
			return
		}
		got, _, _ := apd.NewFromString(c)
		if got.Cmp(want) != 0 {
			t.Fatalf("CanonicalNumber(%q) = %q, a different value", s, c)
		}
		if c2, err := CanonicalNumber(c); err != nil || c2 != c {
			t.Fatalf("CanonicalNumber(%q) = %q, %v; not a fixed point", c, c2, err)
		}
		if n.String() != c || len(c) != n.textLen() {
			t.Fatalf("textLen mismatch for %q", c)
		}
	})
}

// FuzzArithmetic checks AddNumbers and SubtractNumbers against apd.
func FuzzArithmetic(f *testing.F) {
	f.Add("1", "2")
	f.Add("1e50", "1")
	f.Add("9e125", "9e125")
	f.Add("-1.5e-130", "2e-130")
	f.Fuzz(func(t *testing.T, a, b string) {
		x, errA := parseNumber(a)
		y, errB := parseNumber(b)
		sum, err := AddNumbers(a, b)
		if errA != nil || errB != nil {
			if err == nil {
				t.Fatalf("AddNumbers(%q, %q) accepted invalid input", a, b)
			}
			return
		}
		var want apd.Decimal
		if _, aerr := apd.BaseContext.Add(&want, x.decimal(), y.decimal()); aerr != nil {
			t.Fatal(aerr)
		}
		checkArith(t, sum, err, &want)
		diff, err := SubtractNumbers(a, b)
		if _, aerr := apd.BaseContext.Sub(&want, x.decimal(), y.decimal()); aerr != nil {
			t.Fatal(aerr)
		}
		checkArith(t, diff, err, &want)
	})
}

// checkArith compares an arithmetic result with apd's exact one.
func checkArith(t *testing.T, got string, err error, want *apd.Decimal) {
	t.Helper()
	r := fromDecimal(want)
	if r.check(false) != nil {
		if err == nil || err.Error() != msgOverflow {
			t.Fatalf("result %s not storable, got %q, %v", want, got, err)
		}
		return
	}
	if err != nil || got != r.String() {
		t.Fatalf("got %q, %v; want %s", got, err, want.Text('f'))
	}
}
