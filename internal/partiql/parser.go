package partiql

import (
	"strconv"
	"strings"
)

// MaxDepth bounds the nesting of expressions and values in a statement.
const MaxDepth = 64

// parser is a recursive-descent parser over a statement's tokens. The
// first error sticks: once err is set, every method returns at once with
// zero results, and Parse reports err.
type parser struct {
	toks   []token
	i      int
	depth  int
	params int
	err    *Error
}

// Parse parses one statement.
func Parse(src string) (Statement, error) {
	p := &parser{toks: lex(src)}
	st := p.statement()
	if p.err == nil && p.peek().kind != tEOF {
		p.fail(unexpected(p.peek()))
	}
	if p.err != nil {
		return nil, p.err
	}
	return st, nil
}

// peek returns the current token.
func (p *parser) peek() token { return p.toks[p.i] }

// peekAt returns the token n ahead of the current one, or the last.
func (p *parser) peekAt(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}

// advance consumes and returns the current token; the final token is
// never consumed.
func (p *parser) advance() token {
	t := p.toks[p.i]
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}

// fail records the first error.
func (p *parser) fail(e *Error) {
	if p.err == nil {
		p.err = e
	}
}

// failed reports whether an error was recorded.
func (p *parser) failed() bool { return p.err != nil }

// keyword consumes the keyword kw or fails.
func (p *parser) keyword(kw string) {
	if p.failed() {
		return
	}
	if !p.peek().is(kw) {
		p.fail(unexpected(p.peek()))
		return
	}
	p.advance()
}

// accept consumes the keyword kw if it is next.
func (p *parser) accept(kw string) bool {
	if !p.failed() && p.peek().is(kw) {
		p.advance()
		return true
	}
	return false
}

// punct consumes the punctuation s or fails.
func (p *parser) punct(s string) {
	if p.failed() {
		return
	}
	if !p.peek().isPunct(s) {
		p.fail(unexpected(p.peek()))
		return
	}
	p.advance()
}

// acceptPunct consumes the punctuation s if it is next.
func (p *parser) acceptPunct(s string) bool {
	if !p.failed() && p.peek().isPunct(s) {
		p.advance()
		return true
	}
	return false
}

// enter counts one level of nesting and reports whether it is allowed.
func (p *parser) enter() bool {
	p.depth++
	if p.depth > MaxDepth {
		p.fail(syntaxErr("Statement is nested too deeply at "+At(p.peek().pos), p.peek().pos))
		return false
	}
	return true
}

func (p *parser) leave() { p.depth-- }

// statement parses a whole statement.
func (p *parser) statement() Statement {
	t := p.peek()
	var st Statement
	switch {
	case t.is("SELECT"):
		st = p.selectStmt()
	case t.is("INSERT"):
		st = p.insertStmt()
	case t.is("UPDATE"):
		st = p.updateStmt()
	case t.is("DELETE"):
		st = p.deleteStmt()
	case t.is("EXISTS"):
		st = p.existsStmt()
	case t.kind == tBad:
		p.fail(unexpected(t))
	default:
		p.fail(syntaxErr("Expected data manipulation", t.pos))
	}
	if p.failed() {
		return nil
	}
	return st
}

// selectStmt parses SELECT ... FROM target [WHERE ...] [ORDER BY ...].
func (p *parser) selectStmt() *Select {
	p.keyword("SELECT")
	s := &Select{}
	if !p.acceptPunct("*") {
		s.Projection = append(s.Projection, p.path())
		for p.acceptPunct(",") {
			s.Projection = append(s.Projection, p.path())
		}
	}
	p.keyword("FROM")
	s.Target = p.target()
	if p.accept("WHERE") {
		s.Where = p.expr()
	}
	if p.accept("ORDER") {
		p.keyword("BY")
		o := &Order{Path: p.path()}
		if p.accept("DESC") {
			o.Desc = true
		} else {
			p.accept("ASC")
		}
		s.OrderBy = o
	}
	s.params = p.params
	return s
}

// insertStmt parses INSERT INTO target VALUE value.
func (p *parser) insertStmt() *Insert {
	p.keyword("INSERT")
	p.keyword("INTO")
	in := &Insert{Target: p.target()}
	p.keyword("VALUE")
	in.Value = p.value()
	in.params = p.params
	return in
}

// updateStmt parses UPDATE target SET/REMOVE ... WHERE ... [RETURNING].
func (p *parser) updateStmt() *Update {
	p.keyword("UPDATE")
	u := &Update{Target: p.target()}
	for !p.failed() {
		switch {
		case p.accept("SET"):
			u.Actions = append(u.Actions, p.setAction())
			for p.acceptPunct(",") {
				u.Actions = append(u.Actions, p.setAction())
			}
			continue
		case p.accept("REMOVE"):
			u.Actions = append(u.Actions, Action{Remove: true, Path: p.path()})
			for p.acceptPunct(",") {
				u.Actions = append(u.Actions, Action{Remove: true, Path: p.path()})
			}
			continue
		}
		break
	}
	if len(u.Actions) == 0 {
		p.fail(unexpected(p.peek()))
	}
	if p.accept("WHERE") {
		u.Where = p.expr()
	}
	u.Returning = p.returning()
	u.params = p.params
	return u
}

// setAction parses path = value of a SET clause.
func (p *parser) setAction() Action {
	a := Action{Path: p.path()}
	p.punct("=")
	a.Value = p.additive()
	return a
}

// deleteStmt parses DELETE FROM target WHERE ... [RETURNING ...].
func (p *parser) deleteStmt() *Delete {
	p.keyword("DELETE")
	p.keyword("FROM")
	d := &Delete{Target: p.target()}
	if p.accept("WHERE") {
		d.Where = p.expr()
	}
	d.Returning = p.returning()
	d.params = p.params
	return d
}

// existsStmt parses EXISTS(SELECT ...).
func (p *parser) existsStmt() *Exists {
	p.keyword("EXISTS")
	p.punct("(")
	e := &Exists{Select: p.selectStmt()}
	p.punct(")")
	e.params = p.params
	return e
}

// returning parses an optional RETURNING (ALL|MODIFIED) (OLD|NEW) *.
func (p *parser) returning() Returning {
	if !p.accept("RETURNING") {
		return ReturnNone
	}
	r := ReturnNone
	switch {
	case p.accept("ALL"):
		r = ReturnAllOld
	case p.accept("MODIFIED"):
		r = ReturnModifiedOld
	default:
		p.fail(unexpected(p.peek()))
	}
	switch {
	case p.accept("OLD"):
	case p.accept("NEW"):
		r += ReturnAllNew - ReturnAllOld
	default:
		p.fail(unexpected(p.peek()))
	}
	p.punct("*")
	return r
}

// target parses a table name and an optional index: name[.name].
func (p *parser) target() Target {
	t := Target{Table: p.name()}
	if p.acceptPunct(".") {
		t.Index = p.name()
	}
	return t
}

// name parses a quoted or unquoted identifier.
func (p *parser) name() string {
	if p.failed() {
		return ""
	}
	t := p.peek()
	if t.kind != tIdent && t.kind != tQuoted {
		p.fail(unexpected(t))
		return ""
	}
	p.advance()
	return t.text
}

// path parses a document path: name { .name | [index] }.
func (p *parser) path() Path {
	start := p.peek().pos
	pa := Path{Pos: start}
	pa.Elems = append(pa.Elems, PathElem{Name: p.name()})
	for !p.failed() {
		switch {
		case p.peek().isPunct("."):
			p.advance()
			pa.Elems = append(pa.Elems, PathElem{Name: p.name()})
		case p.peek().isPunct("["):
			p.advance()
			pa.Elems = append(pa.Elems, p.index())
			p.punct("]")
		default:
			return pa
		}
	}
	return pa
}

// index parses a list index: a non-negative integer.
func (p *parser) index() PathElem {
	if p.failed() {
		return PathElem{}
	}
	t := p.peek()
	n, err := strconv.Atoi(t.text)
	if t.kind != tNumber || err != nil || n < 0 || strings.ContainsAny(t.text, ".eE") {
		p.fail(unexpected(t))
		return PathElem{}
	}
	p.advance()
	return PathElem{Index: n, IsIndex: true}
}
