package db

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// UpdatedAt is the attribute that Update sets to the time of the write, in
// the form of CreatedAt, unless the update sets it itself or the table was
// made WithoutTimestamps. Update also sets CreatedAt when it creates the
// item, and keeps it when the item exists.
const UpdatedAt = "UpdatedAt"

// Update is one action of an update: Set, Remove, Add, DeleteFromSet,
// Append or Prepend. Updates are options of Table.Update and UpdateArg.
type Update interface {
	UpdateOption
	action(b *exprBuilder) (clause, text string, path []pathElem, err error)
}

type updateAction struct {
	clause string // SET, REMOVE, ADD or DELETE
	path   string
	value  any // an operand; none for REMOVE
	check  func(path string, v any) error
}

func (u updateAction) applyUpdate(o *writeOptions) { o.actions = append(o.actions, u) }

func (u updateAction) action(b *exprBuilder) (string, string, []pathElem, error) {
	elems, err := parsePath(u.path)
	if err != nil {
		return "", "", nil, fmt.Errorf("%s: %w", u.clause, err)
	}
	if u.check != nil {
		if err := u.check(u.path, u.value); err != nil {
			return "", "", nil, err
		}
	}
	p := b.elems(elems)
	switch u.clause {
	case "REMOVE":
		return u.clause, p, elems, nil
	case "SET":
		v, err := b.operand(u.value, true)
		return u.clause, p + " = " + v, elems, err
	}
	v, err := b.value(u.value)
	return u.clause, p + " " + v, elems, err
}

// Set sets the attribute at path to v: a value, or an Operand such as
// Plus(Attr("n"), 1), IfNotExists("n", 0) or ListAppend(Attr("l"), []any{1}).
func Set(path string, v any) Update { return updateAction{clause: "SET", path: path, value: v} }

// Remove removes the attribute at path; removing a list element shifts the
// ones after it.
func Remove(path string) Update { return updateAction{clause: "REMOVE", path: path} }

// Add adds the number v to the number at path, or the elements of the set v
// to the set at path; a missing attribute counts as 0 or the empty set.
func Add(path string, v any) Update {
	return updateAction{clause: "ADD", path: path, value: v, check: setOrNumber}
}

// DeleteFromSet removes the elements of the set v from the set at path.
func DeleteFromSet(path string, set any) Update {
	return updateAction{clause: "DELETE", path: path, value: set, check: setOnly}
}

// Append adds values at the end of the list at path, making the list if
// the attribute is missing.
func Append(path string, values ...any) Update {
	return updateAction{clause: "SET", path: path, value: ListAppend(IfNotExists(path, []any{}), values)}
}

// Prepend adds values at the start of the list at path, making the list if
// the attribute is missing.
func Prepend(path string, values ...any) Update {
	return updateAction{clause: "SET", path: path, value: ListAppend(values, IfNotExists(path, []any{}))}
}

func setOrNumber(path string, v any) error {
	switch kind := avKind(v); kind {
	case "N", "SS", "NS", "BS":
		return nil
	default:
		return invalid("ADD %s: ADD takes a number or a set, not %s", path, kind)
	}
}

func setOnly(path string, v any) error {
	switch kind := avKind(v); kind {
	case "SS", "NS", "BS":
		return nil
	default:
		return invalid("DELETE %s: DELETE takes a set, not %s", path, kind)
	}
}

// avKind names the DynamoDB type that v encodes to.
func avKind(v any) string {
	if _, ok := v.(Operand); ok {
		return "an expression"
	}
	av, err := encodeValue(v)
	if err != nil {
		return fmt.Sprintf("%T", v)
	}
	return typeOf(av)
}

// UpdateOption configures Update, and UpdateArg in a transaction.
type UpdateOption interface{ applyUpdate(*writeOptions) }

// Update changes the attributes of the item with the given key, making the
// item if it does not exist (unless a condition says otherwise), with the
// given actions and options:
//
//	table.Update(ctx, pk, sk, db.Set("name", "Alice"), db.Add("visits", 1),
//		db.If(db.Exists("PK")))
func (t *Table) Update(ctx context.Context, pk PartitionKey, sk SortKey, opts ...UpdateOption) error {
	var o writeOptions
	for _, opt := range opts {
		opt.applyUpdate(&o)
	}
	w, err := t.write(kindUpdate, pk, sk, &o)
	if err != nil {
		return err
	}
	out, err := t.client.UpdateItem(ctx, w.updateInput())
	if err != nil {
		return writeError("update", KeyOf(pk, sk), err, w.failed)
	}
	return o.ret.decode(out.Attributes)
}

// updateExpr builds the update expression of the actions, with the table's
// timestamps, checking that no two actions touch overlapping paths and that
// none touches the key.
func (t *Table) updateExpr(b *exprBuilder, actions []Update, now time.Time) (*string, error) {
	clauses := map[string][]string{}
	var paths [][]pathElem
	for _, a := range actions {
		if a == nil {
			return nil, invalid("nil update")
		}
		clause, text, path, err := a.action(b)
		if err != nil {
			return nil, err
		}
		if err := t.checkUpdatePath(path, paths); err != nil {
			return nil, err
		}
		paths = append(paths, path)
		clauses[clause] = append(clauses[clause], text)
	}
	if len(paths) == 0 {
		return nil, invalid("an update needs at least one action (Set, Remove, Add, ...)")
	}
	t.stampUpdate(b, clauses, paths, now)
	var parts []string
	for _, c := range []string{"SET", "REMOVE", "ADD", "DELETE"} {
		if len(clauses[c]) > 0 {
			parts = append(parts, c+" "+strings.Join(clauses[c], ", "))
		}
	}
	if len(parts) == 0 {
		return nil, nil
	}
	s := strings.Join(parts, " ")
	return &s, nil
}

func (t *Table) checkUpdatePath(path []pathElem, seen [][]pathElem) error {
	if n := path[0].name; n == t.primaryIdx.PartitionKey || n == t.primaryIdx.SortKey {
		return invalid("update of %q: it is part of the table's key", n)
	}
	for _, p := range seen {
		if overlaps(p, path) {
			return invalid("update: paths %q and %q overlap; DynamoDB allows one action a path", pathString(p), pathString(path))
		}
	}
	return nil
}

// stampUpdate sets UpdatedAt, and CreatedAt if the item is new, unless the
// actions touch them.
func (t *Table) stampUpdate(b *exprBuilder, clauses map[string][]string, paths [][]pathElem, now time.Time) {
	if !t.timestamps {
		return
	}
	touched := func(attr string) bool {
		for _, p := range paths {
			if p[0].name == attr {
				return true
			}
		}
		return false
	}
	v := b.attrValue(&types.AttributeValueMemberS{Value: stamp(now)})
	if !touched(UpdatedAt) {
		clauses["SET"] = append(clauses["SET"], b.name(UpdatedAt)+" = "+v)
	}
	if !touched(CreatedAt) {
		n := b.name(CreatedAt)
		clauses["SET"] = append(clauses["SET"], n+" = if_not_exists("+n+", "+v+")")
	}
}
