package local

import (
	"fmt"
	"time"

	"github.com/dokklib/db/internal/ddbtype"
)

// tableRecord is a table's settings as a storage keeps them, in JSON:
// everything but its items, which are stored one by one, and its indexes'
// entries, which are rebuilt from the items.
type tableRecord struct {
	Name       string                 `json:"name"`
	ID         string                 `json:"id"`
	Created    time.Time              `json:"created"`
	BilledAt   time.Time              `json:"billedAt"`
	KeySchema  []keySchemaElement     `json:"keySchema"`
	Defs       []attributeDefinition  `json:"attributeDefinitions"`
	Billing    string                 `json:"billingMode"`
	Capacity   *provisionedThroughput `json:"provisionedThroughput,omitempty"`
	LSIs       []indexJSON            `json:"localSecondaryIndexes,omitempty"`
	GSIs       []indexJSON            `json:"globalSecondaryIndexes,omitempty"`
	TTL        *ttlSpecification      `json:"timeToLive,omitempty"`
	Tags       []tagJSON              `json:"tags,omitempty"`
	Stream     *streamSpecification   `json:"streamSpecification,omitempty"`
	Protected  bool                   `json:"deletionProtection,omitempty"`
	TableClass string                 `json:"tableClass,omitempty"`
	Restored   *restoreSummary        `json:"restoreSummary,omitempty"`

	StreamLabel string `json:"latestStreamLabel,omitempty"` // streamspec.go
}

// settings returns the table's settings; t.mu must be held.
func (t *table) settings() *tableRecord {
	r := &tableRecord{
		Name: t.name, ID: t.id, Created: t.created, BilledAt: t.billedAt,
		KeySchema: t.key.json(), Defs: t.defs, Billing: t.billing, Capacity: t.capacity.wire(),
		Stream: t.stream, Protected: t.protected, TableClass: t.tableClass, Restored: t.restored,
		StreamLabel: t.streamLabel,
	}
	for _, x := range t.lsis {
		r.LSIs = append(r.LSIs, x.definition())
	}
	for _, x := range t.gsis {
		r.GSIs = append(r.GSIs, x.definition())
	}
	if t.ttl.attr != "" {
		r.TTL = &ttlSpecification{AttributeName: ptr(t.ttl.attr), Enabled: ptr(t.ttl.enabled)}
	}
	for _, tg := range t.tags {
		r.Tags = append(r.Tags, tagJSON{Key: ptr(tg.key), Value: ptr(tg.value)})
	}
	return r
}

// definition returns the index's definition.
func (x *index) definition() indexJSON {
	return indexJSON{IndexName: ptr(x.name), KeySchema: x.key.json(), Projection: ptr(x.proj.json()), ProvisionedThroughput: x.capacity.wire()}
}

// wire returns the throughput as CreateTable takes it, nil for none.
func (t throughput) wire() *provisionedThroughput {
	if t == (throughput{}) {
		return nil
	}
	return &provisionedThroughput{ReadCapacityUnits: ptr(t.read), WriteCapacityUnits: ptr(t.write)}
}

// throughputOf returns the throughput of p, zero for nil.
func throughputOf(p *provisionedThroughput) throughput {
	if p == nil {
		return throughput{}
	}
	return throughput{read: deref(p.ReadCapacityUnits), write: deref(p.WriteCapacityUnits)}
}

// tableFromRecord makes an empty table with the recorded settings.
func (e *Engine) tableFromRecord(r *tableRecord) (*table, error) {
	s, err := r.schema()
	if err != nil {
		return nil, fmt.Errorf("table %q: %w", r.Name, err)
	}
	in := &createTableInput{StreamSpecification: r.Stream, DeletionProtectionEnabled: &r.Protected, TableClass: &r.TableClass}
	t := e.newTable(r.Name, s, in)
	t.id, t.created, t.billedAt, t.dirty, t.restored = r.ID, r.Created, r.BilledAt, false, r.Restored
	t.streamLabel = r.StreamLabel // its stream is attached by loadStreams (boltstream.go)
	if r.TTL != nil {
		t.ttl = ttlSpec{enabled: deref(r.TTL.Enabled), attr: deref(r.TTL.AttributeName)}
	}
	tags, err := checkTags(r.Tags)
	if err != nil {
		return nil, fmt.Errorf("table %q: %w", r.Name, err)
	}
	t.tags = tags
	return t, nil
}

// schema rebuilds the table's schema, checking that the record is
// complete.
func (r *tableRecord) schema() (*tableSchema, error) {
	shape := &createTableInput{TableName: &r.Name, AttributeDefinitions: r.Defs, KeySchema: r.KeySchema,
		LocalSecondaryIndexes: r.LSIs, GlobalSecondaryIndexes: r.GSIs, BillingMode: &r.Billing}
	if err := checkCreateTableShape(shape); err != nil {
		return nil, err
	}
	s := &tableSchema{defs: r.Defs, types: make(map[string]ddbtype.Type), billing: r.Billing, capacity: throughputOf(r.Capacity)}
	for _, d := range r.Defs {
		s.types[*d.AttributeName] = attrType(*d.AttributeType)
	}
	var err error
	if s.key, err = s.checkKey(r.KeySchema); err != nil {
		return nil, err
	}
	if s.lsis, err = s.indexSchemas(r.LSIs, false); err != nil {
		return nil, err
	}
	s.gsis, err = s.indexSchemas(r.GSIs, true)
	return s, err
}

// indexSchemas rebuilds recorded index definitions.
func (s *tableSchema) indexSchemas(xs []indexJSON, global bool) ([]*indexSchema, error) {
	out := make([]*indexSchema, 0, len(xs))
	for _, x := range xs {
		is, err := s.checkIndexBase(&x, global)
		if err != nil {
			return nil, err
		}
		is.capacity = throughputOf(x.ProvisionedThroughput)
		out = append(out, is)
	}
	return out, nil
}
