package local

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/dokklib/db/internal/ddbtype"
)

// The export format is that of DynamoDB's export to S3 in DYNAMODB_JSON:
// one JSON object per line, {"Item":{...}}, the item in DynamoDB's JSON
// ({"PK":{"S":"a"},"N":{"N":"1"}}). ImportTable and ImportItems read
// such files, gzipped (as DynamoDB writes them, .json.gz) or not.

// ErrTableNotFound is the error of ExportTable when the engine has no
// table of that name.
var ErrTableNotFound = errors.New("local: table not found")

// maxImportLine is the longest line an import reads: an item is at most
// 400 KB, which its JSON (base64 binaries, escapes) may well double.
const maxImportLine = 4 << 20

// ImportError is the error of a line of an import file that is not an
// item in DynamoDB's JSON.
type ImportError struct {
	Line int   // from 1
	Err  error // why
}

// Error returns the line and why it was refused.
func (e *ImportError) Error() string { return fmt.Sprintf("local: import line %d: %v", e.Line, e.Err) }

// Unwrap returns why the line was refused.
func (e *ImportError) Unwrap() error { return e.Err }

// exportLine is one line of an export.
type exportLine struct {
	Item ddbtype.Item `json:"Item"`
}

// appendExportLine appends the export line of item.
func appendExportLine(dst []byte, item ddbtype.Item) []byte {
	dst = append(dst, `{"Item":`...)
	dst = item.AppendJSON(dst)
	return append(dst, "}\n"...)
}

// ExportTable writes every item of the table called name to w, one
// {"Item":{...}} line each, as DynamoDB's export to S3 writes
// DYNAMODB_JSON, and returns how many it wrote. The items are those of
// one instant: the table is cloned in O(1) under its lock and the clone
// written while writes go on. It fails with ErrTableNotFound when there
// is no such table.
func (e *Engine) ExportTable(ctx context.Context, name string, w io.Writer) (int64, error) {
	t := e.lookupTable(name)
	if t == nil {
		return 0, fmt.Errorf("%w: %s", ErrTableNotFound, name)
	}
	t.mu.Lock()
	items := t.items.clone()
	t.mu.Unlock()
	if err := e.durable(t.staged.Load()); err != nil { // export nothing a crash could undo
		return 0, err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var n int64
	var err error
	buf := make([]byte, 0, 1024)
	items.slots(func(sl slot) bool {
		if err = ctx.Err(); err != nil {
			return false
		}
		buf = appendExportLine(buf[:0], items.codec.decode(sl).item)
		if _, err = bw.Write(buf); err == nil {
			n++
		}
		return err == nil
	})
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// ImportTable writes the items of an export file read from r (see
// ExportTable; gzipped or not) to the existing table called name, as
// ImportItems does through the engine's Client, and returns how many it
// wrote.
func (e *Engine) ImportTable(ctx context.Context, name string, r io.Reader) (int64, error) {
	return ImportItems(ctx, e.Client(), name, r)
}

// lineReader reads the items of an export file, one per line; blank
// lines are skipped.
type lineReader struct {
	sc   *bufio.Scanner
	line int
}

// newLineReader reads r, gunzipping it when it starts as gzip does.
func newLineReader(r io.Reader) (*lineReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		r = zr
	} else {
		r = br
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxImportLine)
	return &lineReader{sc: sc}, nil
}

// next returns the next item, or io.EOF after the last.
func (lr *lineReader) next() (ddbtype.Item, error) {
	for lr.sc.Scan() {
		lr.line++
		b := bytes.TrimSpace(lr.sc.Bytes())
		if len(b) == 0 {
			continue
		}
		item, err := parseExportLine(b)
		if err != nil {
			return nil, &ImportError{Line: lr.line, Err: err}
		}
		return item, nil
	}
	if err := lr.sc.Err(); err != nil {
		return nil, &ImportError{Line: lr.line + 1, Err: err}
	}
	return nil, io.EOF
}

// parseExportLine parses one line of an export: {"Item":{...}} with a
// valid, non-empty item.
func parseExportLine(b []byte) (ddbtype.Item, error) {
	var l exportLine
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("more than one JSON value")
	}
	if len(l.Item) == 0 {
		return nil, errors.New(`no "Item", or an empty one`)
	}
	return l.Item, nil
}
