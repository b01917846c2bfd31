// Command dokklib-local serves the embedded DynamoDB engine of
// github.com/dokklib/db/local over HTTP, for any DynamoDB client:
//
//	dokklib-local -addr 127.0.0.1:8000
//	aws dynamodb list-tables --endpoint-url http://127.0.0.1:8000
//
// Data lives in memory and is lost when the server stops. SIGINT or
// SIGTERM shut it down gracefully.
package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/dokklib/db/local"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8000", "address to listen on")
	ttl := flag.Duration("ttl-interval", time.Second, "how often expired TTL items are deleted (0 disables)")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(*addr, *ttl, log); err != nil {
		log.Error("server failed", "err", err)
		os.Exit(1)
	}
}

// run serves the engine on addr until SIGINT or SIGTERM.
func run(addr string, ttl time.Duration, log *slog.Logger) error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	eng := local.New(local.WithTTLInterval(ttl))
	defer eng.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: eng, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String(), "endpoint", "http://"+ln.Addr().String())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}
