package expr

import (
	"sort"

	"github.com/dokklib/db/internal/ddbtype"
)

// Projection is a parsed projection expression. It is immutable and safe
// for concurrent use.
type Projection struct {
	usage
	paths []*Path
	tree  *pathTree
}

// ParseProjection parses and validates a ProjectionExpression with its
// expression attribute names. Errors are *Error values carrying DynamoDB's
// message.
func ParseProjection(s string, names map[string]string) (*Projection, error) {
	p, err := parseProjection(s, names)
	if err != nil {
		return nil, err
	}
	return p, nil
}

func parseProjection(s string, names map[string]string) (*Projection, *Error) {
	const k = ProjectionExpression
	if err := checkLength(k, s, false); err != nil {
		return nil, err
	}
	p := newParser(s, catProjection)
	paths := p.parseProjectionPaths()
	if err := p.result(k); err != nil {
		return nil, err
	}
	r := newResolver(k, names, nil)
	tree := &pathTree{}
	for i := len(paths) - 1; i >= 0; i-- { // DynamoDB's order
		if err := r.resolvePath(paths[i]); err != nil {
			return nil, err
		}
		if msg := tree.insert(paths[i], nil); msg != "" {
			return nil, r.fail(msg)
		}
	}
	tree.finish()
	proj := &Projection{usage: usage{kind: k}, paths: paths, tree: tree}
	proj.record(r, paths)
	return proj, nil
}

// Paths returns the projected document paths in source order.
func (p *Projection) Paths() []*Path { return p.paths }

// Apply returns a new item holding only the projected parts of item:
// whole attributes for top-level paths, and for nested paths the enclosing
// maps and lists cut down to the projected elements (list elements keep
// their relative order and close up). Paths that do not exist are left
// out. The result shares unprojected-into values with item.
func (p *Projection) Apply(item ddbtype.Item) ddbtype.Item { return projectItem(p.tree, item) }

// projectItem cuts item down to the paths of tree.
func projectItem(tree *pathTree, item ddbtype.Item) ddbtype.Item {
	out := ddbtype.Item{}
	for i, key := range tree.keys {
		v, ok := item[key.Name]
		if !ok {
			continue
		}
		if v, ok = project(tree.kids[i], v); ok {
			out[key.Name] = v
		}
	}
	return out
}

// project cuts v down to subtree t; a nil t keeps v whole. ok is false if
// nothing of v is projected.
func project(t *pathTree, v ddbtype.Value) (ddbtype.Value, bool) {
	switch {
	case t == nil:
		return v, true
	case v.Type == ddbtype.TypeM:
		return projectMap(t, v.M)
	case v.Type == ddbtype.TypeL:
		return projectList(t, v.L)
	}
	return v, false
}

func projectMap(t *pathTree, m map[string]ddbtype.Value) (ddbtype.Value, bool) {
	out := map[string]ddbtype.Value{}
	for i, key := range t.keys {
		c, ok := child(ddbtype.Value{Type: ddbtype.TypeM, M: m}, key)
		if !ok {
			continue
		}
		if c, ok = project(t.kids[i], c); ok {
			out[key.Name] = c
		}
	}
	return ddbtype.Value{Type: ddbtype.TypeM, M: out}, len(out) > 0
}

func projectList(t *pathTree, l []ddbtype.Value) (ddbtype.Value, bool) {
	var entries []indexed
	for i, key := range t.keys {
		c, ok := child(ddbtype.Value{Type: ddbtype.TypeL, L: l}, key)
		if !ok {
			continue
		}
		if c, ok = project(t.kids[i], c); ok {
			entries = append(entries, indexed{key.Index, c})
		}
	}
	sort.Slice(entries, func(a, b int) bool { return entries[a].index < entries[b].index })
	out := make([]ddbtype.Value, len(entries))
	for i, e := range entries {
		out[i] = e.value
	}
	return ddbtype.Value{Type: ddbtype.TypeL, L: out}, len(out) > 0
}
