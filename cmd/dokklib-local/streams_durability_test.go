package main

// A table's stream across SIGKILL: the server, run with -data, is killed
// while a client writes; after it, the stream must hold exactly one record
// for each write the data file kept, in order, and so one for every
// acknowledged write, since records are written in the transaction of the
// items they describe.

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/dokklib/db/local"
)

func TestStreamAcrossKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the server; skipped with -short")
	}
	bin, dir := buildDurServer(t), t.TempDir()
	p := startDurProcess(t, bin, dir)
	c := p.client()
	_, err := c.CreateTable(bkCtx(t), &dynamodb.CreateTableInput{TableName: aws.String("dur"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("PK"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("PK"), KeyType: types.KeyTypeHash}},
		StreamSpecification:  &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}})
	mustNoErr(t, err)

	wctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var acked int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); acked = bkWrites(wctx, p.client()) }()
	time.Sleep(300 * time.Millisecond)
	p.kill(t) // SIGKILL, with the writer still writing
	cancel()
	wg.Wait()
	t.Logf("killed after %d acknowledged writes", acked)

	e, err := local.Open(dir, local.WithTTLInterval(0))
	mustNoErr(t, err)
	defer e.Close()
	creds := func(o *dynamodb.Options) { o.Credentials = p.client().Options().Credentials } // the server's namespace
	items := checkPrefix(t, e.Client(creds), "dur")
	if items < acked {
		t.Fatalf("%d items kept, %d writes acknowledged", items, acked)
	}
	out, err := e.Client(creds).DescribeTable(bkCtx(t), &dynamodb.DescribeTableInput{TableName: aws.String("dur")})
	mustNoErr(t, err)
	sc := e.StreamsClient(func(o *dynamodbstreams.Options) { o.Credentials = p.client().Options().Credentials })
	keys := readAllRecords(t, sc, aws.ToString(out.Table.LatestStreamArn))
	if len(keys) != items {
		t.Fatalf("%d stream records for %d items", len(keys), items)
	}
	for i, k := range keys {
		if want := fmt.Sprintf("w%d", i); k != want {
			t.Fatalf("record %d is of %s, want %s", i, k, want)
		}
	}
}

// readAllRecords returns the keys (PK) of every record of a stream, in
// order.
func readAllRecords(t *testing.T, sc *dynamodbstreams.Client, arn string) []string {
	t.Helper()
	d, err := sc.DescribeStream(bkCtx(t), &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	mustNoErr(t, err)
	var keys []string
	for _, sh := range d.StreamDescription.Shards {
		it, err := sc.GetShardIterator(bkCtx(t), &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: sh.ShardId,
			ShardIteratorType: stypes.ShardIteratorTypeTrimHorizon})
		mustNoErr(t, err)
		for next := it.ShardIterator; next != nil; {
			page, err := sc.GetRecords(bkCtx(t), &dynamodbstreams.GetRecordsInput{ShardIterator: next})
			mustNoErr(t, err)
			for _, r := range page.Records {
				keys = append(keys, r.Dynamodb.Keys["PK"].(*stypes.AttributeValueMemberS).Value)
			}
			if len(page.Records) == 0 {
				break
			}
			next = page.NextShardIterator
		}
	}
	return keys
}
