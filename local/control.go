package local

import (
	"slices"
	"sort"
)

type tableDescriptionOutput struct {
	TableDescription *tableDescription `json:"TableDescription"`
}

type describeTableOutput struct {
	Table *tableDescription `json:"Table"`
}

// createTable implements CreateTable. The table is ACTIVE at once.
func (e *Engine) createTable(in *createTableInput) (*tableDescriptionOutput, error) {
	if err := checkCreateTableShape(in); err != nil {
		return nil, err
	}
	s, err := buildSchema(in)
	if err != nil {
		return nil, err
	}
	tags, err := checkTags(in.Tags)
	if err != nil {
		return nil, err
	}
	name := *in.TableName
	t := e.newTable(name, s, in)
	t.tags = mergeTags(nil, tags)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.tables[name] != nil {
		return nil, newError("ResourceInUseException", "Table already exists: "+name)
	}
	e.startStream(t, in.StreamSpecification) // streamspec.go
	if err := e.commit(t); err != nil {
		return nil, err
	}
	e.tables[name] = t
	return &tableDescriptionOutput{TableDescription: t.describe("ACTIVE")}, nil
}

// lookupTable returns the table called name, or nil.
func (e *Engine) lookupTable(name string) *table {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.tables[name]
}

// controlTable validates a control-plane TableName and returns the table,
// or the ResourceNotFoundException naming it.
func (e *Engine) controlTable(name *string) (*table, error) {
	if err := requireTableName(name); err != nil {
		return nil, err
	}
	t := e.lookupTable(*name)
	if t == nil {
		return nil, tableNotFoundNamedErr(*name)
	}
	return t, nil
}

// describeTable implements DescribeTable.
func (e *Engine) describeTable(in *tableNameInput) (*describeTableOutput, error) {
	t, err := e.controlTable(in.TableName)
	if err != nil {
		return nil, err
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	return &describeTableOutput{Table: t.describe("ACTIVE")}, nil
}

// deleteTableOutput is DeleteTable's answer.
type deleteTableOutput struct {
	TableDescription *deletedDescription `json:"TableDescription"`
}

// deletedDescription is the TableDescription of a table DeleteTable
// deletes, which DynamoDB gives fewer members than DescribeTable's: no key
// schema, attribute definitions, creation time or indexes (localstack's
// tests/aws/services/dynamodb/test_dynamodb.snapshot.json, test_table_crud,
// recorded on DynamoDB).
type deletedDescription struct {
	TableName                 string                `json:"TableName"`
	TableStatus               string                `json:"TableStatus"`
	ProvisionedThroughput     throughputDescription `json:"ProvisionedThroughput"`
	TableSizeBytes            int64                 `json:"TableSizeBytes"`
	ItemCount                 int64                 `json:"ItemCount"`
	TableArn                  string                `json:"TableArn"`
	TableID                   string                `json:"TableId"`
	DeletionProtectionEnabled bool                  `json:"DeletionProtectionEnabled"`
}

// deletedDescription returns the table's description as DeleteTable answers it;
// t.mu must be held.
func (t *table) deletedDescription() *deletedDescription {
	return &deletedDescription{
		TableName: t.name, TableStatus: "DELETING", ProvisionedThroughput: t.capacity.desc(),
		TableSizeBytes: t.bytes, ItemCount: int64(t.items.len()), TableArn: t.arn, TableID: t.id,
		DeletionProtectionEnabled: t.protected,
	}
}

// deleteTable implements DeleteTable. The table is gone at once.
func (e *Engine) deleteTable(in *tableNameInput) (*deleteTableOutput, error) {
	if err := requireTableName(in.TableName); err != nil {
		return nil, err
	}
	e.mu.Lock()
	t := e.tables[*in.TableName]
	if t == nil {
		e.mu.Unlock()
		return nil, tableNotFoundNamedErr(*in.TableName)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.protected {
		e.mu.Unlock()
		return nil, validationErr("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
	}
	delete(e.tables, t.name)
	t.deleted = true
	e.stopStream(t) // streamspec.go: its stream stays readable, disabled
	err := e.saveSettings(t)
	e.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if err := e.backupDeletedTable(t); err != nil { // backupsystem.go
		return nil, err
	}
	return &deleteTableOutput{TableDescription: t.deletedDescription()}, nil
}

// listTables implements ListTables, in name order.
func (e *Engine) listTables(in *listTablesInput) (*listTablesOutput, error) {
	var v violations
	v.minInt(widen(in.Limit), 1, "limit")
	v.maxInt(widen(in.Limit), 100, "limit")
	v.name(in.ExclusiveStartTableName, "exclusiveStartTableName")
	if err := v.err(); err != nil {
		return nil, err
	}
	limit := 100
	if in.Limit != nil {
		limit = int(*in.Limit)
	}
	names := e.tableNames()
	start := 0
	if in.ExclusiveStartTableName != nil {
		start = sort.SearchStrings(names, *in.ExclusiveStartTableName)
		if start < len(names) && names[start] == *in.ExclusiveStartTableName {
			start++
		}
	}
	out := &listTablesOutput{TableNames: names[start:min(start+limit, len(names))]}
	if start+limit < len(names) {
		out.LastEvaluatedTableName = out.TableNames[len(out.TableNames)-1]
	}
	return out, nil
}

// tableNames returns the names of all tables, sorted.
func (e *Engine) tableNames() []string {
	e.mu.RLock()
	names := make([]string, 0, len(e.tables))
	for n := range e.tables {
		names = append(names, n)
	}
	e.mu.RUnlock()
	slices.Sort(names)
	return names
}
