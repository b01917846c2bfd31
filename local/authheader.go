package local

import (
	"strings"
)

// sigV4Algorithm is the only signing algorithm DynamoDB accepts.
const sigV4Algorithm = "AWS4-HMAC-SHA256"

// authorization is a parsed Signature Version 4 Authorization header:
//
//	AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/dynamodb/aws4_request,
//	SignedHeaders=host;x-amz-date;x-amz-target, Signature=hex
type authorization struct {
	accessKey     string
	date          string // yyyymmdd of the credential scope
	region        string
	service       string
	signedHeaders []string // lower case, as signed
	signature     string
}

// parseAuthorization parses an Authorization header. A header that is not
// a complete Signature Version 4 one is DynamoDB's
// IncompleteSignatureException, naming what is missing.
func parseAuthorization(h string) (*authorization, error) {
	alg, rest, _ := strings.Cut(strings.TrimSpace(h), " ")
	if alg != sigV4Algorithm {
		return nil, incompleteSignatureErr("Authorization header requires '" + sigV4Algorithm + "' algorithm. Authorization=" + h)
	}
	params := map[string]string{}
	for part := range strings.SplitSeq(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		params[k] = v
	}
	var missing []string
	for _, k := range []string{"Credential", "Signature", "SignedHeaders"} {
		if params[k] == "" {
			missing = append(missing, "Authorization header requires '"+k+"' parameter.")
		}
	}
	scope := strings.Split(params["Credential"], "/")
	if len(missing) == 0 && (len(scope) != 5 || scope[4] != "aws4_request") {
		missing = append(missing, "Credential should have 5 parts separated by '/' ending in 'aws4_request'.")
	}
	if len(missing) > 0 {
		return nil, incompleteSignatureErr(strings.Join(missing, " ") + " Authorization=" + h)
	}
	return &authorization{
		accessKey: scope[0], date: scope[1], region: scope[2], service: scope[3],
		signedHeaders: strings.Split(params["SignedHeaders"], ";"),
		signature:     params["Signature"],
	}, nil
}

// Errors of request authentication, as DynamoDB answers them.

func missingAuthErr() *apiError {
	return &apiError{status: 400, typ: nsCoral + "MissingAuthenticationTokenException", msg: "Request is missing Authentication Token"}
}

func unrecognizedClientErr() *apiError {
	return &apiError{status: 400, typ: nsCoral + "UnrecognizedClientException", msg: "The security token included in the request is invalid."}
}

func invalidSignatureErr(msg string) *apiError {
	return &apiError{status: 400, typ: nsCoral + "InvalidSignatureException", msg: msg}
}

func incompleteSignatureErr(msg string) *apiError {
	return &apiError{status: 400, typ: nsCoral + "IncompleteSignatureException", msg: msg}
}

// msgSignatureMismatch is DynamoDB's message for a wrong signature.
const msgSignatureMismatch = "The request signature we calculated does not match the signature you provided. " +
	"Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
