package db

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The attributes that every item written by a model carries, beside its
// own: the entity's name, which reads check so that they never decode
// another entity's item, and the version of the entity's schema.
const (
	EntityAttribute = "_entity"
	SchemaAttribute = "_schema"
)

var (
	// ErrVersionConflict means that a write of a versioned entity found
	// another version of the item than the one it was given: someone else
	// wrote it since it was read. It wraps ErrConditionFailed.
	ErrVersionConflict = fmt.Errorf("%w: version conflict", ErrConditionFailed)

	// ErrNotUnique means that a write would give a unique field of an
	// entity a value that another item has. It wraps ErrConditionFailed.
	ErrNotUnique = fmt.Errorf("%w: value not unique", ErrConditionFailed)
)

// Model is an entity of the single-table design, declared once: a Go
// struct type T, the name that tells its items from other entities', and
// templates that write its keys on the table and on its indexes from its
// fields. Its methods write and read T values, setting the key attributes
// from the fields, checking versions and unique fields, and reading back
// only items of this entity. Make one with NewModel; a Model is safe for
// concurrent use.
//
// Why templates in strings, checked at declaration, rather than code: a
// key template such as "TASK#{Status}#{DueDate}#{TaskID}" is the single
// fact that the design's access patterns, the access-pattern table and
// the collision checks all read, and it stays one line however many
// fields it has. NewModel parses every template once, finds each field's
// offset and formatter, and refuses unknown fields and types that do not
// sort; writes and reads then run the compiled formatters and the codec's
// compiled encoders, without looking anything up by name. Type safety is
// in the values: a Model[Task] takes and returns Task values only, so the
// key of one entity cannot be given to another.
type Model[T any] struct {
	table   *Table
	name    string
	schema  int
	typ     reflect.Type
	keys    []modelKey // the primary key's first
	version *modelField
	unique  []*modelField
	ttl     *modelField
	cond    Condition // the view's condition on writes (If)
	err     error
}

// modelKey is how a model writes the keys of one index: from templates,
// or, for keys that are the entity's own fields (IndexFields), as those
// fields.
type modelKey struct {
	index              Index
	pk, sk             template // sk is empty for an index without a sort key
	pkFields, skFields []*modelField
}

// isFields reports whether the keys are the entity's own fields.
func (k modelKey) isFields() bool { return k.pkFields != nil }

// modelField is a field of the entity that a model gives a role.
type modelField struct {
	name   string // the Go name
	attr   string // the attribute
	index  []int
	typ    reflect.Type
	opts   tagOpts    // its dynamodbav tag's options
	format formatFunc // for unique fields, how guard keys write it
}

// ModelOption declares a part of a model: its keys on the table and on
// its indexes, its versioning, unique fields and TTL.
type ModelOption func(*modelDecl)

type modelDecl struct {
	keys    []keyDecl
	version string
	unique  []string
	ttl     string
	schema  int
}

type keyDecl struct {
	index  *Index // nil for the table's primary key
	pk, sk string
	fields bool // the index's key attributes are fields of the entity
}

// Keys declares the templates of the entity's primary key: the partition
// key and the sort key, as "ORG#{OrgID}" and "PROJECT#{ProjectID}". Text
// in braces names a field, which is written so that keys sort as the
// field does: strings as they are, integers zero-padded to their type's
// width, times in UTC at a fixed width; two fields need text between them.
func Keys(pk, sk string) ModelOption {
	return func(d *modelDecl) { d.keys = append(d.keys, keyDecl{pk: pk, sk: sk}) }
}

// IndexKeys declares the templates of the entity's keys on a secondary
// index of the table, as Keys does for the primary key; sk is empty for
// an index without a sort key. The model writes the index's key
// attributes; an item whose fields leave a template unset is not indexed.
func IndexKeys(x Index, pk, sk string) ModelOption {
	return func(d *modelDecl) { d.keys = append(d.keys, keyDecl{index: &x, pk: pk, sk: sk}) }
}

// IndexFields declares that the keys of the entity on the index x are its
// own fields: x's key attributes, one or several (see CompositeIndex), are
// attributes that the entity's fields are stored in, of the same types.
// No key text is composed: a query gives the fields' values, and ranges
// compare them as DynamoDB compares their types. An item whose fields
// leave one of x's key attributes out is not in the index.
func IndexFields(x Index) ModelOption {
	return func(d *modelDecl) { d.keys = append(d.keys, keyDecl{index: &x, fields: true}) }
}

// Versioned makes the integer field a version for optimistic locking: a
// write succeeds only when the item's version is the one of the value
// given (0 for an item that does not exist yet), and stores the next
// version; otherwise it fails with ErrVersionConflict.
func Versioned(field string) ModelOption { return func(d *modelDecl) { d.version = field } }

// Unique makes each of the fields unique among the entity's items: a
// write that gives one a value another item has fails with ErrNotUnique.
// A guard item for each value, written in the same transaction as the
// entity, holds the value; it is moved when the field changes and deleted
// with the entity.
func Unique(fields ...string) ModelOption {
	return func(d *modelDecl) { d.unique = append(d.unique, fields...) }
}

// TTL names the field that holds the entity's expiry time, a time.Time
// stored as unix seconds (tag it dynamodbav:",unixtime") or an integer of
// unix seconds. The table's definition enables DynamoDB's TTL on it.
func TTL(field string) ModelOption { return func(d *modelDecl) { d.ttl = field } }

// SchemaVersion sets the version of the entity's schema that its items
// carry in SchemaAttribute; 1 by default.
func SchemaVersion(n int) ModelOption { return func(d *modelDecl) { d.schema = n } }

// NewModel declares the entity T, a struct type, named name on table:
// every item it writes carries name in EntityAttribute, and its reads
// return only such items. It checks the declaration at once: Err reports
// a mistake, and every method returns it without sending a request.
// Table.Check then checks the models of a table together.
func NewModel[T any](table *Table, name string, opts ...ModelOption) *Model[T] {
	m := &Model[T]{table: table, name: name, typ: reflect.TypeFor[T]()}
	d := modelDecl{schema: 1}
	for _, opt := range opts {
		opt(&d)
	}
	m.schema = d.schema
	if m.err = m.declare(d); m.err != nil {
		m.err = fmt.Errorf("%w: model %s: %w", ErrInvalidArgument, name, m.err)
	}
	if table != nil {
		table.addModel(m)
	}
	return m
}

// Err returns the mistake in the model's declaration, or nil.
func (m *Model[T]) Err() error {
	if m.err != nil {
		return m.err
	}
	return m.table.Err()
}

// Name returns the entity's name.
func (m *Model[T]) Name() string { return m.name }

// Table returns the table the model's items are in.
func (m *Model[T]) Table() *Table { return m.table }

func (m *Model[T]) declare(d modelDecl) error {
	switch {
	case m.table == nil:
		return errorString("no table")
	case m.typ.Kind() != reflect.Struct:
		return fmt.Errorf("%s is not a struct", m.typ)
	case validateEntityName(m.name) != nil:
		return validateEntityName(m.name)
	case d.schema < 1:
		return errorString("the schema version is 1 or more")
	case len(d.keys) == 0 || d.keys[0].index != nil:
		return errorString("declare the primary key first, with Keys")
	}
	for _, k := range d.keys {
		if err := m.declareKey(k); err != nil {
			return err
		}
	}
	if err := m.checkSharedAttributes(); err != nil {
		return err
	}
	return m.declareFields(d)
}

// checkSharedAttributes refuses two templates for one attribute, as when
// an index's key attribute is the table's (the inverse index's are the
// primary key's, swapped): it holds one value.
func (m *Model[T]) checkSharedAttributes() error {
	texts := map[string]string{}
	for _, k := range m.keys {
		if k.isFields() {
			continue
		}
		for attr, text := range k.attributes(k.pk.text, k.sk.text) {
			if prev, ok := texts[attr]; ok && prev != text {
				return fmt.Errorf("attribute %s is written from two templates, %q and %q", attr, prev, text)
			}
			texts[attr] = text
		}
	}
	return nil
}

func (m *Model[T]) declareKey(k keyDecl) error {
	x := m.table.primaryIdx
	if k.index != nil {
		var err error
		if x, err = m.table.findIndex(*k.index); err != nil || x.IsPrimary() {
			return fmt.Errorf("index %s: not a secondary index of the table", k.index)
		}
	}
	if slices.ContainsFunc(m.keys, func(mk modelKey) bool { return mk.index.Name == x.Name }) {
		return fmt.Errorf("keys on %s are declared twice", x)
	}
	if k.fields {
		return m.declareFieldKey(x)
	}
	if x.IsComposite() {
		return fmt.Errorf("%s has multi-attribute keys: declare the entity's keys on it with IndexFields", x)
	}
	if x.PartitionKeyType.orString() != TypeString || x.SortKeyType.orString() != TypeString {
		return fmt.Errorf("%s: templates write strings, and its keys are not", x)
	}
	pk, err := parseTemplate(m.typ, k.pk)
	if err != nil {
		return err
	}
	var sk template
	if (k.sk == "") != (x.SortKey == "") {
		return fmt.Errorf("%s: give a sort key template if and only if the index has a sort key", x)
	}
	if k.sk != "" {
		if sk, err = parseTemplate(m.typ, k.sk); err != nil {
			return err
		}
	}
	m.keys = append(m.keys, modelKey{index: x, pk: pk, sk: sk})
	return nil
}

// declareFieldKey declares the keys on x that are the entity's fields.
func (m *Model[T]) declareFieldKey(x Index) error {
	k := modelKey{index: x}
	for i, attrs := range [][]KeyAttribute{x.partitionAttrs(), x.sortAttrs()} {
		for _, a := range attrs {
			f, err := m.fieldByAttr(a.Name)
			if err != nil {
				return fmt.Errorf("%s: %w", x, err)
			}
			if t := storedType(f); t != a.Type {
				return fmt.Errorf("%s: key attribute %s is of type %s, and field %s is stored as %s", x, a.Name, a.Type, f.name, t)
			}
			if i == 0 {
				k.pkFields = append(k.pkFields, f)
			} else {
				k.skFields = append(k.skFields, f)
			}
		}
	}
	m.keys = append(m.keys, k)
	return nil
}

// fieldByAttr finds the field of T stored in the attribute attr.
func (m *Model[T]) fieldByAttr(attr string) (*modelField, error) {
	for _, f := range structFields(m.typ) {
		if f.name == attr {
			return &modelField{name: m.typ.FieldByIndex(f.index).Name, attr: attr, index: f.index, typ: f.typ, opts: f.opts}, nil
		}
	}
	return nil, fmt.Errorf("%s has no field stored in attribute %s", m.typ, attr)
}

// storedType returns the type of the attribute a key field is stored as,
// or "" for a type that cannot be a key.
func storedType(f *modelField) Type {
	t := f.typ
	switch {
	case f.opts.has(tagString):
		return TypeString
	case t == rtTime && f.opts.has(tagUnixTime), t == reflect.TypeFor[Number]():
		return TypeNumber
	case t == rtTime, t.Kind() == reflect.String:
		return TypeString
	case isInteger(t), t.Kind() == reflect.Float32, t.Kind() == reflect.Float64:
		return TypeNumber
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		return TypeBinary
	}
	return ""
}

func (m *Model[T]) declareFields(d modelDecl) error {
	var err error
	if d.version != "" {
		if m.version, err = m.field(d.version); err == nil && !isInteger(m.version.typ) {
			err = fmt.Errorf("version field %s is not an integer", d.version)
		}
	}
	for _, name := range d.unique {
		var f *modelField
		if f, err = m.field(name); err != nil {
			return err
		}
		if f.format, err = keyFormatter(f.typ); err != nil {
			return fmt.Errorf("unique field %s: %w", name, err)
		}
		m.unique = append(m.unique, f)
	}
	if err == nil && d.ttl != "" {
		m.ttl, err = m.field(d.ttl)
	}
	if err != nil {
		return err
	}
	return m.checkAttributes()
}

// field finds a field of T by its Go name, with its attribute's name.
func (m *Model[T]) field(name string) (*modelField, error) {
	for _, f := range structFields(m.typ) {
		if sf := m.typ.FieldByIndex(f.index); sf.Name == name {
			return &modelField{name: name, attr: f.name, index: f.index, typ: sf.Type}, nil
		}
	}
	return nil, fmt.Errorf("%s has no field %s that is stored", m.typ, name)
}

// checkAttributes refuses fields stored in the attributes that the model
// writes itself: key attributes and the entity attributes.
func (m *Model[T]) checkAttributes() error {
	own := map[string]bool{EntityAttribute: true, SchemaAttribute: true}
	for _, k := range m.keys {
		if !k.isFields() {
			own[k.index.PartitionKey], own[k.index.SortKey] = true, true
		}
	}
	for _, f := range structFields(m.typ) {
		if own[f.name] {
			return fmt.Errorf("field %s is stored in attribute %s, which the model writes itself", m.typ.FieldByIndex(f.index).Name, f.name)
		}
	}
	return nil
}

func isInteger(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

// modelInfo is what a table knows of each of its models, whatever its
// type: for the access-pattern table, the checks and the definition.
type modelInfo interface {
	info() *modelDescription
}

// modelDescription describes a model without its type parameter.
type modelDescription struct {
	table  *Table
	name   string
	typ    reflect.Type
	keys   []modelKey
	ttl    *modelField
	unique []*modelField
	err    error
	// guards returns the keys of the guards of an item's unique fields.
	guards func(map[string]types.AttributeValue) ([]string, error)
}

func (m *Model[T]) info() *modelDescription {
	return &modelDescription{table: m.table, name: m.name, typ: m.typ, keys: m.keys, ttl: m.ttl, unique: m.unique,
		err: m.Err(), guards: m.guardsOf}
}

// keyOn returns the entity's keys on the index named as x.
func (d *modelDescription) keyOn(x Index) (modelKey, bool) {
	for _, k := range d.keys {
		if k.index.Name == x.Name {
			return k, true
		}
	}
	return modelKey{}, false
}

// guardsOf returns the keys of the guards of the unique fields of an item.
func (m *Model[T]) guardsOf(av map[string]types.AttributeValue) ([]string, error) {
	if len(m.unique) == 0 {
		return nil, nil
	}
	v, err := m.decode(av)
	if err != nil {
		return nil, err
	}
	rv := reflect.ValueOf(&v).Elem()
	var keys []string
	for _, f := range m.unique {
		k, set, err := m.guardKey(f, rv.FieldByIndex(f.index))
		if err != nil {
			return nil, err
		}
		if set {
			keys = append(keys, k)
		}
	}
	return keys, nil
}

// tableModels is the registry of a table's models.
type tableModels struct {
	mu     sync.Mutex
	models []modelInfo
}

func (t *Table) addModel(m modelInfo) {
	t.models.mu.Lock()
	defer t.models.mu.Unlock()
	t.models.models = append(t.models.models, m)
}

// descriptions returns the descriptions of the table's models, in the
// order they were declared.
func (t *Table) descriptions() []*modelDescription {
	t.models.mu.Lock()
	defer t.models.mu.Unlock()
	out := make([]*modelDescription, len(t.models.models))
	for i, m := range t.models.models {
		out[i] = m.info()
	}
	return out
}

// errNoModel is the cause of reads that found an item of another entity.
var errNoModel = errors.New("db: the item is of another entity")

// schemaValue is the value of SchemaAttribute for schema version n.
func schemaValue(n int) string { return strconv.Itoa(n) }
