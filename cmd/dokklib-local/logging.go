package main

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// newLogger returns a logger writing records of level and above to w in
// format: "json", or else text.
func newLogger(w io.Writer, level slog.Level, format string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// logRequests logs each request answered by h: at debug level, and at
// error level when the engine failed (a 5xx status).
func logRequests(log *slog.Logger, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		level := slog.LevelDebug
		if rec.status >= http.StatusInternalServerError {
			level = slog.LevelError
		}
		if !log.Enabled(r.Context(), level) {
			return
		}
		op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "DynamoDB_20120810.")
		log.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("op", op),
			slog.Int("status", rec.status), slog.Duration("took", time.Since(start)),
			slog.String("remote", r.RemoteAddr), slog.String("requestId", w.Header().Get("x-amzn-RequestId")))
	})
}

// statusRecorder remembers the status a handler answers.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(status int) {
	s.status = status
	s.ResponseWriter.WriteHeader(status)
}
