package local

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxTags is DynamoDB's limit of tags per resource.
const maxTags = 50

type tagResourceInput struct {
	ResourceArn *string   `json:"ResourceArn"`
	Tags        []tagJSON `json:"Tags"`
}

type untagResourceInput struct {
	ResourceArn *string  `json:"ResourceArn"`
	TagKeys     []string `json:"TagKeys"`
}

type listTagsInput struct {
	ResourceArn *string `json:"ResourceArn"`
	NextToken   *string `json:"NextToken"`
}

type listTagsOutput struct {
	Tags []tagJSON `json:"Tags"`
}

// tagResource implements TagResource.
func (e *Engine) tagResource(in *tagResourceInput) (*empty, error) {
	if err := checkARNShape(in.ResourceArn, "TagResource"); err != nil {
		return nil, err
	}
	if in.Tags == nil {
		return nil, validationErr("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null")
	}
	if err := e.checkTableARN(*in.ResourceArn); err != nil {
		return nil, err
	}
	if len(in.Tags) == 0 {
		return nil, validationErr("Atleast one Tag needs to be provided as Input.")
	}
	tags, err := checkTags(in.Tags)
	if err != nil {
		return nil, err
	}
	t, err := e.tableByARN(*in.ResourceArn, "Requested resource not found: ResourcArn: "+*in.ResourceArn+" not found")
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	merged := mergeTags(t.tags, tags)
	if len(merged) > maxTags {
		return nil, newError("LimitExceededException", "The number of tags exceeds the limit of "+strconv.Itoa(maxTags))
	}
	t.tags = merged
	if err := e.saveSettings(t); err != nil {
		return nil, err
	}
	return &empty{}, nil
}

// untagResource implements UntagResource.
func (e *Engine) untagResource(in *untagResourceInput) (*empty, error) {
	if err := checkARNShape(in.ResourceArn, "UntagResource"); err != nil {
		return nil, err
	}
	if in.TagKeys == nil {
		return nil, validationErr("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null")
	}
	if err := e.checkTableARN(*in.ResourceArn); err != nil {
		return nil, err
	}
	if len(in.TagKeys) == 0 {
		return nil, validationErr("Atleast one Tag Key needs to be provided as Input.")
	}
	t, err := e.tableByARN(*in.ResourceArn, "Requested resource not found")
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	kept := t.tags[:0:0]
	for _, tg := range t.tags {
		if !slices.Contains(in.TagKeys, tg.key) {
			kept = append(kept, tg)
		}
	}
	t.tags = kept
	if err := e.saveSettings(t); err != nil {
		return nil, err
	}
	return &empty{}, nil
}

// listTagsOfResource implements ListTagsOfResource, all tags on one page.
func (e *Engine) listTagsOfResource(in *listTagsInput) (*listTagsOutput, error) {
	if err := checkARNShape(in.ResourceArn, "ListTagsOfResource"); err != nil {
		return nil, err
	}
	if err := e.checkTableARN(*in.ResourceArn); err != nil {
		return nil, err
	}
	t, err := e.tableByARN(*in.ResourceArn, "Requested resource not found: ResourcArn: "+*in.ResourceArn+" not found")
	if err != nil {
		return nil, err
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := &listTagsOutput{Tags: make([]tagJSON, len(t.tags))}
	for i, tg := range t.tags {
		out.Tags[i] = tagJSON{Key: ptr(tg.key), Value: ptr(tg.value)}
	}
	return out, nil
}

// checkARNShape rejects a missing ResourceArn or one that is not an ARN
// at all, which DynamoDB answers with AccessDeniedException.
func checkARNShape(arn *string, op string) error {
	if arn == nil {
		return validationErr("Invalid TableArn")
	}
	if strings.Count(*arn, ":") < 5 || !strings.Contains(*arn, "/") {
		return &apiError{status: 400, typ: nsCoral + "AccessDeniedException", upperMessage: true,
			msg: "User: arn:aws:iam::000000000000:user/local is not authorized to perform: dynamodb:" + op + " on resource: " + *arn}
	}
	return nil
}

// checkTableARN rejects an ARN that does not name a DynamoDB table.
func (e *Engine) checkTableARN(arn string) error {
	if _, ok := e.tableNameOfARN(arn); !ok {
		return validationErr("Invalid TableArn: Invalid ResourceArn provided as input " + arn)
	}
	return nil
}

// tableNameOfARN returns the table name an ARN of this engine names.
func (e *Engine) tableNameOfARN(arn string) (string, bool) {
	rest, ok := strings.CutPrefix(arn, "arn:aws:dynamodb:")
	if !ok {
		return "", false
	}
	_, name, ok := strings.Cut(rest, ":table/")
	if !ok || len(name) < 3 || strings.Contains(name, "/") {
		return "", false
	}
	return name, true
}

// tableByARN returns the table an ARN names, or a ResourceNotFoundException
// with msg.
func (e *Engine) tableByARN(arn, msg string) (*table, error) {
	name, _ := e.tableNameOfARN(arn)
	t := e.lookupTable(name)
	if t == nil || t.arn != arn {
		return nil, newError("ResourceNotFoundException", msg)
	}
	return t, nil
}

// checkTags validates tags: keys of 1 to 128 characters, values of at most
// 256.
func checkTags(in []tagJSON) ([]tag, error) {
	var v violations
	out := make([]tag, 0, len(in))
	for i, tg := range in {
		p := memberPath("tags", i)
		v.notNull(tg.Key != nil, p+"key")
		v.notNull(tg.Value != nil, p+"value")
		k, val := deref(tg.Key), deref(tg.Value)
		if tg.Key != nil && (k == "" || utf8.RuneCountInString(k) > 128) {
			v.add(quote(k), p+"key", "Member must have length between 1 and 128")
		}
		if utf8.RuneCountInString(val) > 256 {
			v.add(quote(val), p+"value", "Member must have length less than or equal to 256")
		}
		out = append(out, tag{k, val})
	}
	return out, v.err()
}

// mergeTags adds or replaces tags, keeping the order of first addition.
func mergeTags(old, add []tag) []tag {
	out := append([]tag(nil), old...)
	for _, a := range add {
		replaced := false
		for i := range out {
			if out[i].key == a.key {
				out[i].value, replaced = a.value, true
			}
		}
		if !replaced {
			out = append(out, a)
		}
	}
	return out
}
