package expr

import (
	"unicode/utf8"
)

// tokKind is the kind of a lexical token. The set mirrors DynamoDB's
// expression grammar: punctuation, comparators, the nine keywords the grammar
// itself uses, list indexes, identifiers, #name and :value placeholders, and
// a catch-all for any other character.
type tokKind uint8

const (
	tEOF tokKind = iota
	tComma
	tLParen
	tRParen
	tDot
	tLBracket
	tRBracket
	tEQ
	tNE
	tLT
	tLE
	tGT
	tGE
	tPlus
	tMinus
	tIN
	tBETWEEN
	tNOT
	tAND
	tOR
	tSET
	tADD
	tDELETE
	tREMOVE
	tIndex   // 0 or [1-9][0-9]*
	tID      // [A-Za-z][A-Za-z0-9_]*
	tName    // #[A-Za-z0-9_]+
	tValue   // :[A-Za-z0-9_]+
	tUnknown // any other single character
)

// token is one lexical token; start and end are byte offsets into the
// source. Whitespace is not tokenized: the text between two tokens is always
// whitespace and is recovered from the offsets when an error message needs
// it.
type token struct {
	kind       tokKind
	start, end int
}

func (t token) isComparator() bool { return t.kind >= tEQ && t.kind <= tGE }

// keywords are the words the grammar tokenizes itself, matched without
// regard to case.
var keywords = map[string]tokKind{
	"IN":      tIN,
	"BETWEEN": tBETWEEN,
	"NOT":     tNOT,
	"AND":     tAND,
	"OR":      tOR,
	"SET":     tSET,
	"ADD":     tADD,
	"DELETE":  tDELETE,
	"REMOVE":  tREMOVE,
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isIDChar(c byte) bool { return isLetter(c) || isDigit(c) || c == '_' }
func isSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// lex splits s into tokens, always ending with a tEOF token at len(s). It
// never fails: characters outside the grammar become tUnknown tokens so that
// the parser reports them as syntax errors with DynamoDB's wording.
func lex(s string) []token {
	toks := make([]token, 0, len(s)/3+2)
	for i := 0; i < len(s); {
		c := s[i]
		if isSpace(c) {
			i++
			continue
		}
		kind, n := lexOne(s[i:])
		toks = append(toks, token{kind: kind, start: i, end: i + n})
		i += n
	}
	return append(toks, token{kind: tEOF, start: len(s), end: len(s)})
}

// lexOne returns the kind and byte length of the token at the start of s,
// which is not empty and does not start with whitespace.
func lexOne(s string) (tokKind, int) {
	c := s[0]
	switch {
	case isLetter(c):
		n := runOf(s, 1, isIDChar)
		if k, ok := keyword(s[:n]); ok {
			return k, n
		}
		return tID, n
	case c == '0':
		return tIndex, 1
	case isDigit(c):
		return tIndex, runOf(s, 1, isDigit)
	case c == '#' || c == ':':
		n := runOf(s, 1, isIDChar)
		if n == 1 {
			return tUnknown, 1
		}
		if c == '#' {
			return tName, n
		}
		return tValue, n
	}
	if k, n := lexSymbol(s); n > 0 {
		return k, n
	}
	if c < utf8.RuneSelf {
		return tUnknown, 1
	}
	_, n := utf8.DecodeRuneInString(s)
	return tUnknown, n
}

// lexSymbol recognizes punctuation and operators; n is 0 if s starts with
// none of them.
func lexSymbol(s string) (tokKind, int) {
	two := ""
	if len(s) >= 2 {
		two = s[:2]
	}
	switch two {
	case "<>":
		return tNE, 2
	case "<=":
		return tLE, 2
	case ">=":
		return tGE, 2
	}
	switch s[0] {
	case ',':
		return tComma, 1
	case '(':
		return tLParen, 1
	case ')':
		return tRParen, 1
	case '.':
		return tDot, 1
	case '[':
		return tLBracket, 1
	case ']':
		return tRBracket, 1
	case '=':
		return tEQ, 1
	case '<':
		return tLT, 1
	case '>':
		return tGT, 1
	case '+':
		return tPlus, 1
	case '-':
		return tMinus, 1
	}
	return tEOF, 0
}

// runOf returns the end of the run of bytes satisfying ok that starts at
// from.
func runOf(s string, from int, ok func(byte) bool) int {
	for from < len(s) && ok(s[from]) {
		from++
	}
	return from
}

// keyword reports whether word is one of the grammar's keywords, ignoring
// case.
func keyword(word string) (tokKind, bool) {
	if len(word) < 2 || len(word) > 7 {
		return 0, false
	}
	var buf [7]byte
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[i] = c
	}
	k, ok := keywords[string(buf[:len(word)])]
	return k, ok
}
