package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/dokklib/db/local"
)

// maxHeaderBytes bounds what the server reads of a request's head. The
// engine refuses heads over 8 KB itself, with DynamoDB Local's statuses;
// net/http answers 431 to the larger ones it does not read.
const maxHeaderBytes = 64 << 10

// shutdownTimeout bounds how long requests in flight may take to finish
// once the server is asked to stop.
const shutdownTimeout = 10 * time.Second

// run serves the engine until ctx is done, then lets requests in flight
// finish and closes the engine. Should some outlast the shutdown timeout,
// the server drops their connections, and eng.Close still waits for their
// handlers to end, so that none writes half its change to a closed file.
// ready, if not nil, is called with the listening address.
func run(ctx context.Context, c *config, log *slog.Logger, ready func(net.Addr)) error {
	eng, err := openEngine(c, log)
	if err != nil {
		return err
	}
	err = listenAndServe(ctx, c, log, eng, ready)
	if cerr := eng.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if err == nil {
		log.Info("stopped")
	}
	return err
}

// openEngine returns the engine, on disk with -data or else in memory,
// with the faults of -fault.
func openEngine(c *config, log *slog.Logger) (*local.Engine, error) {
	var eng *local.Engine
	if c.data == "" {
		eng = local.New(c.engineOptions()...)
	} else {
		start := time.Now()
		var err error
		if eng, err = local.Open(c.data, c.engineOptions()...); err != nil {
			return nil, err
		}
		log.Info("data opened", "dir", c.data, "took", time.Since(start))
	}
	for _, f := range c.faults {
		if _, err := eng.Faults().Add(f); err != nil {
			_ = eng.Close()
			return nil, fmt.Errorf("-fault: %w", err)
		}
	}
	return eng, nil
}

// listenAndServe serves eng on the configured address until ctx is done,
// then shuts the HTTP server down gracefully.
func listenAndServe(ctx context.Context, c *config, log *slog.Logger, eng *local.Engine, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           logRequests(log, routes(eng, c.admin)),
		ReadHeaderTimeout: 10 * time.Second,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String(), "endpoint", "http://"+ln.Addr().String(),
		"data", dataDesc(c.data), "sharedDB", c.sharedDB, "auth", len(c.credentials) > 0, "admin", c.admin, "faults", len(c.faults))
	if ready != nil {
		ready(ln.Addr())
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		_ = srv.Close()
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// dataDesc describes where the data lives, for the log.
func dataDesc(dir string) string {
	if dir == "" {
		return "memory"
	}
	return dir
}
