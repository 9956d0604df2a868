package oci

import (
	"math"
	"strconv"

	specs "github.com/opencontainers/runtime-spec/specs-go"
)

// WithUser sets the process uid from the image's USER value.
func WithUser(spec *specs.Spec, user string) error {
	v, err := strconv.Atoi(user)
	if err != nil || v < 0 || v > math.MaxInt32 {
		return lookupName(spec, user)
	}
	spec.Process.User.UID = uint32(v)
	g, err := strconv.ParseUint(user, 10, 32)
	if err != nil {
		return err
	}
	spec.Process.User.GID = uint32(g)
	return nil
}
