package local

import (
	"fmt"
	"testing"
)

// TestDirectReadSameJSON compares a direct Query and Scan with the same
// reads through the decoding path (a filter that keeps every item).
func TestDirectReadSameJSON(t *testing.T) {
	e := New(WithTTLInterval(0))
	t.Cleanup(func() { _ = e.Close() })
	fillBench(&testing.B{}, e, 300, func(i int) int { return i })
	e.call("PutItem", `{"TableName":"bench","Item":{"PK":{"S":"USER#00000001"},"SK":{"S":"GROUP#x"},"m":{"M":{"b":{"NS":["1","2.5"]},"a":{"L":[{"B":"AAE="},{"NULL":true}]}}},"s":{"S":"\u2028\"\n"}}}`)
	for _, tc := range []struct{ op, body string }{
		{"Query", `{"TableName":"bench","KeyConditionExpression":"PK = :p","ExpressionAttributeValues":{":p":{"S":"USER#00000001"}},"Limit":25%s}`},
		{"Query", `{"TableName":"bench","KeyConditionExpression":"PK = :p","ExpressionAttributeValues":{":p":{"S":"USER#00000001"}},"ScanIndexForward":false%s}`},
		{"Scan", `{"TableName":"bench","Limit":150%s}`},
	} {
		direct, _ := e.call(tc.op, fmt.Sprintf(tc.body, ""))
		decoded, _ := e.call(tc.op, fmt.Sprintf(tc.body, `,"FilterExpression":"attribute_exists(payload) OR attribute_not_exists(payload)"`))
		if string(direct) != string(decoded) {
			t.Fatalf("%s:\ndirect  %s\ndecoded %s", tc.body, direct, decoded)
		}
	}
}
