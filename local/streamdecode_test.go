package local

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzDecodeFast checks that whatever the fast path decodes, encoding/json
// decodes to the same value.
func FuzzDecodeFast(f *testing.F) {
	for _, s := range []string{
		`{"TableName":"t","Item":{"pk":{"S":"a"},"n":{"N":"1.50"}}}`,
		`{"RequestItems":{"t":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"b"}}}}]}}`,
		`{"RequestItems":{"t":[{"PutRequest":null,"DeleteRequest":{"Key":null,"x":1}},{"PutRequest":{"Item":null}},{"putRequest":{}}]}}`,
		`{"RequestItems":{"t":[{"PutRequest":{"Item":{"pk":{"S":"a"}}},"PutRequest":{}},{"DeleteRequest":[]}]}}`,
		`{"TableName":"t","Limit":5,"ExpressionAttributeValues":{":v":{"S":"x"}},"tablename":"u"}`,
		`{"TransactItems":[{"Put":{"TableName":"t","Item":{"pk":{"S":"a"}}}}],"ClientRequestToken":null}`,
		`{"Expected":{"a":{"Value":{"S":"x"},"AttributeValueList":[{"N":"1"},null]}},"Unknown":[1,{"x":true}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkSameDecode[putItemInput](t, body)
		checkSameDecode[batchWriteInput](t, body)
		checkSameDecode[queryInput](t, body)
		checkSameDecode[scanInput](t, body)
		checkSameDecode[transactWriteInput](t, body)
		checkSameDecode[updateItemInput](t, body)
	})
}

// checkSameDecode compares the fast path with encoding/json for type T.
func checkSameDecode[T any](t *testing.T, body []byte) {
	t.Helper()
	var fast, slow T
	if decodeFast(body, &fast) != nil {
		if !reflect.ValueOf(fast).IsZero() {
			t.Fatalf("%T: failed decode left %+v", fast, fast)
		}
		return
	}
	if err := json.Unmarshal(body, &slow); err != nil {
		t.Fatalf("%T: fast path decoded %q, encoding/json: %v", fast, body, err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%T: %q decodes to\n%+v, encoding/json to\n%+v", fast, body, fast, slow)
	}
}
