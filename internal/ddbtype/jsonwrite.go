package ddbtype

import (
	"encoding/base64"
	"slices"
	"unicode/utf8"
)

// AppendJSON appends v in DynamoDB's JSON wire format, e.g. {"S":"x"}, to
// dst. Map members are sorted by name; sets and lists keep their order.
// Strings are escaped minimally (quote, backslash, control characters);
// invalid UTF-8 becomes U+FFFD. The zero Value is written as {}.
func (v Value) AppendJSON(dst []byte) []byte {
	name := v.Type.String()
	if name == "" {
		return append(dst, "{}"...)
	}
	dst = append(dst, `{"`...)
	dst = append(dst, name...)
	dst = append(dst, `":`...)
	return append(v.appendPayload(dst), '}')
}

// appendPayload appends the JSON of v's value.
func (v Value) appendPayload(dst []byte) []byte {
	switch v.Type {
	case TypeS, TypeN:
		return appendJSONString(dst, v.S)
	case TypeB:
		return appendBase64(dst, v.B)
	case TypeBOOL:
		return strconvAppendBool(dst, v.Bool)
	case TypeNULL:
		return append(dst, "true"...)
	case TypeL:
		return appendJSONList(dst, v.L)
	case TypeM:
		return appendJSONMap(dst, v.M)
	case TypeSS, TypeNS:
		return appendJSONArray(dst, v.SS, appendJSONString[string])
	}
	return appendJSONArray(dst, v.BS, appendBase64)
}

// AppendJSON appends the item as a JSON object of attribute values, sorted
// by name, to dst.
func (it Item) AppendJSON(dst []byte) []byte {
	return appendJSONMap(dst, it)
}

// MarshalJSON implements json.Marshaler with AppendJSON.
func (v Value) MarshalJSON() ([]byte, error) {
	return v.AppendJSON(nil), nil
}

// MarshalJSON implements json.Marshaler with AppendJSON. A nil item is
// written as {}.
func (it Item) MarshalJSON() ([]byte, error) {
	return it.AppendJSON(nil), nil
}

// String returns v in DynamoDB's JSON wire format.
func (v Value) String() string {
	return string(v.AppendJSON(nil))
}

// strconvAppendBool appends true or false.
func strconvAppendBool(dst []byte, b bool) []byte {
	if b {
		return append(dst, "true"...)
	}
	return append(dst, "false"...)
}

// appendBase64 appends b as a quoted base64 string.
func appendBase64(dst []byte, b []byte) []byte {
	dst = append(dst, '"')
	dst = base64.StdEncoding.AppendEncode(dst, b)
	return append(dst, '"')
}

// appendJSONArray appends a JSON array of elements.
func appendJSONArray[E any](dst []byte, s []E, elem func([]byte, E) []byte) []byte {
	dst = append(dst, '[')
	for i, e := range s {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = elem(dst, e)
	}
	return append(dst, ']')
}

// appendJSONList appends the values of a list.
func appendJSONList(dst []byte, l []Value) []byte {
	return appendJSONArray(dst, l, func(dst []byte, v Value) []byte { return v.AppendJSON(dst) })
}

// appendJSONMap appends a map of values as an object sorted by name.
func appendJSONMap(dst []byte, m map[string]Value) []byte {
	var buf [16]string
	names := buf[:0]
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	dst = append(dst, '{')
	for i, name := range names {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, name)
		dst = append(dst, ':')
		dst = m[name].AppendJSON(dst)
	}
	return append(dst, '}')
}

// hexDigits are the digits of \u00XX escapes.
const hexDigits = "0123456789abcdef"

// AppendJSONString appends s as a JSON string, escaped as DynamoDB's own
// responses escape it: quotes, backslashes and control characters (with
// the short forms \n, \r, \t, \b and \f), and invalid UTF-8 as U+FFFD.
func AppendJSONString(dst []byte, s string) []byte { return appendJSONString(dst, s) }

// appendJSONString appends s as a JSON string.
func appendJSONString[T string | []byte](dst []byte, s T) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= ' ' && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = appendEscape(append(dst, s[start:i]...), c)
			i++
			start = i
			continue
		}
		r, size := decodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(append(dst, s[start:i]...), `\ufffd`...)
			start = i + size
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// decodeRune decodes the first UTF-8 sequence of s.
func decodeRune[T string | []byte](s T) (rune, int) {
	if b, ok := any(s).([]byte); ok {
		return utf8.DecodeRune(b)
	}
	return utf8.DecodeRuneInString(string(s))
}

// appendEscape appends the escape sequence for an ASCII byte.
func appendEscape(dst []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(dst, '\\', c)
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}
