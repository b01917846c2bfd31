package partiql

import "strings"

// comparisons maps comparison punctuation to operators.
var comparisons = map[string]Op{"=": OpEq, "<>": OpNe, "!=": OpNe, "<": OpLt, "<=": OpLe, ">": OpGt, ">=": OpGe}

// expr parses a condition: OR of ANDs of NOTs of predicates.
func (p *parser) expr() Expr {
	if !p.enter() {
		return nil
	}
	defer p.leave()
	left := p.and()
	for !p.failed() && p.peek().is("OR") {
		pos := p.advance().pos
		left = &Binary{Pos: pos, Op: OpOr, Left: left, Right: p.and()}
	}
	return left
}

// and parses predicates joined by AND.
func (p *parser) and() Expr {
	left := p.not()
	for !p.failed() && p.peek().is("AND") {
		pos := p.advance().pos
		left = &Binary{Pos: pos, Op: OpAnd, Left: left, Right: p.not()}
	}
	return left
}

// not parses NOT predicate or a predicate.
func (p *parser) not() Expr {
	if p.failed() {
		return nil
	}
	if p.peek().is("NOT") {
		pos := p.advance().pos
		if !p.enter() {
			return nil
		}
		defer p.leave()
		return &Not{Pos: pos, X: p.not()}
	}
	return p.predicate()
}

// predicate parses an operand and what compares or tests it.
func (p *parser) predicate() Expr {
	x := p.additive()
	if p.failed() {
		return nil
	}
	t := p.peek()
	if op, ok := comparisons[t.text]; ok && t.kind == tPunct {
		p.advance()
		return &Binary{Pos: t.pos, Op: op, Left: x, Right: p.additive()}
	}
	not := false
	if t.is("NOT") && (p.peekAt(1).is("BETWEEN") || p.peekAt(1).is("IN")) {
		p.advance()
		not = true
	}
	switch {
	case p.accept("BETWEEN"):
		b := &Between{Pos: t.pos, X: x, Not: not, Low: p.additive()}
		p.keyword("AND")
		b.High = p.additive()
		return b
	case p.accept("IN"):
		return &In{Pos: t.pos, X: x, Not: not, List: p.inList()}
	case p.accept("IS"):
		return p.isTest(t.pos, x)
	}
	return x
}

// inList parses the list of IN: [v, ...] or (v, ...).
func (p *parser) inList() []Expr {
	closer := "]"
	if p.acceptPunct("(") {
		closer = ")"
	} else {
		p.punct("[")
	}
	var out []Expr
	for !p.failed() {
		out = append(out, p.additive())
		if !p.acceptPunct(",") {
			break
		}
	}
	p.punct(closer)
	return out
}

// typeNames are PartiQL's type names, which IS may test (NUMBER is not
// one).
var typeNames = map[string]bool{
	"MISSING": true, "NULL": true, "BOOL": true, "BOOLEAN": true, "SMALLINT": true, "INT": true, "INT2": true,
	"INT4": true, "INT8": true, "INTEGER": true, "BIGINT": true, "REAL": true, "FLOAT": true, "DOUBLE": true,
	"DECIMAL": true, "DEC": true, "NUMERIC": true, "TIMESTAMP": true, "DATE": true, "TIME": true, "CHAR": true,
	"CHARACTER": true, "VARCHAR": true, "STRING": true, "SYMBOL": true, "BLOB": true, "CLOB": true,
	"STRUCT": true, "TUPLE": true, "LIST": true, "SEXP": true, "BAG": true, "ANY": true,
}

// isTest parses what follows IS: [NOT] MISSING, NULL or a type name.
func (p *parser) isTest(pos Pos, x Expr) Expr {
	is := &Is{Pos: pos, X: x, Not: p.accept("NOT")}
	if p.failed() {
		return nil
	}
	t := p.peek()
	if t.kind != tIdent || !typeNames[strings.ToUpper(t.text)] {
		p.fail(unexpected(t))
		return nil
	}
	p.advance()
	is.Type = strings.ToUpper(t.text)
	return is
}

// additive parses operand [(+|-) operand]..., the values of SET.
func (p *parser) additive() Expr {
	left := p.operand()
	for !p.failed() && (p.peek().isPunct("+") || p.peek().isPunct("-")) {
		t := p.advance()
		op := OpAdd
		if t.text == "-" {
			op = OpSub
		}
		left = &Binary{Pos: t.pos, Op: op, Left: left, Right: p.operand()}
	}
	return left
}

// operand parses a path, a value, a parameter, a function call or a
// parenthesized condition.
func (p *parser) operand() Expr {
	if p.failed() {
		return nil
	}
	t := p.peek()
	switch {
	case t.isPunct("("):
		p.advance()
		x := p.expr()
		p.punct(")")
		return x
	case t.kind == tIdent && p.peekAt(1).isPunct("("):
		return p.call()
	case t.kind == tQuoted || t.kind == tIdent && !isValueKeyword(t):
		pa := p.path()
		return &pa
	}
	return p.value()
}

// call parses name(args...).
func (p *parser) call() Expr {
	t := p.advance()
	c := &Call{Pos: t.pos, Name: strings.ToLower(t.text)}
	p.punct("(")
	if !p.enter() {
		return nil
	}
	defer p.leave()
	if !p.acceptPunct(")") {
		for !p.failed() {
			c.Args = append(c.Args, p.additive())
			if !p.acceptPunct(",") {
				break
			}
		}
		p.punct(")")
	}
	return c
}

// isValueKeyword reports whether an identifier is a literal keyword.
func isValueKeyword(t token) bool {
	return t.is("TRUE") || t.is("FALSE") || t.is("NULL") || t.is("MISSING")
}
