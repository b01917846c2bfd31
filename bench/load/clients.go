package load

import (
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dokklib/db/local"
)

// requestTimeout bounds every request, so that a stuck backend cannot stall
// a phase past its time.
const requestTimeout = 30 * time.Second

// noRetries makes the SDK report every error instead of retrying it.
func noRetries(o *dynamodb.Options) { o.Retryer = aws.NopRetryer{} }

// HTTPClient returns an SDK client for the endpoint, with a connection for
// each of the workers, fixed credentials and no retries.
func HTTPClient(endpoint string, workers int) *dynamodb.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = 2 * workers
	tr.MaxIdleConnsPerHost = 2 * workers
	return dynamodb.New(dynamodb.Options{
		BaseEndpoint: aws.String(endpoint),
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("bench", "bench", ""),
		HTTPClient:   &http.Client{Transport: tr, Timeout: requestTimeout},
		Retryer:      aws.NopRetryer{},
	})
}

// EngineClient returns the engine's own in-process SDK client, without
// retries.
func EngineClient(eng *local.Engine) *dynamodb.Client {
	return eng.Client(noRetries)
}

// HandlerSDKClient returns the same SDK client as EngineClient, with h
// serving its requests in process instead of the engine.
func HandlerSDKClient(eng *local.Engine, h http.Handler) *dynamodb.Client {
	return eng.Client(noRetries, func(o *dynamodb.Options) { o.HTTPClient = HandlerClient{h} })
}
