package local

import (
	"context"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	"go.etcd.io/bbolt"
)

// openCached opens the engine of dir on clock keeping budget bytes of
// each stream in memory, closed when the test ends.
func openCached(t *testing.T, dir string, clock *fakeClock, budget int64) (*Engine, *dynamodbstreams.Client) {
	t.Helper()
	e, err := Open(dir, WithClock(clock.now), WithTTLInterval(0), WithStreamMemory(budget))
	mustOK(t, err)
	t.Cleanup(func() { _ = e.Close() })
	return e, e.StreamsClient(func(o *dynamodbstreams.Options) { o.RetryMaxAttempts = 1 })
}

// coldRecords returns how many of the stream's records memory no longer
// holds, of those not trimmed.
func coldRecords(e *Engine, arn string) uint64 {
	s := e.streams.find(e.namespace, arn, e.now())
	s.mu.Lock()
	defer s.mu.Unlock()
	var n uint64
	for _, sh := range s.shards {
		if sh.cold > sh.trimmed {
			n += sh.cold - max(sh.trimmed, sh.first-1)
		}
	}
	return n
}

func TestStreamMemoryFileReadsEvicted(t *testing.T) {
	const budget = 4 << 10
	e, sc := openCached(t, t.TempDir(), &fakeClock{t: streamT0}, budget)
	e.streams.limits.shardRecords = 70
	arn := createStreamTable(t, e.Client(), "tbl", types.StreamViewTypeNewAndOldImages)
	// Each record is read while memory has it, then again once it has
	// left memory for the data file only.
	var seen []stypes.Record
	for i := range 30 {
		putMany(t, e, "tbl", 10*i, 10)
		after := ""
		if len(seen) > 0 {
			after = aws.ToString(seen[len(seen)-1].Dynamodb.SequenceNumber)
		}
		recs, err := collect(t, e, ctx, "tbl", StreamReadOptions{After: after})
		mustOK(t, err)
		seen = append(seen, recs...)
	}
	if held, n := streamHeld(t, e, arn); held > budget || n >= 300 || coldRecords(e, arn) != uint64(300-n) {
		t.Fatalf("%d records in memory holding %d bytes, %d cold", n, held, coldRecords(e, arn))
	}
	for _, limit := range []int32{0, 1, 7, 1000} {
		if recs := readStream(t, sc, arn, limit); !slices.Equal(eventIDs(recs), eventIDs(seen)) || seqs(recs) != seqRange(1, 300) {
			t.Fatalf("read with Limit %d: %q", limit, seqs(recs))
		}
	}
	for _, after := range []int{0, 5, 70, 71, 150, 299, 300} {
		recs, err := collect(t, e, ctx, "tbl", StreamReadOptions{After: checkpoint(after)})
		mustOK(t, err)
		if !slices.Equal(eventIDs(recs), eventIDs(seen[after:])) {
			t.Fatalf("StreamRecords after %d: %q", after, seqs(recs))
		}
	}
	// Iterators of every type land in the cold records as in memory.
	sh := *shardsOf(t, sc, arn)[1].ShardId
	out, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{Limit: aws.Int32(2),
		ShardIterator: iterator(t, sc, arn, sh, stypes.ShardIteratorTypeAtSequenceNumber, formatSeq(80))})
	mustOK(t, err)
	if seqs(out.Records) != "80,81" {
		t.Fatalf("AT_SEQUENCE_NUMBER 80: %q", seqs(out.Records))
	}
}

// checkpoint returns StreamRecords' checkpoint after record n, "" for
// none.
func checkpoint(n int) string {
	if n == 0 {
		return ""
	}
	return formatSeq(uint64(n))
}

func TestStreamMemoryFilePages(t *testing.T) {
	e, sc := openCached(t, t.TempDir(), &fakeClock{t: streamT0}, 1)
	arn := createStreamTable(t, e.Client(), "tbl", types.StreamViewTypeNewImage)
	big := strings.Repeat("x", 300<<10)
	for _, p := range []string{"a", "b", "c", "d", "e"} {
		_, err := e.Client().PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"), Item: map[string]av{"pk": str(p), "s": str(big)}})
		mustOK(t, err)
	}
	if cold := coldRecords(e, arn); cold != 4 {
		t.Fatalf("%d cold records, want 4", cold)
	}
	// Pages of 1 MB, from the data file and then memory.
	it := iterator(t, sc, arn, *shardsOf(t, sc, arn)[0].ShardId, stypes.ShardIteratorTypeTrimHorizon, "")
	var pages []string
	for range 4 {
		out, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: it})
		mustOK(t, err)
		pages, it = append(pages, seqs(out.Records)), out.NextShardIterator
	}
	if got := strings.Join(pages, " | "); got != "1,2,3 | 4 | 5 | " {
		t.Fatalf("pages: %s", got)
	}
}

func TestStreamMemoryFileReopen(t *testing.T) {
	dir := t.TempDir()
	clock := &fakeClock{t: streamT0}
	e, sc := openCached(t, dir, clock, 0)
	e.streams.limits.shardRecords = 40
	arn := createStreamTable(t, e.Client(), "tbl", types.StreamViewTypeKeysOnly)
	putMany(t, e, "tbl", 0, 100)
	before := readStream(t, sc, arn, 0)
	mustOK(t, e.Close())

	const budget = 2 << 10
	e, sc = openCached(t, dir, clock, budget)
	if held, n := streamHeld(t, e, arn); held > budget || n == 0 || n >= 40 || coldRecords(e, arn) != uint64(100-n) {
		t.Fatalf("after reopening: %d records in memory holding %d bytes, %d cold", n, held, coldRecords(e, arn))
	}
	if after := readStream(t, sc, arn, 9); !slices.Equal(eventIDs(after), eventIDs(before)) || seqs(after) != seqRange(1, 100) {
		t.Fatalf("after reopening: %q", seqs(after))
	}
	for _, after := range []int{0, 39, 40, 41, 97} {
		recs, err := collect(t, e, ctx, "tbl", StreamReadOptions{After: checkpoint(after)})
		mustOK(t, err)
		if !slices.Equal(eventIDs(recs), eventIDs(before[after:])) {
			t.Fatalf("StreamRecords after %d: %q", after, seqs(recs))
		}
	}
	putMany(t, e, "tbl", 100, 1) // the stream goes on where it was
	if recs := readStream(t, sc, arn, 0); seqs(recs) != seqRange(1, 101) {
		t.Fatalf("written after reopening: %q", seqs(recs))
	}
}

func TestStreamMemoryFileAgesOut(t *testing.T) {
	dir := t.TempDir()
	clock := &fakeClock{t: streamT0}
	e, sc := openCached(t, dir, clock, 2<<10)
	e.streams.limits.shardAge = 2 * streamRetention // one shard
	arn := createStreamTable(t, e.Client(), "tbl", types.StreamViewTypeKeysOnly)
	putMany(t, e, "tbl", 0, 20)
	clock.set(streamT0.Add(streamRetention / 2))
	putMany(t, e, "tbl", 20, 20)
	if cold := coldRecords(e, arn); cold <= 20 {
		t.Fatalf("%d cold records, want more than the first 20", cold)
	}
	// The first 20 age out, in the data file only: no write has trimmed
	// them from it yet.
	clock.set(streamT0.Add(streamRetention + time.Second))
	check := func(when string, last int) {
		t.Helper()
		if recs := readStream(t, sc, arn, 3); seqs(recs) != seqRange(21, last) {
			t.Fatalf("%s: read from the trim horizon: %q", when, seqs(recs))
		}
		sh := shardsOf(t, sc, arn)[0].ShardId
		for typ, seq := range map[stypes.ShardIteratorType]string{stypes.ShardIteratorTypeAtSequenceNumber: formatSeq(20),
			stypes.ShardIteratorTypeAfterSequenceNumber: formatSeq(5)} {
			_, err := sc.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: sh,
				ShardIteratorType: typ, SequenceNumber: aws.String(seq)})
			wantErr(t, err, "TrimmedDataAccessException", "")
		}
		_, err := collect(t, e, ctx, "tbl", StreamReadOptions{After: formatSeq(3)})
		wantErr(t, err, "TrimmedDataAccessException", "")
		recs, err := collect(t, e, ctx, "tbl", StreamReadOptions{})
		mustOK(t, err)
		if seqs(recs) != seqRange(21, last) {
			t.Fatalf("%s: StreamRecords: %q", when, seqs(recs))
		}
	}
	check("aged in the data file", 40)
	mustOK(t, e.Close())
	e, sc = openCached(t, dir, clock, 2<<10)
	check("after reopening", 40)
	putMany(t, e, "tbl", 40, 1) // trims them from the data file
	check("trimmed from the data file", 41)
	mustOK(t, e.Close())
	if n := diskRecords(t, dir); n != 21 {
		t.Fatalf("%d records in the data file, want 21", n)
	}
	e, sc = openCached(t, dir, clock, 2<<10)
	check("reopened after trimming", 41)
}

func TestStreamMemoryFileOldIteratorAgedOut(t *testing.T) {
	clock := &fakeClock{t: streamT0}
	e, sc := openCached(t, t.TempDir(), clock, 1)
	e.streams.limits.shardAge = 2 * streamRetention
	arn := createStreamTable(t, e.Client(), "tbl", types.StreamViewTypeKeysOnly)
	putMany(t, e, "tbl", 0, 5)
	clock.set(streamT0.Add(streamRetention - time.Minute))
	it := iterator(t, sc, arn, *shardsOf(t, sc, arn)[0].ShardId, stypes.ShardIteratorTypeTrimHorizon, "")
	clock.set(streamT0.Add(streamRetention + time.Second)) // within the iterator's lifetime, past the records'
	_, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: it})
	wantErr(t, err, "TrimmedDataAccessException", "")
}

func TestStreamMemoryFileGroupCommit(t *testing.T) {
	const writers, each = 8, 40
	e, sc := openCached(t, t.TempDir(), &fakeClock{t: streamT0}, 4<<10)
	e.streams.limits.shardRecords = 50
	arn := createStreamTable(t, e.Client(), "tbl", types.StreamViewTypeNewImage)
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	// A reader follows the stream while the writers' commits are grouped,
	// reading records that left memory before their commit was written.
	followed := make(chan []stypes.Record, 1)
	go func() {
		var out []stypes.Record
		for rec, err := range e.StreamRecords(cctx, "tbl", StreamReadOptions{Follow: true}) {
			if err != nil {
				t.Error(err)
				break
			}
			if out = append(out, rec); len(out) == writers*each {
				break
			}
		}
		followed <- out
	}()
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				_, err := e.Client().PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"),
					Item: map[string]av{"pk": str(fmt.Sprintf("w%d-%d", w, i)), "v": num("1")}})
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	all := readStream(t, sc, arn, 0)
	if seqs(all) != seqRange(1, writers*each) {
		t.Fatalf("read back: %q", seqs(all))
	}
	keys := map[string]bool{}
	for _, r := range all {
		keys[r.Dynamodb.Keys["pk"].(*stypes.AttributeValueMemberS).Value] = true
	}
	if len(keys) != writers*each {
		t.Fatalf("%d keys in the stream, want %d", len(keys), writers*each)
	}
	if got := <-followed; !slices.Equal(eventIDs(got), eventIDs(all)) {
		t.Fatalf("followed: %q", seqs(got))
	}
	if held, _ := streamHeld(t, e, arn); held > 4<<10 {
		t.Fatalf("%d bytes in memory", held)
	}
}

func TestStreamMemoryFileDamagedRecord(t *testing.T) {
	dir := t.TempDir()
	clock := &fakeClock{t: streamT0}
	e, _ := openCached(t, dir, clock, 0)
	arn := createStreamTable(t, e.Client(), "tbl", types.StreamViewTypeKeysOnly)
	putMany(t, e, "tbl", 0, 10)
	name := e.streams.find(e.namespace, arn, clock.now()).fileName()
	mustOK(t, e.Close())
	db, err := bbolt.Open(filepath.Join(dir, DataFile), 0o600, nil)
	mustOK(t, err)
	mustOK(t, db.Update(func(tx *bbolt.Tx) error {
		rb := tx.Bucket(bucketStreams).Bucket(name).Bucket(bucketRecords)
		return rb.Put(binary.BigEndian.AppendUint64(nil, 2), []byte{1, 2, 3})
	}))
	mustOK(t, db.Close())

	// Memory holds the newest records only: the damage is found reading.
	_, sc := openCached(t, dir, clock, 1)
	sh := *shardsOf(t, sc, arn)[0].ShardId
	_, err = sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{
		ShardIterator: iterator(t, sc, arn, sh, stypes.ShardIteratorTypeTrimHorizon, "")})
	wantErr(t, err, "InternalServerError", "")
	out, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{
		ShardIterator: iterator(t, sc, arn, sh, stypes.ShardIteratorTypeAtSequenceNumber, formatSeq(3))})
	mustOK(t, err)
	if seqs(out.Records) != seqRange(3, 9) {
		t.Fatalf("after the damaged record: %q", seqs(out.Records))
	}
}
