package conformance

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

// TestHTTP covers DynamoDB's HTTP around its JSON protocol: compressed
// request bodies and responses, the Server header, the health check, CORS
// for browser scripts, oversized request heads and bodies that are no
// JSON object. DynamoDB's answers are recorded by scylladb's
// test/alternator tests run on DynamoDB (test_compressed_request.py,
// test_compressed_response.py, test_cors.py, test_health.py,
// test_http_headers.py) and dynalite's test/connection.js.
func TestHTTP(t *testing.T) { runCases(t, httpCases) }

// Where DynamoDB Local's HTTP differs from DynamoDB's.
const (
	scyllaTests = "github.com/scylladb/scylladb test/alternator/"

	localCoding = `DynamoDB decompresses request bodies sent with Content-Encoding gzip or deflate (zlib), answers 500 to one that does not ` +
		`decompress or to another Content-Encoding, and ignores bytes after the last gzip member (` + scyllaTests +
		`test_compressed_request.py); DynamoDB Local ignores Content-Encoding: it parses the body as sent (observed)`
	localCompression = `DynamoDB compresses responses of 4 KB or more with the gzip or deflate coding the request's Accept-Encoding ` +
		`prefers (` + scyllaTests + `test_compressed_response.py); DynamoDB Local never compresses (observed)`
	localServer = `DynamoDB's responses carry "Server: Server" (boto3's ResponseMetadata of DynamoDB responses; ` + scyllaTests +
		`test_http_headers.py); DynamoDB Local's carry "Server: Jetty(12.0.31)" (observed)`
	localHealth = `DynamoDB answers GET / with 200 "healthy: dynamodb.REGION.amazonaws.com " and other paths with a 4xx (` +
		dynaliteTests + `connection.js; ` + scyllaTests + `test_health.py); DynamoDB Local answers a GET as an API call: ` +
		`400 MissingAuthenticationToken, or 500 InternalFailure when signed (observed)`
	localCORS = `DynamoDB answers a request with Origin with Access-Control-Allow-Origin: * and Access-Control-Expose-Headers, and a ` +
		`preflight by allowing the method and headers asked for, for 172800 s (` + dynaliteTests + `connection.js; ` + scyllaTests +
		`test_cors.py); DynamoDB Local, without -cors, sends no Access-Control-Allow-Origin, allows only POST, for 1728000 s (observed)`
	localNotObject = `DynamoDB answers technically valid JSON that is no object with a 400 SerializationException (smithy's protocol ` +
		`tests, malformedRequestBody.smithy, RestJsonTechnicallyValidJsonBody: "[{...}]", "10" and "null"); DynamoDB Local answers 500 InternalFailure (observed)`
)

// gz returns s compressed with gzip, as a string for Raw.Body.
func gz(s string) string {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return buf.String()
}

// coded is a raw ListTables whose body is body sent with Content-Encoding
// coding (none for "").
func coded(coding, body string) *Raw {
	r := &Raw{Target: target("ListTables"), Body: body}
	if coding != "" {
		r.Header = map[string]string{"Content-Encoding": coding}
	}
	return r
}

// Bodies of GetItem of the items of the compression case, and what the
// responses must carry.
const (
	getLarge = `{"TableName":"$T","Key":{"pk":{"S":"large"}}}`
	getSmall = `{"TableName":"$T","Key":{"pk":{"S":"small"}}}`
)

// accepting is a raw GetItem of body with an Accept-Encoding header.
func accepting(body, accept string) *Raw {
	return &Raw{Target: target("GetItem"), Body: body, Header: map[string]string{"Accept-Encoding": accept}}
}

// encodedAs is what a response compressed with coding ("" for none) has.
func encodedAs(coding string) map[string]string { return map[string]string{"Content-Encoding": coding} }

// refused checks that r is refused with status. DynamoDB Local's server
// answers and closes the connection without reading the rest of the
// request, so that the client may see the connection reset before it
// reads the answer: on DynamoDB Local, that counts as refused too.
func (e *Env) refused(r *Raw, status int) {
	o, err := e.tryRaw(r)
	switch {
	case err != nil && e.B.IsLocal():
		e.T.Logf("DynamoDB Local reset the connection: %v", err)
	case err != nil:
		e.Errorf("%s: %v, want status %d", o.op, err, status)
	default:
		e.check(o.op, o, Expect{Status: status})
	}
}

// text returns a pointer to s.
func text(s string) *string { return &s }

var (
	notCompressed = &Expect{Status: 200, Header: encodedAs("")}
	corsHeaders   = map[string]string{"Access-Control-Allow-Origin": "*",
		"Access-Control-Expose-Headers": "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date"}
	preflightReq = map[string]string{"Origin": "http://example.com", "Access-Control-Request-Method": "POST",
		"Access-Control-Request-Headers": "content-type,x-amz-target"}
)

var httpCases = []Case{
	{Name: "compressed request bodies", Table: hashS, Steps: []Step{
		{Raw: &Raw{Target: target("PutItem"), Body: `{"TableName":"$T","Item":{"pk":{"S":"z"}}}`, Deflate: true}, Status: 200, Want: `{}`,
			LocalDiffers: localCoding, Local: localFailure},
		{Raw: &Raw{Target: target("DescribeTable"), Body: `{"TableName":"$T"}`, Deflate: true}, Status: 200,
			Want: `{"Table":{"TableName":"$T","ItemCount":1}}`, LocalDiffers: localCoding, Local: localFailure},
		{Raw: coded("gzip", gz(`{"Limit"`)+gz(`:1}`)), Status: 200, LocalDiffers: localCoding, Local: localFailure},
		{Raw: coded("gzip", gz(`{"Limit":1}`)+"junk"), Status: 200, LocalDiffers: localCoding, Local: localFailure},
	}},
	// DynamoDB answers 500 without a recorded type or message; DynamoDB
	// Local's is an InternalFailure.
	{Name: "request bodies that do not decode", Steps: []Step{
		{Raw: coded("gzip", ""), Status: 500, Err: "InternalServerError", LocalDiffers: localCoding, Local: localFailure},
		{Raw: coded("deflate", ""), Status: 500, Err: "InternalServerError", LocalDiffers: localCoding, Local: localFailure},
		{Raw: coded("gzip", `{"Limit":1}`), Status: 500, Err: "InternalServerError", LocalDiffers: localCoding, Local: &Expect{Status: 200}},
		{Raw: coded("deflate", `{"Limit":1}`), Status: 500, Err: "InternalServerError", LocalDiffers: localCoding, Local: &Expect{Status: 200}},
		{Raw: coded("gzip", gz(`{"Limit":1}`)[:10]), Status: 500, Err: "InternalServerError", LocalDiffers: localCoding, Local: localFailure},
		{Raw: coded("garbage", `{"Limit":1}`), Status: 500, Err: "InternalServerError", LocalDiffers: localCoding, Local: &Expect{Status: 200}},
	}},
	{Name: "compressed responses", Table: hashS, Steps: []Step{
		// GetItem of "large" answers about 5 KB, of "small" under 4 KB.
		put(Item{"pk": S("large"), "x": S(strings.Repeat("x", 5000))}),
		put(Item{"pk": S("small"), "x": S(strings.Repeat("x", 3000))}),
		{Raw: accepting(getLarge, "deflate"), Status: 200, Header: encodedAs("deflate"), LocalDiffers: localCompression, Local: notCompressed},
		{Raw: accepting(getLarge, "gzip"), Status: 200, Header: encodedAs("gzip"), LocalDiffers: localCompression, Local: notCompressed},
		{Raw: accepting(getLarge, "br, gzip;q=0, deflate; q = 0.5"), Status: 200, Header: encodedAs("deflate"),
			LocalDiffers: localCompression, Local: notCompressed},
		{Raw: accepting(getLarge, "*, gzip;q=0.5"), Status: 200, Header: encodedAs("deflate"), LocalDiffers: localCompression, Local: notCompressed},
		{Raw: accepting(getLarge, "identity"), Status: 200, Header: encodedAs("")},
		{Raw: accepting(getLarge, "x-gzip, br"), Status: 200, Header: encodedAs("")},
		{Raw: accepting(getLarge, "gzip;q=0"), Status: 200, Header: encodedAs("")},
		{Raw: accepting(getSmall, "gzip, deflate"), Status: 200, Header: encodedAs("")},
	}},
	{Name: "Server header", LocalDiffers: localServer, Steps: []Step{
		{Raw: &Raw{Target: target("ListTables"), Body: `{"Limit":1}`}, Status: 200, Header: map[string]string{"Server": "Server"}},
		{Raw: &Raw{Target: target("DescribeTable"), Body: `{"TableName":"nope-$R"}`}, Status: 400, Err: "ResourceNotFoundException",
			Header: map[string]string{"Server": "Server"}},
	}},
	{Name: "health check", LocalDiffers: localHealth, Steps: []Step{
		{Raw: &Raw{Method: "GET"}, Status: 200, Text: text("healthy: dynamodb.us-east-1.amazonaws.com ")},
		{Raw: &Raw{Method: "GET", Path: "/health"}, Status: 404},
		{Raw: &Raw{Method: "GET", Path: "/abc"}, Status: 404},
	}},
	{Name: "CORS", Steps: []Step{
		{Raw: &Raw{Method: "OPTIONS", Header: preflightReq}, Status: 200, Text: text(""), Header: map[string]string{
			"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "POST",
			"Access-Control-Allow-Headers": "content-type,x-amz-target", "Access-Control-Max-Age": "172800"},
			LocalDiffers: localCORS, Local: &Expect{Status: 200, Header: map[string]string{"Access-Control-Allow-Headers": "content-type,x-amz-target"}}},
		{Raw: &Raw{Target: target("ListTables"), Body: `{"Limit":1}`, Header: map[string]string{"Origin": "http://example.com"}},
			Status: 200, Header: corsHeaders, LocalDiffers: localCORS, Local: &Expect{Status: 200}},
		{Raw: &Raw{Target: target("DescribeTable"), Body: `{"TableName":"nope-$R"}`}, Status: 400, Err: "ResourceNotFoundException",
			Header: map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Max-Age": ""}},
	}},
	// No source records DynamoDB's limits on the request line and headers;
	// the engine refuses what DynamoDB Local's server refuses, with its
	// statuses.
	{Name: "oversized request heads", Run: func(e *Env) {
		big := func(n int) string { return strings.Repeat("a", n) }
		e.refused(&Raw{Target: target("ListTables"), Body: `{}`, Path: "/?" + big(9000)}, 414)
		e.refused(&Raw{Target: target("ListTables"), Body: `{}`, Header: map[string]string{"X-Big": big(9000)}}, 431)
		e.refused(&Raw{Target: target("ListTables"), Body: `{}`, Header: map[string]string{"X-One": big(4500), "X-Two": big(4500)}}, 431)
	}},
	{Name: "bodies that are no JSON object", Steps: []Step{
		differs(serialization("ListTables", "null", ""), localNotObject, localFailure),
		differs(serialization("ListTables", " null ", ""), localNotObject, localFailure),
		differs(serialization("ListTables", "[]", ""), localNotObject, localFailure),
		differs(serialization("ListTables", "10", ""), localNotObject, localFailure),
		differs(serialization("DescribeTable", `"x"`, ""), localNotObject, localFailure),
	}},
}
