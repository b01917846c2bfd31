package load

import (
	"bytes"
	"io"
	"net/http"
)

// HandlerClient is an SDK HTTP client that serves every request with
// Handler in process, with no sockets, as the engine's own Client does.
type HandlerClient struct{ Handler http.Handler }

// Do serves req with the handler and returns its response.
func (c HandlerClient) Do(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	rec := &recorder{header: make(http.Header, 4), status: http.StatusOK}
	c.Handler.ServeHTTP(rec, req)
	if req.Body != nil {
		_ = req.Body.Close()
	}
	return rec.response(req), nil
}

// recorder is an http.ResponseWriter that keeps what the handler wrote.
type recorder struct {
	header http.Header
	status int
	body   []byte
}

func (r *recorder) Header() http.Header    { return r.header }
func (r *recorder) WriteHeader(status int) { r.status = status }
func (r *recorder) Write(b []byte) (int, error) {
	r.body = append(r.body, b...)
	return len(b), nil
}

// response returns what was recorded as the response to req.
func (r *recorder) response(req *http.Request) *http.Response {
	return &http.Response{
		Status:        http.StatusText(r.status),
		StatusCode:    r.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        r.header,
		Body:          io.NopCloser(bytes.NewReader(r.body)),
		ContentLength: int64(len(r.body)),
		Request:       req,
	}
}
