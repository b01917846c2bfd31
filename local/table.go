package local

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"sync/atomic"
	"time"
)

// table is one table: its schema, items and indexes. mu guards everything
// below it; the engine's map of tables is guarded by Engine.mu.
type table struct {
	mu sync.RWMutex

	name    string
	bucket  string // its name in the data file: its namespace's prefix, then its name
	arn     string
	id      string
	created time.Time

	key      keySchema
	defs     []attributeDefinition
	billing  string
	capacity throughput
	billedAt time.Time // last switch to PAY_PER_REQUEST
	gsis     []*index
	lsis     []*index

	items *store
	bytes int64 // sum of the items' sizes

	ttl        ttlSpec
	sweepMu    sync.Mutex // guards sweepFrom
	sweepFrom  []byte     // where the next TTL sweep starts
	tags       []tag
	stream     *streamSpecification
	protected  bool // DeletionProtectionEnabled
	tableClass string
	deleted    bool
	restored   *restoreSummary // how it was restored, if it was (backuprestore.go)
	pitr       *pitrLog        // its point-in-time recovery, when enabled (pitr.go)

	streamLog   *stream // its latest DynamoDB stream, enabled or not, if any (stream.go)
	streamLabel string  // the label of its latest stream, enabled or not; "" if it never had one

	durable bool    // whether item changes are recorded in pending, for a storage that keeps them
	pending []entry // item changes not yet committed; see entry.isPut
	dirty   bool    // settings changed (or the table was created or deleted) since the last commit
	// staged is the number of the table's last staged commit (see
	// storage): a reader waits for it to be durable before answering.
	// Written with mu held for writing, read with it held for reading.
	staged atomic.Uint64

	consumers []changeConsumer // streams and change logs fed by its commits (see capture.go)
	capture   bool             // whether a consumer wants changes: writes then read whole old items
	changes   []change         // changes captured since the last commit
}

// index is a secondary index: a sparse sorted store of the table's items
// that have the index's key attributes.
type index struct {
	*indexSchema
	tableKey keySchema
	arn      string
	items    *store
	bytes    int64
}

// tag is one resource tag.
type tag struct{ key, value string }

// newTable makes an empty table from a validated schema.
func (e *Engine) newTable(name string, s *tableSchema, in *createTableInput) *table {
	t := &table{
		name:       name,
		bucket:     e.prefix + name,
		arn:        e.tableARN(name),
		id:         newTableID(),
		created:    e.now(),
		key:        s.key,
		defs:       s.defs,
		billing:    s.billing,
		capacity:   s.capacity,
		items:      newStore(itemCodec{key: s.key}),
		stream:     in.StreamSpecification,
		protected:  deref(in.DeletionProtectionEnabled),
		tableClass: deref(in.TableClass),
		durable:    e.storage.durable(),
		dirty:      true,
	}
	if t.billing == billingPayPerRequest {
		t.billedAt = t.created
	}
	for _, x := range s.lsis {
		t.lsis = append(t.lsis, t.newIndex(x))
	}
	for _, x := range s.gsis {
		t.gsis = append(t.gsis, t.newIndex(x))
	}
	return t
}

// newIndex makes an empty index of the table.
func (t *table) newIndex(s *indexSchema) *index {
	x := &index{indexSchema: s, tableKey: t.key, arn: t.arn + "/index/" + s.name}
	x.items = newStore(indexCodec{x: x, table: t.items})
	return x
}

// tableARN returns the ARN of the table called name: in the region of its
// namespace.
func (e *Engine) tableARN(name string) string {
	return "arn:aws:dynamodb:" + e.id.region + ":" + e.opts.account + ":table/" + name
}

// newTableID returns a random UUID, as DynamoDB's TableId.
func newTableID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// indexByName returns the table's GSI or LSI called name.
func (t *table) indexByName(name string) *index {
	for _, x := range t.gsis {
		if x.name == name {
			return x
		}
	}
	for _, x := range t.lsis {
		if x.name == name {
			return x
		}
	}
	return nil
}

// allIndexes returns the LSIs then the GSIs. Callers must not change
// the slice, which may be one of the table's own.
func (t *table) allIndexes() []*index {
	switch {
	case len(t.lsis) == 0:
		return t.gsis
	case len(t.gsis) == 0:
		return t.lsis
	}
	out := make([]*index, 0, len(t.lsis)+len(t.gsis))
	return append(append(out, t.lsis...), t.gsis...)
}

// describe returns the table's description; t.mu must be held.
func (t *table) describe(status string) *tableDescription {
	d := &tableDescription{
		AttributeDefinitions:      t.defs,
		TableName:                 t.name,
		KeySchema:                 t.key.json(),
		TableStatus:               status,
		CreationDateTime:          epochSeconds(t.created),
		ProvisionedThroughput:     t.capacity.desc(),
		TableSizeBytes:            t.bytes,
		ItemCount:                 int64(t.items.len()),
		TableArn:                  t.arn,
		TableID:                   t.id,
		StreamSpecification:       t.stream,
		DeletionProtectionEnabled: t.protected,
		RestoreSummary:            t.restored,
	}
	if t.billing == billingPayPerRequest {
		d.BillingModeSummary = &billingModeSummary{BillingMode: t.billing, LastUpdateToPayPerRequestDateTime: epochSeconds(t.billedAt)}
	}
	d.LatestStreamArn, d.LatestStreamLabel = t.latestStream()
	if t.tableClass != "" {
		d.TableClassSummary = &tableClassSummary{TableClass: t.tableClass}
	}
	for _, x := range t.lsis {
		d.LocalSecondaryIndexes = append(d.LocalSecondaryIndexes, x.describe(""))
	}
	for _, x := range t.gsis {
		d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes, x.describe("ACTIVE"))
	}
	return d
}

// describe returns the index's description; LSIs have no status.
func (x *index) describe(status string) indexDescription {
	d := indexDescription{
		IndexName:      x.name,
		KeySchema:      x.key.json(),
		Projection:     x.proj.json(),
		IndexStatus:    status,
		IndexSizeBytes: x.bytes,
		ItemCount:      int64(x.items.len()),
		IndexArn:       x.arn,
	}
	if x.global {
		d.ProvisionedThroughput = ptr(x.capacity.desc())
	}
	return d
}

// epochSeconds returns t as DynamoDB's JSON timestamps: seconds since the
// epoch with a fraction.
func epochSeconds(t time.Time) float64 {
	return float64(t.UnixMilli()) / 1000
}
