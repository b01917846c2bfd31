package local

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzHandler feeds arbitrary bodies to every operation: the engine must
// never panic nor answer 500.
func FuzzHandler(f *testing.F) {
	seeds := []struct{ op, body string }{
		{"CreateTable", `{"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"PK","AttributeType":"S"}],"KeySchema":[{"AttributeName":"PK","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`},
		{"PutItem", `{"TableName":"tbl","Item":{"PK":{"S":"a"},"n":{"N":"1"},"l":{"L":[{"M":{"x":{"SS":["a"]}}}]}},"ConditionExpression":"attribute_not_exists(PK)"}`},
		{"GetItem", `{"TableName":"tbl","Key":{"PK":{"S":"a"}},"ProjectionExpression":"l[0].x"}`},
		{"UpdateItem", `{"TableName":"tbl","Key":{"PK":{"S":"a"}},"UpdateExpression":"SET n = n + :v ADD s :s","ExpressionAttributeValues":{":v":{"N":"2"},":s":{"NS":["1"]}},"ReturnValues":"UPDATED_NEW"}`},
		{"Query", `{"TableName":"tbl","KeyConditionExpression":"PK = :p","ExpressionAttributeValues":{":p":{"S":"a"}},"Limit":1}`},
		{"Scan", `{"TableName":"tbl","Segment":0,"TotalSegments":2,"FilterExpression":"n > :z","ExpressionAttributeValues":{":z":{"N":"0"}}}`},
		{"BatchWriteItem", `{"RequestItems":{"tbl":[{"PutRequest":{"Item":{"PK":{"S":"b"}}}},{"DeleteRequest":{"Key":{"PK":{"S":"a"}}}}]}}`},
		{"BatchGetItem", `{"RequestItems":{"tbl":{"Keys":[{"PK":{"S":"b"}}]}}}`},
		{"TransactWriteItems", `{"TransactItems":[{"Put":{"TableName":"tbl","Item":{"PK":{"S":"c"}}}}],"ClientRequestToken":"t"}`},
		{"TransactGetItems", `{"TransactItems":[{"Get":{"TableName":"tbl","Key":{"PK":{"S":"c"}}}}]}`},
		{"UpdateTable", `{"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"G","AttributeType":"N"}],"GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"g","KeySchema":[{"AttributeName":"G","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]}`},
		{"PutItem", `{"TableName":"tbl","Item":{"PK":{"S":"a"}},"Expected":{"n":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"1"},{"N":"2"}]},"s":{"ComparisonOperator":"NOT_CONTAINS","Value":{"S":"x"}}},"ConditionalOperator":"OR"}`},
		{"Query", `{"TableName":"tbl","KeyConditions":{"PK":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}},"ExclusiveStartKey":{"PK":{"S":"b"}}}`},
		{"DeleteTable", `{"TableName":"tbl"}`},
		{"ListTables", `{"Limit":1}`},
	}
	for _, s := range seeds {
		f.Add(s.op, []byte(s.body))
	}
	e := New(WithTTLInterval(0))
	defer e.Close()
	f.Fuzz(func(t *testing.T, op string, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+op)
		req.Header.Set("Content-Type", "application/x-amz-json-1.0")
		w := httptest.NewRecorder()
		e.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("%s %s: %d %s", op, body, w.Code, w.Body.String())
		}
		for _, s := range seeds { // replay the seeds so the table exists again
			if s.op == "CreateTable" {
				r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader([]byte(s.body)))
				r.Header.Set("X-Amz-Target", "DynamoDB_20120810.CreateTable")
				e.ServeHTTP(httptest.NewRecorder(), r)
			}
		}
	})
}
