package db

import (
	"bytes"
	"context"
	"hash/crc32"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"
)

// cannedDoer answers every request with one response body, and the
// CRC32 header DynamoDB sends with it (crc, or the body's own when 0).
type cannedDoer struct {
	body []byte
	crc  uint32
}

func (d cannedDoer) Do(*http.Request) (*http.Response, error) {
	crc := d.crc
	if crc == 0 {
		crc = crc32.ChecksumIEEE(d.body)
	}
	h := http.Header{"Content-Type": {"application/x-amz-json-1.0"}, "X-Amz-Crc32": {strconv.FormatUint(uint64(crc), 10)}}
	return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(bytes.NewReader(d.body)), ContentLength: int64(len(d.body))}, nil
}

// cannedClient returns an SDK client whose responses are d's.
func cannedClient(d cannedDoer) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region: "us-east-1", BaseEndpoint: aws.String("http://127.0.0.1:1"), HTTPClient: d,
		Credentials:      aws.AnonymousCredentials{},
		RetryMaxAttempts: 1,
	})
}

// wireCall is an SDK call to a client: it returns the items of its
// output, as the SDK decoded them, and the rest of its output, with its
// metadata apart.
type wireCall func(c *dynamodb.Client, opts ...func(*dynamodb.Options)) ([]map[string]types.AttributeValue, any, middleware.Metadata, error)

// wireCalls are the calls whose items the library reads from JSON, each
// with the option that has it do so.
var wireCalls = []struct {
	name string
	call wireCall
	opt  func(*dynamodb.Options)
}{
	{"Query", func(c *dynamodb.Client, opts ...func(*dynamodb.Options)) ([]map[string]types.AttributeValue, any, middleware.Metadata, error) {
		out, err := c.Query(context.Background(), &dynamodb.QueryInput{TableName: aws.String("t")}, opts...)
		if err != nil {
			return nil, nil, middleware.Metadata{}, err
		}
		items, md := out.Items, out.ResultMetadata
		out.Items, out.ResultMetadata = nil, middleware.Metadata{}
		return items, out, md, nil
	}, withWireItems},
	{"GetItem", func(c *dynamodb.Client, opts ...func(*dynamodb.Options)) ([]map[string]types.AttributeValue, any, middleware.Metadata, error) {
		out, err := c.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String("t"), Key: wireKey}, opts...)
		if err != nil {
			return nil, nil, middleware.Metadata{}, err
		}
		var items []map[string]types.AttributeValue
		if out.Item != nil {
			items = append(items, out.Item)
		}
		md := out.ResultMetadata
		out.Item, out.ResultMetadata = nil, middleware.Metadata{}
		return items, out, md, nil
	}, withWireItem},
}

// checkWire checks, for each call answered with body, that the items
// read from its JSON are those the SDK and decodeItem make of it, and
// that the rest of the output is the SDK's.
func checkWire(t *testing.T, d cannedDoer) {
	t.Helper()
	c := cannedClient(d)
	for _, w := range wireCalls {
		sdkItems, sdkRest, _, sdkErr := w.call(c)
		wireItems, wireRest, md, wireErr := w.call(c, w.opt)
		if (sdkErr == nil) != (wireErr == nil) {
			t.Fatalf("%s %q: SDK error %v, with the items read from JSON %v", w.name, d.body, sdkErr, wireErr)
		}
		if sdkErr != nil {
			continue
		}
		want, wantOK := decodeItems(sdkItems)
		got, read := wireItemsOf(md)
		switch {
		case read && len(wireItems) != 0:
			t.Fatalf("%s %q: read the items and left the SDK %d", w.name, d.body, len(wireItems))
		case read && !wantOK:
			t.Fatalf("%s %q: read items that decodeItem refuses", w.name, d.body)
		case !read:
			var ok bool
			if got, ok = decodeItems(wireItems); ok != wantOK {
				t.Fatalf("%s %q: decodeItem takes the items %v, the SDK's %v", w.name, d.body, ok, wantOK)
			}
		}
		if wantOK && (len(want) != 0 || len(got) != 0) && !reflect.DeepEqual(got, want) {
			t.Fatalf("%s %q: read\n%#v\nthe SDK and decodeItem make\n%#v", w.name, d.body, got, want)
		}
		if !reflect.DeepEqual(sdkRest, wireRest) {
			t.Fatalf("%s %q: output %+v, the SDK's %+v", w.name, d.body, wireRest, sdkRest)
		}
	}
}

// decodeItems decodes items with decodeItem; ok is false if it fails.
func decodeItems(avs []map[string]types.AttributeValue) (items []Item, ok bool) {
	for _, av := range avs {
		it, err := decodeItem(av)
		if err != nil {
			return nil, false
		}
		items = append(items, it)
	}
	return items, true
}

var wireBodies = []string{
	`{"Item":{"PK":{"S":"a"},"l":{"L":[{"N":"1"},{"NULL":true}]}},"ConsumedCapacity":{"TableName":"t","CapacityUnits":0.5}}`,
	`{"Item":{}}`,
	`{"Item":null}`,
	`{"Count":2,"Items":[{"PK":{"S":"a"},"n":{"N":"1.50"},"b":{"B":"AAE="},"t":{"BOOL":true},"z":{"NULL":true}},` +
		`{"PK":{"S":"b\u00e9\n"},"l":{"L":[{"S":"x"},{"M":{"k":{"SS":["a","b"]}}}]},"ns":{"NS":["1","2"]},"bs":{"BS":["AQ==",""]}}],` +
		`"LastEvaluatedKey":{"PK":{"S":"b"}},"ScannedCount":3,"ConsumedCapacity":{"TableName":"t","CapacityUnits":0.5}}`,
	`{"Items":[],"Count":0}`,
	`{"Count":1,"Items":[{"a":{"S":"x","N":"1"}}]}`,
	`{"Items":[{"a":{}}]}`,
	`{"Items":[{"a":{"X":"1"}}]}`,
	`{"Items":[{"a":{"S":null}}]}`,
	`{"Items":[{"a":{"L":[]},"m":{"M":{}},"s":{"SS":[]}}]}`,
	`{"Items":[{"a":{"B":"not base64"}}]}`,
	`{"Items":null,"Count":0}`,
	`{"Items":[{"a":{"S":"x"}}],"Items":[]}`,
	`{"Count":"1","Items":[{"a":{"S":"x"}}]}`,
	`{"Items":[{"a":{"NULL":false},"b":{"BOOL":false}}],"Count":1,"Count":2}`,
	`[]`,
}

func TestWireItems(t *testing.T) {
	for _, body := range wireBodies {
		checkWire(t, cannedDoer{body: []byte(body)})
	}
}

// TestWireItemsRead checks that a plain response's items are read from
// its JSON, the SDK left with the rest.
func TestWireItemsRead(t *testing.T) {
	c := cannedClient(cannedDoer{body: []byte(wireBodies[3])})
	out, err := c.Query(context.Background(), &dynamodb.QueryInput{TableName: aws.String("t")}, withWireItems)
	if err != nil {
		t.Fatal(err)
	}
	items, ok := wireItemsOf(out.ResultMetadata)
	if !ok || len(items) != 2 || out.Items != nil || out.Count != 2 || out.LastEvaluatedKey == nil {
		t.Fatalf("read %v %v; output %+v", ok, items, out)
	}
	got, err := c.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String("t"), Key: wireKey}, withWireItem)
	if err != nil {
		t.Fatal(err)
	}
	if items, ok := wireItemsOf(got.ResultMetadata); ok || got.Item != nil {
		t.Fatalf("a GetItem answered without Item: read %v %v, output %+v", ok, items, got)
	}
	c = cannedClient(cannedDoer{body: []byte(wireBodies[0])})
	if got, err = c.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String("t"), Key: wireKey}, withWireItem); err != nil {
		t.Fatal(err)
	}
	if items, ok := wireItemsOf(got.ResultMetadata); !ok || len(items) != 1 || items[0]["PK"] != "a" || got.Item != nil || got.ConsumedCapacity == nil {
		t.Fatalf("GetItem: read %v %v, output %+v", ok, items, got)
	}
}

// TestWireItemsChecksum checks that a response whose CRC32 does not match
// its body is answered as the SDK answers it: the middleware leaves the
// check, when the body is closed, to it.
func TestWireItemsChecksum(t *testing.T) {
	checkWire(t, cannedDoer{body: []byte(wireBodies[3]), crc: 1})
}

// TestWireItemsOtherClients checks that the items of a client that is not
// the SDK's, which ignores the option, are decoded from its output.
func TestWireItemsOtherClients(t *testing.T) {
	p := pageOf([]map[string]types.AttributeValue{{"a": &types.AttributeValueMemberS{Value: "x"}}}, 1, nil, middleware.Metadata{})
	var got []Item
	decodePage(p, itemDecoder, func(it Item, err error) bool { got = append(got, it); return err == nil })
	if len(got) != 1 || got[0]["a"] != "x" {
		t.Fatalf("decoded %v", got)
	}
}

func FuzzWireItems(f *testing.F) {
	for _, body := range wireBodies {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkWire(t, cannedDoer{body: body}) })
}

// wireKey is the key of the GetItem requests answered with canned bodies.
var wireKey = map[string]types.AttributeValue{"PK": &types.AttributeValueMemberS{Value: "a"}}
