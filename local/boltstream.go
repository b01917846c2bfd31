package local

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Streams are kept in the data file apart from their tables, which they
// outlive: a bucket "streams" holds a bucket per stream, named by its
// table's bucket name and label ("TABLE|LABEL"), with its settings and
// shards (streamMeta in JSON) under "meta" and a bucket "records" of its
// records by sequence number (8 bytes, big-endian), each the commit's time
// (Unix nanoseconds, 8 bytes) then the record's JSON. Records are written
// in the transaction of the commit whose changes they describe.
var (
	bucketStreams = []byte("streams")
	bucketRecords = []byte("records")
	keyMeta       = []byte("meta")
)

// streamMeta is a stream's settings and shards as the data file keeps
// them.
type streamMeta struct {
	ARN       string             `json:"arn"`
	Label     string             `json:"label"`
	Table     string             `json:"table"`
	Bucket    string             `json:"bucket"`
	TableID   string             `json:"tableId"`
	View      string             `json:"viewType"`
	KeySchema []keySchemaElement `json:"keySchema"`
	Region    string             `json:"region"`
	Created   time.Time          `json:"created"`
	Disabled  time.Time          `json:"disabled"`
	Last      uint64             `json:"last"`
	Shards    []shardMeta        `json:"shards"`
}

// shardMeta is a shard as the data file keeps it.
type shardMeta struct {
	ID      string    `json:"id"`
	Parent  string    `json:"parent,omitempty"`
	Created time.Time `json:"created"`
	First   uint64    `json:"first"`
	End     uint64    `json:"end,omitempty"`
	Closed  time.Time `json:"closed"`
}

// stageStream adds the records of the commit being staged to t's stream,
// if it has one, and returns the write that keeps them, and the stream's
// settings if they changed, in the commit's transaction; t.mu is held for
// writing. The stream publishes the records it added when the commit is
// published (stream.consume). Readers may see them before they are on
// disk; they wait for the commit (see boltStorage.stage).
func stageStream(t *table) func(root *bbolt.Bucket) error {
	s := t.streamLog
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var recs []streamRecord
	now := s.clock()
	if s.disabled.IsZero() && len(t.changes) > 0 {
		recs = s.build(t.changes, now)
		s.appendRecords(recs, now)
		s.applied = true
	}
	if !s.dirty && len(recs) == 0 {
		return nil
	}
	name := s.fileName()
	meta, err := json.Marshal(s.meta())
	s.dirty = false
	return func(root *bbolt.Bucket) error {
		if err != nil {
			return err
		}
		return writeStream(root.Tx(), name, recs, meta, now.Add(-streamRetention))
	}
}

// fileName returns the name of the stream's bucket in the data file.
func (s *stream) fileName() []byte { return []byte(s.bucket + "|" + s.label) }

// writeStream writes a stream's new records and its settings, and trims
// the records committed before cutoff.
func writeStream(tx *bbolt.Tx, name []byte, recs []streamRecord, meta []byte, cutoff time.Time) error {
	sb, err := tx.CreateBucketIfNotExists(bucketStreams)
	if err != nil {
		return err
	}
	if sb, err = sb.CreateBucketIfNotExists(name); err != nil {
		return err
	}
	rb, err := sb.CreateBucketIfNotExists(bucketRecords)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		v := binary.BigEndian.AppendUint64(make([]byte, 0, 8+len(rec.data)), uint64(rec.at))
		if err := rb.Put(binary.BigEndian.AppendUint64(nil, rec.seq), append(v, rec.data...)); err != nil {
			return err
		}
	}
	if err := trimRecords(rb, cutoff); err != nil {
		return err
	}
	return sb.Put(keyMeta, meta)
}

// trimRecords deletes the records committed before cutoff.
func trimRecords(rb *bbolt.Bucket, cutoff time.Time) error {
	cur := rb.Cursor()
	for k, v := cur.First(); k != nil && len(v) >= 8 && int64(binary.BigEndian.Uint64(v)) < cutoff.UnixNano(); k, v = cur.First() {
		if err := cur.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// meta returns the stream's settings and shards; s.mu is held.
func (s *stream) meta() streamMeta {
	m := streamMeta{ARN: s.arn, Label: s.label, Table: s.tableName, Bucket: s.bucket, TableID: s.tableID,
		View: s.view, KeySchema: s.keySchema, Region: s.region, Created: s.created, Disabled: s.disabled, Last: s.last}
	for _, sh := range s.shards {
		m.Shards = append(m.Shards, shardMeta{ID: sh.id, Parent: sh.parent, Created: sh.created, First: sh.first, End: sh.end, Closed: sh.closed})
	}
	return m
}

// loadStreams reads the streams of the data file, attaches each table's
// latest to it, and deletes those whose records have all aged out.
func (s *boltStorage) loadStreams(e *Engine) error {
	return s.db.Update(func(tx *bbolt.Tx) error {
		root := tx.Bucket(bucketStreams)
		if root == nil {
			return nil
		}
		var expired [][]byte
		err := root.ForEachBucket(func(name []byte) error {
			gone, err := e.loadStream(root.Bucket(name))
			if err != nil {
				return fmt.Errorf("stream %q: %w", name, err)
			}
			if gone {
				expired = append(expired, append([]byte(nil), name...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, name := range expired {
			if err := root.DeleteBucket(name); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
				return err
			}
		}
		return nil
	})
}

// loadStream reads one stream and registers it with its namespace,
// unless the engine does not serve that namespace (WithSharedDB); gone
// reports a stream whose records have all aged out, to delete.
func (e *Engine) loadStream(sb *bbolt.Bucket) (gone bool, err error) {
	var m streamMeta
	if err := json.Unmarshal(sb.Get(keyMeta), &m); err != nil {
		return false, err
	}
	ns, _, ok := e.bucketNamespace(m.Bucket)
	if !ok || len(m.Shards) == 0 {
		return false, fmt.Errorf("incomplete")
	}
	now := e.now()
	switch {
	case !m.Disabled.IsZero() && !m.Disabled.After(now.Add(-streamRetention)):
		return true, nil
	case ns == nil:
		return false, nil
	}
	s, err := m.stream(e, sb.Bucket(bucketRecords))
	if err != nil {
		return false, err
	}
	s.trim(now)
	e.streams.add(ns, s)
	if t := ns.tables[m.Table]; t != nil && t.id == m.TableID && t.streamLabel == m.Label {
		t.streamLog, s.key = s, t.key // the key its records are made with
		if s.disabled.IsZero() {
			t.addConsumer(s)
		}
	}
	return false, nil
}

// stream rebuilds a stream from its settings and records: the newest
// that its memory budget holds, the others read from the data file when
// asked for (streammemoryfile.go).
func (m *streamMeta) stream(e *Engine, rb *bbolt.Bucket) (*stream, error) {
	s := &stream{arn: m.ARN, label: m.Label, tableName: m.Table, bucket: m.Bucket, tableID: m.TableID, view: m.View,
		keySchema: m.KeySchema, region: m.Region, created: m.Created, limits: e.streams.limitsOrDefault(),
		clock: e.opts.now, cache: e.streamCache(), disabled: m.Disabled, last: m.Last, signal: make(chan struct{})}
	for _, sh := range m.Shards {
		s.shards = append(s.shards, &shard{id: sh.ID, parent: sh.Parent, created: sh.Created, first: sh.First, end: sh.End, closed: sh.Closed})
	}
	if rb == nil {
		return s, nil
	}
	if err := s.loadTail(rb.Cursor()); err != nil {
		return nil, err
	}
	return s, s.markTrimmed(rb.Cursor())
}

// loadTail loads the newest records of the data file into their shards,
// as many as the memory budget holds (the newest at least), reading from
// the end so that the others are never read.
func (s *stream) loadTail(cur *bbolt.Cursor) error {
	var tail []streamRecord // newest first
	for k, v := cur.Last(); k != nil; k, v = cur.Prev() {
		rec, err := decodeRecord(k, v)
		if err != nil {
			return err
		}
		if len(tail) > 0 && s.held+rec.cost() > s.cache.budget {
			break
		}
		rec.data = bytes.Clone(rec.data) // the transaction's memory
		tail = append(tail, rec)
		s.held += rec.cost()
	}
	for i := len(tail) - 1; i >= 0; i-- {
		sh := s.shardOf(tail[i].seq)
		if sh == nil {
			return fmt.Errorf("record %d: in no shard", tail[i].seq)
		}
		sh.records = append(sh.records, tail[i])
	}
	return nil
}

// shardOf returns the shard whose range holds seq, or nil.
func (s *stream) shardOf(seq uint64) *shard {
	for _, sh := range s.shards {
		if seq >= sh.first && (sh.open() || seq <= sh.end) {
			return sh
		}
	}
	return nil
}

// markTrimmed records, for each loaded shard, the records before the
// oldest the data file has as trimmed, and those the file has but memory
// does not as cold.
func (s *stream) markTrimmed(cur *bbolt.Cursor) error {
	for _, sh := range s.shards {
		last := s.shardLast(sh)
		oldest, ok, err := oldestRecord(cur, sh.first, last)
		if err != nil {
			return err
		}
		if !ok {
			sh.trimmed = last // every record it had
		} else {
			sh.trimmed = oldest.seq - 1
			inMemory := last + 1 // the first record memory has
			if len(sh.records) > 0 {
				inMemory = sh.records[0].seq
			}
			if oldest.seq < inMemory {
				sh.cold, sh.coldAt = inMemory-1, oldest.at
			}
		}
		if sh.trimmed < sh.first {
			sh.trimmed = 0
		}
	}
	return nil
}

// oldestRecord returns the data file's oldest record from seq first up to
// last; ok is false when it has none.
func oldestRecord(cur *bbolt.Cursor, first, last uint64) (rec streamRecord, ok bool, err error) {
	k, v := cur.Seek(binary.BigEndian.AppendUint64(nil, first))
	if k == nil {
		return streamRecord{}, false, nil
	}
	if rec, err = decodeRecord(k, v); err != nil {
		return streamRecord{}, false, err
	}
	return rec, rec.seq <= last, nil
}
