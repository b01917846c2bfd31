package conformance

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"

	"github.com/dokklib/db/local"
)

func init() { backendMakers = append(backendMakers, engineBackend) }

// engineBackend is the pure-Go engine of package local, served in process:
// SDK calls through its Client, raw requests straight to its handler.
func engineBackend() *Backend {
	eng := local.New()
	client := eng.Client(func(o *dynamodb.Options) { o.Credentials = signer })
	streams := eng.StreamsClient(func(o *dynamodbstreams.Options) { o.Credentials = signer })
	return &Backend{Name: engineName, Client: client, Streams: streams, Endpoint: "http://engine.local", Transport: handlerTransport{eng}, SharedDB: aws.Bool(false)}
}
