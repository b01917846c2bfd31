package expr

// actionKind is the clause an update action belongs to.
type actionKind uint8

const (
	actSet actionKind = iota
	actRemove
	actAdd
	actDelete
)

var actionNames = [...]string{actSet: "SET", actRemove: "REMOVE", actAdd: "ADD", actDelete: "DELETE"}

// String returns the clause keyword, e.g. "SET".
func (a actionKind) String() string { return actionNames[a] }

var sectionKinds = map[tokKind]actionKind{tSET: actSet, tREMOVE: actRemove, tADD: actAdd, tDELETE: actDelete}

// action is one comma-separated item of an update clause.
type action struct {
	kind  actionKind
	path  *Path
	value *node // nil for REMOVE
}

// parseUpdateActions parses clause (clause)* where each clause is SET,
// REMOVE, ADD or DELETE followed by comma-separated actions.
func (p *parser) parseUpdateActions() []*action {
	var acts []*action
	var seen [4]bool
	if _, ok := sectionKinds[p.kind()]; !ok {
		p.fail()
	}
	for !p.failed() {
		kind, ok := sectionKinds[p.kind()]
		if !ok {
			break
		}
		acts = p.parseSection(kind, acts)
		if seen[kind] {
			key := p.walkKeyOf(p.st.pos-1) + 1 // DynamoDB checks on leaving the clause
			p.walkFail(key, detail(`The "`+kind.String()+`" section can only be used once in an update expression`))
		}
		seen[kind] = true
	}
	p.expect(tEOF)
	if p.failed() {
		return nil
	}
	return acts
}

// parseSection parses one clause, keyword included, appending its actions.
func (p *parser) parseSection(kind actionKind, acts []*action) []*action {
	p.advance()
	acts = append(acts, p.parseAction(kind))
	for p.at(tComma) {
		p.advance()
		acts = append(acts, p.parseAction(kind))
	}
	return acts
}

func (p *parser) parseAction(kind actionKind) *action {
	a := &action{kind: kind, path: p.parsePath()}
	switch kind {
	case actSet:
		p.expect(tEQ)
		a.value = p.parseSetValue()
	case actAdd, actDelete:
		a.value = p.parseLiteral()
	}
	return a
}

// parseLiteral parses the :value operand of ADD and DELETE.
func (p *parser) parseLiteral() *node {
	if !p.at(tValue) {
		p.fail()
		return nil
	}
	tok := p.st.pos
	p.advance()
	return &node{kind: nValue, name: p.tokText(tok), tok: tok}
}

func isArith(n *node) bool { return n != nil && (n.kind == nPlus || n.kind == nMinus) }

func (p *parser) atPlusMinus() bool { return p.at(tPlus) || p.at(tMinus) }

// parseSetValue parses the right-hand side of SET: an operand, or two
// operands joined by + or -, possibly parenthesized.
func (p *parser) parseSetValue() *node {
	v, pending := p.parseValueTerm()
	if !isArith(v) && p.atPlusMinus() {
		return p.finishArith(v, pending)
	}
	if pending != nil {
		p.checkFunc(pending, 0)
	}
	return v
}

// parseValueTerm parses an operand or a parenthesized SET value. A
// function call at the top of the result is returned as pending: whether
// it is nested, which DynamoDB's rules depend on, is only known once the
// caller sees whether + or - follows.
func (p *parser) parseValueTerm() (n, pending *node) {
	if p.failed() {
		return nil, nil
	}
	if !p.at(tLParen) {
		if p.at(tID) && p.kindAt(1) == tLParen {
			f := p.parseFunc(false)
			return f, f
		}
		return p.parseOperand(), nil
	}
	p.advance()
	inner, pending := p.parseValueTerm()
	if !isArith(inner) && p.atPlusMinus() {
		inner, pending = p.finishArith(inner, pending), nil
	}
	p.closeParen(inner)
	return inner, pending
}

// finishArith parses the operator and second operand of first + second or
// first - second.
func (p *parser) finishArith(first, pending *node) *node {
	if pending != nil {
		p.checkFunc(pending, 1)
	}
	n := &node{kind: nPlus, tok: p.st.pos}
	if p.at(tMinus) {
		n.kind = nMinus
	}
	n.name = n.opName()
	p.advance()
	p.st.nesting++
	second := p.parseOperand()
	p.st.nesting--
	n.args = []*node{first, second}
	return n
}

// parseProjectionPaths parses path (',' path)*.
func (p *parser) parseProjectionPaths() []*Path {
	paths := []*Path{p.parsePath()}
	for p.at(tComma) {
		p.advance()
		paths = append(paths, p.parsePath())
	}
	p.expect(tEOF)
	if p.failed() {
		return nil
	}
	return paths
}
