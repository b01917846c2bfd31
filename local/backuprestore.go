package local

import (
	"slices"
)

type restoreOutput struct {
	TableDescription *tableDescription `json:"TableDescription"`
}

// restoreTableFromBackup implements RestoreTableFromBackup. The new table
// is ACTIVE when the answer comes, its items and indexes restored, as the
// engine's CreateTable is.
func (e *Engine) restoreTableFromBackup(in *restoreFromBackupInput) (*restoreOutput, error) {
	var v violations
	v.notNull(in.BackupArn != nil, "backupArn")
	checkBackupARN(&v, in.BackupArn, "backupArn")
	checkOverrides(&v, &in.restoreOverrides)
	if err := v.err(); err != nil {
		return nil, err
	}
	b := e.backups.get(e.prefix, *in.BackupArn, e.now())
	if b == nil {
		return nil, backupNotFoundErr(*in.BackupArn)
	}
	if !e.backups.use(b) {
		return nil, backupNotFoundErr(b.arn)
	}
	defer e.backups.release(b)
	items, err := b.items(e)
	if err != nil {
		return nil, err
	}
	sum := restoreSummary{SourceBackupArn: b.arn, SourceTableArn: b.snap.arn, RestoreDateTime: epochSeconds(e.now())}
	d, err := e.restoreTable(&in.restoreOverrides, b.snap.settings, items, sum)
	if err != nil {
		return nil, err
	}
	return &restoreOutput{TableDescription: d}, nil
}

// use marks b as read by a restore, unless it was deleted.
func (s *backupSet) use(b *backup) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byARN[b.arn] != b {
		return false
	}
	b.using++
	return true
}

// release ends a restore's use of b.
func (s *backupSet) release(b *backup) {
	s.mu.Lock()
	b.using--
	s.mu.Unlock()
}

// checkOverrides applies the member constraints of the restore
// operations' target and overrides.
func checkOverrides(v *violations, o *restoreOverrides) {
	v.notNull(o.TargetTableName != nil, "targetTableName")
	v.name(o.TargetTableName, "targetTableName")
	v.enum(o.BillingModeOverride, "billingModeOverride", billingProvisioned, billingPayPerRequest)
	checkThroughputShape(v, o.ProvisionedThroughputOverride, "provisionedThroughputOverride")
	checkIndexesShape(v, o.LocalSecondaryIndexOverride, "localSecondaryIndexOverride", maxTableKeyAttrs)
	checkIndexesShape(v, o.GlobalSecondaryIndexOverride, "globalSecondaryIndexOverride", 0)
	if s := o.SSESpecificationOverride; s != nil {
		v.enum(s.SSEType, "sSESpecificationOverride.sSEType", "AES256", "KMS")
	}
}

// restoreTable creates the table o names from a table's settings r and
// items: r's schema with o's overrides, the items, and its indexes
// rebuilt. It is
// all or nothing: the table is built aside and added, with every item
// written to the data file in one transaction, only once complete.
// Streams, TTL, tags and deletion protection are not restored, as
// DynamoDB leaves them to be set again on the new table.
func (e *Engine) restoreTable(o *restoreOverrides, r *tableRecord, items *store, sum restoreSummary) (*tableDescription, error) {
	name := *o.TargetTableName
	if e.lookupTable(name) != nil {
		return nil, tableExistsErr(name)
	}
	in := restoreInput(o, r)
	if err := checkCreateTableShape(in); err != nil {
		return nil, err
	}
	s, err := buildSchema(in)
	if err != nil {
		return nil, err
	}
	t := e.newTable(name, s, in)
	t.restored = &sum
	t.fill(items)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.tables[name] != nil {
		return nil, tableExistsErr(name)
	}
	if err := e.commit(t); err != nil {
		return nil, err
	}
	e.tables[name] = t
	return t.describe("ACTIVE"), nil
}

// restoreInput returns the CreateTable request of a restore: the source's
// key schema, indexes and billing, as o overrides them, with only the
// attribute definitions the remaining keys use.
func restoreInput(o *restoreOverrides, r *tableRecord) *createTableInput {
	in := &createTableInput{TableName: o.TargetTableName, KeySchema: r.KeySchema,
		LocalSecondaryIndexes: r.LSIs, GlobalSecondaryIndexes: slices.Clone(r.GSIs),
		BillingMode: ptr(r.Billing), ProvisionedThroughput: r.Capacity}
	if o.BillingModeOverride != nil {
		in.BillingMode = o.BillingModeOverride
	}
	if *in.BillingMode == billingPayPerRequest {
		in.ProvisionedThroughput = nil
	}
	if o.ProvisionedThroughputOverride != nil {
		in.ProvisionedThroughput = o.ProvisionedThroughputOverride
	}
	for i := range in.GlobalSecondaryIndexes {
		x := &in.GlobalSecondaryIndexes[i]
		switch {
		case *in.BillingMode == billingPayPerRequest:
			x.ProvisionedThroughput = nil
		case x.ProvisionedThroughput == nil:
			x.ProvisionedThroughput = in.ProvisionedThroughput
		}
	}
	if o.LocalSecondaryIndexOverride != nil { // [] restores none
		in.LocalSecondaryIndexes = nilIfEmpty(o.LocalSecondaryIndexOverride)
	}
	if o.GlobalSecondaryIndexOverride != nil {
		in.GlobalSecondaryIndexes = nilIfEmpty(o.GlobalSecondaryIndexOverride)
	}
	in.AttributeDefinitions = usedDefinitions(r.Defs, in)
	return in
}

// nilIfEmpty returns xs, or nil for none, as CreateTable takes no
// indexes.
func nilIfEmpty(xs []indexJSON) []indexJSON {
	if len(xs) == 0 {
		return nil
	}
	return xs
}

// usedDefinitions returns the definitions of the attributes the keys of
// the table and its indexes use, in their order.
func usedDefinitions(defs []attributeDefinition, in *createTableInput) []attributeDefinition {
	used := map[string]bool{}
	mark := func(ks []keySchemaElement) {
		for _, k := range ks {
			used[deref(k.AttributeName)] = true
		}
	}
	mark(in.KeySchema)
	for _, x := range in.LocalSecondaryIndexes {
		mark(x.KeySchema)
	}
	for _, x := range in.GlobalSecondaryIndexes {
		mark(x.KeySchema)
	}
	return slices.DeleteFunc(slices.Clone(defs), func(d attributeDefinition) bool { return !used[deref(d.AttributeName)] })
}

// tableExistsErr is the TableAlreadyExistsException of a restore whose
// target table exists.
func tableExistsErr(name string) *apiError {
	return newError("TableAlreadyExistsException", "Table already exists: "+name)
}
