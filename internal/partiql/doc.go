// Package partiql reads the statements of DynamoDB's PartiQL dialect:
// SELECT (of a table or an index), INSERT, UPDATE, DELETE and, inside
// transactions, EXISTS(SELECT ...). It lexes and parses a statement into
// an abstract syntax tree; it does not execute anything.
//
// # Use
//
//	st, err := partiql.Parse(`SELECT * FROM "Music" WHERE Artist = ?`)
//	// st is *partiql.Select; st.NumParams() is 1
//
// Keywords are case-insensitive; identifiers are unquoted (Music) or
// double-quoted ("Music", with "" for a quote), and keep their case. String
// literals are single-quoted, a quote inside doubled. Values are strings,
// numbers, TRUE, FALSE, NULL, MISSING, lists [...], maps {'k': v} and sets
// <<...>>; ? is a positional parameter.
//
// # Errors
//
// Every error is an *Error whose Error method gives DynamoDB's complete
// ValidationException message: a statement that does not parse reads
// "Statement wasn't well formed, can't be processed: " and a detail.
// DynamoDB answers "Expected data manipulation" for a statement that does
// not start with one of its statements (github.com/nubo-db/dynoxide
// tests/partiql.rs, captured from DynamoDB); the other details, which
// DynamoDB does not document, name the token at fault and its position as
// line:column:length.
//
// Parsing never panics, and the nesting of expressions and values is
// bounded (MaxDepth) so that hostile statements cannot exhaust the stack.
package partiql
