package expr

import sortpkg "sort"

// pathTree merges the document paths of a projection or update expression
// into a tree, the way DynamoDB does to detect paths that overlap (one is a
// prefix of the other) or conflict (one indexes a list where the other
// reads a map). It is then used to apply the expression to items.
type pathTree struct {
	keys  []PathElem
	kids  []*pathTree // nil where the key ends a path
	acts  []*action   // update trees: the action of a path ending at keys[i]
	order []int       // the order Java's HashMap iterates keys in
}

// insert adds p (with act, for update trees). It returns DynamoDB's
// overlap or conflict message if p cannot be merged.
func (t *pathTree) insert(p *Path, act *action) string {
	node := t
	for depth := 0; ; depth++ {
		e := p.Elems[depth]
		i := node.find(e)
		if i < 0 {
			if len(node.keys) > 0 && node.keys[node.first()].IsIndex != e.IsIndex {
				return pathsMessage("conflict", p, node.leafPath(p, depth))
			}
			node.add(e, chain(p.Elems[depth+1:], act), act)
			return ""
		}
		child := node.kids[i]
		if child == nil || depth+1 == len(p.Elems) {
			return pathsMessage("overlap", p, node.leafPath(p, depth))
		}
		node = child
	}
}

func pathsMessage(what string, one, two *Path) string {
	return detail("Two document paths "+what+" with each other; must remove or rewrite one of these paths",
		"path one", one.String(), "path two", two.String())
}

func (t *pathTree) find(e PathElem) int {
	for i, k := range t.keys {
		if k == e {
			return i
		}
	}
	return -1
}

func (t *pathTree) add(e PathElem, kid *pathTree, act *action) {
	t.keys = append(t.keys, e)
	t.kids = append(t.kids, kid)
	if kid == nil {
		t.acts = append(t.acts, act)
	} else {
		t.acts = append(t.acts, nil)
	}
}

// chain builds the subtree for the rest of a path; nil if nothing is left.
func chain(rest []PathElem, act *action) *pathTree {
	if len(rest) == 0 {
		return nil
	}
	t := &pathTree{}
	t.add(rest[0], chain(rest[1:], act), act)
	return t
}

// first returns the index of the key Java's HashMap would iterate first.
func (t *pathTree) first() int {
	size := javaTableSize(len(t.keys))
	best, bestBucket := 0, javaBucket(docPathElemHash(t.keys[0]), size)
	for i := 1; i < len(t.keys); i++ {
		if b := javaBucket(docPathElemHash(t.keys[i]), size); b < bestBucket {
			best, bestBucket = i, b
		}
	}
	return best
}

// leafPath is the path DynamoDB reports as "path two": the first depth
// elements of p, then the first key (in HashMap order) of each tree node
// down to a leaf.
func (t *pathTree) leafPath(p *Path, depth int) *Path {
	elems := append([]PathElem(nil), p.Elems[:depth]...)
	for n := t; n != nil && len(n.keys) > 0; {
		i := n.first()
		elems = append(elems, n.keys[i])
		n = n.kids[i]
	}
	return &Path{Elems: elems}
}

// finish computes the iteration order of every node.
func (t *pathTree) finish() {
	if t == nil {
		return
	}
	size := javaTableSize(len(t.keys))
	t.order = make([]int, len(t.keys))
	for i := range t.order {
		t.order[i] = i
	}
	sortpkg.SliceStable(t.order, func(a, b int) bool {
		return javaBucket(docPathElemHash(t.keys[t.order[a]]), size) <
			javaBucket(docPathElemHash(t.keys[t.order[b]]), size)
	})
	for _, k := range t.kids {
		k.finish()
	}
}
