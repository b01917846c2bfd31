package local

import (
	"context"
	"errors"
	"iter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// ErrNoStream is the error StreamRecords yields for a table that has
// never had a stream.
var ErrNoStream = errors.New("local: the table has no stream")

// StreamReadOptions say where StreamRecords starts and whether it waits.
type StreamReadOptions struct {
	// After is the checkpoint: the SequenceNumber of the last record
	// already read. Records after it are read; "" reads from the oldest
	// record the stream keeps.
	After string
	// Follow makes the sequence wait for new records until its context
	// ends, instead of ending once it has read every record there is.
	Follow bool
}

// StreamRecords returns the records of the latest stream of the table
// called name, in order across its shards, from the checkpoint in opts.
// The records are those GetRecords gives (the SDK's types, so that code
// reading them is the same as with DynamoDB Streams); the caller keeps a
// checkpoint by saving the last record's Dynamodb.SequenceNumber.
//
// Without opts.Follow the sequence ends when it has read every record
// there is; with it, it waits for new ones until ctx ends, and ends
// without an error then, or when the stream is disabled and read to its
// end. An error (ErrNoStream for a table that never had a stream,
// ErrClosed once the engine is closed, the API's errors otherwise, such
// as a TrimmedDataAccessException when the records after the checkpoint
// have aged out, or, in the engine of New, left memory (WithStreamMemory),
// or ctx's error without Follow) is yielded once and ends the sequence.
func (e *Engine) StreamRecords(ctx context.Context, name string, opts StreamReadOptions) iter.Seq2[types.Record, error] {
	return func(yield func(types.Record, error) bool) {
		r, err := e.newStreamReader(ctx, name, opts.After)
		if err != nil {
			yield(types.Record{}, err)
			return
		}
		for {
			done, err := r.readShard(ctx, yield)
			if err != nil {
				if !opts.Follow || ctx.Err() == nil {
					yield(types.Record{}, err)
				}
				return
			}
			switch {
			case done:
				return
			case !r.caughtUp:
				continue // a shard read to its end: on to its child
			case !opts.Follow:
				return
			}
			if err := r.wait(ctx); err != nil {
				if errors.Is(err, ErrClosed) {
					yield(types.Record{}, err)
				}
				return
			}
		}
	}
}

// streamReader reads one stream from a checkpoint.
type streamReader struct {
	e        *Engine
	client   *dynamodbstreams.Client
	arn      string
	after    string // the checkpoint
	caughtUp bool   // the last read found no more records in the open shard
	signal   <-chan struct{}
}

// newStreamReader finds the latest stream of the table called name.
func (e *Engine) newStreamReader(ctx context.Context, name, after string) (*streamReader, error) {
	out, err := e.Client().DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	if err != nil {
		return nil, err
	}
	arn := aws.ToString(out.Table.LatestStreamArn)
	if arn == "" {
		return nil, ErrNoStream
	}
	return &streamReader{e: e, client: e.StreamsClient(), arn: arn, after: after}, nil
}

// readShard reads the shard holding the records after the checkpoint, as
// far as it goes now, yielding each record. done reports that the reader
// should stop: the consumer stopped, or the stream is closed and read to
// its end.
func (r *streamReader) readShard(ctx context.Context, yield func(types.Record, error) bool) (done bool, err error) {
	r.signal = r.e.streamSignal(r.arn) // before reading, so that no record is missed while waiting
	sh, closedEnd, err := r.nextShard(ctx)
	if err != nil || sh == nil {
		return closedEnd, err
	}
	in := &dynamodbstreams.GetShardIteratorInput{StreamArn: &r.arn, ShardId: sh.ShardId, ShardIteratorType: types.ShardIteratorTypeTrimHorizon}
	if r.after != "" && r.inShard(sh) {
		in.ShardIteratorType, in.SequenceNumber = types.ShardIteratorTypeAfterSequenceNumber, aws.String(r.after)
	}
	it, err := r.client.GetShardIterator(ctx, in)
	if err != nil {
		return false, err
	}
	for iter := it.ShardIterator; iter != nil; { // ends with the shard, or when it has no more for now
		out, err := r.client.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: iter})
		if err != nil {
			return false, err
		}
		for _, rec := range out.Records {
			r.after = aws.ToString(rec.Dynamodb.SequenceNumber)
			if !yield(rec, nil) {
				return true, nil
			}
		}
		if len(out.Records) == 0 && out.NextShardIterator != nil {
			r.caughtUp = true // the open shard has nothing more for now
			return false, nil
		}
		iter = out.NextShardIterator
	}
	// The shard is read to its end, even one closed without records: the
	// checkpoint moves past it, to its child.
	if end := aws.ToString(sh.SequenceNumberRange.EndingSequenceNumber); seqLess(r.after, end) || r.after == "" {
		r.after = end
	}
	r.caughtUp = false
	return false, nil
}

// nextShard returns the first shard holding records after the
// checkpoint, or nil with closed set when the stream is disabled and every
// shard read.
func (r *streamReader) nextShard(ctx context.Context) (sh *types.Shard, closed bool, err error) {
	var start *string
	for {
		out, err := r.client.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: &r.arn, ExclusiveStartShardId: start})
		if err != nil {
			return nil, false, err
		}
		d := out.StreamDescription
		for i := range d.Shards {
			end := aws.ToString(d.Shards[i].SequenceNumberRange.EndingSequenceNumber)
			if end == "" || r.after == "" || seqLess(r.after, end) {
				return &d.Shards[i], false, nil
			}
		}
		if d.LastEvaluatedShardId == nil {
			return nil, true, nil
		}
		start = d.LastEvaluatedShardId
	}
}

// inShard reports whether the checkpoint lies in the shard's range, so
// that reading resumes after it there.
func (r *streamReader) inShard(sh *types.Shard) bool {
	return !seqLess(r.after, aws.ToString(sh.SequenceNumberRange.StartingSequenceNumber))
}

// seqLess reports whether sequence number a is below b.
func seqLess(a, b string) bool {
	x, okA := parseSeq(a)
	y, okB := parseSeq(b)
	return okA && okB && x < y
}

// wait waits for the stream to change after the last read, for ctx to
// end, or for the engine to close (ErrClosed).
func (r *streamReader) wait(ctx context.Context) error {
	if r.signal == nil {
		return ErrNoStream
	}
	select {
	case <-r.signal:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-r.e.stop:
		return ErrClosed
	}
}

// streamSignal returns the channel closed at the next change of the
// stream called arn, or nil when it is gone.
func (e *Engine) streamSignal(arn string) <-chan struct{} {
	s := e.streams.find(e.namespace, arn, e.now())
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.signal
}
