package main

import (
	"fmt"

	flowpb "github.com/cilium/cilium/api/v1/flow"
	"google.golang.org/protobuf/encoding/protojson"
)

// hubbleFlow decodes one sample with a new parser (no state carried between samples) and
// prints the flow as protojson with proto field names, or the parser's error.
func hubbleFlow(data []byte) string {
	var f flowpb.Flow
	var err error
	if len(data) > 0 && data[0] == 7 {
		err = newSockParser().Decode(data, &f)
	} else {
		err = newThreeFourParser().Decode(data, &f)
	}
	if err != nil {
		return fmt.Sprintf("ERROR: %v\n", err)
	}
	b, err := protojson.MarshalOptions{UseProtoNames: true}.Marshal(&f)
	if err != nil {
		return fmt.Sprintf("MARSHAL ERROR: %v\n", err)
	}
	return string(b) + "\n"
}
