package partiql

import "strings"

// tokKind is the kind of a token.
type tokKind uint8

const (
	tEOF    tokKind = iota
	tIdent          // unquoted identifier or keyword
	tQuoted         // "quoted identifier"
	tString         // 'string'
	tNumber
	tPunct // operators and brackets; text says which
	tBad   // a character that starts no token, or an unterminated quote
)

// token is one token of a statement. text is the identifier or string
// with quotes removed and escapes resolved, or the punctuation.
type token struct {
	kind tokKind
	text string
	pos  Pos
}

// is reports whether the token is the keyword kw (upper case).
func (t token) is(kw string) bool { return t.kind == tIdent && strings.EqualFold(t.text, kw) }

// isPunct reports whether the token is the punctuation p.
func (t token) isPunct(p string) bool { return t.kind == tPunct && t.text == p }

// lexer splits a statement into tokens, tracking lines and columns.
type lexer struct {
	src        string
	i          int
	line       int
	lineOffset int // index of the current line's first byte
}

// lex returns the tokens of src, ending with a tEOF or a tBad.
func lex(src string) []token {
	l := &lexer{src: src, line: 1}
	var out []token
	for {
		t := l.next()
		out = append(out, t)
		if t.kind == tEOF || t.kind == tBad {
			return out
		}
	}
}

// skipSpace skips white space and -- comments.
func (l *lexer) skipSpace() {
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch {
		case c == '\n':
			l.i++
			l.line++
			l.lineOffset = l.i
		case c == ' ' || c == '\t' || c == '\r':
			l.i++
		case strings.HasPrefix(l.src[l.i:], "--"):
			for l.i < len(l.src) && l.src[l.i] != '\n' {
				l.i++
			}
		default:
			return
		}
	}
}

// next returns the next token.
func (l *lexer) next() token {
	l.skipSpace()
	start := l.i
	pos := Pos{Line: l.line, Col: start - l.lineOffset + 1}
	if start == len(l.src) {
		return token{kind: tEOF, pos: pos}
	}
	kind, text := l.scan()
	pos.Len = l.i - start
	return token{kind: kind, text: text, pos: pos}
}

// scan reads one token from l.i.
func (l *lexer) scan() (tokKind, string) {
	c := l.src[l.i]
	switch {
	case isLetter(c) || c == '_':
		return tIdent, l.run(isIdentChar)
	case isDigit(c) || c == '.' && l.i+1 < len(l.src) && isDigit(l.src[l.i+1]):
		return tNumber, l.number()
	case c == '\'':
		return l.quoted('\'', tString)
	case c == '"':
		return l.quoted('"', tQuoted)
	}
	for _, p := range [...]string{"<<", ">>", "<>", "!=", "<=", ">="} {
		if strings.HasPrefix(l.src[l.i:], p) {
			l.i += 2
			return tPunct, p
		}
	}
	if strings.IndexByte("()[]{},.:?*=<>+-", c) >= 0 {
		l.i++
		return tPunct, string(c)
	}
	l.i++
	return tBad, string(c)
}

// run reads bytes while ok holds and returns them.
func (l *lexer) run(ok func(byte) bool) string {
	start := l.i
	for l.i < len(l.src) && ok(l.src[l.i]) {
		l.i++
	}
	return l.src[start:l.i]
}

// number reads digits, an optional fraction and an optional exponent.
func (l *lexer) number() string {
	start := l.i
	l.run(isDigit)
	if l.i < len(l.src) && l.src[l.i] == '.' {
		l.i++
		l.run(isDigit)
	}
	if l.i < len(l.src) && (l.src[l.i] == 'e' || l.src[l.i] == 'E') {
		j := l.i + 1
		if j < len(l.src) && (l.src[j] == '+' || l.src[j] == '-') {
			j++
		}
		if j < len(l.src) && isDigit(l.src[j]) {
			l.i = j
			l.run(isDigit)
		}
	}
	return l.src[start:l.i]
}

// quoted reads a quoted string or identifier; a doubled quote stands for
// one. An unterminated quote is a tBad token.
func (l *lexer) quoted(q byte, kind tokKind) (tokKind, string) {
	var b strings.Builder
	l.i++
	for l.i < len(l.src) {
		c := l.src[l.i]
		l.i++
		if c == '\n' {
			l.line++
			l.lineOffset = l.i
		}
		if c != q {
			b.WriteByte(c)
			continue
		}
		if l.i < len(l.src) && l.src[l.i] == q {
			b.WriteByte(q)
			l.i++
			continue
		}
		return kind, b.String()
	}
	return tBad, string(q)
}

func isLetter(c byte) bool    { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool     { return c >= '0' && c <= '9' }
func isIdentChar(c byte) bool { return isLetter(c) || isDigit(c) || c == '_' || c == '$' }
