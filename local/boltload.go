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
	return t, t.loadItems(items)
}

// loadBatch is how many items the decoding goroutine hands the inserting
// one at a time.
const loadBatch = 512

// loadedItem is a stored item, decoded.
type loadedItem struct {
	sl slot
	en entry
}

// loadItems adds the stored items of a table's bucket to it and its
// indexes. Decoding an item and inserting it into the B-trees cost about
// the same, and the trees take one writer, so one goroutine decodes (in
// the bucket's read transaction) while another inserts: Open takes about
// half the time on two cores.
func (t *table) loadItems(items *bbolt.Bucket) error {
	batches := make(chan []loadedItem, 4)
	inserted := make(chan struct{})
	go func() {
		defer close(inserted)
		for batch := range batches {
			for _, it := range batch {
				t.insertLoaded(it)
			}
		}
	}()
	batch := make([]loadedItem, 0, loadBatch)
	err := items.ForEach(func(k, v []byte) error {
		it, err := t.decodeStored(k, v)
		if err != nil {
			return err
		}
		if batch = append(batch, it); len(batch) == loadBatch {
			batches <- batch
			batch = make([]loadedItem, 0, loadBatch)
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	<-inserted
	return err
}

// decodeStored decodes and checks one stored item, copying it out of the
// data file's memory map.
func (t *table) decodeStored(k, v []byte) (loadedItem, error) {
	size, n := binary.Uvarint(v)
	if n <= 0 {
		return loadedItem{}, fmt.Errorf("item %s: bad size", shortHex(k))
	}
	kd := make([]byte, len(k)+len(v)-n)
	copy(kd, k)
	copy(kd[len(k):], v[n:])
	sl := slot{kd: kd, klen: uint32(len(k)), size: uint32(size)}
	en, err := itemCodec{key: t.key}.decodeChecked(sl)
	if err != nil {
		return loadedItem{}, fmt.Errorf("item %s: %w", shortHex(k), err)
	}
	return loadedItem{sl: sl, en: en}, nil
}

// insertLoaded adds a decoded item to the table and its indexes.
func (t *table) insertLoaded(it loadedItem) {
	t.items.insertSlot(it.sl)
	t.bytes += int64(it.sl.size)
	for _, x := range t.allIndexes() {
		x.add(it.en)
	}
}

// shortHex returns a key in hexadecimal, cut to 32 bytes.
func shortHex(k []byte) string {
	if len(k) > 32 {
		return fmt.Sprintf("%x…", k[:32])
	}
	return fmt.Sprintf("%x", k)
}
