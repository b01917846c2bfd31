package partiql

// Statement is a parsed statement: *Select, *Insert, *Update, *Delete or
// *Exists.
type Statement interface {
	// NumParams returns how many ? parameters the statement has.
	NumParams() int
	statement()
}

// base holds what every statement has.
type base struct{ params int }

// NumParams returns how many ? parameters the statement has.
func (b *base) NumParams() int { return b.params }
func (*base) statement()       {}

// Target is the table a statement names, and the index of a SELECT of
// an index ("table"."index").
type Target struct {
	Table string
	Index string // "" when no index is named
}

// Select is SELECT projection FROM target [WHERE ...] [ORDER BY ...].
type Select struct {
	base
	Target
	Projection []Path // nil for *
	Where      Expr   // nil when there is no WHERE clause
	OrderBy    *Order // nil when there is no ORDER BY clause
}

// Order is an ORDER BY clause.
type Order struct {
	Path Path
	Desc bool
}

// Insert is INSERT INTO target VALUE value.
type Insert struct {
	base
	Target
	Value Expr // a *Tuple or a *Param
}

// Update is UPDATE target SET ... | REMOVE ... WHERE ... [RETURNING ...].
type Update struct {
	base
	Target
	Actions   []Action
	Where     Expr // nil when there is no WHERE clause
	Returning Returning
}

// Action is one SET path = value or REMOVE path of an UPDATE.
type Action struct {
	Remove bool
	Path   Path
	Value  Expr // SET only
}

// Delete is DELETE FROM target WHERE ... [RETURNING ...].
type Delete struct {
	base
	Target
	Where     Expr // nil when there is no WHERE clause
	Returning Returning
}

// Exists is EXISTS(SELECT ...), a condition check in a transaction.
type Exists struct {
	base
	Select *Select
}

// Returning is the RETURNING clause of an UPDATE or DELETE.
type Returning uint8

// The RETURNING clauses.
const (
	ReturnNone Returning = iota
	ReturnAllOld
	ReturnModifiedOld
	ReturnAllNew
	ReturnModifiedNew
)

var returningText = [...]string{"", "ALL OLD", "MODIFIED OLD", "ALL NEW", "MODIFIED NEW"}

// String returns the clause's words, as in "ALL OLD", or "" for none.
func (r Returning) String() string {
	if int(r) < len(returningText) {
		return returningText[r]
	}
	return ""
}

// Expr is an expression: *Path, *Literal, *Param, *List, *Tuple, *Bag,
// *Binary, *Not, *Between, *In, *Is or *Call.
type Expr interface {
	// Position returns where the expression starts in the statement.
	Position() Pos
	expr()
}

// Pos is a position in a statement: line and column from 1, and the
// length of the token there.
type Pos struct {
	Line, Col, Len int
}

// Position returns p.
func (p Pos) Position() Pos { return p }
func (Pos) expr()           {}

// Path is a document path: a.b[1]."c".
type Path struct {
	Pos
	Elems []PathElem
}

// PathElem is one element of a path: a name or a list index.
type PathElem struct {
	Name    string
	Index   int
	IsIndex bool
}

// LitKind is the kind of a literal.
type LitKind uint8

// The literal kinds.
const (
	LitString LitKind = iota + 1
	LitNumber
	LitBool
	LitNull
	LitMissing
)

// Literal is a scalar literal. Text is the string's value, the number as
// written (with its sign), or "true"/"false" for a boolean.
type Literal struct {
	Pos
	Kind LitKind
	Text string
}

// Param is a ? parameter; Index counts from 0 in statement order.
type Param struct {
	Pos
	Index int
}

// List is a list value [v, ...].
type List struct {
	Pos
	Elems []Expr
}

// Tuple is a map value {'k': v, ...}, keys in statement order.
type Tuple struct {
	Pos
	Keys   []string
	KeyPos []Pos // where each key is
	Values []Expr
}

// Bag is a set value <<v, ...>>.
type Bag struct {
	Pos
	Elems []Expr
}

// Op is a binary operator.
type Op uint8

// The binary operators.
const (
	OpEq Op = iota + 1
	OpNe
	OpLt
	OpLe
	OpGt
	OpGe
	OpAnd
	OpOr
	OpAdd
	OpSub
)

var opText = [...]string{"", "=", "<>", "<", "<=", ">", ">=", "AND", "OR", "+", "-"}

// String returns the operator as DynamoDB's expressions write it.
func (o Op) String() string {
	if int(o) < len(opText) {
		return opText[o]
	}
	return ""
}

// IsComparison reports whether o compares two operands.
func (o Op) IsComparison() bool { return o >= OpEq && o <= OpGe }

// Binary is a comparison, AND, OR, + or -.
type Binary struct {
	Pos
	Op          Op
	Left, Right Expr
}

// Not is NOT x.
type Not struct {
	Pos
	X Expr
}

// Between is x [NOT] BETWEEN low AND high.
type Between struct {
	Pos
	X, Low, High Expr
	Not          bool
}

// In is x [NOT] IN [v, ...].
type In struct {
	Pos
	X    Expr
	List []Expr
	Not  bool
}

// Is is x IS [NOT] MISSING, NULL or a type name (upper case).
type Is struct {
	Pos
	X    Expr
	Not  bool
	Type string
}

// Call is a function call; Name is in lower case.
type Call struct {
	Pos
	Name string
	Args []Expr
}
