package local

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// streamT0 is the fake clock's start in stream tests.
var streamT0 = time.Date(2026, 3, 1, 12, 0, 0, 250e6, time.UTC)

// streamEngine returns an engine on a fake clock with its DynamoDB and
// DynamoDB Streams clients, closed when the test ends.
func streamEngine(t testing.TB, opts ...Option) (*Engine, *fakeClock, *dynamodb.Client, *dynamodbstreams.Client) {
	t.Helper()
	clock := &fakeClock{t: streamT0}
	e, c := newClient(t, append([]Option{WithClock(clock.now), WithTTLInterval(0)}, opts...)...)
	return e, clock, c, e.StreamsClient(func(o *dynamodbstreams.Options) { o.RetryMaxAttempts = 1 })
}

// createStreamTable creates an on-demand table with string hash key pk
// and a stream of the given view type ("" for none), and returns the
// stream's ARN.
func createStreamTable(t testing.TB, c *dynamodb.Client, name string, view types.StreamViewType) string {
	t.Helper()
	in := &dynamodb.CreateTableInput{TableName: aws.String(name), AttributeDefinitions: attrDefs("pk", "S"),
		KeySchema: keySchemaOf("pk"), BillingMode: types.BillingModePayPerRequest}
	if view != "" {
		in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: view}
	}
	out, err := c.CreateTable(ctx, in)
	mustOK(t, err)
	return aws.ToString(out.TableDescription.LatestStreamArn)
}

// putPK puts the item {pk: p, v: v} in table.
func putPK(t testing.TB, c *dynamodb.Client, table, p, v string) {
	t.Helper()
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table),
		Item: map[string]av{"pk": str(p), "v": num(v)}})
	mustOK(t, err)
}

// shardsOf returns the shards of a stream.
func shardsOf(t testing.TB, sc *dynamodbstreams.Client, arn string) []stypes.Shard {
	t.Helper()
	out, err := sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	mustOK(t, err)
	return out.StreamDescription.Shards
}

// iterator returns a shard iterator of the given type.
func iterator(t testing.TB, sc *dynamodbstreams.Client, arn, shard string, typ stypes.ShardIteratorType, seq string) *string {
	t.Helper()
	in := &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(shard), ShardIteratorType: typ}
	if seq != "" {
		in.SequenceNumber = aws.String(seq)
	}
	out, err := sc.GetShardIterator(ctx, in)
	mustOK(t, err)
	return out.ShardIterator
}

// readStream reads every record of every shard of a stream from its trim
// horizon, with GetRecords pages of limit (0: the default).
func readStream(t testing.TB, sc *dynamodbstreams.Client, arn string, limit int32) []stypes.Record {
	t.Helper()
	var out []stypes.Record
	for _, sh := range shardsOf(t, sc, arn) {
		it := iterator(t, sc, arn, *sh.ShardId, stypes.ShardIteratorTypeTrimHorizon, "")
		for range 10000 { // bounded: a test stream holds far fewer pages
			in := &dynamodbstreams.GetRecordsInput{ShardIterator: it}
			if limit > 0 {
				in.Limit = aws.Int32(limit)
			}
			page, err := sc.GetRecords(ctx, in)
			mustOK(t, err)
			out = append(out, page.Records...)
			if page.NextShardIterator == nil || len(page.Records) == 0 {
				break
			}
			it = page.NextShardIterator
		}
	}
	return out
}

// eventNames returns the records' event names.
func eventNames(recs []stypes.Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, string(r.EventName))
	}
	return out
}
