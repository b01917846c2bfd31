package ddbtype

import (
	"bytes"
	"errors"
	"fmt"
	"unsafe"
)

// Key encoding.
//
// AppendKey encodes S, N and B values so that bytes.Compare of two
// encodings of the same type agrees with Compare. Encodings are
// self-delimiting and none is a prefix of another, so a partition key's
// encoding followed by a sort key's compares component by component.
//
// S and B: the bytes, with 0x00 escaped as 0x00 0xFF, then 0x00 0x01.
//
// N: one tag byte: 0x01 negative, 0x02 zero, 0x03 positive. A non-zero
// number d1.d2…dn × 10^e (38 digits at most, -130 ≤ e ≤ 125) continues
// with e+130 (0…255) and the digits in pairs, padded with a zero digit to
// an even count, each pair p as p+1 (1…100), then a 0x00 terminator. For
// negative numbers the exponent byte is 255-(e+130), each pair 100-p and
// the terminator 0xFF, which reverses their order.
const (
	keyNeg  = 0x01
	keyZero = 0x02
	keyPos  = 0x03

	keyEscape = 0xFF // after 0x00: a literal 0x00 byte
	keyEnd    = 0x01 // after 0x00: end of a string or binary
)

// errKey reports a malformed key encoding.
var errKey = errors.New("ddbtype: malformed key encoding")

// AppendKey appends the order-preserving encoding of a key value (S, N or
// B) to dst. It fails for other types and for numbers DynamoDB cannot
// store.
func AppendKey(dst []byte, v Value) ([]byte, error) {
	switch v.Type {
	case TypeS:
		return appendKeyBytes(dst, v.S), nil
	case TypeB:
		return appendKeyBytes(dst, v.B), nil
	case TypeN:
		n, err := parseNumber(v.S)
		if err != nil {
			return dst, err
		}
		return n.appendKey(dst), nil
	}
	return dst, fmt.Errorf("ddbtype: %q is not a key type", v.Type.String())
}

// appendKeyBytes appends an escaped and terminated string or binary.
func appendKeyBytes[T string | []byte](dst []byte, s T) []byte {
	for i := 0; i < len(s); i++ {
		dst = append(dst, s[i])
		if s[i] == 0 {
			dst = append(dst, keyEscape)
		}
	}
	return append(dst, 0, keyEnd)
}

// appendKey appends n's key encoding.
func (n number) appendKey(dst []byte) []byte {
	if n.isZero() {
		return append(dst, keyZero)
	}
	exp := byte(n.sciExp() - MinNumberExponent)
	tag, end := byte(keyPos), byte(0x00)
	if n.neg {
		tag, end, exp = keyNeg, 0xFF, 255-exp
	}
	dst = append(dst, tag, exp)
	for i := 0; i < len(n.digits); i += 2 {
		p := 10 * (n.digits[i] - '0')
		if i+1 < len(n.digits) {
			p += n.digits[i+1] - '0'
		}
		if n.neg {
			dst = append(dst, 100-p)
		} else {
			dst = append(dst, p+1)
		}
	}
	return append(dst, end)
}

// DecodeKey decodes a key value of type t (S, N or B) from the start of b,
// as encoded by AppendKey. It returns the value and the number of bytes
// read. Numbers come back in canonical form.
func DecodeKey(t Type, b []byte) (Value, int, error) {
	switch t {
	case TypeS:
		s, n, err := decodeKeyBytes(b)
		return Value{Type: TypeS, S: string(s)}, n, err
	case TypeB:
		s, n, err := decodeKeyBytes(b)
		if err != nil {
			return Value{Type: TypeB}, n, err
		}
		return Value{Type: TypeB, B: bytes.Clone(s)}, n, nil
	case TypeN:
		num, n, err := decodeKeyNumber(b)
		if err != nil {
			return Value{}, 0, err
		}
		return Value{Type: TypeN, S: num.String()}, n, nil
	}
	return Value{}, 0, fmt.Errorf("ddbtype: %q is not a key type", t.String())
}

// DecodeKeyShared is DecodeKey for a value that is only read, and dropped,
// while b is unchanged: an S or B value may share b's bytes rather than
// copy them.
func DecodeKeyShared(t Type, b []byte) (Value, int, error) {
	if t != TypeS && t != TypeB {
		return DecodeKey(t, b)
	}
	s, n, err := decodeKeyBytes(b)
	switch {
	case err != nil:
		return Value{Type: t}, n, err
	case t == TypeB:
		return Value{Type: TypeB, B: s}, n, nil
	}
	return Value{Type: TypeS, S: unsafe.String(unsafe.SliceData(s), len(s))}, n, nil
}

// decodeKeyBytes decodes an escaped and terminated string or binary. The
// result may share b's bytes.
func decodeKeyBytes(b []byte) ([]byte, int, error) {
	if i := bytes.IndexByte(b, 0); i >= 0 && i+1 < len(b) && b[i+1] == keyEnd {
		return b[:i:i], i + 2, nil // nothing escaped
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != 0 {
			out = append(out, b[i])
			continue
		}
		if i+1 >= len(b) {
			return nil, 0, errKey
		}
		i++
		switch b[i] {
		case keyEnd:
			return out, i + 1, nil
		case keyEscape:
			out = append(out, 0)
		default:
			return nil, 0, errKey
		}
	}
	return nil, 0, errKey
}

// decodeKeyNumber decodes a number's key encoding.
func decodeKeyNumber(b []byte) (number, int, error) {
	if len(b) == 0 {
		return number{}, 0, errKey
	}
	switch b[0] {
	case keyZero:
		return number{}, 1, nil
	case keyPos, keyNeg:
		return decodeKeyNonZero(b)
	}
	return number{}, 0, errKey
}

// decodeKeyNonZero decodes a non-zero number's key encoding.
func decodeKeyNonZero(b []byte) (number, int, error) {
	n := number{neg: b[0] == keyNeg}
	if len(b) < 2 {
		return number{}, 0, errKey
	}
	exp, end := b[1], byte(0x00)
	if n.neg {
		exp, end = 255-exp, 0xFF
	}
	digits := make([]byte, 0, MaxNumberDigits+1)
	i := 2
	for ; i < len(b) && b[i] != end; i++ {
		p := b[i] - 1
		if n.neg {
			p = 100 - b[i]
		}
		if b[i] < 1 || b[i] > 100 || len(digits) >= MaxNumberDigits {
			return number{}, 0, errKey
		}
		digits = append(digits, '0'+p/10, '0'+p%10)
	}
	if i == len(b) {
		return number{}, 0, errKey
	}
	return n.setKeyDigits(digits, int(exp), i+1)
}

// setKeyDigits completes a decoded number, rejecting non-canonical digits.
func (n number) setKeyDigits(digits []byte, exp int, size int) (number, int, error) {
	if len(digits) > 0 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
	}
	if len(digits) == 0 || digits[0] == '0' || digits[len(digits)-1] == '0' {
		return number{}, 0, errKey
	}
	n.digits = string(digits)
	n.exp = exp + MinNumberExponent + 1
	return n, size, nil
}
