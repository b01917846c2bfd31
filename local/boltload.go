package local

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"

	"go.etcd.io/bbolt"
)

// load reads every table of the data file into the engine, rebuilding
// the indexes, and checks every item on the way.
func (s *boltStorage) load(e *Engine) error {
	return s.db.View(func(tx *bbolt.Tx) error {
		root := tx.Bucket(bucketTables)
		return root.ForEachBucket(func(bucket []byte) error {
			ns, name, ok := e.bucketNamespace(string(bucket))
			if !ok {
				return fmt.Errorf("table bucket %q: not NAME or KEY/REGION/NAME", bucket)
			}
			if ns == nil {
				return nil // another namespace's, hidden by WithSharedDB
			}
			t, err := loadTable(ns.view, root.Bucket(bucket), name)
			if err != nil {
				return fmt.Errorf("table %q: %w", bucket, err)
			}
			t.bucket = string(bucket)
			ns.add(t)
			return nil
		})
	})
}

// add adds a loaded table. Should the default namespace's credentials
// have changed since its tables were written, two tables of the same
// name can claim it; then the one kept under its bare name wins.
func (ns *namespace) add(t *table) {
	if old := ns.tables[t.name]; old == nil || strings.Contains(old.bucket, "/") {
		ns.tables[t.name] = t
	}
}

// loadTable reads one table's settings and items.
func loadTable(e *Engine, tb *bbolt.Bucket, name string) (*table, error) {
	var rec tableRecord
	if err := json.Unmarshal(tb.Get(keySettings), &rec); err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	if rec.Name != name {
		return nil, fmt.Errorf("settings name %q", rec.Name)
	}
	t, err := e.tableFromRecord(&rec)
	if err != nil {
		return nil, err
	}
	if string(tb.Get(keyID)) != t.id {
		return nil, fmt.Errorf("ID %q does not match its settings' %q", tb.Get(keyID), t.id)
	}
	items := tb.Bucket(bucketItems)
	if items == nil {
		return nil, fmt.Errorf("no items bucket")
	}
	return t, items.ForEach(func(k, v []byte) error { return t.loadItem(k, v) })
}

// loadItem adds one stored item to the table and its indexes.
func (t *table) loadItem(k, v []byte) error {
	size, n := binary.Uvarint(v)
	if n <= 0 {
		return fmt.Errorf("item %s: bad size", shortHex(k))
	}
	kd := make([]byte, len(k)+len(v)-n)
	copy(kd, k)
	copy(kd[len(k):], v[n:])
	sl := slot{kd: kd, klen: uint32(len(k)), size: uint32(size)}
	en, err := itemCodec{key: t.key}.decodeChecked(sl)
	if err != nil {
		return fmt.Errorf("item %s: %w", shortHex(k), err)
	}
	t.items.insertSlot(sl)
	t.bytes += int64(size)
	for _, x := range t.allIndexes() {
		x.add(en)
	}
	return nil
}

// shortHex returns a key in hexadecimal, cut to 32 bytes.
func shortHex(k []byte) string {
	if len(k) > 32 {
		return fmt.Sprintf("%x…", k[:32])
	}
	return fmt.Sprintf("%x", k)
}
