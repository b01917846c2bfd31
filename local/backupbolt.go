package local

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Backups are kept in the data file in a bucket "backups" beside
// "tables": one bucket per backup, named by its namespace's prefix and
// its ARN, holding a bucket of its items (as a table's) and its record
// (backupRecord in JSON). The record is written last, in the last of the
// transactions that copy the backup, so a backup whose copy was cut short
// has none and is dropped when the file is opened.
var (
	bucketBackups = []byte("backups")
	keyBackup     = []byte("backup")
)

// backupCopyBatch is how many items each transaction copying a backup
// writes, so that the table's writes, which wait for bbolt's one writer,
// go on between them.
const backupCopyBatch = 4096

// backupRecord is a backup as the data file keeps it, beside its items.
type backupRecord struct {
	ARN      string       `json:"arn"`
	Name     string       `json:"name"`
	Created  time.Time    `json:"created"`
	Prefix   string       `json:"prefix"`
	TableARN string       `json:"tableArn"`
	Bytes    int64        `json:"bytes"`
	Count    int          `json:"count"`
	Table    *tableRecord `json:"table"`
	Type     string       `json:"type,omitempty"` // "": USER
	Expires  time.Time    `json:"expires,omitzero"`
}

// bolt returns the engine's data file, or nil when it keeps none.
func (e *Engine) bolt() *boltStorage {
	st, _ := e.storage.(*boltStorage)
	return st
}

// saveBackup copies a new backup to the data file, if any, and then lets
// go of the clone of the table it held, whose nodes the table's later
// writes would otherwise keep alive; restores read the file.
func (e *Engine) saveBackup(b *backup) error {
	st := e.bolt()
	if st == nil {
		return nil
	}
	if err := st.writeBackup(b); err != nil {
		e.failed.set(err)
		return internalErr(err)
	}
	b.snap.items = nil
	return nil
}

// writeBackup writes the backup's items in batches, then its record.
func (s *boltStorage) writeBackup(b *backup) error {
	name := []byte(b.prefix + b.arn)
	var batch []slot
	flush := func() error {
		err := s.db.Update(func(tx *bbolt.Tx) error {
			items, err := backupItems(tx, name)
			if err != nil {
				return err
			}
			for _, sl := range batch {
				if err := items.Put(sl.key(), slotValue(sl)); err != nil {
					return err
				}
			}
			return nil
		})
		batch = batch[:0]
		return err
	}
	var err error
	b.snap.items.slots(func(sl slot) bool {
		if batch = append(batch, sl); len(batch) == backupCopyBatch {
			err = flush()
		}
		return err == nil
	})
	if err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	return s.db.Update(func(tx *bbolt.Tx) error { return putBackupRecord(tx, name, b) })
}

// backupItems returns the items bucket of the backup bucket called name,
// creating both.
func backupItems(tx *bbolt.Tx, name []byte) (*bbolt.Bucket, error) {
	root, err := tx.CreateBucketIfNotExists(bucketBackups)
	if err != nil {
		return nil, err
	}
	bb, err := root.CreateBucketIfNotExists(name)
	if err != nil {
		return nil, err
	}
	return bb.CreateBucketIfNotExists(bucketItems)
}

// putBackupRecord writes the record that completes a backup.
func putBackupRecord(tx *bbolt.Tx, name []byte, b *backup) error {
	rec, err := json.Marshal(backupRecord{ARN: b.arn, Name: b.name, Created: b.created, Prefix: b.prefix,
		TableARN: b.snap.arn, Bytes: b.snap.bytes, Count: b.snap.count, Table: b.snap.settings, Type: b.typ, Expires: b.expires})
	if err != nil {
		return err
	}
	if _, err := backupItems(tx, name); err != nil {
		return err
	}
	return tx.Bucket(bucketBackups).Bucket(name).Put(keyBackup, rec)
}

// dropBackup deletes a backup from the data file, if any.
func (e *Engine) dropBackup(b *backup) error {
	st := e.bolt()
	if st == nil {
		return nil
	}
	err := st.db.Update(func(tx *bbolt.Tx) error {
		root := tx.Bucket(bucketBackups)
		if root == nil {
			return nil
		}
		err := root.DeleteBucket([]byte(b.prefix + b.arn))
		if errors.Is(err, berrors.ErrBucketNotFound) {
			return nil
		}
		return err
	})
	if err != nil {
		e.failed.set(err)
		return internalErr(err)
	}
	return nil
}

// items returns the backup's items: the clone it holds, or, once that is
// written, those of the data file.
func (b *backup) items(e *Engine) (*store, error) {
	if b.snap.items != nil {
		return b.snap.items, nil
	}
	key, err := recordKey(b.snap.settings)
	if err != nil {
		return nil, err
	}
	c := itemCodec{key: key}
	out := newStore(c)
	err = e.bolt().db.View(func(tx *bbolt.Tx) error {
		bb := tx.Bucket(bucketBackups).Bucket([]byte(b.prefix + b.arn))
		if bb == nil || bb.Bucket(bucketItems) == nil {
			return fmt.Errorf("backup %s missing from the data file", b.arn)
		}
		return bb.Bucket(bucketItems).ForEach(func(k, v []byte) error {
			sl, err := storedSlot(c, k, v)
			if err == nil {
				out.insertSlot(sl)
			}
			return err
		})
	})
	if err != nil {
		return nil, internalErr(err)
	}
	return out, nil
}

// recordKey returns the key schema of a recorded table.
func recordKey(r *tableRecord) (keySchema, error) {
	s, err := r.schema()
	if err != nil {
		return keySchema{}, err
	}
	return s.key, nil
}

// loadBackups reads the backups of the data file; those whose copy was
// cut short, and SYSTEM backups past their expiry, are deleted.
func (s *boltStorage) loadBackups(e *Engine) error {
	var partial [][]byte
	err := s.db.View(func(tx *bbolt.Tx) error {
		root := tx.Bucket(bucketBackups)
		if root == nil {
			return nil
		}
		return root.ForEachBucket(func(name []byte) error {
			raw := root.Bucket(name).Get(keyBackup)
			if raw == nil {
				partial = append(partial, name)
				return nil
			}
			keep, err := e.loadBackup(name, raw)
			if err == nil && !keep {
				partial = append(partial, name)
			}
			return err
		})
	})
	if err != nil || len(partial) == 0 {
		return err
	}
	return s.db.Update(func(tx *bbolt.Tx) error {
		for _, name := range partial {
			if err := tx.Bucket(bucketBackups).DeleteBucket(name); err != nil {
				return err
			}
		}
		return nil
	})
}

// loadBackup adds the backup recorded as raw, kept under name, and
// reports whether to keep it: not when it has expired.
func (e *Engine) loadBackup(name, raw []byte) (keep bool, err error) {
	var r backupRecord
	if err := json.Unmarshal(raw, &r); err != nil || r.Table == nil {
		return false, fmt.Errorf("backup %q: bad record", name)
	}
	if r.Prefix+r.ARN != string(name) {
		return false, fmt.Errorf("backup %q: record of %q", name, r.Prefix+r.ARN)
	}
	if _, err := recordKey(r.Table); err != nil {
		return false, fmt.Errorf("backup %q: %w", name, err)
	}
	ns, _, ok := e.bucketNamespace(r.Prefix + r.Table.Name)
	if !ok {
		return false, fmt.Errorf("backup %q: bad namespace %q", name, r.Prefix)
	}
	snap := &tableSnapshot{settings: r.Table, arn: r.TableARN, bytes: r.Bytes, count: r.Count}
	b := &backup{arn: r.ARN, name: r.Name, created: r.Created, prefix: r.Prefix, snap: snap,
		typ: cmp.Or(r.Type, backupTypeUser), expires: r.Expires}
	if b.expired(e.now()) {
		return false, nil
	}
	if ns != nil { // else another namespace's, hidden by WithSharedDB
		e.backups.add(b)
	}
	return true, nil
}
