package expr

import (
	"strconv"
)

// category selects which functions are allowed where, following DynamoDB's
// grammar: condition functions in condition-like expressions, if_not_exists
// and list_append in updates, none in projections.
type category uint8

const (
	catCondition category = iota
	catUpdate
	catProjection
)

// parser is a recursive-descent parser for DynamoDB's expression grammar.
// It reproduces the three kinds of error DynamoDB reports while reading an
// expression, in DynamoDB's precedence:
//
//  1. syntax errors and redundant parentheses, whichever comes first in the
//     text;
//  2. errors DynamoDB finds while walking the parse tree (unknown functions,
//     functions used out of place, reserved words, list indexes out of
//     range, repeated update sections), the first in text order;
//  3. the semantic checks done later by the validate* functions.
//
// The parser records the first error of each kind and keeps going where
// DynamoDB would, so that the earliest one can be reported.
type parser struct {
	src  string
	toks []token
	cat  category
	st   pstate

	closers []int // see matchingParen
}

// pstate is the part of the parser that backtracking saves and restores.
type pstate struct {
	pos       int
	nesting   int // DynamoDB's function nesting level
	errTok    int // token index of the first syntax error, or -1
	redundant int // token index of the ')' closing redundant parentheses, or -1
	walkKey   int // ordering key of the first tree-walk error, or -1
	walkMsg   string
}

func newParser(src string, cat category) *parser {
	return &parser{
		src:  src,
		toks: lex(src),
		cat:  cat,
		st:   pstate{errTok: -1, redundant: -1, walkKey: -1},
	}
}

func (p *parser) tok() token            { return p.toks[p.st.pos] }
func (p *parser) kind() tokKind         { return p.toks[p.st.pos].kind }
func (p *parser) kindAt(i int) tokKind  { return p.toks[min(p.st.pos+i, len(p.toks)-1)].kind }
func (p *parser) failed() bool          { return p.st.errTok >= 0 }
func (p *parser) text(t token) string   { return p.src[t.start:t.end] }
func (p *parser) advance()              { p.st.pos = min(p.st.pos+1, len(p.toks)-1) }
func (p *parser) tokText(i int) string  { return p.text(p.toks[i]) }
func (p *parser) at(k tokKind) bool     { return !p.failed() && p.kind() == k }
func (p *parser) atComparison() bool    { return p.tok().isComparator() || p.at(tIN) || p.at(tBETWEEN) }
func (p *parser) walkKeyOf(tok int) int { return 2 * tok }

// fail records a syntax error at the current token, unless one is already
// recorded.
func (p *parser) fail() {
	if !p.failed() {
		p.st.errTok = p.st.pos
	}
}

// expect consumes a token of kind k, or records a syntax error.
func (p *parser) expect(k tokKind) bool {
	if p.failed() {
		return false
	}
	if p.kind() != k {
		p.fail()
		return false
	}
	p.advance()
	return true
}

// closeParen consumes the ')' closing a parenthesized n and applies
// DynamoDB's redundant-parentheses rule: n must not already have its own.
func (p *parser) closeParen(n *node) {
	closeTok := p.st.pos
	if !p.expect(tRParen) || n == nil {
		return
	}
	if n.parens && p.st.redundant < 0 {
		p.st.redundant = closeTok
	}
	n.parens = true
}

// walkFail records a tree-walk error; key orders the errors as DynamoDB's
// tree walk would meet them.
func (p *parser) walkFail(key int, msg string) {
	if p.st.walkKey < 0 || key < p.st.walkKey {
		p.st.walkKey, p.st.walkMsg = key, msg
	}
}

// result returns the error, if any, that DynamoDB reports for what was
// parsed, labelled for kind k.
func (p *parser) result(k Kind) *Error {
	switch {
	case p.st.redundant >= 0 && (!p.failed() || p.st.redundant < p.st.errTok):
		return invalid(k, detail("The expression has redundant parentheses"))
	case p.failed():
		return invalid(k, p.syntaxMessage(p.st.errTok))
	case p.st.walkKey >= 0:
		return invalid(k, p.st.walkMsg)
	}
	return nil
}

// syntaxMessage builds DynamoDB's syntax error text for the offending token
// at index i: the token itself and the source from the token before it to
// the token after it, whitespace included.
func (p *parser) syntaxMessage(i int) string {
	t := p.toks[i]
	tokText := "<EOF>"
	if t.kind != tEOF {
		tokText = p.text(t)
	}
	start := 0
	if i > 0 {
		start = p.toks[i-1].start
	}
	end := len(p.src)
	if i+1 < len(p.toks) && p.toks[i+1].kind != tEOF {
		end = p.toks[i+1].end
	}
	near := p.src[start:end]
	return detail("Syntax error", "token", `"`+tokText+`"`, "near", `"`+near+`"`)
}

// alternatives runs each parse function from the same starting state and
// keeps the first that succeeds. If all fail, the one that got furthest
// decides the error, as ANTLR's prediction does.
func (p *parser) alternatives(alts ...func() *node) *node {
	start := p.st
	var best pstate
	for i, alt := range alts {
		p.st = start
		n := alt()
		if !p.failed() {
			return n
		}
		if i == 0 || p.st.errTok > best.errTok {
			best = p.st
		}
	}
	p.st = best
	return nil
}

// matchingParen returns the index of the ')' closing the '(' at index i,
// or -1 if it is not closed.
func (p *parser) matchingParen(i int) int {
	if p.closers == nil {
		p.closers = matchParens(p.toks)
	}
	return p.closers[i]
}

// matchParens maps the index of every '(' to the index of its ')', or -1.
func matchParens(toks []token) []int {
	closers := make([]int, len(toks))
	var open []int
	for i, t := range toks {
		closers[i] = -1
		switch t.kind {
		case tLParen:
			open = append(open, i)
		case tRParen:
			if len(open) > 0 {
				closers[open[len(open)-1]] = i
				open = open[:len(open)-1]
			}
		}
	}
	return closers
}

// checkLength applies DynamoDB's empty and size limits to a raw expression.
// withSize says whether the size message names the size, which DynamoDB
// does for condition-like expressions only.
func checkLength(k Kind, s string, withSize bool) *Error {
	if s == "" {
		return invalid(k, detail("The expression can not be empty"))
	}
	n := stringLength(s) // DynamoDB measures Java (UTF-16) length
	if n <= MaxExpressionLength {
		return nil
	}
	if withSize {
		return invalid(k, detail("Expression size has exceeded the maximum allowed size", "expression size", strconv.Itoa(n)))
	}
	return invalid(k, detail("Expression size has exceeded the maximum allowed size"))
}
