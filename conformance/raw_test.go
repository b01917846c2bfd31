package conformance

import (
	"bytes"
	"compress/gzip"
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
	// Gzip compresses the body and sends Content-Encoding: gzip.
	Gzip bool
	// ContentType overrides application/x-amz-json-1.0.
	ContentType string
	// Key and Region override the access key and region of the request's
	// credential scope, conformance and us-east-1.
	Key, Region string
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
	o := outcome{op: "raw " + strings.TrimPrefix(r.Target, "DynamoDB_20120810.")}
	req, err := http.NewRequestWithContext(e.Ctx, http.MethodPost, e.B.Endpoint+"/", bytes.NewReader(r.body(e)))
	if err != nil {
		e.Fatalf("raw request: %v", err)
	}
	r.setHeaders(req)
	resp, err := e.B.Transport.RoundTrip(req)
	if err != nil {
		e.Fatalf("raw request: %v", err)
	}
	defer resp.Body.Close()
	body, err := readBody(resp)
	if err != nil {
		e.Fatalf("raw response: %v", err)
	}
	o.status, o.header, o.raw = resp.StatusCode, resp.Header, body
	o.body = e.decode(o.op, body)
	if m, ok := o.body.(map[string]any); ok && m["__type"] != nil {
		typ, _ := m["__type"].(string)
		o.code = typ[strings.LastIndex(typ, "#")+1:]
		o.msg, _ = m["message"].(string)
		if o.msg == "" {
			o.msg, _ = m["Message"].(string)
		}
	}
	return o
}

// body returns the request body, placeholders replaced, compressed if asked.
func (r *Raw) body(e *Env) []byte {
	b := []byte(e.forward().Replace(r.Body))
	if !r.Gzip {
		return b
	}
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
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
}

// readBody reads a response body, decompressing it when it is gzipped.
func readBody(resp *http.Response) ([]byte, error) {
	if resp.Header.Get("Content-Encoding") != "gzip" {
		return io.ReadAll(resp.Body)
	}
	z, err := gzip.NewReader(resp.Body)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}
