// Command saas runs the SaaS backend of package app, a small multi-tenant
// service on one DynamoDB table, through a scripted demo: users sign up,
// create orgs and join them, rename projects at a version, list tasks by
// due date and status, page through them over HTTP, and delete an org
// with everything it holds. It prints what each step found.
//
// It runs on the embedded engine of package local, in process, or on the
// DynamoDB endpoint in DYNAMODB_ENDPOINT when it is set, with the
// credentials and region of the default AWS configuration. The table is
// deleted at the end.
//
//	go run ./examples/saas                    the demo
//	go run ./examples/saas -http :8080        the demo, then the API until ^C
package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dokklib/db"
	"github.com/dokklib/db/examples/saas/app"
	"github.com/dokklib/db/local"
)

func main() {
	addr := flag.String("http", "", "after the demo, serve the API on `address` until interrupted")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	client, err := newClient(ctx)
	if err != nil {
		log.Fatal(err)
	}
	if err := run(ctx, client, "SaaSDemo", *addr, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// newClient returns a client for DYNAMODB_ENDPOINT if it is set, and for
// an in-process engine otherwise.
func newClient(ctx context.Context) (db.Client, error) {
	ep := os.Getenv("DYNAMODB_ENDPOINT")
	if ep == "" {
		return local.New().Client(), nil
	}
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	return dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.BaseEndpoint = &ep }), nil
}

// run creates the app's table, named name, runs the demo on it, writing
// to w, then serves the API on addr unless it is empty, until ctx ends;
// and drops the table.
func run(ctx context.Context, client db.Client, name, addr string, w io.Writer) (err error) {
	table := db.NewTable(client, name, app.TableOptions()...)
	s, err := app.New(table)
	if err != nil {
		return err
	}
	if err := table.Create(ctx); err != nil {
		return err
	}
	defer func() { err = errors.Join(err, table.Drop(context.WithoutCancel(ctx))) }()
	if err := demo(ctx, s, w); err != nil || addr == "" {
		return err
	}
	return serve(ctx, addr, app.NewHandler(s))
}

// serve serves h on addr until ctx ends.
func serve(ctx context.Context, addr string, h http.Handler) error {
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Printf("serving the API on %s", addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
