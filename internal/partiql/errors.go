package partiql

import "strconv"

// malformed is the prefix of DynamoDB's message for a statement that does
// not parse.
const malformed = "Statement wasn't well formed, can't be processed: "

// Error is a statement DynamoDB refuses to parse. Message is the complete
// message of the ValidationException DynamoDB answers.
type Error struct {
	Message string
	Pos     Pos // where the fault is; zero when it is not at one token
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// syntaxErr returns the error for a statement that is not well formed.
func syntaxErr(detail string, p Pos) *Error {
	return &Error{Message: malformed + detail, Pos: p}
}

// unexpected returns the error for a token the grammar does not allow
// where it is.
func unexpected(t token) *Error {
	if t.kind == tEOF {
		return syntaxErr("Unexpected end of statement", t.pos)
	}
	return syntaxErr("Unexpected token '"+t.text+"' at "+At(t.pos), t.pos)
}

// At formats a position as DynamoDB's messages do: line:column:length.
func At(p Pos) string {
	return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col) + ":" + strconv.Itoa(p.Len)
}
