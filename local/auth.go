package local

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// WithCredentials makes the engine check the AWS Signature Version 4 of
// every request against the given credentials, secret access keys by
// access key ID, and answer as DynamoDB does a request that is not signed
// (MissingAuthenticationTokenException), signed with an unknown key
// (UnrecognizedClientException) or signed wrongly
// (InvalidSignatureException). Any region is accepted; the service must
// be dynamodb. Unlike DynamoDB, the engine does not check session tokens
// or how old a signature is, and takes no presigned URLs. Engine.Client
// signs with the first access key in sorted order. Without credentials
// (the default), requests are not authenticated.
func WithCredentials(secrets map[string]string) Option {
	return func(o *options) {
		if len(secrets) == 0 {
			o.auth = nil
			return
		}
		o.auth = &verifier{secrets: secrets, signer: v4.NewSigner()}
	}
}

// verifier checks request signatures by signing a copy of each request
// with the SDK's signer and comparing the signatures.
type verifier struct {
	secrets map[string]string
	signer  *v4.Signer
}

// amzDateFormat is the layout of the X-Amz-Date header.
const amzDateFormat = "20060102T150405Z"

// verify checks the signature of r, whose raw body is body.
func (v *verifier) verify(r *http.Request, body []byte) error {
	h := r.Header.Get("Authorization")
	if h == "" {
		return missingAuthErr()
	}
	a, err := parseAuthorization(h)
	if err != nil {
		return err
	}
	secret, ok := v.secrets[a.accessKey]
	if !ok {
		return unrecognizedClientErr()
	}
	if a.service != "dynamodb" {
		return invalidSignatureErr("Credential should be scoped to correct service: 'dynamodb'. ")
	}
	at, err := time.Parse(amzDateFormat, r.Header.Get("X-Amz-Date"))
	if err != nil {
		return incompleteSignatureErr("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + h)
	}
	want, err := v.sign(r, body, a, aws.Credentials{AccessKeyID: a.accessKey, SecretAccessKey: secret}, at)
	if err != nil || !hmac.Equal([]byte(want), []byte(a.signature)) {
		return invalidSignatureErr(msgSignatureMismatch)
	}
	return nil
}

// sign returns the signature of r as the client should have computed it:
// a copy of r with only the headers the client signed, signed by the
// SDK's signer.
func (v *verifier) sign(r *http.Request, body []byte, a *authorization, creds aws.Credentials, at time.Time) (string, error) {
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	c := &http.Request{
		Method: r.Method,
		URL:    &url.URL{Scheme: scheme, Host: host, Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery},
		Host:   host,
		Header: make(http.Header, len(a.signedHeaders)),
	}
	for _, name := range a.signedHeaders {
		switch name {
		case "host", "x-amz-date": // the signer adds them
		case "content-length":
			c.ContentLength = int64(len(body))
		default:
			// A lower-case key escapes the signer's list of headers it
			// never signs (User-Agent, Expect, ...), which some clients
			// do sign.
			c.Header[name] = r.Header.Values(name)
		}
	}
	sum := sha256.Sum256(body)
	if err := v.signer.SignHTTP(context.Background(), creds, c, hex.EncodeToString(sum[:]), a.service, a.region, at); err != nil {
		return "", err
	}
	signed, err := parseAuthorization(c.Header.Get("Authorization"))
	if err != nil {
		return "", err
	}
	return signed.signature, nil
}

// first returns the first access key in sorted order and its secret.
func (v *verifier) first() (string, string) {
	keys := make([]string, 0, len(v.secrets))
	for k := range v.secrets {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys[0], v.secrets[keys[0]]
}
