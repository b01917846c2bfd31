package local

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
)

// StreamsClient returns a DynamoDB Streams SDK client served by the
// engine in process, with no sockets, as Client does for DynamoDB: the
// same credentials, region and namespace. optFns adjust the options
// further.
func (e *Engine) StreamsClient(optFns ...func(*dynamodbstreams.Options)) *dynamodbstreams.Client {
	key, secret := e.clientCredentials()
	opts := dynamodbstreams.Options{
		Region:       e.opts.region,
		BaseEndpoint: aws.String(inProcessEndpoint),
		Credentials:  credentials.NewStaticCredentialsProvider(key, secret, ""),
		HTTPClient:   inProcessClient{e},
	}
	return dynamodbstreams.New(opts, optFns...)
}
