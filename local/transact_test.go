package local

import (
	"encoding/json"
	"net/http"
	"testing"
)

// nullAt is DynamoDB's message for one missing required member.
func nullAt(path string) string {
	return "Value null at '" + path + "' failed to satisfy constraint: Member must not be null"
}

// TestValidationNamesMemberPosition checks that messages about a member of
// a list name its position in the request, counted from 1.
func TestValidationNamesMemberPosition(t *testing.T) {
	const put = `{"Put":{"TableName":"tbl","Item":{"pk":{"S":"a"}}}}`
	const get = `{"Get":{"TableName":"tbl","Key":{"pk":{"S":"a"}}}}`
	one := "1 validation error detected: "
	tests := []struct {
		name, op, body, msg string
	}{
		{"update without expression, third", "TransactWriteItems",
			`{"TransactItems":[` + put + `,` + put + `,{"Update":{"TableName":"tbl","Key":{"pk":{"S":"c"}},"ExpressionAttributeValues":{":v":{"N":"1"}}}}]}`,
			one + nullAt("transactItems.3.member.update.updateExpression")},
		{"check without condition, second", "TransactWriteItems",
			`{"TransactItems":[` + put + `,{"ConditionCheck":{"TableName":"tbl","Key":{"pk":{"S":"b"}}}}]}`,
			one + nullAt("transactItems.2.member.conditionCheck.conditionExpression")},
		{"missing members of several actions", "TransactWriteItems",
			`{"TransactItems":[` + put + `,{"Put":{"TableName":"tbl"}},{"Delete":{"Key":{"pk":{"S":"c"}}}},{"Update":{"TableName":"tbl"}}]}`,
			"4 validation errors detected: " + nullAt("transactItems.2.member.put.item") + "; " +
				nullAt("transactItems.3.member.delete.tableName") + "; " + nullAt("transactItems.4.member.update.key") + "; " +
				nullAt("transactItems.4.member.update.updateExpression")},
		{"get missing, second", "TransactGetItems",
			`{"TransactItems":[` + get + `,{}]}`,
			one + nullAt("transactItems.2.member.get")},
		{"get members missing, third", "TransactGetItems",
			`{"TransactItems":[` + get + `,` + get + `,{"Get":{}}]}`,
			"2 validation errors detected: " + nullAt("transactItems.3.member.get.key") + "; " + nullAt("transactItems.3.member.get.tableName")},
		{"batch put without item, second", "BatchWriteItem",
			`{"RequestItems":{"tbl":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}},{"PutRequest":{}}]}}`,
			one + nullAt("requestItems.tbl.member.2.member.putRequest.item")},
		{"batch delete without key, third", "BatchWriteItem",
			`{"RequestItems":{"tbl":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}},{"PutRequest":{"Item":{"pk":{"S":"b"}}}},{"DeleteRequest":{}}]}}`,
			one + nullAt("requestItems.tbl.member.3.member.deleteRequest.key")},
	}
	e := New(WithTTLInterval(0))
	defer e.Close()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := post(t, e, targetPrefix+tc.op, []byte(tc.body))
			var got struct {
				Type    string `json:"__type"`
				Message string `json:"message"`
			}
			mustOK(t, json.Unmarshal([]byte(body), &got))
			if status != http.StatusBadRequest || got.Type != nsValidate+"ValidationException" || got.Message != tc.msg {
				t.Fatalf("got %d %s\nwant message %q", status, body, tc.msg)
			}
		})
	}
}
