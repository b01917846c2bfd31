package local

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzExecuteStatement sends arbitrary statements with arbitrary
// parameters to ExecuteStatement, and in a transaction and a batch: the
// engine must never panic, and must answer with a result or a DynamoDB
// error, never a 500.
func FuzzExecuteStatement(f *testing.F) {
	for _, s := range []struct{ stmt, params string }{
		{`SELECT * FROM tbl WHERE pk = ? AND sk > ?`, `[{"S":"a"},{"N":"1"}]`},
		{`SELECT a.b[1], "c" FROM tbl.gsi WHERE g = 'x' AND begins_with(c, 'y')`, ``},
		{`SELECT * FROM tbl WHERE pk IN ['a', 'b'] AND NOT (n BETWEEN 1 AND 2 OR m IS MISSING) ORDER BY sk DESC`, ``},
		{`INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'l': [1, {'x': <<'a'>>}], 'p': ?}`, `[{"B":"AAE="}]`},
		{`UPDATE tbl SET n = n + 1, l = list_append(l, [2]), s = set_add(s, <<1>>) REMOVE m WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *`, ``},
		{`DELETE FROM tbl WHERE pk = 'a' AND sk = 1 AND size(l) > 1 RETURNING ALL OLD *`, ``},
		{`EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND n = 1)`, ``},
		{`SELECT * FROM tbl WHERE pk = ?`, `[{"M":{"x":{"NS":["1","1"]}}}]`},
	} {
		f.Add(s.stmt, []byte(s.params))
	}
	e := New(WithTTLInterval(0))
	defer e.Close()
	callStmtOp(f, e, "CreateTable", `{"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},{"AttributeName":"g","AttributeType":"S"}],`+
		`"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST",`+
		`"GlobalSecondaryIndexes":[{"IndexName":"gsi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]}`)
	f.Fuzz(func(t *testing.T, stmt string, params []byte) {
		one := map[string]any{"Statement": stmt}
		if json.Valid(params) {
			one["Parameters"] = json.RawMessage(params)
		}
		body, err := json.Marshal(one)
		if err != nil {
			return // not UTF-8: the SDKs cannot send it either
		}
		callStmtOp(t, e, "ExecuteStatement", string(body))
		callStmtOp(t, e, "ExecuteTransaction", `{"TransactStatements":[`+string(body)+`]}`)
		callStmtOp(t, e, "BatchExecuteStatement", `{"Statements":[`+string(body)+`]}`)
	})
}

// callStmtOp sends one request to the engine's handler and checks that it
// answers with a result or a DynamoDB error, not a server error.
func callStmtOp(t testing.TB, e *Engine, op, body string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader([]byte(body)))
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	w := httptest.NewRecorder()
	e.ServeHTTP(w, req)
	if w.Code >= 500 || !json.Valid(w.Body.Bytes()) {
		t.Fatalf("%s %s: %d %s", op, body, w.Code, w.Body.String())
	}
	if w.Code != http.StatusOK && !strings.Contains(w.Body.String(), `"__type"`) {
		t.Fatalf("%s %s: %d without an error type: %s", op, body, w.Code, w.Body.String())
	}
}
