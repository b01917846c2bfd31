package local

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	"go.etcd.io/bbolt"
)

// openStreams opens the engine of dir on clock, with its clients.
func openStreams(t *testing.T, dir string, clock *fakeClock) (*Engine, *dynamodb.Client, *dynamodbstreams.Client) {
	t.Helper()
	e, err := Open(dir, WithClock(clock.now), WithTTLInterval(0))
	mustOK(t, err)
	return e, e.Client(), e.StreamsClient()
}

// eventIDs returns the records' event IDs.
func eventIDs(recs []stypes.Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, aws.ToString(r.EventID))
	}
	return out
}

func TestStreamSurvivesReopen(t *testing.T) {
	dir := t.TempDir()
	clock := &fakeClock{t: streamT0}
	e, c, sc := openStreams(t, dir, clock)
	e.streams.limits.shardRecords = 2
	arn := createStreamTable(t, c, "tbl", types.StreamViewTypeNewAndOldImages)
	for _, p := range []string{"a", "b", "c"} {
		putPK(t, c, "tbl", p, "1")
	}
	before := readStream(t, sc, arn, 0)
	mustOK(t, e.Close())
	if n := diskRecords(t, dir); n != 3 {
		t.Fatalf("%d records in the data file, want 3", n)
	}

	e, c, sc = openStreams(t, dir, clock)
	after := readStream(t, sc, arn, 0)
	if !slices.Equal(eventIDs(after), eventIDs(before)) || seqs(after) != "1,2,3" {
		t.Fatalf("after reopening: %v (%s), want %v", eventIDs(after), seqs(after), eventIDs(before))
	}
	if n := len(shardsOf(t, sc, arn)); n != 2 {
		t.Fatalf("after reopening: %d shards", n)
	}
	putPK(t, c, "tbl", "d", "1") // the stream goes on where it was
	if recs := readStream(t, sc, arn, 0); seqs(recs) != "1,2,3,4" {
		t.Fatalf("written after reopening: %q", seqs(recs))
	}
	_, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("tbl"),
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}})
	wantErr(t, err, "ValidationException", "Table already has an enabled stream: TableName: tbl")
	clock.set(streamT0.Add(time.Minute))
	_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("tbl")})
	mustOK(t, err)
	mustOK(t, e.Close())

	// A deleted table's stream stays readable, disabled, for 24 hours.
	e, _, sc = openStreams(t, dir, clock)
	ds, err := sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	mustOK(t, err)
	if ds.StreamDescription.StreamStatus != stypes.StreamStatusDisabled || seqs(readStream(t, sc, arn, 0)) != "1,2,3,4" {
		t.Fatalf("deleted table's stream after reopening: %s", ds.StreamDescription.StreamStatus)
	}
	mustOK(t, e.Close())
	clock.set(streamT0.Add(time.Minute + streamRetention))
	e, _, sc = openStreams(t, dir, clock)
	ls, err := sc.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{})
	mustOK(t, err)
	mustOK(t, e.Close())
	if len(ls.Streams) != 0 {
		t.Fatalf("expired stream after reopening: %+v", ls.Streams)
	}
	// Opening deleted the expired stream from the data file.
	db, err := bbolt.Open(filepath.Join(dir, DataFile), 0o600, &bbolt.Options{ReadOnly: true})
	mustOK(t, err)
	defer db.Close()
	mustOK(t, db.View(func(tx *bbolt.Tx) error {
		if b := tx.Bucket(bucketStreams); b != nil && b.Stats().BucketN > 1 {
			t.Errorf("expired stream still in the data file: %d buckets", b.Stats().BucketN)
		}
		return nil
	}))
}

func TestStreamRecordsTrimmedOnDisk(t *testing.T) {
	dir := t.TempDir()
	clock := &fakeClock{t: streamT0}
	e, c, _ := openStreams(t, dir, clock)
	arn := createStreamTable(t, c, "tbl", types.StreamViewTypeKeysOnly)
	putPK(t, c, "tbl", "a", "1")
	clock.set(streamT0.Add(streamRetention + time.Second))
	putPK(t, c, "tbl", "b", "1") // trims the first from the data file
	mustOK(t, e.Close())
	if n := diskRecords(t, dir); n != 1 {
		t.Fatalf("%d records in the data file, want 1", n)
	}
	e, _, sc2 := openStreams(t, dir, clock)
	defer e.Close()
	if recs := readStream(t, sc2, arn, 0); seqs(recs) != "2" {
		t.Fatalf("after reopening: %q", seqs(recs))
	}
	_, err := sc2.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn),
		ShardId: shardsOf(t, sc2, arn)[0].ShardId, ShardIteratorType: stypes.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String(formatSeq(1))})
	wantErr(t, err, "TrimmedDataAccessException", "")
}

// diskRecords counts the stream records in the data file of dir.
func diskRecords(t *testing.T, dir string) int {
	t.Helper()
	db, err := bbolt.Open(filepath.Join(dir, DataFile), 0o600, &bbolt.Options{ReadOnly: true})
	mustOK(t, err)
	defer db.Close()
	n := 0
	mustOK(t, db.View(func(tx *bbolt.Tx) error {
		root := tx.Bucket(bucketStreams)
		if root == nil {
			return nil
		}
		return root.ForEachBucket(func(name []byte) error {
			n += root.Bucket(name).Bucket(bucketRecords).Stats().KeyN
			return nil
		})
	}))
	return n
}

func TestStreamOfHiddenNamespaceKept(t *testing.T) {
	dir := t.TempDir()
	clock := &fakeClock{t: streamT0}
	e, err := Open(dir, WithClock(clock.now), WithTTLInterval(0))
	mustOK(t, err)
	other := func(o *dynamodb.Options) { o.Region = "eu-west-1" }
	arn := createStreamTable(t, e.Client(other), "tbl", types.StreamViewTypeKeysOnly)
	putPK(t, e.Client(other), "tbl", "a", "1")
	mustOK(t, e.Close())

	// WithSharedDB serves the default namespace only: the other one's
	// stream is not listed, and is left in the data file.
	e, err = Open(dir, WithClock(clock.now), WithTTLInterval(0), WithSharedDB())
	mustOK(t, err)
	ls, err := e.StreamsClient().ListStreams(ctx, &dynamodbstreams.ListStreamsInput{})
	mustOK(t, err)
	mustOK(t, e.Close())
	if len(ls.Streams) != 0 {
		t.Fatalf("shared engine lists %+v", ls.Streams)
	}
	e, err = Open(dir, WithClock(clock.now), WithTTLInterval(0))
	mustOK(t, err)
	defer e.Close()
	sc := e.StreamsClient(func(o *dynamodbstreams.Options) { o.Region = "eu-west-1" })
	if recs := readStream(t, sc, arn, 0); seqs(recs) != "1" {
		t.Fatalf("the other namespace's stream after reopening: %q", seqs(recs))
	}
}
