package local

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// streamHeld returns the memory the stream called arn holds and how many
// records, checking the stream's count against its records.
func streamHeld(t *testing.T, e *Engine, arn string) (held int64, records int) {
	t.Helper()
	s := e.streams.find(e.namespace, arn, e.now())
	if s == nil {
		t.Fatalf("no stream %s", arn)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sh := range s.shards {
		for i := range sh.records {
			held += sh.records[i].cost()
		}
		records += len(sh.records)
	}
	if held != s.held {
		t.Fatalf("the stream counts %d bytes held, its records hold %d", s.held, held)
	}
	return held, records
}

// putMany puts n items in table, named p<from> onwards.
func putMany(t *testing.T, e *Engine, table string, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		putPK(t, e.Client(), table, fmt.Sprintf("p%d", i), "1")
	}
}

// seqRange returns the sequence numbers from first to last as seqs
// writes them.
func seqRange(first, last int) string {
	var out []string
	for i := first; i <= last; i++ {
		out = append(out, fmt.Sprint(i))
	}
	return strings.Join(out, ",")
}

func TestStreamMemoryDefault(t *testing.T) {
	e, _, _, _ := streamEngine(t)
	if c := e.streamCache(); c.budget != DefaultStreamMemory || c.file != nil {
		t.Fatalf("default cache: %+v", c)
	}
	e, _, _, _ = streamEngine(t, WithStreamMemory(-1))
	if c := e.streamCache(); c.budget != DefaultStreamMemory {
		t.Fatalf("WithStreamMemory(-1): %d", c.budget)
	}
}

func TestStreamMemoryEngineKeepsNewest(t *testing.T) {
	const budget = 4 << 10
	e, _, c, sc := streamEngine(t, WithStreamMemory(budget))
	e.streams.limits.shardRecords = 25
	arn := createStreamTable(t, c, "tbl", types.StreamViewTypeKeysOnly)
	sh := *shardsOf(t, sc, arn)[0].ShardId
	early := iterator(t, sc, arn, sh, stypes.ShardIteratorTypeTrimHorizon, "")
	putMany(t, e, "tbl", 0, 200)

	held, n := streamHeld(t, e, arn)
	if held > budget || n < 2 || n >= 200 {
		t.Fatalf("%d records in memory holding %d bytes, budget %d", n, held, budget)
	}
	if recs := readStream(t, sc, arn, 0); seqs(recs) != seqRange(201-n, 200) {
		t.Fatalf("read from the trim horizons: %q, want the newest %d", seqs(recs), n)
	}
	// The records dropped are trimmed: positions before them are refused.
	_, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: early})
	wantErr(t, err, "TrimmedDataAccessException", "")
	_, err = sc.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(sh),
		ShardIteratorType: stypes.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String(formatSeq(1))})
	wantErr(t, err, "TrimmedDataAccessException", "")
	// Every shard stays listed; those left without records read empty.
	if shards := shardsOf(t, sc, arn); len(shards) != 8 {
		t.Fatalf("%d shards, want 8", len(shards))
	}
	all, err := collect(t, e, ctx, "tbl", StreamReadOptions{})
	mustOK(t, err)
	if seqs(all) != seqRange(201-n, 200) {
		t.Fatalf("StreamRecords: %q", seqs(all))
	}
}

func TestStreamMemoryKeepsNewestRecord(t *testing.T) {
	e, _, c, sc := streamEngine(t, WithStreamMemory(1))
	arn := createStreamTable(t, c, "tbl", types.StreamViewTypeKeysOnly)
	putMany(t, e, "tbl", 0, 3)
	if _, n := streamHeld(t, e, arn); n != 1 {
		t.Fatalf("%d records in memory, want the newest", n)
	}
	if recs := readStream(t, sc, arn, 0); seqs(recs) != "3" {
		t.Fatalf("read: %q", seqs(recs))
	}
}

func TestStreamMemoryDropsFromFront(t *testing.T) {
	var sh shard
	for i := range 10 {
		sh.records = append(sh.records, streamRecord{seq: uint64(i + 1), data: []byte("x")})
	}
	if freed := sh.dropFirst(3); freed != 3*(1+streamRecordOverhead) || sh.records[0].seq != 4 {
		t.Fatalf("dropFirst(3): freed %d, first %d", freed, sh.records[0].seq)
	}
	sh.dropFirst(4) // more dropped than left: the rest is copied
	if len(sh.records) != 3 || cap(sh.records) != 3 || sh.dropped != 0 || sh.records[0].seq != 8 {
		t.Fatalf("after dropping 7: %d records, capacity %d, %d dropped", len(sh.records), cap(sh.records), sh.dropped)
	}
	if sh.dropFirst(3); sh.records != nil {
		t.Fatalf("after dropping all: %v", sh.records)
	}
}
