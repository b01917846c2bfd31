package local

import (
	"strconv"

	"github.com/dokklib/db/internal/ddbtype"
)

// updateTable implements UpdateTable: billing mode, provisioned
// throughput, GSIs created (and backfilled) or deleted, stream, table
// class and deletion protection. Changes take effect at once.
func (e *Engine) updateTable(in *updateTableInput) (*tableDescriptionOutput, error) {
	if err := checkUpdateTableShape(in); err != nil {
		return nil, err
	}
	if err := checkUpdateTableRequest(in); err != nil {
		return nil, err
	}
	t, err := e.controlTable(in.TableName)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	next, err := t.planUpdate(in)
	if err != nil {
		return nil, err
	}
	t.applyUpdate(in, next, e)
	if err := e.saveSettings(t); err != nil {
		return nil, err
	}
	return &tableDescriptionOutput{TableDescription: t.describe("ACTIVE")}, nil
}

// checkUpdateTableShape applies UpdateTable's member constraints.
func checkUpdateTableShape(in *updateTableInput) error {
	if err := requireTableName(in.TableName); err != nil {
		return err
	}
	var v violations
	v.enum(in.BillingMode, "billingMode", billingProvisioned, billingPayPerRequest)
	checkThroughputShape(&v, in.ProvisionedThroughput, "provisionedThroughput")
	checkStreamSpecShape(&v, in.StreamSpecification) // streamspec.go
	for i, u := range in.GlobalSecondaryIndexUpdates {
		p := memberPath("globalSecondaryIndexUpdates", i)
		if u.Create != nil {
			checkIndexShape(&v, u.Create, p+"create.", 0)
		}
		if u.Delete != nil {
			v.notNull(u.Delete.IndexName != nil, p+"delete.indexName")
		}
		if u.Update != nil {
			v.notNull(u.Update.IndexName != nil, p+"update.indexName")
			v.notNull(u.Update.ProvisionedThroughput != nil, p+"update.provisionedThroughput")
			checkThroughputShape(&v, u.Update.ProvisionedThroughput, p+"update.provisionedThroughput")
		}
	}
	return v.err()
}

// checkUpdateTableRequest applies the checks that need no table.
func checkUpdateTableRequest(in *updateTableInput) error {
	if in.ProvisionedThroughput == nil && in.BillingMode == nil && in.StreamSpecification == nil &&
		len(in.GlobalSecondaryIndexUpdates) == 0 && in.TableClass == nil && in.DeletionProtectionEnabled == nil {
		return validationErr("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required")
	}
	if deref(in.BillingMode) == billingProvisioned && in.ProvisionedThroughput == nil {
		return invalidParam("ProvisionedThroughput must be specified when BillingMode is PROVISIONED")
	}
	if in.ProvisionedThroughput != nil {
		if err := checkCapacityBounds(in.ProvisionedThroughput); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for _, u := range in.GlobalSecondaryIndexUpdates {
		name, ok := gsiUpdateName(u)
		if !ok {
			return invalidParam("One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null")
		}
		if seen[name] {
			return invalidParam("Only one global secondary index update per index is allowed simultaneously. Index: %s", name)
		}
		seen[name] = true
	}
	return nil
}

// gsiUpdateName returns the index a GlobalSecondaryIndexUpdate names.
func gsiUpdateName(u gsiUpdate) (string, bool) {
	switch {
	case u.Create != nil:
		return deref(u.Create.IndexName), true
	case u.Delete != nil:
		return deref(u.Delete.IndexName), true
	case u.Update != nil:
		return deref(u.Update.IndexName), true
	}
	return "", false
}

// tableUpdate is a validated UpdateTable, ready to apply.
type tableUpdate struct {
	billing  string
	capacity throughput
	create   []*indexSchema
	defs     []attributeDefinition
	drop     map[string]bool
	gsiCap   map[string]throughput
}

// planUpdate validates an UpdateTable request against the table.
func (t *table) planUpdate(in *updateTableInput) (*tableUpdate, error) {
	u := &tableUpdate{billing: t.billing, capacity: t.capacity, defs: t.defs, drop: map[string]bool{}, gsiCap: map[string]throughput{}}
	if in.BillingMode != nil {
		u.billing = *in.BillingMode
	}
	if err := t.planCapacity(in, u); err != nil {
		return nil, err
	}
	if err := t.checkUpdateStream(in); err != nil {
		return nil, err
	}
	for _, g := range in.GlobalSecondaryIndexUpdates {
		if err := t.planGSI(g, in, u); err != nil {
			return nil, err
		}
	}
	if u.billing == billingProvisioned && t.billing != billingProvisioned {
		for _, x := range t.gsis {
			if _, ok := u.gsiCap[x.name]; !ok && !u.drop[x.name] {
				return nil, invalidParam("ProvisionedThroughput must be specified for index: %s", x.name)
			}
		}
	}
	return u, nil
}

// planCapacity validates the table's new provisioned throughput.
func (t *table) planCapacity(in *updateTableInput, u *tableUpdate) error {
	p := in.ProvisionedThroughput
	if p == nil {
		if u.billing == billingPayPerRequest {
			u.capacity = throughput{}
		}
		return nil
	}
	if u.billing == billingPayPerRequest {
		return invalidParam("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
	}
	next := throughput{read: *p.ReadCapacityUnits, write: *p.WriteCapacityUnits}
	if next == t.capacity && t.billing == billingProvisioned && len(in.GlobalSecondaryIndexUpdates) == 0 {
		return validationErr("The provisioned throughput for the table will not change. The requested value equals the current value. " +
			"Current ReadCapacityUnits provisioned for the table: " + strconv.FormatInt(t.capacity.read, 10) +
			". Requested ReadCapacityUnits: " + strconv.FormatInt(next.read, 10) + ". " +
			"Current WriteCapacityUnits provisioned for the table: " + strconv.FormatInt(t.capacity.write, 10) +
			". Requested WriteCapacityUnits: " + strconv.FormatInt(next.write, 10) + ". " +
			"Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.")
	}
	u.capacity = next
	return nil
}

// planGSI validates one GlobalSecondaryIndexUpdate.
func (t *table) planGSI(g gsiUpdate, in *updateTableInput, u *tableUpdate) error {
	switch {
	case g.Create != nil:
		return t.planCreateGSI(g.Create, in, u)
	case g.Delete != nil:
		if x := t.indexByName(*g.Delete.IndexName); x == nil || !x.global {
			return newError("ResourceNotFoundException", "Requested resource not found")
		}
		u.drop[*g.Delete.IndexName] = true
	default:
		x := t.indexByName(*g.Update.IndexName)
		if x == nil || !x.global {
			return newError("ResourceNotFoundException", "Requested resource not found")
		}
		if u.billing == billingPayPerRequest {
			return invalidParam("ProvisionedThroughput should not be specified for index: %s when BillingMode is PAY_PER_REQUEST", x.name)
		}
		p := g.Update.ProvisionedThroughput
		u.gsiCap[x.name] = throughput{read: *p.ReadCapacityUnits, write: *p.WriteCapacityUnits}
	}
	return nil
}

// planCreateGSI validates a new GSI against the table and the request's
// attribute definitions.
func (t *table) planCreateGSI(c *indexJSON, in *updateTableInput, u *tableUpdate) error {
	if t.indexByName(*c.IndexName) != nil {
		return validationErr("Attempting to create an index which already exists")
	}
	if err := t.checkNewDefs(c, in.AttributeDefinitions); err != nil {
		return err
	}
	s := &tableSchema{defs: mergeDefs(t.defs, in.AttributeDefinitions), types: map[string]ddbtype.Type{}}
	for _, d := range s.defs {
		if d.AttributeName != nil && d.AttributeType != nil {
			s.types[*d.AttributeName] = attrType(*d.AttributeType)
		}
	}
	x, err := s.checkGSI(c, u.billing)
	if err != nil {
		return err
	}
	if len(t.gsis)+len(u.create)+1-len(u.drop) > maxGSIs {
		return invalidParam("GlobalSecondaryIndex count exceeds the per-table limit of %d", maxGSIs)
	}
	u.create = append(u.create, x)
	u.defs = s.defs
	return nil
}

// checkNewDefs checks the attribute definitions of an UpdateTable that
// creates index c: they must be given (the new key attributes at least;
// ack-api-quirks dynamodb DDB-TABLE-162, probed on DynamoDB), may not
// redefine an attribute of the table with another type (DynamoDB Local's
// message), and the index's names must be 1 to 255 characters long.
func (t *table) checkNewDefs(c *indexJSON, defs []attributeDefinition) error {
	if defs == nil {
		return invalidParam("AttributeDefinitions is not specified for index: %s", *c.IndexName)
	}
	for _, d := range defs {
		for _, old := range t.defs {
			if *d.AttributeName == *old.AttributeName && *d.AttributeType != *old.AttributeType {
				return validationErr("invalid attribute, SchemaElement redefined should be of same type as previously defined")
			}
		}
	}
	return c.checkNameLengths()
}

// applyUpdate changes the table as planned.
func (t *table) applyUpdate(in *updateTableInput, u *tableUpdate, e *Engine) {
	if u.billing == billingPayPerRequest && t.billing != billingPayPerRequest {
		t.billedAt = e.now()
	}
	t.billing, t.capacity = u.billing, u.capacity
	kept := t.gsis[:0:0]
	for _, x := range t.gsis {
		if u.drop[x.name] {
			continue
		}
		if c, ok := u.gsiCap[x.name]; ok {
			x.capacity = c
		}
		if t.billing == billingPayPerRequest {
			x.capacity = throughput{}
		}
		kept = append(kept, x)
	}
	for _, s := range u.create {
		x := t.newIndex(s)
		t.backfill(x)
		kept = append(kept, x)
	}
	t.gsis = kept
	t.defs = usedDefs(u.defs, t)
	e.updateStream(t, in.StreamSpecification) // streamspec.go
	if in.TableClass != nil {
		t.tableClass = *in.TableClass
	}
	if in.DeletionProtectionEnabled != nil {
		t.protected = *in.DeletionProtectionEnabled
	}
}

// mergeDefs adds the definitions of add not already in defs.
func mergeDefs(defs, add []attributeDefinition) []attributeDefinition {
	out := append([]attributeDefinition(nil), defs...)
	for _, a := range add {
		found := false
		for _, d := range out {
			found = found || deref(d.AttributeName) == deref(a.AttributeName)
		}
		if !found {
			out = append(out, a)
		}
	}
	return out
}

// usedDefs keeps the definitions of attributes some key of t uses.
func usedDefs(defs []attributeDefinition, t *table) []attributeDefinition {
	used := func(name string) bool {
		if t.key.isKey(name) {
			return true
		}
		for _, x := range t.allIndexes() {
			if x.key.isKey(name) {
				return true
			}
		}
		return false
	}
	out := defs[:0:0]
	for _, d := range defs {
		if used(deref(d.AttributeName)) {
			out = append(out, d)
		}
	}
	return out
}
