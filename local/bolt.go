package local

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"go.etcd.io/bbolt"
)

// The layout of the data file: a bucket "dokklib" holding the format
// version, and a bucket "tables" holding one bucket per table, named by
// the table (KEY/REGION/NAME for the tables of a namespace other than
// the default one), with its ID, its settings (a tableRecord in JSON) and
// a bucket of its items: key encoding to value (see itemValue).
var (
	bucketInfo   = []byte("dokklib")
	bucketTables = []byte("tables")
	bucketItems  = []byte("items")
	keyFormat    = []byte("format")
	keyID        = []byte("id")
	keySettings  = []byte("settings")
)

// dataFormat is the version of the layout, written when the file is
// created and checked when it is opened.
const dataFormat = "1"

// boltStorage keeps an engine's state in a bbolt file. Commits are
// grouped (see groupCommit): the commits staged while one bbolt
// transaction is being written and synced are written together in the
// next, so concurrent writers share a sync to disk.
type boltStorage struct {
	db *bbolt.DB
	groupCommit
}

func (s *boltStorage) durable() bool { return true }

func (s *boltStorage) close() error { return s.db.Close() }

// stage encodes the tables' changes, so that they can be written after
// the tables' locks are released, and queues them; with none, it returns
// 0.
func (s *boltStorage) stage(tables []*table) uint64 {
	if !changed(tables) {
		return 0
	}
	writes := make([]tableWrite, 0, len(tables))
	for _, t := range tables {
		if !t.deleted || t.dirty { // else deleted before: nothing left to write
			writes = append(writes, newTableWrite(t))
		}
	}
	return s.queue(writes)
}

// wait returns once commit seq is durable.
func (s *boltStorage) wait(seq uint64) error { return s.waitFor(seq, s.write) }

// write writes staged commits in one bbolt transaction, synced to disk
// before it returns.
func (s *boltStorage) write(commits [][]tableWrite) error {
	return s.db.Update(func(tx *bbolt.Tx) error {
		root := tx.Bucket(bucketTables)
		for _, writes := range commits {
			for _, w := range writes {
				if err := w.apply(root); err != nil {
					return fmt.Errorf("table %s: %w", w.name, err)
				}
			}
			if err := writeRecoveryLog(root, t); err != nil { // pitrbolt.go
				return fmt.Errorf("table %s: %w", t.name, err)
			}
			if err := writeStream(root, t); err != nil { // boltstream.go
				return fmt.Errorf("table %s: stream: %w", t.name, err)
			}
		}
		return nil
	})
}

// changed reports whether any of the tables has changes to commit.
func changed(tables []*table) bool {
	for _, t := range tables {
		if t.dirty || len(t.pending) > 0 {
			return true
		}
	}
	return false
}

// tableWrite is one table's changes of a commit, encoded as the data
// file keeps them: its deletion, or its settings and items.
type tableWrite struct {
	name     string // for errors
	bucket   []byte
	id       []byte
	deleted  bool
	settings []byte // nil: unchanged
	items    []itemWrite
	err      error // the settings could not be encoded
}

// itemWrite is an item written (value set) or deleted (value nil).
type itemWrite struct{ key, value []byte }

// newTableWrite encodes t's changes; t.mu is held. The item values are
// encoded anew and the keys copied, so that the write owes nothing to
// the table once its lock is released.
func newTableWrite(t *table) tableWrite {
	w := tableWrite{name: t.name, bucket: []byte(t.bucket), id: []byte(t.id), deleted: t.deleted}
	if t.deleted {
		return w
	}
	if t.dirty {
		w.settings, w.err = json.Marshal(t.settings())
	}
	c := itemCodec{key: t.key}
	w.items = make([]itemWrite, len(t.pending))
	for i, en := range t.pending {
		w.items[i].key = bytes.Clone(en.key)
		if en.item != nil {
			w.items[i].value = c.itemValue(en)
		}
	}
	return w
}

// apply writes the table's changes under root.
func (w *tableWrite) apply(root *bbolt.Bucket) error {
	if w.err != nil {
		return w.err
	}
	tb := root.Bucket(w.bucket)
	if tb != nil && !bytes.Equal(tb.Get(keyID), w.id) {
		return fmt.Errorf("the data file holds another table of that name")
	}
	if w.deleted {
		if tb == nil {
			return nil
		}
		return root.DeleteBucket(w.bucket)
	}
	if w.settings != nil {
		var err error
		if tb, err = w.writeSettings(root); err != nil {
			return err
		}
	}
	if tb == nil {
		return fmt.Errorf("missing from the data file")
	}
	return w.writeItems(tb.Bucket(bucketItems))
}

// writeSettings creates the table's bucket if need be and writes its ID
// and settings.
func (w *tableWrite) writeSettings(root *bbolt.Bucket) (*bbolt.Bucket, error) {
	tb, err := root.CreateBucketIfNotExists(w.bucket)
	if err != nil {
		return nil, err
	}
	if _, err := tb.CreateBucketIfNotExists(bucketItems); err != nil {
		return nil, err
	}
	if err := tb.Put(keyID, w.id); err != nil {
		return nil, err
	}
	return tb, tb.Put(keySettings, w.settings)
}

// writeItems writes the table's item changes.
func (w *tableWrite) writeItems(b *bbolt.Bucket) error {
	if b == nil {
		return fmt.Errorf("items missing from the data file")
	}
	for _, it := range w.items {
		var err error
		if it.value == nil {
			err = b.Delete(it.key)
		} else {
			err = b.Put(it.key, it.value)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// itemValue returns an item as the data file keeps it: its size as
// DynamoDB counts it (a uvarint), then its encoding without the key
// attributes, which the key holds.
func (c itemCodec) itemValue(en entry) []byte {
	v := binary.AppendUvarint(make([]byte, 0, 256), uint64(en.size))
	return c.appendValue(v, en.item)
}
