// Package expr implements DynamoDB's expression language for the embedded
// engine: condition, filter, key condition, projection and update
// expressions. One lexer and recursive-descent parser reads all of them;
// validation reproduces DynamoDB's rules and error messages; evaluation
// works on ddbtype items.
//
// # Use
//
// Parse each expression of a request once, then check the placeholders of
// the request as a whole:
//
//	upd, err := expr.ParseUpdate(req.UpdateExpression, names, values)
//	cond, err := expr.ParseCondition(req.ConditionExpression, names, values)
//	err = expr.CheckUnused(names, values, upd, cond)
//
// and evaluate them per item: Condition.Eval for conditions and filters,
// Update.Apply, Projection.Apply, and KeyCondition.Resolve to turn a key
// condition into the key values it fixes (the partition key's and, for a
// multi-attribute sort key, the leading sort attributes') and a condition
// on the next sort attribute. Every error is an
// *Error whose Message is DynamoDB's complete ValidationException message.
//
// # Order of checks
//
// DynamoDB parses with an ANTLR grammar and validates in phases; when an
// expression has several faults, the one reported is the first of:
//
//  1. an empty expression, or one longer than 4096 UTF-16 code units;
//  2. a syntax error or redundant parentheses, whichever comes first in the
//     text; a syntax error names the offending token and the text from the
//     token before it to the token after it;
//  3. the first, in text order, of: unknown function, function used where
//     it is not allowed, reserved word used as a bare name, list index
//     beyond 2^31-1, update clause used twice;
//  4. semantic errors, operands before their operator: undefined #names
//     and :values, path depth, operand counts and types, non-distinct
//     operands, BETWEEN bounds, IN operand count, operator count. Update
//     and projection paths are processed last to first (as DynamoDB does),
//     paths before SET/ADD/DELETE operands;
//  5. for key conditions, the shape checks ("Invalid operator used in
//     KeyConditionExpression: OR", ...), then Resolve's key schema checks.
//
// Apply's errors come from applying an update to an item and carry no
// label.
//
// # Sources
//
// The grammar, the phases, the message formats and limits follow DynamoDB
// Local's expression engine (which shares DynamoDB's implementation), with
// messages confirmed against published DynamoDB responses where available
// (dynalite's test suite, which ran against DynamoDB; issue reports quoting
// DynamoDB). Where DynamoDB Local and DynamoDB differ, DynamoDB wins: key
// schema messages name the missing key attribute, and the functions are
// only DynamoDB's documented eight. Known guesses:
//
//   - the order of type names in "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" and
//     "valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}" is as once observed
//     from DynamoDB, which prints a Java HashSet;
//   - BETWEEN messages render binary bounds as base64;
//   - "a.:v" (a :value used as a map key) makes DynamoDB fail internally;
//     this package reports "The document path cannot contain attribute
//     value parameters; attribute value: :v" instead;
//   - size() of a string counts UTF-16 code units, as DynamoDB's Java
//     implementation does.
//   - for a multi-attribute key, whose checks and their order are DynamoDB
//     Local 3.3.0's, a condition on another attribute names the first sort
//     attribute without a condition, as DynamoDB does for single-attribute
//     keys (DynamoDB Local names none).
package expr
