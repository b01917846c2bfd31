package local

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
)

// Open's streams read the records they dropped from memory (cold
// records) from the data file, in a read transaction of their own. The
// stream's lock is not held while they do, for two reasons:
//
//   - a cold record may not be on disk yet: it left memory when its
//     commit was staged, and the read waits first for every commit staged
//     so far to be durable. A writer takes s.mu while staging its commit,
//     after numbering it and before filling it in (boltStorage.stage,
//     stageStream), so waiting for that commit with s.mu held would wait
//     forever.
//   - bbolt runs read transactions beside the one read-write transaction,
//     but a writer whose transaction grows the file waits for the open
//     read transactions to end. The group commit's transaction takes no
//     stream lock (stageStream encoded the records beforehand), so it
//     could not deadlock with a read under s.mu; but every writer of the
//     table takes s.mu, with the table's lock held, to stage its commit,
//     and would wait for the disk read.
//
// Without the lock, the read needs nothing of the stream: the bounds of
// the shard's records it reads were copied under the lock, and records
// never change once written, only age out, which the read checks.

// streamFile is the data file Open's streams read their cold records
// from.
type streamFile struct {
	db *bbolt.DB
	// settle returns once every commit staged so far is durable, so
	// that the cold records are in the file.
	settle func() error
}

// streamFile returns the data file of the engine's streams, or nil for
// an engine in memory.
func (e *Engine) streamFile() *streamFile {
	st, ok := e.storage.(*boltStorage)
	if !ok {
		return nil
	}
	return &streamFile{db: st.db, settle: func() error { return e.durable(st.latest()) }}
}

// coldRange is a range of a shard's cold records to read from the data
// file: those of the stream's bucket after seq after up to and including
// last, of which those committed before cutoff (Unix nanoseconds) have
// aged out.
type coldRange struct {
	name        []byte
	after, last uint64
	cutoff      int64
}

// coldRange returns the range of sh's cold records after seq after at
// now; s.mu is held.
func (s *stream) coldRange(sh *shard, after uint64, now time.Time) coldRange {
	return coldRange{name: s.fileName(), after: max(after, sh.first-1), last: sh.cold,
		cutoff: now.Add(-streamRetention).UnixNano()}
}

// read adds the records of r to b, from the first, as far as b takes
// them (b takes the first whatever its size). The first must be there
// and not aged out, or the reader is behind trimmed records: a
// TrimmedDataAccessException.
func (f *streamFile) read(r coldRange, b *recordBatch) error {
	err := f.scan(r, func(rec streamRecord) (bool, error) {
		if len(b.recs) == 0 && (rec.seq != r.after+1 || rec.at < r.cutoff) {
			return false, trimmedErr()
		}
		rec.data = bytes.Clone(rec.data) // the transaction's memory is not the reader's
		return b.add(rec), nil
	})
	if err == nil && len(b.recs) == 0 {
		return trimmedErr() // the file has none of them left
	}
	return err
}

// oldestKept returns the first record of r not aged out, its sequence
// number and commit time, or r.last+1 and 0 when every one has.
func (f *streamFile) oldestKept(r coldRange) (seq uint64, at int64, err error) {
	seq = r.last + 1
	err = f.scan(r, func(rec streamRecord) (bool, error) {
		if rec.at < r.cutoff {
			return true, nil
		}
		seq, at = rec.seq, rec.at
		return false, nil
	})
	return seq, at, err
}

// scan calls fn with the records of r in order, in a read transaction of
// the data file once the commits staged so far are in it, until fn
// returns false or an error. A damaged record is an InternalServerError.
func (f *streamFile) scan(r coldRange, fn func(streamRecord) (bool, error)) error {
	if err := f.settle(); err != nil {
		return err
	}
	return f.db.View(func(tx *bbolt.Tx) error {
		cur := recordCursor(tx, r.name)
		if cur == nil {
			return nil
		}
		for k, v := cur.Seek(binary.BigEndian.AppendUint64(nil, r.after+1)); k != nil; k, v = cur.Next() {
			rec, err := decodeRecord(k, v)
			if err != nil {
				return internalErr(err)
			}
			if rec.seq > r.last {
				return nil
			}
			if more, err := fn(rec); !more || err != nil {
				return err
			}
		}
		return nil
	})
}

// recordCursor returns a cursor on the records of the stream called name
// in the data file, or nil when it has none.
func recordCursor(tx *bbolt.Tx, name []byte) *bbolt.Cursor {
	sb := tx.Bucket(bucketStreams)
	if sb == nil {
		return nil
	}
	if sb = sb.Bucket(name); sb == nil {
		return nil
	}
	if rb := sb.Bucket(bucketRecords); rb != nil {
		return rb.Cursor()
	}
	return nil
}

// decodeRecord decodes a record of the data file. Its data is the
// file's: valid only during the transaction.
func decodeRecord(k, v []byte) (streamRecord, error) {
	if len(k) != 8 || len(v) < 8 {
		return streamRecord{}, fmt.Errorf("stream record %x: damaged", k)
	}
	return streamRecord{seq: binary.BigEndian.Uint64(k), at: int64(binary.BigEndian.Uint64(v)), data: v[8:]}, nil
}

// settleHorizon makes the trim horizon of the shard called id exact when
// its oldest cold records may have aged out since it was last known: it
// finds the first not aged out in the data file. Readers behind aged
// cold records find out anyway, reading them; this is for
// GetShardIterator, whose TRIM_HORIZON starts at the horizon and which
// refuses positions behind it.
func (s *stream) settleHorizon(id string, now time.Time) error {
	r, ok := s.agingCold(id, now)
	if !ok {
		return nil
	}
	seq, at, err := s.cache.file.oldestKept(r)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sh := s.shardByID(id); sh != nil && seq-1 >= sh.trimmed {
		sh.trimmed = seq - 1
		sh.coldAt = at // 0, unknown, when every cold record read aged out
	}
	return nil
}

// agingCold returns the range of the cold records of the shard called id
// that may have aged out at now: every one, from the oldest not trimmed,
// when that one is older than the retention period or its time unknown.
func (s *stream) agingCold(id string, now time.Time) (coldRange, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.trim(now)
	sh := s.shardByID(id)
	if s.cache.file == nil || sh == nil || sh.cold <= sh.trimmed {
		return coldRange{}, false
	}
	r := s.coldRange(sh, sh.trimmed, now)
	return r, sh.coldAt < r.cutoff
}
