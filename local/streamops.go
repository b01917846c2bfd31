package local

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// streamsTargetPrefix is the X-Amz-Target prefix of DynamoDB Streams,
// served on the same endpoint as DynamoDB.
const streamsTargetPrefix = "DynamoDBStreams_20120810."

// GetRecords' limits (API reference, GetRecords).
const (
	maxGetRecords      = 1000
	maxGetRecordsBytes = 1 << 20
)

// streamOperations maps DynamoDB Streams' operation names to their
// implementations.
var streamOperations = map[string]opFunc{
	"ListStreams":      jsonOp((*Engine).listStreams),
	"DescribeStream":   jsonOp((*Engine).describeStream),
	"GetShardIterator": jsonOp((*Engine).getShardIterator),
	"GetRecords":       (*Engine).getRecords,
}

// findOp returns the operation an X-Amz-Target names, of DynamoDB or of
// DynamoDB Streams, and its name; ok is false when the prefix is neither.
func findOp(target string) (name string, op opFunc, ok bool) {
	if name, ok := strings.CutPrefix(target, targetPrefix); ok {
		return name, operations[name], true
	}
	if name, ok := strings.CutPrefix(target, streamsTargetPrefix); ok {
		return name, streamOperations[name], true
	}
	return "", nil, false
}

// streamNotFoundErr is the ResourceNotFoundException for a stream.
func streamNotFoundErr(arn string) *apiError {
	return newError("ResourceNotFoundException", "Requested resource not found: Stream: "+arn+" not found")
}

// trimmedErr is the TrimmedDataAccessException of a position whose
// records have aged out.
func trimmedErr() *apiError {
	return newError("TrimmedDataAccessException", "The operation attempted to read past the oldest stream record in a shard.")
}

// listStreams implements ListStreams: the namespace's streams, newest
// first, of one table or all.
func (e *Engine) listStreams(in *listStreamsInput) (*listStreamsOutput, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	limit := 100
	if in.Limit != nil {
		limit = int(*in.Limit)
	}
	all := e.streams.list(e.namespace, e.now())
	out := &listStreamsOutput{Streams: []streamSummary{}}
	started := in.ExclusiveStartStreamArn == nil
	for _, s := range all {
		if !started {
			started = s.arn == *in.ExclusiveStartStreamArn
			continue
		}
		if in.TableName != nil && s.tableName != *in.TableName {
			continue
		}
		if len(out.Streams) == limit {
			out.LastEvaluatedStreamArn = out.Streams[limit-1].StreamArn
			break
		}
		out.Streams = append(out.Streams, streamSummary{StreamArn: s.arn, TableName: s.tableName, StreamLabel: s.label})
	}
	return out, nil
}

// describeStream implements DescribeStream.
func (e *Engine) describeStream(in *describeStreamInput) (*describeStreamOutput, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	now := e.now()
	s := e.streams.find(e.namespace, *in.StreamArn, now)
	if s == nil {
		return nil, streamNotFoundErr(*in.StreamArn)
	}
	limit := 100
	if in.Limit != nil {
		limit = int(*in.Limit)
	}
	return &describeStreamOutput{StreamDescription: s.describe(now, limit, in)}, nil
}

// describe returns the stream's description with at most limit of the
// shards in selects.
func (s *stream) describe(now time.Time, limit int, in *describeStreamInput) streamDescription {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.trim(now)
	d := streamDescription{
		StreamArn: s.arn, StreamLabel: s.label, StreamStatus: s.status(), StreamViewType: s.view,
		CreationRequestDateTime: epochSeconds(s.created), TableName: s.tableName, KeySchema: s.keySchema,
		Shards: []shardJSON{},
	}
	started := in.ExclusiveStartShardID == nil
	for _, sh := range s.shards {
		if !started {
			started = sh.id == *in.ExclusiveStartShardID
			continue
		}
		if f := in.ShardFilter; f != nil && f.ShardID != nil && sh.parent != *f.ShardID {
			continue
		}
		if len(d.Shards) == limit {
			d.LastEvaluatedShardID = d.Shards[limit-1].ShardID
			break
		}
		d.Shards = append(d.Shards, sh.json())
	}
	return d
}

// json returns the shard as DescribeStream lists it.
func (sh *shard) json() shardJSON {
	out := shardJSON{ShardID: sh.id, ParentShardID: sh.parent}
	out.SequenceNumberRange.StartingSequenceNumber = formatSeq(sh.first)
	if !sh.open() {
		out.SequenceNumberRange.EndingSequenceNumber = formatSeq(sh.end)
	}
	return out
}

// getShardIterator implements GetShardIterator.
func (e *Engine) getShardIterator(in *getShardIteratorInput) (*getShardIteratorOutput, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	now := e.now()
	s := e.streams.find(e.namespace, *in.StreamArn, now)
	if s == nil {
		return nil, streamNotFoundErr(*in.StreamArn)
	}
	after, err := s.position(*in.ShardID, *in.ShardIteratorType, in.SequenceNumber, now)
	if err != nil {
		return nil, err
	}
	it := shardIterator{arn: s.arn, shard: *in.ShardID, after: after, issued: now}
	return &getShardIteratorOutput{ShardIterator: it.encode()}, nil
}

// position returns the sequence number after which an iterator of the
// given type starts reading the shard called id.
func (s *stream) position(id, typ string, seqText *string, now time.Time) (uint64, error) {
	if typ != iterLatest {
		if err := s.settleHorizon(id, now); err != nil {
			return 0, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.trim(now)
	sh := s.shardByID(id)
	if sh == nil {
		return 0, newError("ResourceNotFoundException", "Shard does not exist")
	}
	horizon := max(sh.first-1, sh.trimmed)
	switch typ {
	case iterTrimHorizon:
		return horizon, nil
	case iterLatest:
		return s.shardLast(sh), nil
	}
	seq, ok := parseSeq(*seqText)
	if !ok || seq < sh.first || seq > s.shardLast(sh) {
		return 0, validationErr("Invalid SequenceNumber for the shard") // DynamoDB Local's message
	}
	if seq <= sh.trimmed {
		return 0, trimmedErr()
	}
	if typ == iterAt {
		return seq - 1, nil
	}
	return seq, nil
}

// shardLast returns the last sequence number a shard holds so far;
// s.mu is held.
func (s *stream) shardLast(sh *shard) uint64 {
	if !sh.open() {
		return sh.end
	}
	return max(s.last, sh.first-1)
}

// getRecords implements GetRecords, writing each record's kept JSON.
func (e *Engine) getRecords(r *request, dst []byte) ([]byte, error) {
	var in getRecordsInput
	if err := decodeJSON(r.body, &in); err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	it, ok := decodeIterator(*in.ShardIterator)
	if !ok {
		return nil, validationErr("Invalid ShardIterator")
	}
	now := e.now()
	if now.Sub(it.issued) > iteratorLifetime {
		return nil, newError("ExpiredIteratorException", "Iterator expired")
	}
	s := e.streams.find(e.namespace, it.arn, now)
	if s == nil {
		return nil, streamNotFoundErr(it.arn)
	}
	limit := maxGetRecords
	if in.Limit != nil {
		limit = int(*in.Limit)
	}
	out, err := s.appendBatch(dst, it, limit, now)
	if err != nil {
		return nil, err
	}
	// Records are kept as their commit is staged: answer once every
	// commit staged by now, theirs among them, is on disk.
	return out, e.durable(e.storage.latest())
}

// recordBatch is GetRecords' answer: at most limit records and 1 MB of
// them (the first whatever its size), and the position after them.
type recordBatch struct {
	recs  []streamRecord
	limit int
	size  int
	next  uint64 // the sequence number after which the next read starts
	end   bool   // the shard is closed and read to its end
}

// add adds rec unless the batch is full, reporting whether it did.
func (b *recordBatch) add(rec streamRecord) bool {
	if len(b.recs) == b.limit {
		return false
	}
	if b.size += len(rec.data); b.size > maxGetRecordsBytes && len(b.recs) > 0 {
		return false
	}
	b.recs = append(b.recs, rec)
	b.next = rec.seq
	return true
}

// readBatch returns the records after the iterator's position, at most
// limit of them and 1 MB: from memory, or from the data file when the
// position is behind the records memory keeps (streammemoryfile.go
// says why without the stream's lock).
func (s *stream) readBatch(it shardIterator, limit int, now time.Time) (*recordBatch, error) {
	b := &recordBatch{limit: limit, next: it.after}
	cold, ok, err := s.readMemory(it, b, now)
	if err != nil {
		return nil, err
	}
	if !ok {
		return b, nil
	}
	if err := s.cache.file.read(cold.coldRange, b); err != nil {
		return nil, err
	}
	b.end = cold.closed && b.next == cold.end
	return b, nil
}

// coldRead is a read of cold records and the shard's end, if closed.
type coldRead struct {
	coldRange
	closed bool
	end    uint64
}

// readMemory adds to b the records after the iterator's position that
// memory keeps, unless the position is behind them: then ok is set and
// cold is what to read from the data file.
func (s *stream) readMemory(it shardIterator, b *recordBatch, now time.Time) (cold coldRead, ok bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.trim(now)
	sh := s.shardByID(it.shard)
	if sh == nil || it.after < sh.trimmed {
		return coldRead{}, false, trimmedErr() // aged out, or the shard with them
	}
	if it.after < sh.cold {
		return coldRead{coldRange: s.coldRange(sh, it.after, now), closed: !sh.open(), end: sh.end}, true, nil
	}
	i, _ := slices.BinarySearchFunc(sh.records, it.after+1, func(r streamRecord, seq uint64) int { return cmp.Compare(r.seq, seq) })
	for i < len(sh.records) && b.add(sh.records[i]) {
		i++
	}
	b.end = !sh.open() && i == len(sh.records) // a closed shard gets no more
	return coldRead{}, false, nil
}

// appendBatch appends GetRecords' answer to dst.
func (s *stream) appendBatch(dst []byte, it shardIterator, limit int, now time.Time) ([]byte, error) {
	b, err := s.readBatch(it, limit, now)
	if err != nil {
		return nil, err
	}
	dst = append(dst, `{"Records":[`...)
	for i, rec := range b.recs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, rec.data...)
	}
	dst = append(dst, ']')
	if !b.end {
		it.after, it.issued = b.next, now
		dst = append(dst, `,"NextShardIterator":"`...)
		dst = append(dst, it.encode()...)
		dst = append(dst, '"')
	}
	return append(dst, '}'), nil
}
