package db

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/dokklib/db/internal/ddbtype"
)

// The items of a Query, a Scan or a GetItem read as Items go from the
// response's JSON straight into Items: the SDK would decode them into
// attribute values first, which the library would then turn into Items,
// two passes that cost about a quarter of a 25-item Query's CPU in the
// client. A middleware between the SDK's deserializer and the transport
// reads the response, takes its "Items" (or "Item") member out and
// decodes it into Items, which it leaves in the operation's metadata; the
// SDK decodes the rest (Count, LastEvaluatedKey, ConsumedCapacity) as
// ever. Whatever the middleware does not decode exactly as the SDK and
// decodeItem would together (a malformed or unusual response, an error)
// it leaves to them: the SDK then sees the response as it came. The
// Items' strings share the bytes of the response's body, as the SDK's
// share a buffer of their own: a string kept keeps the body in memory.

// wireItemsKey is the metadata key of the Items the middleware read.
type wireItemsKey struct{}

// wireItemsID is the middleware's ID in the SDK's middleware stack.
const wireItemsID = "dokklib:WireItems"

// withWireItems is the option of a Query or a Scan that has the
// middleware read its response's items. Clients other than the SDK's
// ignore it, and their outputs hold the items as attribute values.
func withWireItems(o *dynamodb.Options) {
	o.APIOptions = append(o.APIOptions, wireItems{member: "Items"}.add)
}

// withWireItem is withWireItems for the one item of a GetItem.
func withWireItem(o *dynamodb.Options) {
	o.APIOptions = append(o.APIOptions, wireItems{member: "Item"}.add)
}

// add adds the middleware right after the SDK's deserializer, which it
// then runs before; a stack without one is left as it is.
func (m wireItems) add(stack *middleware.Stack) error {
	const deserializer = "OperationDeserializer"
	if _, ok := stack.Deserialize.Get(deserializer); !ok {
		return nil
	}
	return stack.Deserialize.Insert(m, deserializer, middleware.After)
}

// wireItemsOf returns the Items the middleware read from an SDK call's
// response, and whether it read them.
func wireItemsOf(md middleware.Metadata) ([]Item, bool) {
	items, ok := md.Get(wireItemsKey{}).([]Item)
	return items, ok
}

// wireItems is the middleware, which reads the member of the response
// that holds its items: "Items", an array of them, or "Item", one.
type wireItems struct{ member string }

// ID names the middleware in the stack.
func (wireItems) ID() string { return wireItemsID }

// HandleDeserialize reads a successful response's body and, when it can
// decode its items, hands the SDK the rest of it. The body given to the
// SDK closes the response's own, whose Close checks its CRC32.
func (m wireItems) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
	middleware.DeserializeOutput, middleware.Metadata, error) {
	out, md, err := next.HandleDeserialize(ctx, in)
	resp, ok := out.RawResponse.(*smithyhttp.Response)
	if err != nil || !ok || resp.StatusCode != http.StatusOK || resp.Body == nil {
		return out, md, err
	}
	body, readErr := readBody(resp)
	rest := io.Reader(bytes.NewReader(body))
	if readErr != nil {
		rest = io.MultiReader(rest, errorReader{readErr}) // the SDK's to report
	} else if trimmed, items, ok := splitItems(body, m.member); ok {
		md.Set(wireItemsKey{}, items)
		rest = bytes.NewReader(trimmed)
	}
	resp.Body = readCloser{Reader: rest, Closer: resp.Body}
	return out, md, nil
}

// readBody reads a response's body, into one buffer when its length is
// known.
func readBody(resp *smithyhttp.Response) ([]byte, error) {
	var b bytes.Buffer
	if n := resp.ContentLength; n > 0 && n < 1<<30 {
		b.Grow(int(n) + bytes.MinRead)
	}
	_, err := b.ReadFrom(resp.Body)
	return b.Bytes(), err
}

// readCloser reads from one source and closes another.
type readCloser struct {
	io.Reader
	io.Closer
}

// errorReader fails every read with its error.
type errorReader struct{ err error }

func (r errorReader) Read([]byte) (int, error) { return 0, r.err }

// errUnusual stops the reading of a response the SDK is left to decode.
var errUnusual = errors.New("db: response left to the SDK")

// splitItems decodes the member of a response body, a JSON object, that
// holds its items ("Items" or "Item"), and returns the body without it.
// ok is false when the body is not one the SDK and decodeItem would
// decode into the same Items.
func splitItems(body []byte, member string) (rest []byte, items []Item, ok bool) {
	r := ddbtype.NewJSONReaderShared(body) // the items' strings share body
	if r.Kind() != ddbtype.JSONObject {
		return nil, nil, false
	}
	rest = append(make([]byte, 0, 256), '{')
	found := false
	err := r.ReadObject(func(name []byte) error {
		if string(name) == member {
			if found {
				return errUnusual
			}
			found = true
			var err error
			items, err = readMember(r, member)
			return err
		}
		if !plainName(name) {
			return errUnusual
		}
		raw, err := r.Skip()
		if len(rest) > 1 {
			rest = append(rest, ',')
		}
		rest = append(append(append(append(rest, '"'), name...), '"', ':'), raw...)
		return err
	})
	if err != nil || r.End() != nil || !found {
		return nil, nil, false
	}
	return append(rest, '}'), items, true
}

// plainName reports whether a member's name is written in JSON as it is,
// between quotes: the names of DynamoDB's responses are.
func plainName(name []byte) bool {
	for _, c := range name {
		if c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			return false
		}
	}
	return true
}

// readMember reads the member that holds a response's items.
func readMember(r *ddbtype.JSONReader, member string) ([]Item, error) {
	if member == "Items" {
		return readItems(r)
	}
	it, err := readItem(r)
	return []Item{it}, err
}

// readItems reads an array of items.
func readItems(r *ddbtype.JSONReader) ([]Item, error) {
	if r.Kind() != ddbtype.JSONArray {
		return nil, errUnusual
	}
	items := []Item{}
	err := r.ReadArray(func() error {
		it, err := readItem(r)
		items = append(items, it)
		return err
	})
	return items, err
}

// readItem reads an item: an object of attribute values.
func readItem(r *ddbtype.JSONReader) (Item, error) {
	m, err := readMap(r)
	return Item(m), err
}

// readMap reads an object of attribute values, an item or a map's.
func readMap(r *ddbtype.JSONReader) (map[string]any, error) {
	if r.Kind() != ddbtype.JSONObject {
		return nil, errUnusual
	}
	m := map[string]any{}
	err := r.ReadObject(func(name []byte) error {
		v, err := readValue(r)
		m[r.Name(name)] = v
		return err
	})
	return m, err
}

// readValue reads an attribute value, an object of one member named
// after its type, into the Go value decodeValue makes of it.
func readValue(r *ddbtype.JSONReader) (any, error) {
	if r.Kind() != ddbtype.JSONObject {
		return nil, errUnusual
	}
	var v any
	members := 0
	err := r.ReadObject(func(name []byte) error {
		if members++; members > 1 {
			return errUnusual // the SDK keeps the last of several types
		}
		var err error
		v, err = readTyped(r, string(name))
		return err
	})
	if err == nil && members != 1 {
		err = errUnusual
	}
	return v, err
}

// readTyped reads the value of an attribute value's member named typ.
func readTyped(r *ddbtype.JSONReader, typ string) (any, error) {
	switch typ {
	case "S":
		return readString(r)
	case "N":
		return readNumber(r)
	case "B":
		return readBinary(r)
	case "BOOL":
		return readBool(r)
	case "NULL":
		_, err := readBool(r)
		return nil, err
	case "L":
		return readList(r, readValue)
	case "M":
		return readMap(r)
	}
	return readSet(r, typ)
}

// readSet reads the value of a set's member named typ.
func readSet(r *ddbtype.JSONReader, typ string) (any, error) {
	switch typ {
	case "SS":
		ss, err := readList(r, readString)
		return StringSet(ss), err
	case "NS":
		ns, err := readList(r, readNumber)
		return NumberSet(ns), err
	case "BS":
		bs, err := readList(r, readBinary)
		return BinarySet(bs), err
	}
	return nil, errUnusual
}

// readList reads an array of values that read reads; an empty one is
// empty, not nil, as the SDK's.
func readList[T any](r *ddbtype.JSONReader, read func(*ddbtype.JSONReader) (T, error)) ([]T, error) {
	l := []T{}
	err := readArray(r, func() error {
		v, err := read(r)
		l = append(l, v)
		return err
	})
	return l, err
}

// readArray reads an array, calling elem at each element.
func readArray(r *ddbtype.JSONReader, elem func() error) error {
	if r.Kind() != ddbtype.JSONArray {
		return errUnusual
	}
	return r.ReadArray(elem)
}

// readString reads a JSON string.
func readString(r *ddbtype.JSONReader) (string, error) {
	if r.Kind() != ddbtype.JSONString {
		return "", errUnusual
	}
	return r.ReadString()
}

// readNumber reads a number's string.
func readNumber(r *ddbtype.JSONReader) (Number, error) {
	s, err := readString(r)
	return Number(s), err
}

// readBinary reads a base64 string, as the SDK decodes a blob.
func readBinary(r *ddbtype.JSONReader) ([]byte, error) {
	s, err := readString(r)
	if err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(s)
}

// readBool reads true or false.
func readBool(r *ddbtype.JSONReader) (bool, error) {
	if r.Kind() != ddbtype.JSONBool {
		return false, errUnusual
	}
	return r.ReadBool()
}
