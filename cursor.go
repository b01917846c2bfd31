package db

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash"
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Page is one page of a listing, from QueryPage or ScanPage; T is Item, or
// the type of a Typed view.
type Page[T any] struct {
	// Items are the page's items.
	Items []T
	// Next resumes the listing after this page, given to After; it is
	// empty when the listing has ended. A page that ends exactly where the
	// listing does may still have a Next, as DynamoDB cannot tell without
	// reading on: the page after it is then empty. It is URL-safe and
	// opaque: see WithCursorSecret for what it hides and what it guards
	// against.
	Next string
}

// A cursor is the key that a listing resumes after, sealed with AES-GCM:
// version byte, random nonce, then the encrypted key and its tag. The
// listing's fingerprint is the sealed data's associated data, so that a
// cursor opens only in the listing that made it, and the AES key is derived
// from the table's name and cursor secret, so that it opens only in that
// table.
const cursorVersion = 1

var errBadCursor = errors.New("the cursor is damaged, or was made by another listing or table")

// newCursorAEAD derives the AEAD that seals a table's cursors.
func newCursorAEAD(table string, secret []byte) cipher.AEAD {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte("dokklib-db cursor key\x00"))
	mac.Write([]byte(table))
	block, err := aes.NewCipher(mac.Sum(nil))
	if err != nil {
		panic(err) // a SHA-256 sum is always a valid AES-256 key
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return aead
}

// encodeCursor makes the cursor of a listing's position; "" when ended.
func (t *Table) encodeCursor(listing []byte, last map[string]types.AttributeValue) (string, error) {
	if len(last) == 0 {
		return "", nil
	}
	plain, err := appendKey(nil, last)
	if err != nil {
		return "", err
	}
	out := make([]byte, 1+t.cursor.NonceSize(), 1+t.cursor.NonceSize()+len(plain)+t.cursor.Overhead())
	out[0] = cursorVersion
	if _, err := rand.Read(out[1:]); err != nil {
		return "", err
	}
	out = t.cursor.Seal(out, out[1:], plain, listing)
	return base64.RawURLEncoding.EncodeToString(out), nil
}

// decodeCursor checks a cursor of the listing and returns the key it
// resumes after; nil for no cursor.
func (t *Table) decodeCursor(listing []byte, s string) (map[string]types.AttributeValue, error) {
	if s == "" {
		return nil, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	n := t.cursor.NonceSize()
	if err != nil || len(raw) < 1+n || raw[0] != cursorVersion {
		return nil, asInvalid(errBadCursor)
	}
	plain, err := t.cursor.Open(nil, raw[1:1+n], raw[1+n:], listing)
	if err != nil {
		return nil, asInvalid(errBadCursor)
	}
	key, err := readKey(plain)
	if err != nil {
		return nil, asInvalid(errBadCursor)
	}
	return key, nil
}

// appendKey encodes key attributes, in name order: for each, the name's
// length and the name, the type, the value's length and the value.
func appendKey(b []byte, key map[string]types.AttributeValue) ([]byte, error) {
	for _, name := range slices.Sorted(maps.Keys(key)) {
		typ, value, ok := scalar(key[name])
		if !ok {
			return nil, invalid("key attribute %q is of type %s, not S, N or B", name, typeOf(key[name]))
		}
		b = binary.AppendUvarint(b, uint64(len(name)))
		b = append(b, name...)
		b = append(b, typ[0])
		b = binary.AppendUvarint(b, uint64(len(value)))
		b = append(b, value...)
	}
	return b, nil
}

// readKey decodes what appendKey encoded.
func readKey(b []byte) (map[string]types.AttributeValue, error) {
	key := map[string]types.AttributeValue{}
	for len(b) > 0 {
		var name, value []byte
		var ok bool
		if name, b, ok = readBytes(b); !ok || len(b) == 0 {
			return nil, errBadCursor
		}
		typ := Type(b[:1])
		if value, b, ok = readBytes(b[1:]); !ok || (typ != TypeString && typ != TypeNumber && typ != TypeBinary) {
			return nil, errBadCursor
		}
		key[string(name)] = attributeOf(typ, string(value))
	}
	if len(key) == 0 {
		return nil, errBadCursor
	}
	return key, nil
}

// readBytes reads a length and that many bytes.
func readBytes(b []byte) (v, rest []byte, ok bool) {
	n, size := binary.Uvarint(b)
	if size <= 0 || n > uint64(len(b)-size) {
		return nil, nil, false
	}
	b = b[size:]
	return b[:n], b[n:], true
}

// scalar returns the type and value of an S, N or B attribute value.
func scalar(av types.AttributeValue) (Type, string, bool) {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return TypeString, v.Value, true
	case *types.AttributeValueMemberN:
		return TypeNumber, v.Value, true
	case *types.AttributeValueMemberB:
		return TypeBinary, string(v.Value), true
	}
	return "", "", false
}

// queryID is the fingerprint of a query: what selects its items and what
// it returns of them, but not its page size.
func queryID(in *dynamodb.QueryInput) []byte {
	var f fingerprint
	f.start("query", in.TableName, in.IndexName)
	f.strings(in.KeyConditionExpression, in.FilterExpression, in.ProjectionExpression)
	f.bool(in.ScanIndexForward == nil || *in.ScanIndexForward)
	return f.sum(in.ExpressionAttributeNames, in.ExpressionAttributeValues)
}

// scanID is the fingerprint of a scan, as queryID is of a query.
func scanID(in *dynamodb.ScanInput) []byte {
	var f fingerprint
	f.start("scan", in.TableName, in.IndexName)
	f.strings(in.FilterExpression, in.ProjectionExpression)
	return f.sum(in.ExpressionAttributeNames, in.ExpressionAttributeValues)
}

// fingerprint hashes the parts of a request unambiguously: every string
// and value is written with its length.
type fingerprint struct{ h hash.Hash }

func (f *fingerprint) start(kind string, table, index *string) {
	f.h = sha256.New()
	f.str(kind)
	f.strings(table, index)
}

func (f *fingerprint) str(s string) {
	f.h.Write(binary.AppendUvarint(nil, uint64(len(s))))
	f.h.Write([]byte(s))
}

// strings writes optional strings, telling nil from empty.
func (f *fingerprint) strings(ss ...*string) {
	for _, s := range ss {
		f.bool(s != nil)
		f.str(deref(s))
	}
}

func (f *fingerprint) bool(b bool) {
	if b {
		f.h.Write([]byte{1})
	} else {
		f.h.Write([]byte{0})
	}
}

func (f *fingerprint) sum(names map[string]string, values map[string]types.AttributeValue) []byte {
	for _, p := range slices.Sorted(maps.Keys(names)) {
		f.str(p)
		f.str(names[p])
	}
	for _, p := range slices.Sorted(maps.Keys(values)) {
		f.str(p)
		f.value(values[p])
	}
	return f.h.Sum(nil)
}

// value writes an attribute value: its type, then its content.
func (f *fingerprint) value(av types.AttributeValue) {
	f.str(typeOf(av))
	switch v := av.(type) {
	case *types.AttributeValueMemberL:
		f.count(len(v.Value))
		for _, e := range v.Value {
			f.value(e)
		}
	case *types.AttributeValueMemberM:
		f.count(len(v.Value))
		for _, k := range slices.Sorted(maps.Keys(v.Value)) {
			f.str(k)
			f.value(v.Value[k])
		}
	case *types.AttributeValueMemberSS:
		f.list(v.Value)
	case *types.AttributeValueMemberNS:
		f.list(v.Value)
	case *types.AttributeValueMemberBS:
		f.count(len(v.Value))
		for _, b := range v.Value {
			f.str(string(b))
		}
	case *types.AttributeValueMemberBOOL:
		f.bool(v.Value)
	default:
		_, s, _ := scalar(av)
		f.str(s)
	}
}

func (f *fingerprint) count(n int) { f.h.Write(binary.AppendUvarint(nil, uint64(n))) }

func (f *fingerprint) list(ss []string) {
	f.count(len(ss))
	for _, s := range ss {
		f.str(s)
	}
}
