package local

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"

	"github.com/dokklib/db/internal/ddbtype"
)

// TestCurrentKeysFromWrite checks that the old entry t.current makes of
// the written item's key attributes, for tables whose indexes are keyed
// on table key attributes, finds the same index keys and write costs as
// the stored item's key attributes decoded from its key.
func TestCurrentKeysFromWrite(t *testing.T) {
	e := New(WithTTLInterval(0))
	defer e.Close()
	create := `{"TableName":"keys","AttributeDefinitions":[{"AttributeName":"PK","AttributeType":"B"},{"AttributeName":"SK","AttributeType":"N"}],` +
		`"KeySchema":[{"AttributeName":"PK","KeyType":"HASH"},{"AttributeName":"SK","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST",` +
		`"GlobalSecondaryIndexes":[{"IndexName":"bySK","KeySchema":[{"AttributeName":"SK","KeyType":"HASH"},{"AttributeName":"PK","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}},` +
		`{"IndexName":"bySKOnly","KeySchema":[{"AttributeName":"SK","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]}`
	if out, status := e.call("CreateTable", create); status != http.StatusOK {
		t.Fatal(string(out))
	}
	tb := e.lookupTable("keys")
	if !tb.indexesOnKeys() {
		t.Fatal("the table's indexes should be on its key attributes")
	}
	for i, sk := range []string{"0", "-1.5", "1e10", "123456789.000123", "0.0001"} {
		n, err := ddbtype.Number(sk)
		if err != nil {
			t.Fatal(err)
		}
		item := ddbtype.Item{"PK": {Type: ddbtype.TypeB, B: []byte{byte(i), 0, 0xff}}, "SK": n,
			"data": ddbtype.String(fmt.Sprint("item ", i))}
		key, err := tb.checkItemKeys(item)
		if err != nil {
			t.Fatal(err)
		}
		tb.putEntry(entry{key: key, item: item, size: item.Size()})
		got, ok := tb.current(key, item)
		decoded := ddbtype.Item{}
		if !ok || !(itemCodec{key: tb.key}).keyAttrs(key, decoded) {
			t.Fatalf("item %d: not found or key not decoded", i)
		}
		want := entry{key: key, item: decoded, size: item.Size()}
		if got.size != want.size || !bytes.Equal(got.key, want.key) {
			t.Fatalf("item %d: entry %+v, want %+v", i, got, want)
		}
		for _, x := range tb.allIndexes() {
			gk, gok := x.indexKey(got.item, key)
			wk, wok := x.indexKey(want.item, key)
			if gok != wok || !bytes.Equal(gk, wk) {
				t.Errorf("item %d, index %s: key %x %v, want %x %v", i, x.name, gk, gok, wk, wok)
			}
			if g, w := x.writeUnits(got, entry{}), x.writeUnits(want, entry{}); g != w {
				t.Errorf("item %d, index %s: units %v, want %v", i, x.name, g, w)
			}
		}
	}
}
