package load

import (
	"encoding/json"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// targetPrefix starts the X-Amz-Target header of DynamoDB's JSON protocol.
const targetPrefix = "DynamoDB_20120810."

// noopResponse is a fixed response body with the headers that go with it.
type noopResponse struct {
	body   []byte
	length []string
	crc    []string
}

// Noop is an http.Handler that answers each DynamoDB operation with a fixed,
// valid response of the size the engine gives for the workload: an item for
// GetItem, QueryItems items for Query, and empty results for writes. It
// costs what the transport costs and nothing more.
type Noop struct {
	responses map[string]noopResponse
	fallback  noopResponse
}

// NewNoop returns a no-op handler.
func NewNoop() *Noop {
	n := &Noop{responses: make(map[string]noopResponse), fallback: newNoopResponse([]byte("{}"))}
	for op, v := range noopBodies() {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err) // the bodies are maps of strings and numbers
		}
		n.responses[op] = newNoopResponse(b)
	}
	return n
}

func newNoopResponse(body []byte) noopResponse {
	return noopResponse{
		body:   body,
		length: []string{strconv.Itoa(len(body))},
		crc:    []string{strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10)},
	}
}

// noopBodies returns the response of each operation, to be marshalled.
func noopBodies() map[string]any {
	items := make([]any, QueryItems)
	for k := range items {
		items[k] = wireItem(Item(partitionKey(0), sortKey(k)))
	}
	table := map[string]any{"TableName": TableName, "TableStatus": "ACTIVE"}
	return map[string]any{
		OpGet:           map[string]any{"Item": items[0]},
		OpQuery:         map[string]any{"Count": QueryItems, "ScannedCount": QueryItems, "Items": items},
		OpBatch:         map[string]any{"UnprocessedItems": map[string]any{}},
		"CreateTable":   map[string]any{"TableDescription": table},
		"DescribeTable": map[string]any{"Table": table},
		"ListTables":    map[string]any{"TableNames": []string{TableName}},
	}
}

// wireItem converts an item of strings to DynamoDB's JSON.
func wireItem(item map[string]string) map[string]map[string]string {
	m := make(map[string]map[string]string, len(item))
	for k, v := range item {
		m[k] = map[string]string{"S": v}
	}
	return m
}

// ServeHTTP reads the request and writes the operation's fixed response.
func (n *Noop) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	resp, ok := n.responses[strings.TrimPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)]
	if !ok {
		resp = n.fallback
	}
	h := w.Header()
	h["X-Amzn-Requestid"] = requestID
	h["Content-Type"] = contentType
	h["Content-Length"] = resp.length
	h["X-Amz-Crc32"] = resp.crc
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(resp.body)
}

// The fixed headers of every no-op response.
var (
	requestID   = []string{"NOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOP"}
	contentType = []string{"application/x-amz-json-1.0"}
)
