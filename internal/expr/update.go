package expr

import (
	"errors"
	"sort"

	"github.com/dokklib/db/internal/ddbtype"
)

// Update is a parsed update expression. It is immutable and safe for
// concurrent use.
type Update struct {
	usage
	acts []*action
	tree *pathTree
}

// ParseUpdate parses and validates an UpdateExpression with its expression
// attribute names and values. Errors are *Error values carrying DynamoDB's
// message.
func ParseUpdate(s string, names map[string]string, values map[string]ddbtype.Value) (*Update, error) {
	u, err := parseUpdate(s, names, values)
	if err != nil {
		return nil, err
	}
	return u, nil
}

func parseUpdate(s string, names map[string]string, values map[string]ddbtype.Value) (*Update, *Error) {
	const k = UpdateExpression
	if err := checkLength(k, s, false); err != nil {
		return nil, err
	}
	p := newParser(s, catUpdate)
	acts := p.parseUpdateActions()
	if err := p.result(k); err != nil {
		return nil, err
	}
	r := newResolver(k, names, values)
	tree, err := buildUpdateTree(r, acts)
	if err != nil {
		return nil, err
	}
	if err := validateActionValues(r, acts); err != nil {
		return nil, err
	}
	u := &Update{usage: usage{kind: k}, acts: acts, tree: tree}
	u.record(r, updatePaths(acts))
	return u, nil
}

// buildUpdateTree resolves the action paths and merges them, in the
// reverse order DynamoDB processes them in (which decides which paths an
// overlap message names).
func buildUpdateTree(r *resolver, acts []*action) (*pathTree, *Error) {
	tree := &pathTree{}
	for i := len(acts) - 1; i >= 0; i-- {
		a := acts[i]
		if err := r.resolvePath(a.path); err != nil {
			return nil, err
		}
		if msg := tree.insert(a.path, a); msg != "" {
			return nil, r.fail(msg)
		}
	}
	tree.finish()
	return tree, nil
}

// validateActionValues validates the operands of SET, ADD and DELETE, in
// DynamoDB's (reverse) order.
func validateActionValues(r *resolver, acts []*action) *Error {
	for i := len(acts) - 1; i >= 0; i-- {
		a := acts[i]
		if a.value == nil {
			continue
		}
		if err := r.validateTree(a.value); err != nil {
			return err
		}
		if a.kind == actAdd || a.kind == actDelete {
			if err := r.validateAddDelete(a); err != nil {
				return err
			}
		}
	}
	return nil
}

// updatePaths lists the target paths and then the operand paths of the
// actions, in source order.
func updatePaths(acts []*action) []*Path {
	var paths []*Path
	for _, a := range acts {
		paths = append(paths, a.path)
	}
	for _, a := range acts {
		if a.value != nil {
			paths = append(paths, treePaths(a.value)...)
		}
	}
	return paths
}

// Targets returns the top-level attribute names the update writes or
// removes, in source order. The engine checks it to reject updates of key
// attributes ("Cannot update attribute PK. This attribute is part of the
// key").
func (u *Update) Targets() []string {
	var out []string
	for _, a := range u.acts {
		out = addUnique(out, a.path.Top())
	}
	return out
}

// TargetPaths returns the document paths the update writes or removes, in
// source order.
func (u *Update) TargetPaths() []*Path {
	out := make([]*Path, len(u.acts))
	for i, a := range u.acts {
		out[i] = a.path
	}
	return out
}

// Updated returns the parts of item at the paths the update targets,
// which is what DynamoDB returns for ReturnValues UPDATED_OLD (given the
// old item) and UPDATED_NEW (given the new one).
func (u *Update) Updated(item ddbtype.Item) ddbtype.Item { return projectItem(u.tree, item) }

// Apply returns a copy of item with the update applied; item is not
// modified. A nil item stands for an item that does not exist yet. All
// operands are read from item as it was before the update, as in DynamoDB.
// Errors are *Error values with DynamoDB's messages (without a label):
// missing operands, operands of the wrong type, paths that do not fit the
// item, number overflow and too deep nesting.
func (u *Update) Apply(item ddbtype.Item) (ddbtype.Item, error) {
	m, err := u.applyMap(u.tree, item, item)
	if err != nil {
		return nil, err
	}
	for _, v := range m {
		if tooDeep(v, 1) {
			return nil, &Error{Message: msgNestingTooDeep}
		}
	}
	return m, nil
}

var (
	errAttrNotFound   = &Error{Message: msgAttrNotFound}
	errIncorrectType  = &Error{Message: msgIncorrectType}
	errInvalidDocPath = &Error{Message: msgInvalidDocPath}
)

// applyMap applies the subtree t to the map doc.
func (u *Update) applyMap(t *pathTree, doc map[string]ddbtype.Value, item ddbtype.Item) (map[string]ddbtype.Value, error) {
	out := make(map[string]ddbtype.Value, len(doc)+len(t.keys))
	for k, v := range doc {
		out[k] = v
	}
	for _, i := range t.order {
		key := t.keys[i]
		if key.IsIndex {
			return nil, errInvalidDocPath
		}
		cur, ok := doc[key.Name]
		v, keep, err := u.applyChild(t, i, cur, ok, item)
		if err != nil {
			return nil, err
		}
		if keep {
			out[key.Name] = v
		} else {
			delete(out, key.Name)
		}
	}
	return out, nil
}

// applyChild computes the new value of the i-th key of t, whose current
// value is cur (if ok). keep is false if the key is to be removed.
func (u *Update) applyChild(t *pathTree, i int, cur ddbtype.Value, ok bool, item ddbtype.Item) (ddbtype.Value, bool, error) {
	if t.kids[i] == nil {
		return u.actionResult(t.acts[i], cur, ok, item)
	}
	if !ok {
		return cur, false, errInvalidDocPath
	}
	v, err := u.applyValue(t.kids[i], cur, item)
	return v, true, err
}

// applyValue applies subtree t inside the map or list v.
func (u *Update) applyValue(t *pathTree, v ddbtype.Value, item ddbtype.Item) (ddbtype.Value, error) {
	switch v.Type {
	case ddbtype.TypeM:
		m, err := u.applyMap(t, v.M, item)
		return ddbtype.Value{Type: ddbtype.TypeM, M: m}, err
	case ddbtype.TypeL:
		l, err := u.applyList(t, v.L, item)
		return ddbtype.Value{Type: ddbtype.TypeL, L: l}, err
	}
	return v, errInvalidDocPath
}

type indexed struct {
	index int
	value ddbtype.Value
}

// applyList applies subtree t to a list. Elements set beyond the end are
// appended in index order, and removed elements close their gap.
func (u *Update) applyList(t *pathTree, list []ddbtype.Value, item ddbtype.Item) ([]ddbtype.Value, error) {
	entries := make([]indexed, 0, len(list)+len(t.keys))
	for i, v := range list {
		if t.find(PathElem{Index: i, IsIndex: true}) < 0 {
			entries = append(entries, indexed{i, v})
		}
	}
	for _, i := range t.order {
		key := t.keys[i]
		if !key.IsIndex {
			return nil, errInvalidDocPath
		}
		var cur ddbtype.Value
		ok := key.Index < len(list)
		if ok {
			cur = list[key.Index]
		}
		v, keep, err := u.applyChild(t, i, cur, ok, item)
		if err != nil {
			return nil, err
		}
		if keep {
			entries = append(entries, indexed{key.Index, v})
		}
	}
	sort.Slice(entries, func(a, b int) bool { return entries[a].index < entries[b].index })
	out := make([]ddbtype.Value, len(entries))
	for i, e := range entries {
		out[i] = e.value
	}
	return out, nil
}

// actionResult computes the new value of the attribute an action targets.
func (u *Update) actionResult(a *action, cur ddbtype.Value, ok bool, item ddbtype.Item) (ddbtype.Value, bool, error) {
	switch a.kind {
	case actSet:
		v, found, err := evalValue(a.value, item)
		if err == nil && !found {
			err = errAttrNotFound
		}
		return v, err == nil, err
	case actAdd:
		return addValue(cur, ok, a.value.val)
	case actDelete:
		return deleteValue(cur, ok, a.value.val)
	}
	return cur, false, nil
}

// addValue implements ADD: numeric addition or set union; a missing
// attribute takes the operand as its value.
func addValue(cur ddbtype.Value, ok bool, v ddbtype.Value) (ddbtype.Value, bool, error) {
	switch {
	case !ok:
		return v, true, nil
	case cur.Type != v.Type:
		return cur, false, errIncorrectType
	case v.Type == ddbtype.TypeN:
		sum, err := ddbtype.AddNumbers(cur.S, v.S)
		return ddbtype.Value{Type: ddbtype.TypeN, S: sum}, err == nil, numberError(err)
	}
	return setUnion(cur, v), true, nil
}

// deleteValue implements DELETE: set difference; an emptied set removes
// the attribute, and a missing attribute stays missing.
func deleteValue(cur ddbtype.Value, ok bool, v ddbtype.Value) (ddbtype.Value, bool, error) {
	switch {
	case !ok:
		return cur, false, nil
	case cur.Type != v.Type:
		return cur, false, errIncorrectType
	}
	d := setDiff(cur, v)
	return d, setLen(d) > 0, nil
}

// numberError converts ddbtype's arithmetic errors (overflow and the
// like) into *Error values with the same message.
func numberError(err error) error {
	if err == nil {
		return nil
	}
	var ve *ddbtype.ValidationError
	if errors.As(err, &ve) {
		return &Error{Message: ve.Message}
	}
	return &Error{Message: err.Error()}
}

// tooDeep reports whether v holds maps or lists nested deeper than
// DynamoDB allows; level is the depth of v itself (top-level attributes
// are at level 1).
func tooDeep(v ddbtype.Value, level int) bool {
	switch v.Type {
	case ddbtype.TypeM:
		if level >= MaxPathDepth {
			return true
		}
		for _, c := range v.M {
			if tooDeep(c, level+1) {
				return true
			}
		}
	case ddbtype.TypeL:
		if level >= MaxPathDepth {
			return true
		}
		for _, c := range v.L {
			if tooDeep(c, level+1) {
				return true
			}
		}
	}
	return false
}
