package conformance

import (
	"net/http"
	"net/http/httptest"
	"os"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
)

// Backend is one DynamoDB implementation the suite runs against.
type Backend struct {
	// Name is "dynamodb-local" or "engine".
	Name string
	// Client is an SDK client for the backend.
	Client *dynamodb.Client
	// Streams is a DynamoDB Streams SDK client for the backend.
	Streams *dynamodbstreams.Client
	// Endpoint is the URL raw HTTP requests go to.
	Endpoint string
	// Transport sends raw HTTP requests, without the SDK.
	Transport http.RoundTripper
	// Skip, when set, says why the backend is unavailable; its runs are
	// skipped with this reason.
	Skip string
	// SharedDB says whether the backend serves one set of tables whatever
	// access key and region requests are signed with (DynamoDB Local's
	// -sharedDb), and is nil when that is not known.
	SharedDB *bool
}

// IsLocal reports whether b is AWS's DynamoDB Local.
func (b *Backend) IsLocal() bool { return b.Name == localName }

// localName is DynamoDB Local's backend name.
const localName = "dynamodb-local"

// backendMakers make the backends, in the order cases run on them. The
// engine's is added by engine_test.go.
var backendMakers = []func() *Backend{localBackend}

var (
	backendsOnce sync.Once
	backendList  []*Backend
)

// backends returns every backend, made once per test binary.
func backends() []*Backend {
	backendsOnce.Do(func() {
		for _, mk := range backendMakers {
			backendList = append(backendList, mk())
		}
	})
	return backendList
}

// localBackend is AWS's DynamoDB Local at DYNAMODB_ENDPOINT.
func localBackend() *Backend {
	ep := os.Getenv("DYNAMODB_ENDPOINT")
	if ep == "" {
		return &Backend{Name: localName, Skip: "DYNAMODB_ENDPOINT is not set: run `make test` " +
			"or `scripts/dynamodb-local.sh run -- go test ./conformance/` to start DynamoDB Local"}
	}
	client := dynamodb.New(dynamodb.Options{
		BaseEndpoint: aws.String(ep),
		Region:       "us-east-1",
		Credentials:  signer,
		Retryer:      aws.NopRetryer{},
	})
	streams := dynamodbstreams.New(dynamodbstreams.Options{
		BaseEndpoint: aws.String(ep),
		Region:       "us-east-1",
		Credentials:  signer,
		Retryer:      aws.NopRetryer{},
	})
	return &Backend{Name: localName, Client: client, Streams: streams, Endpoint: ep, Transport: http.DefaultTransport, SharedDB: localSharedDB()}
}

// localSharedDB returns DynamoDB Local's mode as scripts/dynamodb-local.sh
// declares it in DYNAMODB_LOCAL_SHARED_DB, or nil without it.
func localSharedDB() *bool {
	switch os.Getenv("DYNAMODB_LOCAL_SHARED_DB") {
	case "1":
		return aws.Bool(true)
	case "0":
		return aws.Bool(false)
	}
	return nil
}

// signer signs the SDK's requests to every backend, as raw requests are
// signed (authHeader): DynamoDB Local and the engine keep tables apart by
// access key and region.
var signer = credentials.NewStaticCredentialsProvider("conformance", "conformance", "")

// handlerTransport sends raw requests straight to an in-process handler.
type handlerTransport struct{ h http.Handler }

// RoundTrip serves r with the handler and returns its response.
func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}
