package local

import (
	"net/http"
	"strconv"
)

// HTTP behaviour around the API requests: the headers of every response,
// CORS, the health check, and the limits on the request line and headers.
const (
	// serverName is DynamoDB's Server header, as its responses carry it
	// (boto3's HTTPHeaders of DynamoDB responses: 'server': 'Server';
	// scylladb test/alternator/test_http_headers.py checks that DynamoDB
	// sends one).
	serverName = "Server"

	// exposedHeaders are the response headers DynamoDB lets browser
	// scripts read (scylladb alternator/server.cc, handle_CORS: "This is
	// the list that DynamoDB returns for expose headers").
	exposedHeaders = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date"

	// preflightMaxAge is how long browsers may cache DynamoDB's answer to
	// a CORS preflight, in seconds (dynalite test/connection.js,
	// assertCors).
	preflightMaxAge = "172800"

	// maxRequestHead bounds the request line, and the request line and
	// headers together, as DynamoDB Local's server bounds them (8 KB):
	// beyond it a request line gets 414 URI Too Long and headers 431
	// Request Header Fields Too Large.
	maxRequestHead = 8 << 10

	unknownOperationPage = "<UnknownOperationException/>\n"
)

// Header values set on every response, shared so that setting them does
// not allocate.
var (
	serverValue  = []string{serverName}
	anyOrigin    = []string{"*"}
	exposedValue = []string{exposedHeaders}
	maxAgeValue  = []string{preflightMaxAge}
)

// startResponse sets the headers of every response: a request ID, Server,
// and CORS's when the request comes from a browser script (has Origin).
func (e *Engine) startResponse(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h["X-Amzn-Requestid"] = []string{e.ids.next()}
	h["Server"] = serverValue
	if len(r.Header["Origin"]) > 0 {
		h["Access-Control-Allow-Origin"] = anyOrigin
		h["Access-Control-Expose-Headers"] = exposedValue
	}
}

// serveNonAPI answers the requests that are not API calls and reports
// whether it did: oversized request heads, CORS preflights, the health
// check, and anything but a POST of JSON, as DynamoDB does.
func (e *Engine) serveNonAPI(w http.ResponseWriter, r *http.Request) bool {
	if status := headStatus(r); status != 0 {
		writeRaw(w, status, "text/plain", []byte(strconv.Itoa(status)+" "+http.StatusText(status)+"\n"))
		return true
	}
	switch {
	case r.Method == http.MethodOptions && len(r.Header["Origin"]) > 0:
		preflight(w, r)
	case r.Method == http.MethodGet && (r.URL.Path == "/" || r.URL.Path == ""):
		writeRaw(w, http.StatusOK, "text/plain", []byte("healthy: dynamodb."+e.opts.region+".amazonaws.com "))
	case r.Method != http.MethodPost || !acceptedContentType(r.Header.Get("Content-Type")):
		writeRaw(w, http.StatusNotFound, "text/plain", []byte(unknownOperationPage))
	default:
		return false
	}
	return true
}

// preflight answers a CORS preflight: any origin may send the methods and
// headers it asks for (dynalite test/connection.js; scylladb
// test/alternator/test_cors.py).
func preflight(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	if v := r.Header.Get("Access-Control-Request-Headers"); v != "" {
		h.Set("Access-Control-Allow-Headers", v)
	}
	if v := r.Header.Get("Access-Control-Request-Method"); v != "" {
		h.Set("Access-Control-Allow-Methods", v)
	}
	h["Access-Control-Max-Age"] = maxAgeValue
	h["Content-Length"] = []string{"0"}
	w.WriteHeader(http.StatusOK)
}

// headStatus returns the status refusing a request whose request line or
// head is too long, or 0.
func headStatus(r *http.Request) int {
	uri := len(r.RequestURI)
	if uri == 0 { // a client's request, served in process
		uri = len(r.URL.Path) + len(r.URL.RawQuery) + 1
	}
	line := len(r.Method) + 1 + uri + 1 + len(r.Proto)
	if line > maxRequestHead {
		return http.StatusRequestURITooLong
	}
	size := line + len(r.Host) + len("\r\nHost: ")
	for k, vs := range r.Header {
		for _, v := range vs {
			size += len(k) + len(": \r\n") + len(v)
		}
	}
	if size > maxRequestHead {
		return http.StatusRequestHeaderFieldsTooLarge
	}
	return 0
}
