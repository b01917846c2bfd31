package ddbtype

// ValidationError is an error that DynamoDB reports as ValidationException.
// Message is DynamoDB's message, without the context the engine adds.
type ValidationError struct {
	Message string
}

// Error returns the message.
func (e *ValidationError) Error() string { return e.Message }

// Exception returns "ValidationException", the error's __type in
// DynamoDB's wire format.
func (e *ValidationError) Exception() string { return "ValidationException" }

// validationError returns a *ValidationError with msg.
func validationError(msg string) error { return &ValidationError{Message: msg} }

// SerializationError is an error that DynamoDB reports as
// SerializationException: the request's JSON does not have the shape of
// the API model (e.g. {"S": 1}). Message is DynamoDB's message.
type SerializationError struct {
	Message string
}

// Error returns the message.
func (e *SerializationError) Error() string { return e.Message }

// Exception returns "SerializationException", the error's __type in
// DynamoDB's wire format.
func (e *SerializationError) Exception() string { return "SerializationException" }

// serializationError returns a *SerializationError with msg.
func serializationError(msg string) error { return &SerializationError{Message: msg} }
