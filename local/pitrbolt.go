package local

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// A table's point-in-time recovery is kept in the data file in a bucket
// "pitr" inside the table's bucket: its settings (pitrRecord in JSON), a
// bucket "base" of items, as a table's, and a bucket "log" of changes, by
// sequence number (8 bytes, big-endian), each encoded as appendChange
// does. The log is written in the transaction of the commit whose changes
// it records, and changes older than the recovery period are folded into
// the base in the same transaction, so disk and memory always agree.
var (
	bucketPITR = []byte("pitr")
	bucketBase = []byte("base")
	bucketLog  = []byte("log")
	keyPITR    = []byte("settings")
)

// pitrRecord is a table's point-in-time recovery settings as the data
// file keeps them.
type pitrRecord struct {
	Days    int       `json:"recoveryPeriodInDays"`
	Enabled time.Time `json:"enabled"`
	Floor   time.Time `json:"floor,omitzero"` // the time the base is the state of (pitrLog.floor)
}

// savePITR writes t's recovery settings to the data file, if any,
// completing its recovery there; t.mu is held for writing.
func (e *Engine) savePITR(t *table, p *pitrLog) error {
	st := e.bolt()
	if st == nil {
		return nil
	}
	err := st.update(func(tx *bbolt.Tx) error {
		pb, err := recoveryBucket(tx, t.bucket)
		if err != nil {
			return err
		}
		return putPITRRecord(pb, p, p.floor)
	})
	return e.storageErr(err)
}

// recoveryBucket returns the recovery bucket of the table kept under
// bucket.
func recoveryBucket(tx *bbolt.Tx, bucket string) (*bbolt.Bucket, error) {
	tb := tx.Bucket(bucketTables).Bucket([]byte(bucket))
	if tb == nil || tb.Bucket(bucketPITR) == nil {
		return nil, fmt.Errorf("recovery of table %q missing from the data file", bucket)
	}
	return tb.Bucket(bucketPITR), nil
}

// putPITRRecord writes the recovery settings of p, with the time its base
// is the state of, into pb.
func putPITRRecord(pb *bbolt.Bucket, p *pitrLog, floor time.Time) error {
	rec, err := pitrRecordJSON(p, floor)
	if err != nil {
		return err
	}
	return pb.Put(keyPITR, rec)
}

// pitrRecordJSON encodes p's settings with the given floor.
func pitrRecordJSON(p *pitrLog, floor time.Time) ([]byte, error) {
	return json.Marshal(pitrRecord{Days: p.days, Enabled: p.enabled, Floor: floor})
}

// newRecovery makes t's recovery bucket afresh, with an empty base and
// log and no record yet: until fillBase and savePITR complete it, Open
// drops it; t.mu is held for writing.
func (s *boltStorage) newRecovery(t *table) error {
	return s.update(func(tx *bbolt.Tx) error {
		tb := tx.Bucket(bucketTables).Bucket([]byte(t.bucket))
		if tb == nil {
			return fmt.Errorf("table %s missing from the data file", t.name)
		}
		if err := tb.DeleteBucket(bucketPITR); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
			return err
		}
		pb, err := tb.CreateBucket(bucketPITR)
		if err != nil {
			return err
		}
		if _, err := pb.CreateBucket(bucketLog); err != nil {
			return err
		}
		_, err = pb.CreateBucket(bucketBase)
		return err
	})
}

// fillBase copies the items of base into the recovery base of the table
// kept under bucket, in transactions of backupCopyBatch items, so that
// the table's commits go on between them.
func (s *boltStorage) fillBase(bucket string, base *store) error {
	var batch []slot
	flush := func() error {
		err := s.db.Update(func(tx *bbolt.Tx) error {
			pb, err := recoveryBucket(tx, bucket)
			if err != nil {
				return err
			}
			for _, sl := range batch {
				if err := pb.Bucket(bucketBase).Put(sl.key(), slotValue(sl)); err != nil {
					return err
				}
			}
			return nil
		})
		batch = batch[:0]
		return err
	}
	var err error
	base.slots(func(sl slot) bool {
		if batch = append(batch, sl); len(batch) == backupCopyBatch {
			err = flush()
		}
		return err == nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// dropPITR deletes t's recovery from the data file, if any.
func (e *Engine) dropPITR(t *table) error {
	st := e.bolt()
	if st == nil {
		return nil
	}
	err := st.update(func(tx *bbolt.Tx) error {
		tb := tx.Bucket(bucketTables).Bucket([]byte(t.bucket))
		if tb == nil {
			return nil
		}
		if err := tb.DeleteBucket(bucketPITR); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
			return err
		}
		return nil
	})
	return e.storageErr(err)
}

// storageErr turns a failed write of the data file into the request's
// InternalServerError, stopping the engine as a failed commit does.
func (e *Engine) storageErr(err error) error {
	if err == nil {
		return nil
	}
	e.failed.set(err)
	return internalErr(err)
}

// stageRecoveryLog encodes the changes of the commit being staged for
// t's recovery log, if it has one, and returns the write that appends
// them to the log and folds the changes older than the recovery period
// into the base, in the commit's transaction; t.mu is held for writing.
func stageRecoveryLog(t *table) func(root *bbolt.Bucket) error {
	p := t.pitr
	if p == nil || t.deleted || len(t.changes) == 0 {
		return nil
	}
	p.stamp = p.now()
	c := itemCodec{key: t.key}
	entries := make([][]byte, len(t.changes))
	for i := range t.changes {
		entries[i] = appendChange(nil, c, &t.changes[i], p.stamp)
	}
	var settings []byte // nil: nothing is folded
	var err error
	cutoff := p.stamp.Add(-p.period())
	if p.ready { // else the base is being copied: nothing is folded into it meanwhile
		settings, err = pitrRecordJSON(p, cutoff)
	}
	bucket := t.bucket
	return func(root *bbolt.Bucket) error {
		if err != nil {
			return err
		}
		return writeRecoveryLog(root, bucket, entries, settings, cutoff)
	}
}

// writeRecoveryLog appends encoded changes to the recovery log of the
// table kept under bucket and, with settings, folds the changes before
// cutoff into its base and writes the settings.
func writeRecoveryLog(root *bbolt.Bucket, bucket string, entries [][]byte, settings []byte, cutoff time.Time) error {
	tb := root.Bucket([]byte(bucket))
	if tb == nil || tb.Bucket(bucketPITR) == nil {
		return fmt.Errorf("recovery log missing from the data file")
	}
	pb := tb.Bucket(bucketPITR)
	log, base := pb.Bucket(bucketLog), pb.Bucket(bucketBase)
	if log == nil || base == nil {
		return fmt.Errorf("recovery log missing from the data file")
	}
	for _, entry := range entries {
		seq, err := log.NextSequence()
		if err != nil {
			return err
		}
		if err := log.Put(binary.BigEndian.AppendUint64(nil, seq), entry); err != nil {
			return err
		}
	}
	if settings == nil {
		return nil
	}
	folded, err := foldLog(log, base, cutoff)
	if err != nil || !folded {
		return err
	}
	return pb.Put(keyPITR, settings)
}

// foldLog moves the changes of log made before cutoff into base, and
// reports whether there were any.
func foldLog(log, base *bbolt.Bucket, cutoff time.Time) (folded bool, err error) {
	cur := log.Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.First() {
		key, value, ok := decodeChange(v)
		if !ok {
			return folded, fmt.Errorf("recovery log entry %x: damaged", k)
		}
		if !changeTime(v).Before(cutoff) {
			break
		}
		if value == nil {
			err = base.Delete(key)
		} else {
			err = base.Put(key, value)
		}
		if err == nil {
			err = cur.Delete()
		}
		if err != nil {
			return folded, err
		}
		folded = true
	}
	return folded, nil
}

// loadPITR reads the recovery of every table of the data file that has
// one; one whose enabling was cut short, without its record, is dropped.
func (s *boltStorage) loadPITR(e *Engine) error {
	var partial []string
	err := s.db.View(func(tx *bbolt.Tx) error {
		root := tx.Bucket(bucketTables)
		for _, ns := range e.allNamespaces() {
			for _, t := range ns.tables {
				tb := root.Bucket([]byte(t.bucket))
				switch {
				case tb == nil || tb.Bucket(bucketPITR) == nil:
					continue
				case tb.Bucket(bucketPITR).Get(keyPITR) == nil:
					partial = append(partial, t.bucket)
					continue
				}
				if err := s.loadTablePITR(ns.view, t, tb.Bucket(bucketPITR)); err != nil {
					return fmt.Errorf("table %q: recovery: %w", t.bucket, err)
				}
			}
		}
		return nil
	})
	if err != nil || len(partial) == 0 {
		return err
	}
	return s.db.Update(func(tx *bbolt.Tx) error {
		for _, b := range partial {
			if err := tx.Bucket(bucketTables).Bucket([]byte(b)).DeleteBucket(bucketPITR); err != nil {
				return err
			}
		}
		return nil
	})
}

// loadTablePITR takes up t's recovery as pb keeps it, checking its log;
// the base and the log stay on disk.
func (s *boltStorage) loadTablePITR(e *Engine, t *table, pb *bbolt.Bucket) error {
	var r pitrRecord
	if err := json.Unmarshal(pb.Get(keyPITR), &r); err != nil {
		return err
	}
	base, log := pb.Bucket(bucketBase), pb.Bucket(bucketLog)
	if base == nil || log == nil || r.Days < 1 || r.Days > maxRecoveryDays {
		return fmt.Errorf("incomplete")
	}
	err := log.ForEach(func(k, v []byte) error {
		if _, _, ok := decodeChange(v); !ok {
			return fmt.Errorf("log entry %x: damaged", k)
		}
		return nil
	})
	if err != nil {
		return err
	}
	p := &pitrLog{now: e.now, days: r.Days, enabled: r.Enabled, floor: r.Floor, disk: s, ready: true}
	t.pitr = p
	t.addConsumer(p)
	return nil
}

// diskView is a read transaction of the data file, begun under a table's
// lock, from which a restore reads the table's recovery.
type diskView struct {
	tx     *bbolt.Tx
	bucket []byte
	codec  itemCodec
}

// view begins a read transaction of t's recovery; t.mu is held.
func (s *boltStorage) view(t *table) (*diskView, error) {
	tx, err := s.db.Begin(false)
	if err != nil {
		return nil, err
	}
	return &diskView{tx: tx, bucket: []byte(t.bucket), codec: itemCodec{key: t.key}}, nil
}

// at returns the table's items at time at: its base, with the changes of
// its log up to at replayed. It ends the transaction.
func (v *diskView) at(at time.Time) (*store, error) {
	defer func() { _ = v.tx.Rollback() }()
	var pb *bbolt.Bucket
	if tb := v.tx.Bucket(bucketTables).Bucket(v.bucket); tb != nil {
		pb = tb.Bucket(bucketPITR)
	}
	if pb == nil || pb.Bucket(bucketBase) == nil || pb.Bucket(bucketLog) == nil {
		return nil, fmt.Errorf("recovery of table %q missing from the data file", v.bucket)
	}
	out := newStore(v.codec)
	err := pb.Bucket(bucketBase).ForEach(func(k, val []byte) error {
		sl, err := storedSlot(v.codec, k, val)
		if err == nil {
			out.insertSlot(sl)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	cur := pb.Bucket(bucketLog).Cursor()
	for k, rec := cur.First(); k != nil; k, rec = cur.Next() {
		if _, _, ok := decodeChange(rec); !ok {
			return nil, fmt.Errorf("recovery log entry %x: damaged", k)
		}
		if changeTime(rec).After(at) {
			break
		}
		applyChange(out, rec) // copies what it keeps: rec is the transaction's
	}
	return out, nil
}
