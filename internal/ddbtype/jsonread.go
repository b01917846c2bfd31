package ddbtype

import (
	"fmt"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// jsonKind is the kind of the JSON value at the reader's position.
type jsonKind uint8

const (
	jsonInvalid jsonKind = iota
	jsonNull
	jsonBool
	jsonInt     // a number without fraction or exponent (Jackson's VALUE_NUMBER_INT)
	jsonDecimal // a number with fraction or exponent (VALUE_NUMBER_FLOAT)
	jsonString
	jsonArray
	jsonObject
)

// maxJSONDepth bounds the nesting of JSON arrays and objects, which keeps
// recursion bounded on hostile input. Each DynamoDB nesting level takes
// two JSON levels, so this is far beyond MaxNestingDepth.
const maxJSONDepth = 1000

// jsonReader is a small JSON tokenizer over a byte slice. Its methods
// return *SerializationError for malformed JSON. Strings are decoded as
// encoding/json decodes them (invalid UTF-8 and lone surrogates become
// U+FFFD).
type jsonReader struct {
	data   []byte
	pos    int
	depth  int
	shared bool // strings share data's bytes, or those decoded for them
}

// syntaxError returns the error for malformed JSON at the current position.
// DynamoDB's wording for malformed JSON is not known; this one is ours.
func (r *jsonReader) syntaxError() error {
	if r.pos >= len(r.data) {
		return serializationError("Unexpected end of JSON input")
	}
	return serializationError(fmt.Sprintf("Invalid JSON: unexpected character %q at offset %d", r.data[r.pos], r.pos))
}

// skipSpace skips JSON whitespace.
func (r *jsonReader) skipSpace() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// kind skips whitespace and returns the kind of the next value. For numbers
// it scans ahead to tell integers from decimals.
func (r *jsonReader) kind() jsonKind {
	r.skipSpace()
	if r.pos >= len(r.data) {
		return jsonInvalid
	}
	switch c := r.data[r.pos]; {
	case c == 'n':
		return jsonNull
	case c == 't' || c == 'f':
		return jsonBool
	case c == '"':
		return jsonString
	case c == '[':
		return jsonArray
	case c == '{':
		return jsonObject
	case c == '-' || (c >= '0' && c <= '9'):
		return r.numberKind()
	}
	return jsonInvalid
}

// numberKind tells an integer from a decimal without consuming it.
func (r *jsonReader) numberKind() jsonKind {
	for i := r.pos; i < len(r.data); i++ {
		switch r.data[i] {
		case '.', 'e', 'E':
			return jsonDecimal
		case '-', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		default:
			return jsonInt
		}
	}
	return jsonInt
}

// end checks that only whitespace remains.
func (r *jsonReader) end() error {
	r.skipSpace()
	if r.pos != len(r.data) {
		return r.syntaxError()
	}
	return nil
}

// literal consumes the literal word (true, false or null).
func (r *jsonReader) literal(word string) error {
	if len(r.data)-r.pos < len(word) || string(r.data[r.pos:r.pos+len(word)]) != word {
		return r.syntaxError()
	}
	r.pos += len(word)
	return nil
}

// readBool consumes true or false.
func (r *jsonReader) readBool() (bool, error) {
	if r.data[r.pos] == 't' {
		return true, r.literal("true")
	}
	return false, r.literal("false")
}

// readNumber consumes a JSON number.
func (r *jsonReader) readNumber() error {
	i := r.pos
	if i < len(r.data) && r.data[i] == '-' {
		i++
	}
	switch {
	case i < len(r.data) && r.data[i] == '0':
		i++
	case i < len(r.data) && r.data[i] >= '1' && r.data[i] <= '9':
		i = skipDigitBytes(r.data, i)
	default:
		r.pos = i
		return r.syntaxError()
	}
	if i < len(r.data) && r.data[i] == '.' {
		if i = skipDigitBytes(r.data, i+1); r.data[i-1] == '.' {
			r.pos = i
			return r.syntaxError()
		}
	}
	if i < len(r.data) && (r.data[i] == 'e' || r.data[i] == 'E') {
		i++
		if i < len(r.data) && (r.data[i] == '+' || r.data[i] == '-') {
			i++
		}
		start := i
		if i = skipDigitBytes(r.data, i); i == start {
			r.pos = i
			return r.syntaxError()
		}
	}
	r.pos = i
	return nil
}

// skipDigitBytes returns the index of the first non-digit at or after i.
func skipDigitBytes(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}

// readString consumes a JSON string and returns its value.
func (r *jsonReader) readString() (string, error) {
	b, err := r.readStringBytes()
	return r.str(b), err
}

// str returns a string read by readStringBytes: in a shared reader, one
// that shares its bytes, which nothing writes (data's, or a buffer of
// their own decoded for them), else a copy.
func (r *jsonReader) str(b []byte) string {
	if r.shared {
		return unsafe.String(unsafe.SliceData(b), len(b))
	}
	return string(b)
}

// readStringBytes consumes a JSON string and returns its value, possibly
// aliasing the input.
func (r *jsonReader) readStringBytes() ([]byte, error) {
	if r.pos >= len(r.data) || r.data[r.pos] != '"' {
		return nil, r.syntaxError()
	}
	start := r.pos + 1
	i := start
	for i < len(r.data) {
		c := r.data[i]
		if c == '"' {
			r.pos = i + 1
			return r.data[start:i], nil
		}
		if c == '\\' || c < ' ' || c >= utf8.RuneSelf {
			break
		}
		i++
	}
	return r.readStringSlow(start, i)
}

// readStringSlow decodes a string with escapes or non-ASCII bytes.
func (r *jsonReader) readStringSlow(start, i int) ([]byte, error) {
	out := append(make([]byte, 0, i-start+16), r.data[start:i]...)
	for i < len(r.data) {
		c := r.data[i]
		switch {
		case c == '"':
			r.pos = i + 1
			return out, nil
		case c == '\\':
			var err error
			if out, i, err = r.unescape(out, i); err != nil {
				return nil, err
			}
		case c < ' ':
			r.pos = i
			return nil, r.syntaxError()
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			rr, size := utf8.DecodeRune(r.data[i:])
			out = utf8.AppendRune(out, rr)
			i += size
		}
	}
	r.pos = i
	return nil, r.syntaxError()
}

// escapes maps the single-character escapes to their bytes.
var escapes = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// unescape decodes the escape sequence at data[i] ('\\') and appends it.
func (r *jsonReader) unescape(out []byte, i int) ([]byte, int, error) {
	if i+1 >= len(r.data) {
		r.pos = len(r.data)
		return nil, i, r.syntaxError()
	}
	if c := escapes[r.data[i+1]]; c != 0 {
		return append(out, c), i + 2, nil
	}
	rr := hex4(r.data, i)
	if rr < 0 {
		r.pos = i + 1
		return nil, i, r.syntaxError()
	}
	i += 6
	if utf16.IsSurrogate(rr) {
		if dec := utf16.DecodeRune(rr, hex4(r.data, i)); dec != unicode.ReplacementChar {
			return utf8.AppendRune(out, dec), i + 6, nil
		}
		rr = unicode.ReplacementChar
	}
	return utf8.AppendRune(out, rr), i, nil
}

// hex4 decodes the \uXXXX escape at b[i], or returns -1.
func hex4(b []byte, i int) rune {
	if len(b)-i < 6 || b[i] != '\\' || b[i+1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range b[i+2 : i+6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// enter records one more level of nesting.
func (r *jsonReader) enter() error {
	r.depth++
	if r.depth > maxJSONDepth {
		// Not DynamoDB's wording, which is unknown for this case.
		return serializationError("JSON nesting too deep")
	}
	return nil
}

// readObject consumes an object, calling member for each member with the
// reader positioned at the member's value.
func (r *jsonReader) readObject(member func(name []byte) error) error {
	return r.readList('}', func() error { return r.readMember(member) })
}

// readMember reads "name": and calls member.
func (r *jsonReader) readMember(member func(name []byte) error) error {
	r.skipSpace()
	name, err := r.readStringBytes()
	if err != nil {
		return err
	}
	r.skipSpace()
	if r.pos >= len(r.data) || r.data[r.pos] != ':' {
		return r.syntaxError()
	}
	r.pos++
	return member(name)
}

// readArray consumes an array, calling elem with the reader positioned at
// each element.
func (r *jsonReader) readArray(elem func() error) error {
	return r.readList(']', elem)
}

// readList consumes an object or an array, whose opening bracket is at the
// reader's position: each is called for every comma-separated entry, until
// the closing bracket end.
func (r *jsonReader) readList(end byte, each func() error) error {
	if err := r.enter(); err != nil {
		return err
	}
	r.pos++ // the opening bracket
	if r.kind(); r.pos < len(r.data) && r.data[r.pos] == end {
		r.pos++
		r.depth--
		return nil
	}
	for {
		if err := each(); err != nil {
			return err
		}
		r.skipSpace()
		if r.pos >= len(r.data) {
			return r.syntaxError()
		}
		switch r.data[r.pos] {
		case ',':
			r.pos++
		case end:
			r.pos++
			r.depth--
			return nil
		default:
			return r.syntaxError()
		}
	}
}

// skipValue consumes any JSON value.
func (r *jsonReader) skipValue() error {
	switch r.kind() {
	case jsonNull:
		return r.literal("null")
	case jsonBool:
		_, err := r.readBool()
		return err
	case jsonInt, jsonDecimal:
		return r.readNumber()
	case jsonString:
		_, err := r.readStringBytes()
		return err
	case jsonArray:
		return r.readArray(r.skipValue)
	case jsonObject:
		return r.readObject(func([]byte) error { return r.skipValue() })
	}
	return r.syntaxError()
}
