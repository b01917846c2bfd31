package local

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Content codings of request and response bodies: DynamoDB takes request
// bodies compressed with gzip or deflate (the zlib format, RFC 9110
// section 8.4.1.2) and compresses responses of compressionMinBytes or more
// with either when the client accepts it (scylladb test/alternator
// test_compressed_request.py and test_compressed_response.py, run on
// DynamoDB).
const (
	codingGzip    = "gzip"
	codingDeflate = "deflate"

	// compressionMinBytes is the smallest response body DynamoDB
	// compresses: 4 KB.
	compressionMinBytes = 4096
)

// codingErr is DynamoDB's answer to a body it cannot decode: a 500, so
// that SDKs retry it, as DynamoDB does for an unknown Content-Encoding or
// a body that is not what it claims to be.
func codingErr(why string) *apiError {
	return &apiError{status: http.StatusInternalServerError, typ: nsDynamoDB + "InternalServerError",
		msg: "Internal server error: " + why}
}

// decodeBody undoes the Content-Encoding of a request body; read reads
// the decoded body within the size limit.
func decodeBody(coding string, body []byte, read func(io.Reader) ([]byte, error)) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(coding)) {
	case "", "identity":
		return body, nil
	case codingGzip:
		return read(codingReader{&gzipMembers{src: bufio.NewReader(bytes.NewReader(body))}, "the request body is not gzip data"})
	case codingDeflate:
		const why = "the request body is not deflate (zlib) data"
		zr, err := zlib.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, codingErr(why)
		}
		return read(codingReader{zr, why})
	}
	return nil, codingErr("unsupported Content-Encoding " + strconv.Quote(coding))
}

// codingReader reads a decompressing reader, its errors turned into the
// InternalServerError of codingErr.
type codingReader struct {
	r   io.Reader
	why string
}

func (c codingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil && err != io.EOF {
		err = codingErr(c.why)
	}
	return n, err
}

// gzipMembers reads the members of a gzip stream one after the other.
// Bytes after the last member that do not start another are ignored, as
// DynamoDB ignores them (test_gzip_request_with_extra_junk is marked
// dynamodb_bug in scylladb's tests); a body that holds no whole member is
// refused.
type gzipMembers struct {
	src  *bufio.Reader
	zr   *gzip.Reader
	read int // members begun
}

// Read reads the decompressed stream.
func (g *gzipMembers) Read(p []byte) (int, error) {
	for {
		if g.zr == nil {
			if err := g.next(); err != nil {
				return 0, err
			}
		}
		n, err := g.zr.Read(p)
		if err == io.EOF {
			g.zr = nil
			if n == 0 {
				continue
			}
			err = nil
		}
		return n, err
	}
}

// next starts the next member, or ends the stream.
func (g *gzipMembers) next() error {
	if _, err := g.src.Peek(1); err != nil && g.read > 0 {
		return io.EOF
	}
	zr, err := gzip.NewReader(g.src)
	if err != nil {
		if g.read > 0 && (errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF)) {
			return io.EOF // trailing bytes that are not a member
		}
		if err == io.EOF {
			err = io.ErrUnexpectedEOF // an empty body is no gzip stream
		}
		return err
	}
	zr.Multistream(false)
	g.zr, g.read = zr, g.read+1
	return nil
}

// responseCoding returns the coding to compress a response body of size
// bytes with, "" for none: the supported coding the request's last
// Accept-Encoding header prefers (see acceptedCoding).
func responseCoding(r *http.Request, size int) string {
	if size < compressionMinBytes {
		return ""
	}
	values := r.Header["Accept-Encoding"]
	if len(values) == 0 {
		return ""
	}
	return acceptedCoding(values[len(values)-1])
}

// acceptedCoding chooses gzip or deflate from an Accept-Encoding header as
// DynamoDB does: the coding with the highest quality wins, ties going to
// the one listed first; "*" stands for the codings not listed, gzip before
// deflate, and loses ties to those listed; a quality is clamped to [0, 1],
// one that does not parse counts as 1, and q=0 refuses the coding.
// "identity" and unknown codings are ignored.
func acceptedCoding(header string) string {
	var listed [2]float64 // gzip, deflate; -1: not listed
	listed[0], listed[1] = -1, -1
	var order []int // listed codings, in order of first mention
	star := -1.0
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		q := quality(params)
		switch strings.ToLower(strings.TrimSpace(name)) {
		case codingGzip:
			order = mention(order, &listed, 0, q)
		case codingDeflate:
			order = mention(order, &listed, 1, q)
		case "*":
			star = max(star, q)
		}
	}
	return bestCoding(order, listed, star)
}

// mention records a listing of coding i with quality q, keeping the
// highest quality of repeated listings.
func mention(order []int, listed *[2]float64, i int, q float64) []int {
	if listed[i] < 0 {
		order = append(order, i)
	}
	listed[i] = max(listed[i], q)
	return order
}

// bestCoding picks the coding of highest quality: the listed ones in
// order, then those only "*" accepts.
func bestCoding(order []int, listed [2]float64, star float64) string {
	names := [2]string{codingGzip, codingDeflate}
	best, bestQ := "", 0.0
	for _, i := range order {
		if listed[i] > bestQ {
			best, bestQ = names[i], listed[i]
		}
	}
	for i, q := range listed {
		if q < 0 && star > bestQ {
			best, bestQ = names[i], star
		}
	}
	return best
}

// quality returns the q parameter among an Accept-Encoding entry's
// parameters: the first one, clamped to [0, 1]; 1 when absent or not a
// number.
func quality(params string) float64 {
	for p := range strings.SplitSeq(params, ";") {
		k, v, ok := strings.Cut(p, "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return 1
		}
		return min(max(q, 0), 1)
	}
	return 1
}

// Compressors are pooled: a flate compressor allocates about 1 MB.
var (
	gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}
	zlibWriters = sync.Pool{New: func() any { return zlib.NewWriter(nil) }}
)

// compressor is gzip.Writer or zlib.Writer.
type compressor interface {
	io.WriteCloser
	Reset(io.Writer)
}

// compress returns b compressed with coding.
func compress(coding string, b []byte) ([]byte, error) {
	pool := &gzipWriters
	if coding == codingDeflate {
		pool = &zlibWriters
	}
	zw := pool.Get().(compressor)
	defer pool.Put(zw)
	var buf bytes.Buffer
	buf.Grow(len(b) / 2)
	zw.Reset(&buf)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
