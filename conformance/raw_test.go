package conformance

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Raw is a request sent over HTTP without the SDK, for what the SDK cannot
// send: malformed JSON, wrong types, odd headers.
type Raw struct {
	// Target is the X-Amz-Target header, such as
	// "DynamoDB_20120810.ListTables"; "" sends none.
	Target string
	// Body is the request body; placeholders such as "$T" are replaced.
	Body string
	// Gzip compresses the body and sends Content-Encoding: gzip; Deflate
	// compresses it in the zlib format and sends Content-Encoding:
	// deflate.
	Gzip, Deflate bool
	// ContentType overrides application/x-amz-json-1.0.
	ContentType string
	// Key and Region override the access key and region of the request's
	// credential scope, conformance and us-east-1.
	Key, Region string
	// Method and Path override POST and "/".
	Method, Path string
	// Header holds more request headers, set after the others.
	Header map[string]string
}

// authHeader returns a syntactically valid SigV4 header with the
// credential scope of access key key in region: DynamoDB Local rejects
// requests without one but checks no signature.
func authHeader(key, region string) string {
	return "AWS4-HMAC-SHA256 Credential=" + key + "/20200101/" + region + "/dynamodb/aws4_request, " +
		"SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000"
}

// scope returns the access key and region r is signed with.
func (r *Raw) scope() (key, region string) {
	key, region = "conformance", "us-east-1"
	if r.Key != "" {
		key = r.Key
	}
	if r.Region != "" {
		region = r.Region
	}
	return key, region
}

// raw sends r to the backend and decodes the response: the exception type
// from __type, the message from "message" or "Message".
func (e *Env) raw(r *Raw) outcome {
	o, err := e.tryRaw(r)
	if err != nil {
		e.Fatalf("raw %s", err)
	}
	return o
}

// tryRaw is raw, returning the error of a request that got no response.
func (e *Env) tryRaw(r *Raw) (outcome, error) {
	o := outcome{op: "raw " + strings.TrimPrefix(r.Target, "DynamoDB_20120810.")}
	method, path := r.Method, r.Path
	if method == "" {
		method = http.MethodPost
	}
	if path == "" {
		path = "/"
	}
	req, err := http.NewRequestWithContext(e.Ctx, method, e.B.Endpoint+path, bytes.NewReader(r.body(e)))
	if err != nil {
		return o, fmt.Errorf("request: %w", err)
	}
	r.setHeaders(req)
	resp, err := e.B.Transport.RoundTrip(req)
	if err != nil {
		return o, fmt.Errorf("request: %w", err)
	}
	defer resp.Body.Close()
	body, err := readBody(resp)
	if err != nil {
		return o, fmt.Errorf("response: %w", err)
	}
	o.status, o.header, o.raw = resp.StatusCode, resp.Header, body
	if isJSON(resp.Header.Get("Content-Type")) {
		o.body = e.decode(o.op, body)
	}
	if m, ok := o.body.(map[string]any); ok && m["__type"] != nil {
		typ, _ := m["__type"].(string)
		o.code = typ[strings.LastIndex(typ, "#")+1:]
		o.msg, _ = m["message"].(string)
		if o.msg == "" {
			o.msg, _ = m["Message"].(string)
		}
	}
	return o, nil
}

// isJSON reports whether a Content-Type is one of DynamoDB's JSON ones;
// other bodies (health checks, error pages) are not decoded.
func isJSON(ct string) bool {
	return strings.HasPrefix(ct, "application/x-amz-json-1.0") || strings.HasPrefix(ct, "application/json")
}

// body returns the request body, placeholders replaced, compressed if asked.
func (r *Raw) body(e *Env) []byte {
	b := []byte(e.forward().Replace(r.Body))
	var buf bytes.Buffer
	var w io.WriteCloser
	switch {
	case r.Gzip:
		w = gzip.NewWriter(&buf)
	case r.Deflate:
		w = zlib.NewWriter(&buf)
	default:
		return b
	}
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Bytes()
}

// setHeaders sets the headers a DynamoDB client sends.
func (r *Raw) setHeaders(req *http.Request) {
	ct := r.ContentType
	if ct == "" {
		ct = "application/x-amz-json-1.0"
	}
	req.Header.Set("Content-Type", ct)
	req.Header.Set("X-Amz-Date", "20200101T000000Z")
	req.Header.Set("Authorization", authHeader(r.scope()))
	if r.Target != "" {
		req.Header.Set("X-Amz-Target", r.Target)
	}
	if r.Gzip {
		req.Header.Set("Content-Encoding", "gzip")
	}
	if r.Deflate {
		req.Header.Set("Content-Encoding", "deflate")
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
}

// readBody reads a response body, decompressing it as its
// Content-Encoding says.
func readBody(resp *http.Response) ([]byte, error) {
	var z io.Reader
	var err error
	switch resp.Header.Get("Content-Encoding") {
	case "gzip":
		z, err = gzip.NewReader(resp.Body)
	case "deflate":
		z, err = zlib.NewReader(resp.Body)
	default:
		return io.ReadAll(resp.Body)
	}
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}
