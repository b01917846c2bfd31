package local

import (
	"strconv"

	"github.com/dokklib/db/internal/expr"
)

// maxSegments is the most segments of a parallel scan.
const maxSegments = 1000000

// prepareScan sets the range and segment of a scan. t.mu must be held.
func (r *reader) prepareScan(t *table, segment, total *int64) error {
	if err := r.target(t); err != nil {
		return err
	}
	if r.x != nil {
		// A Scan's filter sees only what the index projects (an index
		// Scan by ExecuteStatement matches nothing on an attribute the
		// index lacks, in github.com/nubo-db/dynoxide
		// tests/partiql_index_qualifier.rs, captured from DynamoDB).
		if err := r.x.checkProjection(r.proj); err != nil {
			return err
		}
	}
	start, err := r.exclusiveStart(t)
	if err != nil {
		return err
	}
	r.rng = r.rng.after(start, false)
	if total != nil {
		r.segment = inSegment(r.x, t, *segment, *total)
		if start != nil && !r.segment(entry{item: r.in.ExclusiveStartKey}) {
			return validationErr("Exclusive start key must lie within the segment")
		}
	}
	return nil
}

// plan validates a Scan request that needs no table.
func (in *scanInput) plan() (*reader, error) {
	if err := requireTableName(in.TableName); err != nil {
		return nil, err
	}
	var v violations
	in.checkShape(&v)
	segment, total := widen(in.Segment), widen(in.TotalSegments)
	v.minInt(segment, 0, "segment")
	v.maxInt(segment, maxSegments-1, "segment")
	v.minInt(total, 1, "totalSegments")
	v.maxInt(total, maxSegments, "totalSegments")
	if err := v.err(); err != nil {
		return nil, err
	}
	c, err := compileExprs(in.ExpressionAttributeNames, in.ExpressionAttributeValues,
		[]exprParam{{expr.ProjectionExpression, in.ProjectionExpression}, {expr.FilterExpression, in.FilterExpression}},
		legacyParam{"AttributesToGet", in.AttributesToGet != nil}, legacyParam{"ScanFilter", in.ScanFilter != nil},
		legacyParam{"ConditionalOperator", in.ConditionalOperator != nil})
	if err != nil {
		return nil, err
	}
	if err := in.checkSegments(); err != nil {
		return nil, err
	}
	if err := checkConditionalOperator(in.ConditionalOperator, len(in.ScanFilter)); err != nil {
		return nil, err
	}
	if err := in.checkSelect(); err != nil {
		return nil, err
	}
	if err := c.legacyRead(&in.readInput, in.ScanFilter); err != nil {
		return nil, err
	}
	rd := &reader{in: &in.readInput, proj: c.proj, filter: c.filter, sel: deref(in.Select)}
	rd.prepare = func(t *table) error { return rd.prepareScan(t, widen(in.Segment), widen(in.TotalSegments)) }
	return rd, nil
}

// checkSegments applies the rules on Segment and TotalSegments.
func (in *scanInput) checkSegments() error {
	switch {
	case in.Segment != nil && in.TotalSegments == nil:
		return validationErr("The TotalSegments parameter is required but was not present in the request when Segment parameter is present")
	case in.TotalSegments != nil && in.Segment == nil:
		return validationErr("The Segment parameter is required but was not present in the request when parameter TotalSegments is present")
	case in.TotalSegments != nil && *in.Segment >= *in.TotalSegments:
		return validationErr("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: " +
			strconv.Itoa(int(*in.Segment)) + " is not less than TotalSegments: " + strconv.Itoa(int(*in.TotalSegments)))
	}
	return nil
}
