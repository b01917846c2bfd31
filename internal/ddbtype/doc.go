// Package ddbtype models DynamoDB attribute values for the embedded engine.
//
// It holds the ten attribute types ([Value], [Item]), DynamoDB's numbers
// ([CanonicalNumber], [AddNumbers], [CompareNumbers]), the JSON wire format
// ([Value.UnmarshalJSON], [Value.AppendJSON]), validation
// ([Value.Validate]), key ordering ([Compare], [AppendKey]), equality as
// conditions see it ([Equal]), item sizes ([Item.Size]) and a compact
// binary encoding for storage ([Value.AppendBinary]). It is the engine's
// own model of the data and does not depend on the AWS SDK.
//
// # Errors
//
// Errors a client must see are *[ValidationError] (DynamoDB's
// ValidationException) or *[SerializationError] (SerializationException),
// carrying DynamoDB's message without the context the engine adds (such
// as "ExpressionAttributeValues contains invalid value: ... for key :v").
//
// # Sources
//
// DynamoDB's behaviour and messages were taken from the developer guide
// and API reference, from emulators whose tests were written or verified
// against DynamoDB (dynalite, nubo-db/dynoxide and its conformance suite,
// Scylla Alternator, Floci) and from GitHub issues quoting DynamoDB's
// responses. Comments say where a detail is inferred rather than observed.
package ddbtype
