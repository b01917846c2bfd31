package local

import (
	"bytes"
	"encoding/json"
	"errors"
	"hash/crc32"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/dokklib/db/internal/ddbtype"
)

const (
	targetPrefix = "DynamoDB_20120810."
	contentType  = "application/x-amz-json-1.0"
)

// request is one decoded HTTP request to an operation.
type request struct {
	body  []byte
	host  string
	leave func(table string, item ddbtype.Item) bool // batch items faults leave unprocessed; nil for none
}

// leaveUnprocessed reports whether faults leave a batch's item (or key)
// of table unprocessed.
func (r *request) leaveUnprocessed(table string, item ddbtype.Item) bool {
	return r.leave != nil && r.leave(table, item)
}

// opFunc runs one operation: it decodes the request and appends the JSON
// response body to dst.
type opFunc func(e *Engine, r *request, dst []byte) ([]byte, error)

// respPool holds response body buffers between requests.
var respPool = newBytesPool(4096)

// ServeHTTP answers one DynamoDB API request; after Close, with the 503
// response Close describes.
func (e *Engine) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !e.enter() {
		e.startResponse(w, r)
		ae := closedErr()
		writeResponse(w, r, ae.status, ae.appendJSON(nil))
		return
	}
	defer e.leave()
	e.serveOpen(w, r)
}

// serveOpen answers one request to an engine that is not closed.
func (e *Engine) serveOpen(w http.ResponseWriter, r *http.Request) {
	e.startResponse(w, r)
	if e.serveNonAPI(w, r) {
		return
	}
	bp := respPool.get()
	out, status := e.namespaceOf(r).view.serve(r, *bp)
	writeResponse(w, r, status, out)
	*bp = out
	respPool.put(bp)
}

// serve reads and runs the request, appending the response body to dst,
// and returns it with the HTTP status.
func (e *Engine) serve(r *http.Request, dst []byte) ([]byte, int) {
	out, err := e.run(r, dst)
	if err == nil {
		return out, http.StatusOK
	}
	ae := toAPIError(err)
	return ae.appendJSON(dst[:0]), ae.status
}

// run reads the request, applies the faults matching it and runs its
// operation, appending the response body to dst.
func (e *Engine) run(r *http.Request, dst []byte) ([]byte, error) {
	if err := e.failed.get(); err != nil {
		return nil, err
	}
	body, err := e.readBody(r)
	if err != nil {
		return nil, err
	}
	name, op, err := lookupOp(r.Header.Get("X-Amz-Target"), body)
	if err != nil {
		return nil, err
	}
	req := request{body: body, host: r.Host}
	if err := e.injectFaults(r.Context(), name, &req); err != nil {
		return nil, err
	}
	return op(e, &req, dst)
}

// lookupOp finds the operation a target names and returns its name.
// DynamoDB answers a body that is not JSON with a SerializationException
// before it looks at the target, and one that is no JSON object (empty,
// or null: arrays and scalars get their messages from the decoder) after:
// "technically valid JSON that cannot map to a structure" is a
// SerializationException (smithy's protocol tests, malformedRequestBody,
// RestJsonTechnicallyValidJsonBody).
func lookupOp(target string, body []byte) (string, opFunc, error) {
	name, op, ok := findOp(target) // streamops.go: DynamoDB's and DynamoDB Streams'
	if !ok || op == nil {
		if len(body) > 0 && !json.Valid(body) {
			return "", nil, serializationErr("")
		}
		return "", nil, unknownOperationErr()
	}
	if trimmed := bytes.TrimSpace(body); len(trimmed) == 0 || string(trimmed) == "null" {
		return "", nil, serializationErr("")
	}
	return name, op, nil
}

// acceptedContentType reports whether a request's Content-Type is one
// DynamoDB's JSON protocol accepts. A missing one is accepted.
func acceptedContentType(ct string) bool {
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == contentType || mt == "application/json")
}

// readBody reads the request body, checks its signature when the engine
// has credentials, and undoes its Content-Encoding. Bodies over the size
// limit, before or after decompression, are refused.
func (e *Engine) readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		r.Body = http.NoBody
	}
	body, err := e.readSized(r.Body, r.ContentLength)
	if err != nil {
		return nil, err
	}
	if e.opts.auth != nil {
		if err := e.opts.auth.verify(r, body); err != nil {
			return nil, err
		}
	}
	return decodeBody(r.Header.Get("Content-Encoding"), body, e.readLimited)
}

// readLimited reads src up to the body size limit. An error of the
// connection is a SerializationException; one of decompression keeps its
// own answer.
func (e *Engine) readLimited(src io.Reader) ([]byte, error) { return e.readSized(src, -1) }

// readSized is readLimited for a body of the given length, or -1 when
// unknown: a body of known length is read into one buffer of its size,
// where io.ReadAll would grow a buffer from 512 bytes, copying as it goes.
func (e *Engine) readSized(src io.Reader, size int64) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(int(min(max(size, 0), e.opts.maxBody)) + bytes.MinRead)
	_, err := b.ReadFrom(io.LimitReader(src, e.opts.maxBody+1))
	body := b.Bytes()
	if err != nil {
		var ae *apiError
		if errors.As(err, &ae) {
			return nil, ae
		}
		return nil, serializationErr("")
	}
	if int64(len(body)) > e.opts.maxBody {
		return nil, tooLargeErr(e.opts.maxBody)
	}
	return body, nil
}

// writeResponse writes a JSON response with DynamoDB's headers,
// compressed when the client accepts it and the body is large enough.
func writeResponse(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	if coding := responseCoding(r, len(body)); coding != "" {
		if z, err := compress(coding, body); err == nil {
			w.Header()["Content-Encoding"] = []string{coding}
			body = z
		}
	}
	writeRaw(w, status, contentType, body)
}

// writeRaw writes a body with its Content-Type, length and CRC32.
func writeRaw(w http.ResponseWriter, status int, ct string, body []byte) {
	h := w.Header()
	h["Content-Type"] = []string{ct}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	h["X-Amz-Crc32"] = []string{strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10)}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// DefaultMaxBodyBytes is the default limit of a request body: DynamoDB's
// 16 MB.
const DefaultMaxBodyBytes = 16 << 20

// WithMaxBodyBytes sets the largest request body the engine reads (default
// DefaultMaxBodyBytes), before and after decompression; a larger one gets
// HTTP 413 and a RequestEntityTooLargeException.
func WithMaxBodyBytes(n int64) Option {
	return func(o *options) { o.maxBody = n }
}

// tooLargeErr is the answer to a request body over the limit.
func tooLargeErr(limit int64) *apiError {
	return &apiError{status: http.StatusRequestEntityTooLarge, typ: nsCoral + "RequestEntityTooLargeException",
		msg: "Request Entity Too Large: the request body exceeds " + strconv.FormatInt(limit, 10) + " bytes"}
}
