package local

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/dokklib/db/internal/ddbtype"
)

// encodedTables are CreateTable requests of table "tab" (keys PK, SK) and
// whether its puts keep their items encoded.
var encodedTables = []struct {
	name, extra string
	encoded     bool
}{
	{"plain", ``, true},
	{"inverse", `,"GlobalSecondaryIndexes":[{"IndexName":"idx","KeySchema":[{"AttributeName":"SK","KeyType":"HASH"},{"AttributeName":"PK","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]`, true},
	{"keys-only", `,"GlobalSecondaryIndexes":[{"IndexName":"idx","KeySchema":[{"AttributeName":"SK","KeyType":"HASH"},{"AttributeName":"PK","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]`, false},
	{"other-key", `,"GlobalSecondaryIndexes":[{"IndexName":"idx","KeySchema":[{"AttributeName":"SK","KeyType":"HASH"},{"AttributeName":"g","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]`, false},
	{"stream", `,"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}`, false},
}

// createEncodedTable creates table "tab" with the extra CreateTable members.
func createEncodedTable(t *testing.T, e *Engine, extra string) {
	t.Helper()
	body := `{"TableName":"tab","AttributeDefinitions":[{"AttributeName":"PK","AttributeType":"S"},{"AttributeName":"SK","AttributeType":"S"}` +
		map[bool]string{true: `,{"AttributeName":"g","AttributeType":"S"}`}[strings.Contains(extra, `"g"`)] +
		`],"KeySchema":[{"AttributeName":"PK","KeyType":"HASH"},{"AttributeName":"SK","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST"` + extra + `}`
	if out, status := e.call("CreateTable", body); status != http.StatusOK {
		t.Fatalf("CreateTable: %s", out)
	}
}

// encodedItemJSON is an item of every type the transcoder takes, the
// i-th of a partition, with members out of name order.
func encodedItemJSON(i int) string {
	return fmt.Sprintf(`{"SK":{"S":"s%02d"},"z":{"N":"-0.50e1"},"PK":{"S":"p"},"g":{"S":"g%d"},"b":{"B":"AQID"},`+
		`"m":{"M":{"y":{"L":[{"BOOL":true},{"NULL":true},{"N":"%d"}]},"x":{"S":""}}}}`, i, i, i)
}

// writeEncodedItems puts items 0 to 5 of encodedItemJSON into table "tab"
// two by PutItem, two by BatchWriteItem, two by TransactWriteItems.
func writeEncodedItems(t *testing.T, e *Engine) {
	t.Helper()
	for _, w := range []struct{ op, body string }{
		{"PutItem", `{"TableName":"tab","Item":` + encodedItemJSON(0) + `}`},
		{"PutItem", `{"TableName":"tab","Item":` + encodedItemJSON(1) + `,"ConditionExpression":"attribute_not_exists(PK)"}`},
		{"BatchWriteItem", `{"RequestItems":{"tab":[{"PutRequest":{"Item":` + encodedItemJSON(2) + `}},{"PutRequest":{"Item":` + encodedItemJSON(3) + `}}]}}`},
		{"TransactWriteItems", `{"ClientRequestToken":"tok","TransactItems":[{"Put":{"TableName":"tab","Item":` + encodedItemJSON(4) + `}},` +
			`{"Put":{"TableName":"tab","Item":` + encodedItemJSON(5) + `,"ConditionExpression":"attribute_not_exists(PK)"}}]}`},
	} {
		if out, status := e.call(w.op, w.body); status != http.StatusOK {
			t.Fatalf("%s: %s", w.op, out)
		}
	}
}

// checkEncodedItems checks that GetItem returns each item written by
// writeEncodedItems as the map decoder reads it.
func checkEncodedItems(t *testing.T, e *Engine) {
	t.Helper()
	for i := range 6 {
		var want ddbtype.Item
		if err := want.UnmarshalJSON([]byte(encodedItemJSON(i))); err != nil {
			t.Fatal(err)
		}
		out, status := e.call("GetItem", fmt.Sprintf(`{"TableName":"tab","Key":{"PK":{"S":"p"},"SK":{"S":"s%02d"}}}`, i))
		var got struct{ Item ddbtype.Item }
		if status != http.StatusOK || json.Unmarshal(out, &got) != nil || !reflect.DeepEqual(got.Item, want) {
			t.Fatalf("item %d: %s, want %s", i, out, want.AppendJSON(nil))
		}
	}
}

// TestPutKeepsEncoded checks which tables store put items as they came,
// without decoding them, and that every kind of put stores the same item
// either way, its indexes in step.
func TestPutKeepsEncoded(t *testing.T) {
	for _, tc := range encodedTables {
		t.Run(tc.name, func(t *testing.T) {
			e := New(WithTTLInterval(0))
			defer e.Close()
			createEncodedTable(t, e, tc.extra)
			p := &ddbtype.EncodedItem{Data: []byte{1, 0}}
			if got := e.lookupTable("tab").keepsEncoded(p); got != tc.encoded {
				t.Fatalf("keepsEncoded = %v, want %v", got, tc.encoded)
			}
			writeEncodedItems(t, e)
			checkEncodedItems(t, e)
			if !strings.Contains(tc.extra, "IndexName") {
				return
			}
			out, status := e.call("Query", `{"TableName":"tab","IndexName":"idx","KeyConditionExpression":"SK = :s","ExpressionAttributeValues":{":s":{"S":"s03"}},"Select":"COUNT"}`)
			if status != http.StatusOK || !strings.Contains(string(out), `"Count":1`) {
				t.Fatalf("Query of the index: %s", out)
			}
		})
	}
}

// TestPutEncodedReopen checks that items stored as they came are written
// to the data file whole.
func TestPutEncodedReopen(t *testing.T) {
	dir := t.TempDir()
	e, err := Open(dir, WithTTLInterval(0))
	if err != nil {
		t.Fatal(err)
	}
	createEncodedTable(t, e, "")
	writeEncodedItems(t, e)
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if e, err = Open(dir, WithTTLInterval(0)); err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	checkEncodedItems(t, e)
}

// TestPutEncodedKeyErrors checks the key checks of items kept encoded.
func TestPutEncodedKeyErrors(t *testing.T) {
	e := New(WithTTLInterval(0))
	defer e.Close()
	createEncodedTable(t, e, "")
	for _, tc := range []struct{ item, msg string }{
		{`{"PK":{"S":"p"}}`, "One or more parameter values were invalid: Missing the key SK in the item"},
		{`{"PK":{"S":"p"},"SK":{"N":"1"}}`, "One or more parameter values were invalid: Type mismatch for key SK expected: S actual: N"},
		{`{"PK":{"S":""},"SK":{"S":"s"}}`, "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: PK"},
		{`{"PK":{"S":"p"},"SK":{"S":"` + strings.Repeat("s", 1025) + `"}}`, "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"},
	} {
		for _, w := range []struct{ op, body string }{
			{"PutItem", `{"TableName":"tab","Item":` + tc.item + `}`},
			{"BatchWriteItem", `{"RequestItems":{"tab":[{"PutRequest":{"Item":` + tc.item + `}}]}}`},
		} {
			out, status := e.call(w.op, w.body)
			if status != http.StatusBadRequest || !strings.Contains(string(out), tc.msg) {
				t.Errorf("%s of %s: %s, want %q", w.op, tc.item, out, tc.msg)
			}
		}
	}
	out, _ := e.call("TransactWriteItems", `{"TransactItems":[{"Put":{"TableName":"tab","Item":{"PK":{"S":""},"SK":{"S":"s"}}}}]}`)
	if !strings.Contains(string(out), "cannot contain an empty string value. Key: PK") {
		t.Errorf("TransactWriteItems with an empty key: %s", out)
	}
}

// TestTransactSizeLimit checks that the items of a transaction's Puts
// count towards its 4 MB limit.
func TestTransactSizeLimit(t *testing.T) {
	e := New(WithTTLInterval(0))
	defer e.Close()
	createEncodedTable(t, e, "")
	big := strings.Repeat("x", 399_000)
	var puts []string
	for i := range 11 {
		puts = append(puts, fmt.Sprintf(`{"Put":{"TableName":"tab","Item":{"PK":{"S":"p"},"SK":{"S":"s%d"},"v":{"S":"%s"}}}}`, i, big))
	}
	out, status := e.call("TransactWriteItems", `{"TransactItems":[`+strings.Join(puts, ",")+`]}`)
	if status != http.StatusBadRequest || !strings.Contains(string(out), "Transaction request size has exceeded the maximum allowed size of 4 MB") {
		t.Fatalf("11 puts of 399 KB: %s", out)
	}
	out, status = e.call("TransactWriteItems", `{"TransactItems":[`+strings.Join(puts[:10], ",")+`]}`)
	if status != http.StatusOK {
		t.Fatalf("10 puts of 399 KB: %.200s", out)
	}
}
