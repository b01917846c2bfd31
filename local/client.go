package local

import (
	"bytes"
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// inProcessEndpoint is the base endpoint of in-process clients. Nothing
// resolves or dials it: requests go straight to the engine.
const inProcessEndpoint = "http://dynamodb.local.invalid"

// Client returns a DynamoDB SDK client served by the engine in process,
// with no sockets: static credentials (access key "local", or the
// engine's first with WithCredentials), the engine's region (WithRegion,
// default us-east-1) and the SDK's default retries. Its requests use the
// default namespace. optFns adjust the options further; a client given
// other credentials or another region uses their namespace.
func (e *Engine) Client(optFns ...func(*dynamodb.Options)) *dynamodb.Client {
	key, secret := e.clientCredentials()
	opts := dynamodb.Options{
		Region:       e.opts.region,
		BaseEndpoint: aws.String(inProcessEndpoint),
		Credentials:  credentials.NewStaticCredentialsProvider(key, secret, ""),
		HTTPClient:   inProcessClient{e},
	}
	return dynamodb.New(opts, optFns...)
}

// clientCredentials returns the access key and secret Client signs with.
func (c *core) clientCredentials() (key, secret string) {
	if c.opts.auth != nil {
		return c.opts.auth.first()
	}
	return "local", "local"
}

// inProcessClient is an SDK HTTP client whose requests the engine answers
// directly.
type inProcessClient struct{ e *Engine }

// Do serves req with the engine's handler. A closed engine's answer is
// closedError rather than a response, so that the caller can tell it.
func (c inProcessClient) Do(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		defer req.Body.Close()
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	if !c.e.enter() {
		return nil, closedError{}
	}
	defer c.e.leave()
	w := &responseWriter{header: make(http.Header, 4), status: http.StatusOK}
	c.e.serveOpen(w, req)
	return &http.Response{
		Status:        http.StatusText(w.status),
		StatusCode:    w.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        w.header,
		Body:          io.NopCloser(bytes.NewReader(w.body)),
		ContentLength: int64(len(w.body)),
		Request:       req,
	}, nil
}

// closedError is what in-process clients get from a closed engine:
// ErrClosed, which the SDK must not retry as it would a failure to reach
// a server, since a closed engine stays closed.
type closedError struct{}

func (closedError) Error() string { return ErrClosed.Error() }

// Unwrap returns ErrClosed, for errors.Is.
func (closedError) Unwrap() error { return ErrClosed }

// RetryableError tells the SDK's retryer not to retry.
func (closedError) RetryableError() bool { return false }

// responseWriter is a minimal http.ResponseWriter that keeps the body.
type responseWriter struct {
	header http.Header
	status int
	body   []byte
}

func (w *responseWriter) Header() http.Header { return w.header }

func (w *responseWriter) WriteHeader(status int) { w.status = status }

func (w *responseWriter) Write(b []byte) (int, error) {
	w.body = append(w.body, b...)
	return len(b), nil
}
