package local

import "time"

// A table's StreamSpecification on CreateTable and UpdateTable: the
// checks DynamoDB makes and the streams they start and stop. The messages
// are DynamoDB's (ack-api-quirks dynamodb DDB-TABLE-050 and DDB-TABLE-437,
// recorded on DynamoDB, and the catalogue of DynamoDB's messages in
// DDB-TABLE-442).

// checkStreamSpecShape checks a StreamSpecification member.
func checkStreamSpecShape(v *violations, spec *streamSpecification) {
	if spec == nil {
		return
	}
	v.notNull(spec.StreamEnabled != nil, "streamSpecification.streamEnabled")
	v.enum(spec.StreamViewType, "streamSpecification.streamViewType", viewNewImage, viewOldImage, viewNewAndOldImage, viewKeysOnly)
}

// checkCreateStream checks CreateTable's StreamSpecification, once its
// shape is.
func checkCreateStream(spec *streamSpecification) error {
	switch {
	case spec == nil:
		return nil
	case *spec.StreamEnabled && spec.StreamViewType == nil:
		return invalidParam("Table is being created with a stream enabled, UpdateViewType is required")
	case !*spec.StreamEnabled && spec.StreamViewType != nil:
		return invalidParam("Table is being created with a stream disabled, UpdateViewType should not be specified")
	}
	return nil
}

// checkUpdateStream checks UpdateTable's StreamSpecification against t;
// t.mu is held.
func (t *table) checkUpdateStream(in *updateTableInput) error {
	spec := in.StreamSpecification
	switch {
	case spec == nil:
		return nil
	case changesIndexes(in):
		return invalidParam("You cannot create or delete index while changing stream status") // ack-api-quirks DDB-TABLE-442
	case *spec.StreamEnabled && spec.StreamViewType == nil:
		return invalidParam("If stream is being enabled then UpdateViewType is required")
	case !*spec.StreamEnabled && spec.StreamViewType != nil:
		return invalidParam("If stream is being disabled, then UpdateViewType must not be specified")
	case *spec.StreamEnabled && t.streamEnabled():
		return validationErr("Table already has an enabled stream: TableName: " + t.name)
	case !*spec.StreamEnabled && !t.streamEnabled():
		return validationErr("Table has no stream to disable: TableName: " + t.name)
	}
	return nil
}

// changesIndexes reports whether an UpdateTable creates or deletes an
// index.
func changesIndexes(in *updateTableInput) bool {
	for _, u := range in.GlobalSecondaryIndexUpdates {
		if u.Create != nil || u.Delete != nil {
			return true
		}
	}
	return false
}

// startStream gives t a new stream as spec asks, if it does; t.mu is held
// for writing, or t is not yet shared. The table is described with a
// StreamSpecification only while its stream is enabled.
func (e *Engine) startStream(t *table, spec *streamSpecification) {
	if spec == nil || !deref(spec.StreamEnabled) {
		t.stream = nil
		return
	}
	now := e.now()
	for streamLabel(now) <= t.streamLabel { // a new stream has a new ARN, even within a millisecond
		now = now.Add(time.Millisecond)
	}
	s := e.newStream(t, *spec.StreamViewType, now)
	e.streams.add(e.namespace, s)
	t.stream = &streamSpecification{StreamEnabled: ptr(true), StreamViewType: ptr(s.view)}
	t.streamLog, t.streamLabel = s, s.label
	t.addConsumer(s)
}

// stopStream disables t's stream, if it has one: it stays readable until
// its records age out; t.mu is held for writing.
func (e *Engine) stopStream(t *table) {
	if !t.streamEnabled() {
		return
	}
	t.streamLog.disable(e.now())
	t.removeConsumer(t.streamLog)
	t.stream = nil
}

// streamEnabled reports whether t has an enabled stream; t.mu is held.
func (t *table) streamEnabled() bool { return t.streamLog != nil && t.streamLog.enabled() }

// updateStream applies UpdateTable's checked StreamSpecification; t.mu is
// held for writing.
func (e *Engine) updateStream(t *table, spec *streamSpecification) {
	switch {
	case spec == nil:
	case *spec.StreamEnabled:
		e.startStream(t, spec)
	default:
		e.stopStream(t)
	}
}

// latestStream returns the ARN and label of t's latest stream, enabled or
// not, or "" when it never had one; t.mu is held.
func (t *table) latestStream() (arn, label string) {
	if t.streamLabel == "" {
		return "", ""
	}
	return t.arn + "/stream/" + t.streamLabel, t.streamLabel
}
