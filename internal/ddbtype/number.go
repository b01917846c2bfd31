package ddbtype

import (
	"strconv"
	"strings"

	"github.com/cockroachdb/apd/v3"
)

// Limits of DynamoDB's number type, from the developer guide ("Naming rules
// and data types", Number): up to 38 significant digits, magnitudes from
// 1E-130 to 9.9999999999999999999999999999999999999E+125, and zero. These
// are exactly the limits of Oracle's NUMBER type, which also explains the
// size accounting in size.go.
const (
	MaxNumberDigits   = 38   // significant digits
	MaxNumberExponent = 125  // largest exponent in scientific notation
	MinNumberExponent = -130 // smallest exponent in scientific notation
)

// DynamoDB's messages for invalid numbers. They are the same for item
// values, keys and ExpressionAttributeValues (the engine adds the context,
// e.g. "ExpressionAttributeValues contains invalid value: ... for key :v").
// Sources: dynalite's tests (written against DynamoDB), the
// nubo-db/dynamodb-conformance suite and several GitHub issues quoting
// DynamoDB's responses.
const (
	msgNotNumeric    = "The parameter cannot be converted to a numeric value"
	msgTooManyDigits = "Attempting to store more than 38 significant digits in a Number"
	msgOverflow      = "Number overflow. Attempting to store a number with magnitude larger than supported range"
	msgUnderflow     = "Number underflow. Attempting to store a number with magnitude smaller than supported range"
)

// number is a parsed, finite decimal: ±0.d1d2…dn × 10^exp, where digits
// holds d1…dn as ASCII with neither leading nor trailing zeros. Zero has no
// digits (and is never negative).
type number struct {
	neg    bool
	digits string
	exp    int
}

// isZero reports whether n is zero.
func (n number) isZero() bool { return n.digits == "" }

// sciExp returns the exponent of n in scientific notation (d1.d2… × 10^e).
func (n number) sciExp() int { return n.exp - 1 }

// CanonicalNumber validates s as a DynamoDB number and returns it in the
// form DynamoDB returns numbers: plain notation without exponent, without
// leading zeros, without trailing fractional zeros and without a plus sign;
// negative zero is "0". For example "1.50" → "1.5", "1E2" → "100",
// "-0" → "0", "0.000" → "0", "+.5" → "0.5". Sources: the
// nubo-db/dynamodb-conformance suite, run against DynamoDB ("00042" → "42",
// "3.1400" → "3.14", "1.5E2" → "150", "-0" → "0"), and boto3 issue #2500
// (1e100 is read back as 101 digits). DynamoDB Local instead returns
// numbers as they were sent; that is a known deviation of DynamoDB Local.
//
// Accepted syntax (as DynamoDB, which behaves like Java's BigDecimal):
// an optional sign, digits with at most one decimal point and at least one
// digit ("5", "5.", ".5"), then optionally 'e' or 'E', an optional sign and
// at least one digit. No whitespace, no "NaN" or "Infinity", no hex.
//
// Errors are *ValidationError with DynamoDB's messages, checked in this
// order: syntax, more than 38 significant digits, overflow, underflow.
func CanonicalNumber(s string) (string, error) {
	n, err := parseNumber(s)
	if err != nil {
		return "", err
	}
	return n.String(), nil
}

// parseNumber parses and range-checks s.
func parseNumber(s string) (number, error) {
	n, ok := scanNumber(s)
	if !ok {
		if s == "" {
			return number{}, validationError(msgNotNumeric)
		}
		return number{}, validationError(msgNotNumeric + ": " + s)
	}
	return n, n.check(false)
}

// check reports whether n can be stored. DynamoDB reports numbers that
// result from arithmetic and cannot be stored with the overflow message,
// whatever the reason (more digits or a magnitude too small included):
// Scylla's Alternator tests note this for 1e50 + 1, and the Floci emulator
// for all cases. The underflow case is not independently confirmed.
func (n number) check(arithmetic bool) error {
	var msg string
	switch {
	case n.isZero():
		return nil
	case len(n.digits) > MaxNumberDigits:
		msg = msgTooManyDigits
	case n.sciExp() > MaxNumberExponent:
		msg = msgOverflow
	case n.sciExp() < MinNumberExponent:
		msg = msgUnderflow
	default:
		return nil
	}
	if arithmetic {
		msg = msgOverflow
	}
	return validationError(msg)
}

// scanNumber parses the syntax of s without range checks. It returns false
// for text that is not a number, including exponents that Java's
// BigDecimal cannot represent (beyond 32 bits), which DynamoDB then reports
// as not numeric. (That last detail is inferred, not observed.)
func scanNumber(s string) (number, bool) {
	var n number
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		n.neg = s[i] == '-'
		i++
	}
	intStart := i
	i = skipDigits(s, i)
	intPart := s[intStart:i]
	var fracPart string
	if i < len(s) && s[i] == '.' {
		fracStart := i + 1
		i = skipDigits(s, fracStart)
		fracPart = s[fracStart:i]
	}
	if intPart == "" && fracPart == "" {
		return number{}, false
	}
	exp := int64(0)
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		e, next, ok := scanExponent(s, i+1)
		if !ok {
			return number{}, false
		}
		exp, i = e, next
	}
	if i != len(s) || !scaleFits(int64(len(fracPart))-exp) {
		return number{}, false
	}
	n.setDigits(intPart, fracPart, exp)
	return n, true
}

// setDigits fills n from the integer and fraction digits and exponent.
func (n *number) setDigits(intPart, fracPart string, exp int64) {
	all := intPart + fracPart
	lead := len(all) - len(strings.TrimLeft(all, "0"))
	all = strings.TrimRight(all[lead:], "0")
	if all == "" {
		*n = number{}
		return
	}
	n.digits = all
	n.exp = int(int64(len(intPart)-lead) + exp)
}

// scanExponent parses an exponent (optional sign, at least one digit)
// starting at s[i]. Like BigDecimal, it refuses exponents outside int32.
func scanExponent(s string, i int) (int64, int, bool) {
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	end := skipDigits(s, i)
	if end == i {
		return 0, end, false
	}
	digits := strings.TrimLeft(s[i:end], "0")
	if len(digits) > 10 {
		return 0, end, false
	}
	e, _ := strconv.ParseInt("0"+digits, 10, 64)
	if neg {
		e = -e
	}
	return e, end, e >= -1<<31 && e <= 1<<31-1
}

// scaleFits reports whether a BigDecimal scale fits in 32 bits.
func scaleFits(scale int64) bool { return scale >= -1<<31 && scale <= 1<<31-1 }

// skipDigits returns the index of the first non-digit at or after i.
func skipDigits(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// String formats n in DynamoDB's canonical plain notation.
func (n number) String() string {
	if n.isZero() {
		return "0"
	}
	return string(n.appendText(make([]byte, 0, n.textLen())))
}

// textLen returns the length of n's canonical text.
func (n number) textLen() int {
	if n.isZero() {
		return 1
	}
	l := len(n.digits)
	switch {
	case n.exp <= 0:
		l += 2 - n.exp
	case n.exp >= len(n.digits):
		l = n.exp
	default:
		l++
	}
	if n.neg {
		l++
	}
	return l
}

// appendText appends n's canonical text to dst.
func (n number) appendText(dst []byte) []byte {
	if n.isZero() {
		return append(dst, '0')
	}
	if n.neg {
		dst = append(dst, '-')
	}
	switch {
	case n.exp <= 0:
		dst = append(dst, "0."...)
		dst = appendZeros(dst, -n.exp)
		return append(dst, n.digits...)
	case n.exp >= len(n.digits):
		dst = append(dst, n.digits...)
		return appendZeros(dst, n.exp-len(n.digits))
	default:
		dst = append(dst, n.digits[:n.exp]...)
		dst = append(dst, '.')
		return append(dst, n.digits[n.exp:]...)
	}
}

// appendZeros appends k '0' characters to dst.
func appendZeros(dst []byte, k int) []byte {
	for ; k > 0; k-- {
		dst = append(dst, '0')
	}
	return dst
}

// compare returns -1, 0 or +1 as n is less than, equal to or greater than m.
func (n number) compare(m number) int {
	if c := n.sign() - m.sign(); c != 0 {
		return clampSign(c)
	}
	c := n.compareAbs(m)
	if n.neg {
		return -c
	}
	return c
}

// sign returns -1, 0 or +1.
func (n number) sign() int {
	switch {
	case n.isZero():
		return 0
	case n.neg:
		return -1
	}
	return 1
}

// compareAbs compares the magnitudes of two non-zero numbers.
func (n number) compareAbs(m number) int {
	if n.isZero() || m.isZero() {
		return clampSign(len(n.digits) - len(m.digits))
	}
	if n.exp != m.exp {
		return clampSign(n.exp - m.exp)
	}
	return strings.Compare(n.digits, m.digits)
}

// clampSign maps an integer to -1, 0 or +1.
func clampSign(c int) int {
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

// CompareNumbers compares two DynamoDB numbers numerically and returns -1,
// 0 or +1. Both must be valid number text (see CanonicalNumber); the error
// is the first one's parse error otherwise.
func CompareNumbers(a, b string) (int, error) {
	x, err := parseNumber(a)
	if err != nil {
		return 0, err
	}
	y, err := parseNumber(b)
	if err != nil {
		return 0, err
	}
	return x.compare(y), nil
}

// AddNumbers returns a + b in canonical form, as UpdateExpression's "+" and
// the ADD action compute it: exactly, failing with the overflow
// *ValidationError when the result cannot be stored (see number.check).
func AddNumbers(a, b string) (string, error) {
	return arith(a, b, false)
}

// SubtractNumbers returns a - b in canonical form, like AddNumbers.
func SubtractNumbers(a, b string) (string, error) {
	return arith(a, b, true)
}

// arith adds or subtracts two number texts exactly.
func arith(a, b string, sub bool) (string, error) {
	x, err := parseNumber(a)
	if err != nil {
		return "", err
	}
	y, err := parseNumber(b)
	if err != nil {
		return "", err
	}
	var d apd.Decimal
	op := apd.BaseContext.Add
	if sub {
		op = apd.BaseContext.Sub
	}
	// BaseContext has precision 0: the operation is exact. Operands are in
	// range, so the result has at most about 300 digits.
	if _, err := op(&d, x.decimal(), y.decimal()); err != nil {
		return "", validationError(msgOverflow)
	}
	r := fromDecimal(&d)
	if err := r.check(true); err != nil {
		return "", err
	}
	return r.String(), nil
}

// decimal converts n to an apd.Decimal.
func (n number) decimal() *apd.Decimal {
	d := new(apd.Decimal)
	if n.isZero() {
		return d
	}
	d.Coeff.SetString(n.digits, 10)
	d.Exponent = int32(n.exp - len(n.digits))
	d.Negative = n.neg
	return d
}

// fromDecimal converts a finite apd.Decimal to a number.
func fromDecimal(d *apd.Decimal) number {
	coeff := d.Coeff.Text(10)
	var n number
	n.setDigits(coeff, "", int64(d.Exponent))
	n.neg = d.Negative && !n.isZero()
	return n
}
