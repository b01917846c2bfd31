package local

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// collect reads a table's stream with StreamRecords until it ends.
func collect(t *testing.T, e *Engine, c context.Context, table string, opts StreamReadOptions) ([]stypes.Record, error) {
	t.Helper()
	var out []stypes.Record
	for rec, err := range e.StreamRecords(c, table, opts) {
		if err != nil {
			return out, err
		}
		out = append(out, rec)
	}
	return out, nil
}

func TestStreamRecordsReader(t *testing.T) {
	e, _, c, _ := streamEngine(t)
	e.streams.limits.shardRecords = 2
	createStreamTable(t, c, "tbl", types.StreamViewTypeNewImage)
	for _, p := range []string{"a", "b", "c", "d", "e"} {
		putPK(t, c, "tbl", p, "1")
	}
	all, err := collect(t, e, ctx, "tbl", StreamReadOptions{})
	mustOK(t, err)
	if seqs(all) != "1,2,3,4,5" {
		t.Fatalf("read across shards: %q", seqs(all))
	}
	for after, want := range map[string]string{formatSeq(2): "3,4,5", formatSeq(3): "4,5", formatSeq(5): ""} {
		recs, err := collect(t, e, ctx, "tbl", StreamReadOptions{After: after})
		mustOK(t, err)
		if seqs(recs) != want {
			t.Errorf("after %s: %q, want %q", after, seqs(recs), want)
		}
	}
	n := 0
	for range e.StreamRecords(ctx, "tbl", StreamReadOptions{}) {
		if n++; n == 2 {
			break // the consumer stops: the sequence must not yield again
		}
	}
	createStreamTable(t, c, "plain", "")
	if _, err := collect(t, e, ctx, "plain", StreamReadOptions{}); !errors.Is(err, ErrNoStream) {
		t.Fatalf("table without a stream: %v", err)
	}
	_, err = collect(t, e, ctx, "missing", StreamReadOptions{})
	wantErr(t, err, "ResourceNotFoundException", "")
}

func TestStreamRecordsFollow(t *testing.T) {
	e, _, c, _ := streamEngine(t)
	e.streams.limits.shardRecords = 2
	createStreamTable(t, c, "tbl", types.StreamViewTypeKeysOnly)
	putPK(t, c, "tbl", "a", "1")
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	got := make(chan string, 10)
	done := make(chan error, 1)
	go func() {
		defer close(got)
		for rec, err := range e.StreamRecords(cctx, "tbl", StreamReadOptions{Follow: true, After: formatSeq(1)}) {
			if err != nil {
				done <- err
				return
			}
			got <- rec.Dynamodb.Keys["pk"].(*stypes.AttributeValueMemberS).Value
		}
		done <- nil
	}()
	keys := ""
	for _, p := range []string{"b", "c", "d"} { // "d" opens a second shard
		putPK(t, c, "tbl", p, "1")
		select {
		case k := <-got:
			keys += k
		case <-time.After(5 * time.Second):
			t.Fatalf("record of %s not read; read %q", p, keys)
		}
	}
	if keys != "bcd" {
		t.Fatalf("followed records: %q", keys)
	}
	// The reader waits for more until its context ends, then ends without
	// an error.
	cancel()
	select {
	case err := <-done:
		mustOK(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("the reader did not end with its context")
	}
}

func TestStreamRecordsFollowEndsWhenDisabled(t *testing.T) {
	e, _, c, _ := streamEngine(t)
	createStreamTable(t, c, "tbl", types.StreamViewTypeKeysOnly)
	putPK(t, c, "tbl", "a", "1")
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	done := make(chan []stypes.Record, 1)
	go func() {
		recs, err := collect(t, e, cctx, "tbl", StreamReadOptions{Follow: true})
		if err != nil {
			t.Error(err)
		}
		done <- recs
	}()
	time.Sleep(10 * time.Millisecond)
	_, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("tbl"),
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})
	mustOK(t, err)
	select {
	case recs := <-done:
		if seqs(recs) != "1" {
			t.Fatalf("records: %q", seqs(recs))
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the reader did not end when the stream was disabled")
	}
}

func TestStreamEmptyClosedShard(t *testing.T) {
	e, clock, c, sc := streamEngine(t)
	arn := createStreamTable(t, c, "tbl", types.StreamViewTypeKeysOnly)
	clock.set(streamT0.Add(defaultShardAge)) // an old shard without records stays open
	putPK(t, c, "tbl", "a", "1")
	if n := len(shardsOf(t, sc, arn)); n != 1 {
		t.Fatalf("%d shards, want 1", n)
	}
	_, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("tbl"),
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}})
	wantErr(t, err, "ValidationException", "Table already has an enabled stream: TableName: tbl")
	// A stream disabled before any write has a closed shard without
	// records, which reads to its end at once.
	second := createStreamTable(t, c, "empty", types.StreamViewTypeKeysOnly)
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("empty"),
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})
	mustOK(t, err)
	sh := shardsOf(t, sc, second)[0]
	out, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: iterator(t, sc, second, *sh.ShardId, stypes.ShardIteratorTypeTrimHorizon, "")})
	mustOK(t, err)
	if len(out.Records) != 0 || out.NextShardIterator != nil {
		t.Fatalf("empty closed shard: %d records, next %v", len(out.Records), out.NextShardIterator)
	}
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	recs, err := collect(t, e, cctx, "empty", StreamReadOptions{Follow: true})
	if err != nil || len(recs) != 0 || cctx.Err() != nil {
		t.Fatalf("StreamRecords of an empty disabled stream: %d records, %v, context %v", len(recs), err, cctx.Err())
	}
}

func TestStreamRecordsEndsWhenClosed(t *testing.T) {
	e, _, c, _ := streamEngine(t)
	createStreamTable(t, c, "tbl", types.StreamViewTypeKeysOnly)
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := collect(t, e, cctx, "tbl", StreamReadOptions{Follow: true})
		done <- err
	}()
	time.Sleep(10 * time.Millisecond)
	mustOK(t, e.Close())
	select {
	case err := <-done:
		if !errors.Is(err, ErrClosed) {
			t.Fatalf("after Close: %v, want ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the reader did not end when the engine closed")
	}
}
