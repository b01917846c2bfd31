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

// stage numbers the tables' commit and marks the tables with it before
// encoding their changes, so that a reader who sees anything of the
// commit (a stream's records included) waits for it; then it encodes the
// changes, so that they can be written after the tables' locks are
// released, and queues them. With none, it returns 0.
func (s *boltStorage) stage(tables []*table) uint64 {
	if !changed(tables) {
		return 0
	}
	seq := s.reserve()
	writes := make([]tableWrite, 0, len(tables))
	for _, t := range tables {
		t.staged.Store(seq)
		if !t.deleted || t.dirty { // else deleted before: nothing left to write
			writes = append(writes, newTableWrite(t))
		}
	}
	s.fill(seq, writes)
	return seq
}

// wait returns once commit seq is durable.
func (s *boltStorage) wait(seq uint64) error { return s.waitFor(seq, s.write) }

// update runs fn in a transaction of its own once every commit staged so
// far is durable, so that it never writes before them what they would
// then overwrite: for the writes outside commits, such as the settings of
// point-in-time recovery. The caller holds the lock of the table fn
// writes to, so no commit of it is staged meanwhile.
func (s *boltStorage) update(fn func(*bbolt.Tx) error) error {
	if err := s.wait(s.latest()); err != nil {
		return err
	}
	return s.db.Update(fn)
}

// write writes staged commits in one bbolt transaction, synced to disk
// before it returns.
func (s *boltStorage) write(commits []commitBatch) error {
	return s.db.Update(func(tx *bbolt.Tx) error {
		root := tx.Bucket(bucketTables)
		for _, writes := range commits {
			for _, w := range writes {
				if err := w.apply(root); err != nil {
					return fmt.Errorf("table %s: %w", w.name, err)
				}
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
	// logs writes what the table's change consumers keep with its
	// commits: the recovery log (pitrbolt.go) and the stream's records
	// (boltstream.go), encoded when the commit was staged.
	logs []func(root *bbolt.Bucket) error
	err  error // the settings could not be encoded
}

// itemWrite is an item written (value set) or deleted (value nil).
type itemWrite struct{ key, value []byte }

// newTableWrite encodes t's changes; t.mu is held. The item values are
// encoded anew and the keys copied, so that the write owes nothing to
// the table once its lock is released.
func newTableWrite(t *table) tableWrite {
	w := tableWrite{name: t.name, bucket: []byte(t.bucket), id: []byte(t.id), deleted: t.deleted}
	w.logs = stageLogs(stageRecoveryLog(t), stageStream(t))
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
		if en.isPut() {
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
		if tb != nil {
			if err := root.DeleteBucket(w.bucket); err != nil {
				return err
			}
		}
		return w.writeLogs(root)
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
	if err := w.writeItems(tb.Bucket(bucketItems)); err != nil {
		return err
	}
	return w.writeLogs(root)
}

// writeLogs writes what the table's change logs keep of the commit.
func (w *tableWrite) writeLogs(root *bbolt.Bucket) error {
	for _, write := range w.logs {
		if err := write(root); err != nil {
			return err
		}
	}
	return nil
}

// stageLogs gathers the writes of the table's change logs that have any.
func stageLogs(logs ...func(*bbolt.Bucket) error) []func(*bbolt.Bucket) error {
	var out []func(*bbolt.Bucket) error
	for _, l := range logs {
		if l != nil {
			out = append(out, l)
		}
	}
	return out
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
	if en.stored != nil {
		return append(v, en.stored[len(en.key):]...)
	}
	return c.appendValue(v, en.item)
}
