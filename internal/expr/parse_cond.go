package expr

import (
	"strconv"
)

// parseConditionTree parses a whole condition (also used for filters and
// key conditions) and returns its tree, or nil after recording an error.
func (p *parser) parseConditionTree() *node {
	n := p.parseCond(0)
	p.expect(tEOF)
	if p.failed() {
		return nil
	}
	return n
}

// parseCond parses conditions joined by AND (precedence 2) and OR
// (precedence 1), both right-associative as in DynamoDB's grammar, stopping
// at operators weaker than minPrec.
func (p *parser) parseCond(minPrec int) *node {
	left := p.parseUnary()
	for !p.failed() {
		kind, prec := nAnd, 2
		switch {
		case p.at(tAND):
		case p.at(tOR):
			kind, prec = nOr, 1
		default:
			return left
		}
		if prec < minPrec {
			return left
		}
		tok := p.st.pos
		p.advance()
		right := p.parseCond(prec)
		left = &node{kind: kind, args: []*node{left, right}, tok: tok}
	}
	return left
}

// parseUnary parses NOT, which binds tighter than AND and OR, or a primary
// condition.
func (p *parser) parseUnary() *node {
	if !p.at(tNOT) {
		return p.parsePrimary()
	}
	tok := p.st.pos
	p.advance()
	c := p.parseCond(3)
	return &node{kind: nNot, args: []*node{c}, tok: tok}
}

// parsePrimary parses a comparison, BETWEEN, IN, a function used as a
// condition, or a parenthesized condition.
func (p *parser) parsePrimary() *node {
	switch {
	case p.failed():
		return nil
	case p.at(tLParen):
		return p.parseParenPrimary()
	case p.at(tID) && p.kindAt(1) == tLParen:
		return p.parseFuncPrimary()
	}
	return p.parseOperandLed(nil)
}

// parseParenPrimary handles a primary starting with '(' : either a
// parenthesized condition or a comparison whose first operand is
// parenthesized. When the parentheses balance, the token after them
// decides which reading to try first, and if it fails the other one is
// tried too, so that the reading that gets further decides the syntax
// error, as in ANTLR. When they do not balance, both readings fail and the
// parenthesized condition always gets at least as far, so it alone is
// tried (which keeps parsing linear).
func (p *parser) parseParenPrimary() *node {
	grouping := func() *node { return p.parseGrouping() }
	operandLed := func() *node { return p.parseOperandLed(nil) }
	closeTok := p.matchingParen(p.st.pos)
	if closeTok < 0 {
		return p.parseGrouping()
	}
	next := p.toks[closeTok+1]
	if next.isComparator() || next.kind == tIN || next.kind == tBETWEEN {
		return p.alternatives(operandLed, grouping)
	}
	return p.alternatives(grouping, operandLed)
}

// parseGrouping parses '(' condition ')' and checks that what follows can
// follow a condition.
func (p *parser) parseGrouping() *node {
	p.expect(tLParen)
	c := p.parseCond(0)
	p.closeParen(c)
	if !p.failed() && !p.atConditionEnd() {
		p.fail()
	}
	return c
}

// atConditionEnd reports whether the current token can follow a primary
// condition.
func (p *parser) atConditionEnd() bool {
	switch p.kind() {
	case tAND, tOR, tRParen, tEOF:
		return true
	}
	return false
}

// parseFuncPrimary parses a primary that starts with a function call: the
// call is either the condition itself or the first operand of a
// comparison, which only the token after the call tells.
func (p *parser) parseFuncPrimary() *node {
	f := p.parseFunc(false)
	if p.failed() {
		return nil
	}
	if p.atComparison() {
		p.checkFunc(f, 1)
		return p.parseOperandLed(f)
	}
	p.checkFunc(f, 0)
	return f
}

// parseOperandLed parses a comparison, BETWEEN or IN. first is the first
// operand if the caller already parsed it.
func (p *parser) parseOperandLed(first *node) *node {
	p.st.nesting++
	defer func() { p.st.nesting-- }()
	if first == nil {
		first = p.parseOperand()
	}
	switch {
	case p.failed():
		return nil
	case p.tok().isComparator():
		return p.parseComparison(first)
	case p.at(tBETWEEN):
		return p.parseBetween(first)
	case p.at(tIN):
		return p.parseIn(first)
	}
	p.fail()
	return nil
}

var tokCmp = map[tokKind]cmpOp{tEQ: cmpEQ, tNE: cmpNE, tLT: cmpLT, tLE: cmpLE, tGT: cmpGT, tGE: cmpGE}

func (p *parser) parseComparison(first *node) *node {
	tok := p.st.pos
	op := tokCmp[p.kind()]
	p.advance()
	second := p.parseOperand()
	return &node{kind: nCompare, cmp: op, args: []*node{first, second}, tok: tok}
}

func (p *parser) parseBetween(first *node) *node {
	tok := p.st.pos
	p.advance()
	low := p.parseOperand()
	p.expect(tAND)
	high := p.parseOperand()
	return &node{kind: nBetween, args: []*node{first, low, high}, tok: tok}
}

func (p *parser) parseIn(first *node) *node {
	n := &node{kind: nIn, args: []*node{first}, tok: p.st.pos}
	p.advance()
	p.expect(tLParen)
	n.args = append(n.args, p.parseOperand())
	for p.at(tComma) {
		p.advance()
		n.args = append(n.args, p.parseOperand())
	}
	p.expect(tRParen)
	return n
}

// parseOperand parses a path, a :value, a function call or a
// parenthesized operand.
func (p *parser) parseOperand() *node {
	if p.failed() {
		return nil
	}
	tok := p.st.pos
	switch p.kind() {
	case tID:
		if p.kindAt(1) == tLParen {
			return p.parseFunc(true)
		}
		return p.parsePathNode()
	case tName:
		return p.parsePathNode()
	case tValue:
		p.advance()
		return &node{kind: nValue, name: p.tokText(tok), tok: tok}
	case tLParen:
		p.advance()
		o := p.parseOperand()
		p.closeParen(o)
		return o
	}
	p.fail()
	return nil
}

// parseFunc parses name '(' operand (',' operand)* ')'. With check set, it
// applies DynamoDB's rules on where the function may appear at once;
// otherwise the caller does once it knows the context.
func (p *parser) parseFunc(check bool) *node {
	f := &node{kind: nFunc, name: p.tokText(p.st.pos), tok: p.st.pos}
	f.fn = functions[f.name]
	if check {
		p.checkFunc(f, p.st.nesting)
	}
	p.advance()
	p.expect(tLParen)
	p.st.nesting++
	f.args = append(f.args, p.parseOperand())
	for p.at(tComma) {
		p.advance()
		f.args = append(f.args, p.parseOperand())
	}
	p.st.nesting--
	p.expect(tRParen)
	return f
}

// checkFunc applies the rules DynamoDB checks on entering a function call:
// the name must be known, belong to the expression's category, and be
// nested (or not) as the category allows.
func (p *parser) checkFunc(f *node, nesting int) {
	key := p.walkKeyOf(f.tok)
	if f.fn == fnUnknown {
		p.walkFail(key, detail("Invalid function name", "function", f.name))
		return
	}
	if p.cat == catUpdate {
		p.checkUpdateFunc(f, nesting, key)
		return
	}
	if !f.fn.isConditionFunc() {
		p.walkFail(key, detail("The function is not allowed in a condition expression", "function", f.name))
		return
	}
	if (nesting == 0) == (f.fn == fnSize) {
		p.walkFail(key, detail("The function is not allowed to be used this way in an expression", "function", f.name))
	}
}

func (p *parser) checkUpdateFunc(f *node, nesting, key int) {
	if f.fn.isConditionFunc() {
		p.walkFail(key, detail("The function is not allowed in an update expression", "function", f.name))
		return
	}
	if nesting > 0 && f.fn != fnIfNotExists {
		p.walkFail(key, detail("The function is not allowed to be used this way in an expression", "function", f.name))
	}
}

func (p *parser) parsePathNode() *node {
	tok := p.st.pos
	return &node{kind: nPath, path: p.parsePath(), tok: tok}
}

// parsePath parses id ('.' id | '[' index ']' | '.' :value)*. Bare
// identifiers must not be reserved words, and indexes must fit in a Java
// int; both are tree-walk errors in DynamoDB.
func (p *parser) parsePath() *Path {
	path := &Path{}
	if !p.at(tID) && !p.at(tName) {
		p.fail()
		return path
	}
	path.raw = append(path.raw, p.pathName())
	for !p.failed() {
		switch p.kind() {
		case tDot:
			p.advance()
			if !p.at(tID) && !p.at(tName) && !p.at(tValue) {
				p.fail()
				return path
			}
			path.raw = append(path.raw, p.pathName())
		case tLBracket:
			path.raw = append(path.raw, p.pathIndex())
		default:
			return path
		}
	}
	return path
}

// pathName consumes an identifier, #name or :value path element.
func (p *parser) pathName() rawElem {
	tok := p.st.pos
	text := p.tokText(tok)
	if p.kind() == tID && isReserved(text) {
		p.walkFail(p.walkKeyOf(tok), detail("Attribute name is a reserved keyword", "reserved keyword", text))
	}
	p.advance()
	return rawElem{text: text, tok: tok}
}

// pathIndex consumes '[' index ']'.
func (p *parser) pathIndex() rawElem {
	p.advance()
	tok := p.st.pos
	if !p.expect(tIndex) || !p.expect(tRBracket) {
		return rawElem{}
	}
	digits := p.tokText(tok)
	i, err := strconv.ParseInt(digits, 10, 32)
	if err != nil {
		p.walkFail(p.walkKeyOf(tok+1), detail("List index is not within the allowable range", "index", "["+digits+"]"))
	}
	return rawElem{text: digits, index: int(i), isIndex: true, tok: tok}
}
