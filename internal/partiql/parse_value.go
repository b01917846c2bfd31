package partiql

// value parses a value: a scalar literal, a parameter, a list, a map or a
// set, whose elements are values.
func (p *parser) value() Expr {
	if p.failed() {
		return nil
	}
	t := p.peek()
	switch {
	case t.isPunct("?"):
		p.advance()
		p.params++
		return &Param{Pos: t.pos, Index: p.params - 1}
	case t.isPunct("["):
		return p.list()
	case t.isPunct("{"):
		return p.tuple()
	case t.isPunct("<<"):
		return p.bag()
	}
	return p.scalar()
}

// scalar parses a string, a number (with an optional sign), TRUE, FALSE,
// NULL or MISSING.
func (p *parser) scalar() Expr {
	t := p.advance()
	switch {
	case t.kind == tString:
		return &Literal{Pos: t.pos, Kind: LitString, Text: t.text}
	case t.kind == tNumber:
		return &Literal{Pos: t.pos, Kind: LitNumber, Text: t.text}
	case (t.isPunct("-") || t.isPunct("+")) && p.peek().kind == tNumber:
		n := p.advance()
		sign := ""
		if t.text == "-" {
			sign = "-"
		}
		return &Literal{Pos: Pos{Line: t.pos.Line, Col: t.pos.Col, Len: n.pos.Col + n.pos.Len - t.pos.Col}, Kind: LitNumber, Text: sign + n.text}
	case t.is("TRUE"), t.is("FALSE"):
		text := "false"
		if t.is("TRUE") {
			text = "true"
		}
		return &Literal{Pos: t.pos, Kind: LitBool, Text: text}
	case t.is("NULL"):
		return &Literal{Pos: t.pos, Kind: LitNull}
	case t.is("MISSING"):
		return &Literal{Pos: t.pos, Kind: LitMissing}
	}
	p.fail(unexpected(t))
	return nil
}

// list parses [v, ...].
func (p *parser) list() Expr {
	l := &List{Pos: p.advance().pos}
	l.Elems = p.elements("]")
	return l
}

// bag parses <<v, ...>>.
func (p *parser) bag() Expr {
	b := &Bag{Pos: p.advance().pos}
	b.Elems = p.elements(">>")
	return b
}

// elements parses the values of a list or set up to closer.
func (p *parser) elements(closer string) []Expr {
	if !p.enter() {
		return nil
	}
	defer p.leave()
	var out []Expr
	if p.acceptPunct(closer) {
		return out
	}
	for !p.failed() {
		out = append(out, p.value())
		if !p.acceptPunct(",") {
			break
		}
	}
	p.punct(closer)
	return out
}

// tuple parses {'k': v, ...}.
func (p *parser) tuple() Expr {
	m := &Tuple{Pos: p.advance().pos}
	if !p.enter() {
		return nil
	}
	defer p.leave()
	if p.acceptPunct("}") {
		return m
	}
	for !p.failed() {
		k := p.peek()
		if k.kind != tString {
			p.fail(unexpected(k))
			return nil
		}
		p.advance()
		p.punct(":")
		m.Keys = append(m.Keys, k.text)
		m.KeyPos = append(m.KeyPos, k.pos)
		m.Values = append(m.Values, p.value())
		if !p.acceptPunct(",") {
			break
		}
	}
	p.punct("}")
	return m
}
