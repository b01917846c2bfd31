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

// boltStorage keeps an engine's state in a bbolt file. Each commit is one
// bbolt transaction, synced to disk before it returns.
type boltStorage struct {
	db *bbolt.DB
}

func (s *boltStorage) durable() bool { return true }

func (s *boltStorage) close() error { return s.db.Close() }

// commit writes the tables' changes in one transaction; with none, it
// does nothing.
func (s *boltStorage) commit(tables []*table) error {
	if !changed(tables) {
		return nil
	}
	return s.db.Update(func(tx *bbolt.Tx) error {
		root := tx.Bucket(bucketTables)
		for _, t := range tables {
			if err := writeTable(root, t); err != nil {
				return fmt.Errorf("table %s: %w", t.name, err)
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

// writeTable writes one table's changes: its deletion, or its settings
// and items.
func writeTable(root *bbolt.Bucket, t *table) error {
	name := []byte(t.bucket)
	tb := root.Bucket(name)
	if tb != nil && !bytes.Equal(tb.Get(keyID), []byte(t.id)) {
		return fmt.Errorf("the data file holds another table of that name")
	}
	if t.deleted {
		if tb == nil || !t.dirty {
			return nil
		}
		return root.DeleteBucket(name)
	}
	if t.dirty {
		var err error
		if tb, err = writeSettings(root, t); err != nil {
			return err
		}
	}
	if tb == nil {
		return fmt.Errorf("missing from the data file")
	}
	return writeItems(tb.Bucket(bucketItems), t)
}

// writeSettings creates the table's bucket if need be and writes its ID
// and settings.
func writeSettings(root *bbolt.Bucket, t *table) (*bbolt.Bucket, error) {
	rec, err := json.Marshal(t.settings())
	if err != nil {
		return nil, err
	}
	tb, err := root.CreateBucketIfNotExists([]byte(t.bucket))
	if err != nil {
		return nil, err
	}
	if _, err := tb.CreateBucketIfNotExists(bucketItems); err != nil {
		return nil, err
	}
	if err := tb.Put(keyID, []byte(t.id)); err != nil {
		return nil, err
	}
	return tb, tb.Put(keySettings, rec)
}

// writeItems writes the table's pending item changes.
func writeItems(b *bbolt.Bucket, t *table) error {
	if b == nil {
		return fmt.Errorf("items missing from the data file")
	}
	c := itemCodec{key: t.key}
	for _, en := range t.pending {
		var err error
		if en.item == nil {
			err = b.Delete(en.key)
		} else {
			err = b.Put(en.key, c.itemValue(en))
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
